import Foundation
import JixiaoModel

/// Reads the blocks that 项目支出绩效自评表 and 部门整体支出绩效自评表 share — the funds
/// block, the annual goal and the indicator tree — by their labels, whatever row or
/// column they sit in. Rows it uses are marked, so what is left can be reported.
package struct TableReader {
    package var rows: [Row]
    package var used: RowMarks
    package var warnings: [ReadWarning] = []

    /// Amounts whose header names no unit are in 元 (a `单位：元` line above the table).
    package var amountsInYuan = false

    package init(rows: [Row], amountsInYuan: Bool = false) {
        self.rows = rows
        self.used = RowMarks(count: rows.count)
        self.amountsInYuan = amountsInYuan
    }

    /// The rows a reader has taken, by index: a flag a row, where a `Set` hashed every index
    /// marked and asked. An index past the rows marks nothing, as it matched no row in the set.
    package struct RowMarks {
        private var marks: [Bool]

        init(count: Int) { marks = Array(repeating: false, count: count) }

        mutating func insert(_ row: Int) {
            if marks.indices.contains(row) { marks[row] = true }
        }

        func contains(_ row: Int) -> Bool { marks.indices.contains(row) && marks[row] }
    }

    mutating func warn(_ line: Int, _ message: String) { warnings.append(ReadWarning(line: line, message: message)) }

    /// The value cell after the label cell matching `test`, e.g. 项目名称 → 劳模服务. Handles
    /// `项目名称:劳模服务` in one cell too.
    mutating func value(after test: (String) -> Bool) -> Located? {
        for (r, row) in rows.enumerated() {
            guard let i = row.index(where: test) else { continue }
            used.insert(r)
            let cell = row.cells[i]
            if let (_, after) = cell.text.splitAtColon(last: false) {
                let rest = Labels.trim(after)
                if !rest.isEmpty { return Located(rest, line: cell.line) }
            }
            if i + 1 < row.cells.count {
                let next = row.cells[i + 1]
                return Located(Labels.isPlaceholder(next.text) ? "" : next.text, line: next.line)
            }
            return Located("", line: cell.line)
        }
        return nil
    }

    /// The part every scored table has, read in the order the tables lay it out: the funds,
    /// whatever sits between the funds and the goal (`between`), the goal, then the indicators.
    mutating func scoredTable(
        _ kind: ScoredTable.Kind, line: Int, between: (inout TableReader) -> Void = { _ in }
    ) -> ScoredTable {
        var table = ScoredTable(kind: kind, line: line)
        table.funds = funds()
        between(&self)
        table.goal = goal()
        let tree = indicators()
        table.indicators = tree.indicators
        table.reportedTotal = tree.total
        table.remarks = remarks()
        return table
    }

    // MARK: Goal

    /// 年度总体目标: under a 预期目标 | 实际完成情况 header, or beside the label itself.
    mutating func goal() -> Goal? {
        let isGoalHeader = { (row: Row) in
            row.has("预期目标") || row.index { $0.isExactly("项目年度目标") } != nil
        }
        if let h = rows.firstIndex(where: isGoalHeader) {
            used.insert(h)
            let header = rows[h]
            let e = header.index { $0.has("预期目标") || $0.isExactly("项目年度目标") } ?? 1
            let a = header.index { $0.has("实际完成") || $0.has("完成情况") } ?? e + 1
            guard h + 1 < rows.count else { return nil }
            let data = rows[h + 1]
            used.insert(h + 1)
            let shift = data.cells.count < header.cells.count ? data.cells.count - header.cells.count : 0
            func cell(_ i: Int) -> Located {
                let j = i + shift
                guard j >= 0, j < data.cells.count else { return Located("", line: data.line) }
                return Located(data.cells[j].text, line: data.cells[j].line)
            }
            return Goal(expected: cell(e), actual: cell(a))
        }
        guard let r = rows.firstIndex(where: { $0.has("年度总体目标") }) else { return nil }
        used.insert(r)
        let cells = rows[r].cells.drop { !$0.key.has("年度总体目标") }.dropFirst().filter { !$0.isEmpty }
        guard let first = cells.first else { return nil }
        let second = cells.dropFirst().first
        return Goal(
            expected: Located(first.text, line: first.line), actual: Located(second?.text ?? "", line: second?.line))
    }

    // MARK: Indicators

    enum IndicatorColumn: Equatable {
        case lead, level1, level2, level3, target, sign, unit, actual, weight, score, deviation
    }

    static func indicatorColumn(_ key: String) -> IndicatorColumn {
        if key.has("一级指标") { return .level1 }
        if key.has("二级指标") { return .level2 }
        if key.has("三级指标") { return .level3 }
        if key.has("偏差") || key.has("原因") { return .deviation }
        if key.has("实际完") || key.has("完成值") || key.has("实际值") { return .actual }
        if key.has("指标性质") || key.has("指标方向") || key.isExactly("符号") { return .sign }
        if key.has("度量单位") || key.has("计量单位") { return .unit }
        if key.has("指标值") || key.has("目标值") { return .target }
        if key.has("得分") { return .score }
        if key.begins(with: "分值") || key.isExactly("权重") || key.isExactly("满分") { return .weight }
        return .lead
    }

    /// What a 符号 (sign) column holds when it gives no comparison.
    static let signPlaceholders = ["定性", "定量", "——", "/"]

    /// Reads the indicator header and every row below it up to 总分, carrying 一级 and
    /// 二级 names down from merged cells. Placeholder rows (三级 blank, 无, ——) are skipped.
    mutating func indicators() -> (indicators: [Indicator], total: Figure) {
        guard
            let h = rows.firstIndex(where: {
                $0.has("一级指标") && ($0.has("三级指标") || $0.has("二级指标"))
            })
        else {
            return ([], .blank)
        }
        used.insert(h)
        let columns = rows[h].cells.map { Self.indicatorColumn($0.key) }
        var result: [Indicator] = []
        var total = Figure.blank
        var level1 = ""
        var level1Weight: Decimal? = nil
        var level2 = ""
        for r in (h + 1)..<rows.count {
            let row = rows[r]
            if let t = row.index(where: Vocabulary.isTotalLabel) {
                used.insert(r)
                if let cell = row.cells[(t + 1)...].first(where: { !$0.isEmpty }) {
                    let parsed = Labels.number(cell)
                    total = parsed.0
                    if let problem = parsed.problem { warn(cell.line, "总分 '\(cell.text)' is \(problem)") }
                } else {
                    total = Figure(nil, text: "", line: row.cells[t].line)
                }
                break
            }
            if row.isBlank {
                used.insert(r)
                continue
            }
            let offset = Self.bestOffset(row, columns)
            func text(_ column: IndicatorColumn) -> Cell? {
                guard let c = columns.firstIndex(of: column) else { return nil }
                let i = c + offset
                return i >= 0 && i < row.cells.count ? row.cells[i] : nil
            }
            // Asked by `case`: `!= nil` compared two optional cells through the runtime's tuple copies.
            guard case .some = text(.level3) ?? text(.level2) else { continue }
            used.insert(r)
            if let c = text(.level1), !c.isEmpty {
                if case .number = c.value {
                    warn(c.line, "一级指标 '\(c.text)' is a number, not a name: the row's cells may be shifted")
                }
                let parsed = Labels.level1(c.text, key: c.key)
                if parsed.name != "绩效指标" {
                    level1 = parsed.name
                    level1Weight = parsed.weight
                    level2 = ""
                }
            }
            if let c = text(.level2), !c.isEmpty { level2 = Labels.trim(c.text) }
            guard let l3 = text(.level3), !l3.isEmpty else { continue }
            var target = text(.target).flatMap { $0.isEmpty ? nil : $0.text }
            if columns.contains(.sign) || columns.contains(.unit) {
                var sign = text(.sign)?.text ?? ""
                if Labels.norm(sign).isOne(of: Self.signPlaceholders) { sign = "" }
                let unit = text(.unit).flatMap { $0.isEmpty ? nil : $0.text } ?? ""
                if let value = target { target = sign + value + unit }
            }
            let weight = text(.weight).map { Labels.number($0) } ?? (Figure.blank, problem: nil)
            let score = text(.score).map { Labels.number($0) } ?? (Figure.blank, problem: nil)
            if let p = weight.problem {
                warn(weight.0.line ?? l3.line, "indicator \(l3.text): 分值 '\(weight.0.text)' is \(p)")
            }
            if let p = score.problem {
                warn(score.0.line ?? l3.line, "indicator \(l3.text): 得分 '\(score.0.text)' is \(p)")
            }
            let deviation = text(.deviation).flatMap { $0.isEmpty ? nil : $0.text }
            result.append(
                Indicator(
                    level1: level1, level1Weight: level1Weight, level2: level2, level3: Labels.trim(l3.text),
                    target: target, actual: text(.actual).flatMap { $0.isEmpty ? nil : $0.text },
                    weight: weight.0, score: score.0, deviation: deviation, line: l3.line))
        }
        return (result, total)
    }

    private static let unread: Int8 = .min  // a cell `bestOffset` has not read yet

    /// How far a data row is shifted against the header: 0 when it lines up; −1 when the
    /// merged lead cell is missing; chosen by which reading puts numbers under 分值 and 得分.
    static func bestOffset(_ row: Row, _ columns: [IndicatorColumn]) -> Int {
        let count = row.cells.count
        // Each cell is judged once for all five offsets, into room on the stack: as a value where it
        // falls under 分值 or 得分, as a name where under 一级/二级指标.
        return withUnsafeTemporaryAllocation(of: Int8.self, capacity: 2 * count) { judged in
            judged.initialize(repeating: unread)
            func valueScore(_ i: Int) -> Int {
                if judged[i] == unread {
                    switch Labels.valueKind(key: row.cells[i].key) {
                    case .number: judged[i] = 3
                    case .blank: judged[i] = 1
                    case .text: judged[i] = -3
                    }
                }
                return Int(judged[i])
            }
            func nameScore(_ i: Int) -> Int {
                if judged[count + i] == unread {  // the cell read where it is: a copy retains its strings
                    judged[count + i] = row.cells[i].isEmpty ? 0 : row.cells[i].key.has("指标") ? 2 : -1
                }
                return Int(judged[count + i])
            }
            var best = 0
            var bestScore = Int.min
            for offset in [0, -1, 1, -2, 2] {
                var score = offset == 0 ? 2 : 0  // a row as long as the header almost always lines up
                for c in columns.indices {
                    let i = c + offset
                    let present = i >= 0 && i < count
                    switch columns[c] {
                    case .weight, .score: if present { score += valueScore(i) }
                    case .level1, .level2: if present { score += nameScore(i) }
                    case .level3: if !present { score -= 2 }
                    default: break
                    }
                }
                if score > bestScore { (best, bestScore) = (offset, score) }
            }
            return best
        }
    }

    // MARK: Remarks

    /// Rows of text around the scored blocks (评价结论 …, signatures) and the 年度主要任务
    /// block, each as a label and its text.
    mutating func remarks() -> [Remark] {
        var remarks: [Remark] = []
        var inTasks = false
        for (r, row) in rows.enumerated() {
            if used.contains(r) {
                inTasks = false
                continue
            }
            guard let first = row.cells.first(where: { !$0.isEmpty }) else { continue }
            if first.key.isExactly("年度主要任务") || row.has("任务名称") && row.has("主要内容") {
                used.insert(r)
                inTasks = true
                continue
            }
            let rest = row.cells.drop { $0 != first }.dropFirst().filter { !$0.isEmpty }
            let text = Located(rest.map(\.text).joined(separator: " "), line: rest.first?.line ?? first.line)
            if Vocabulary.isRemarkLabel(first.key) || Vocabulary.isRemarkLine(first.key) {
                inTasks = false
                used.insert(r)
                remarks.append(Remark(label: Vocabulary.bareLabel(first.key), text: text))
            } else if inTasks, row.cells.count <= 3 {
                used.insert(r)
                remarks.append(Remark(label: first.text, text: text))
            } else {
                inTasks = false
            }
        }
        return remarks
    }

    /// Rows no reader used and that hold something, reported so nothing is dropped silently.
    mutating func reportUnused(in what: String) {
        for (r, row) in rows.enumerated() where !used.contains(r) && !row.isBlank {
            warn(row.line, "\(what): row not recognised, skipped: \(row.preview)")
        }
    }
}
