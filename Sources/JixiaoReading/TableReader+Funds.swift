import Foundation
import JixiaoModel

/// The funds block of a scored table: its header (年初预算数 | 全年预算数 | 全年执行数 | 分值 |
/// 执行率 | 得分, in whatever order) and its rows by source (年度资金总额, 财政拨款, 上年结转 …).
extension TableReader {
    enum FundColumn { case initial, fullYear, executed, weight, rate, score, deviation }

    static func fundColumn(_ key: String) -> FundColumn? {
        // Every cell of a funds row is asked: one pass turns away those that hold no header's word.
        guard fundHeaderWords.occurs(in: key) else { return nil }
        for header in fundHeaders where header.match.holds(header.word, in: key) { return header.column }
        return nil
    }

    /// How a key holds a header's word.
    enum HeaderMatch {
        case within, start, whole

        func holds(_ word: String, in key: String) -> Bool {
            switch self {
            case .within: key.has(word)
            case .start: key.begins(with: word)
            case .whole: key.isExactly(word)
            }
        }
    }

    /// The funds columns' headers, in the order they are tried.
    static let fundHeaders: [(word: String, match: HeaderMatch, column: FundColumn)] = [
        ("年初预算", .within, .initial),
        ("调整后预算", .within, .fullYear), ("全年预算", .within, .fullYear),
        ("调整预算", .within, .fullYear),
        ("预算数", .start, .fullYear), ("预算金额", .start, .fullYear), ("预算资金", .start, .fullYear),
        ("执行数", .within, .executed), ("实际支出", .within, .executed), ("决算数", .within, .executed),
        ("执行率", .within, .rate),
        ("分值", .start, .weight), ("权重", .whole, .weight), ("满分", .whole, .weight),
        ("得分", .within, .score),
        ("偏差原因", .start, .deviation),
    ]

    /// The rows that end the funds block.
    private static let fundsEndWords = WordList([
        "年度总体目标", "一级指标", "按收入性质", "预期目标",
    ])

    /// Every header holds its word.
    private static let fundHeaderWords = WordList(fundHeaders.map(\.word))

    static func fundKind(_ key: String) -> FundRow.Kind? {
        if key.has("资金总额") || key.isExactly("合计") || key.isExactly("总计") || key.isExactly("总额") {
            return .total
        }
        if key.has("上年结转") || key.has("结转资金") { return .carryOver }
        if key.has("财政拨款") || key.has("当年拨款") || key.has("本级财政") { return .current }
        if key.isExactly("财政资金") || key.isExactly("其中:财政资金") { return .current }
        if key.begins(with: "其他资金") || key.isExactly("单位资金")
            || key.isExactly("财政专户管理资金")
        {
            return .other
        }
        return nil
    }

    /// Reads the funds header (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分, in
    /// whatever order) and every fund row below it, mapping values by the header's order.
    mutating func funds() -> Funds {
        var funds = Funds()
        guard
            let h = rows.firstIndex(where: { row in
                let columns = row.cells.compactMap { Self.fundColumn($0.key) }
                return columns.contains(.executed) && (columns.contains(.initial) || columns.contains(.fullYear))
            })
        else { return funds }
        used.insert(h)
        let header = rows[h]
        var columns: [FundColumn] = []
        for cell in header.cells {
            guard let column = Self.fundColumn(cell.key) else { continue }
            columns.append(column)
            if column == .fullYear {
                funds.budgetLabel = cell.key.has("调整后") ? "调整后预算数" : "全年预算数"
            }
        }
        let saysYuan = header.cells.contains { $0.key.has("(元)") || $0.key.ends(with: "(元") }
        let saysWanYuan = header.cells.contains { $0.key.has("万元") }
        let inYuan = !saysWanYuan && (saysYuan || amountsInYuan)
        funds.convertedFromYuan = inYuan
        let divisor: Decimal = inYuan ? 10000 : 1
        var r = h + 1
        while r < rows.count {
            let row = rows[r]
            if row.holds(Self.fundsEndWords) { break }
            guard let li = row.index(where: { Self.fundKind($0) != nil }),
                let kind = Self.fundKind(row.cells[li].key)
            else {
                r += 1
                continue
            }
            used.insert(r)
            let values = Array(row.cells.dropFirst(li + 1))
            var fund = FundRow(label: row.cells[li].text, kind: kind, line: row.cells[li].line)
            for (column, cell) in zip(columns, values) {
                let name: String
                let parsed: (Figure, problem: String?)
                switch column {
                case .initial:
                    parsed = Labels.amount(cell, divisor: divisor)
                    name = "年初预算数"
                    fund.initial = parsed.0
                case .fullYear:
                    parsed = Labels.amount(cell, divisor: divisor)
                    name = funds.budgetLabel
                    fund.fullYear = parsed.0
                case .executed:
                    parsed = Labels.amount(cell, divisor: divisor)
                    name = "全年执行数"
                    fund.executed = parsed.0
                case .weight:
                    parsed = Labels.number(cell)
                    name = "分值"
                    fund.weight = parsed.0
                case .rate:
                    parsed = Labels.rate(cell)
                    name = "执行率"
                    fund.rate = parsed.0
                case .score:
                    parsed = Labels.number(cell)
                    name = "得分"
                    fund.score = parsed.0
                case .deviation:
                    parsed = (Figure(nil, text: cell.text, line: cell.line), nil)
                    name = "偏差原因"
                    if !cell.isEmpty, funds.deviation == nil { funds.deviation = Located(cell.text, line: cell.line) }
                }
                if let problem = parsed.problem {
                    warn(cell.line, "\(fund.label) \(name) '\(cell.text)' is \(problem); read as blank")
                }
            }
            if values.count > columns.count, values.dropFirst(columns.count).contains(where: { !$0.isEmpty }) {
                let extra = values.dropFirst(columns.count).filter { !$0.isEmpty }.map(\.text).joined(separator: " | ")
                warn(row.line, "\(fund.label): cells beyond the \(columns.count) fund columns were ignored: \(extra)")
            }
            funds.rows.append(fund)
            r += 1
        }
        return funds
    }
}
