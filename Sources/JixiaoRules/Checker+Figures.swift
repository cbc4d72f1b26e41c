import Foundation
import JixiaoModel

/// `narrative.figure`: the amounts, rates and scores a report states (`预算101.99万元`,
/// `执行率56.67%`, `自评得分95.67分`) against the table the report describes. The department's
/// report is held against its table, a project's report against the project's; a report of the
/// whole filing (汇总报告, 情况说明) against any table, since it speaks of several.
extension Checker {
    static func narrativeFigure(_ c: inout Checker) {
        for t in c.tables {
            guard let report = t.report else { continue }
            c.compareFigures(in: report, with: [t])
        }
        for report in c.filing.otherReports { c.compareFigures(in: report, with: c.tables) }
    }

    /// The figures a sentence about a part of the department's spending may quote: 基本支出 as
    /// the table breaks it down, 项目支出 as the breakdown, the 基础数据表 and the project tables say.
    func partValues(_ part: String, _ subject: StatedFigure.Subject) -> [Decimal] {
        if part == "基本支出" { return [basicSpend?.figure.value].compactMap { $0 } }
        let projects = filing.projects.map(\.funds)
        func sum(_ get: (Funds) -> Figure) -> Decimal? {
            projects.isEmpty ? nil : projects.reduce(Decimal(0)) { $0 + (get($1).value ?? 0) }
        }
        let row = filing.basic?.total(.projects)
        switch subject {
        case .initial, .fullYear, .budget, .arrived:
            return [sum { $0.initial }, sum { $0.fullYear }, row?.budget.value].compactMap { $0 }
        case .spent:
            return [sum { $0.executed }, projectSpend?.figure.value, row?.actual.value].compactMap { $0 }
        case .rate, .score:
            return []
        }
    }

    mutating func compareFigures(in report: Narrative, with tables: [CheckedTable]) {
        for section in report.sections where StatedFigure.keys.occurs(in: section.text) {
            for line in section.body where StatedFigure.keys.occurs(in: line.text) {
                let part = StatedFigure.part(of: section.heading + line.text)
                for stated in StatedFigure.all(in: line.text) {
                    if part == "基本支出", stated.subject != .spent { continue }
                    var candidates = tables.flatMap { stated.subject.values(in: $0) }
                    if let part { candidates += partValues(part, stated.subject) }
                    guard !candidates.isEmpty, !candidates.contains(where: stated.agrees) else { continue }
                    let table = tables.count == 1 ? tables[0] : nil
                    let target = table?.target ?? .filing
                    let source =
                        table.map { "its table (line \($0.table.line)) says " } ?? "no table says so; they say "
                    let shown = candidates.map { stated.subject.show($0) }
                    let unique = shown.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
                    let (title, phrase) = (report.title, stated.phrase)
                    add(
                        line.line ?? section.line, target,
                        "\(title): '\(phrase)', but " + source + unique.prefix(4).joined(separator: " / "))
                }
            }
        }
    }
}

/// A figure a report states about a table: what it is about, the number and its precision.
struct StatedFigure {
    enum Subject {
        case initial, fullYear, budget, arrived, spent, rate, score

        /// The table's figures this subject may name (a bare 预算 is 年初 or 全年).
        func values(in t: CheckedTable) -> [Decimal] {
            let f = t.funds
            switch self {
            case .initial: return [f.initial.value].compactMap { $0 }
            case .fullYear: return [f.fullYear.value].compactMap { $0 }
            case .budget: return [f.initial.value, f.fullYear.value].compactMap { $0 }
            case .arrived: return [f.fullYear.value, f.executed.value, f.initial.value].compactMap { $0 }
            case .spent: return [f.executed.value].compactMap { $0 }
            case .rate: return [f.reportedRate.value, t.execution.rate].compactMap { $0 }.map { $0 * 100 }
            case .score: return [t.table.reportedTotal.value, t.card.total].compactMap { $0 }
            }
        }

        func show(_ value: Decimal) -> String {
            switch self {
            case .rate: return value.fixed(2) + "%"
            case .score: return points(value) + "分"
            default: return amount(value) + "万元"
            }
        }
    }

    var subject: Subject
    /// In the table's unit: 万元 for amounts, percent for rates, points for scores.
    var value: Decimal
    var places: Int
    var phrase: String

    /// Whether a table's figure, rounded as the report rounds, is the one stated.
    func agrees(_ tableValue: Decimal) -> Bool { tableValue.rounded(places) == value }

    static let keys = WordList(["预算", "到位", "支出", "执行率", "得分"])

    // The subjects, then an optional 总额/金额 and verb, then the amount and its unit.
    nonisolated(unsafe) static let amountPattern =
        #/
        (年初预算数?|调整后预算数?|全年预算数?|预算数|预算资金|预算
        |实际到位|到位资金|资金到位
        |全年实际支出|实际支出|全年支出|支出)
        (?:总额|金额)?(?:为|是|共|达|合计)?[:：]?\s*([0-9]+(?:\.[0-9]+)?)\s*(万元|元)
        /#
    /// What each pattern can begin with, so it is tried only there (`matches(of:beginningWith:)`).
    static let amountKeys = ["年初", "调整后", "全年", "预算", "实际", "到位", "资金", "支出"]
    static let rateKeys = ["预算", "资金", "执行率"]
    static let scoreKeys = ["自评", "综合", "评价", "总得分"]

    nonisolated(unsafe) static let ratePattern =
        #/(?:预算执行率|资金执行率|执行率)(?:为|达到|达|是)?[:：]?\s*([0-9]+(?:\.[0-9]+)?)\s*%/#
    nonisolated(unsafe) static let scorePattern =
        #/
        (?:自评得分|综合得分|评价得分|总得分|自评总分)
        (?:为|是|达)?[:：]?\s*([0-9]+(?:\.[0-9]+)?)\s*分
        /#

    /// 基本支出, 项目支出, 人员支出 … are other figures than the table's 全年执行数.
    static let otherSpending = ["基本", "项目", "公用", "人员", "三公", "经费", "资本", "工资"]

    /// Words before a figure that make it a difference, not the figure: 超出调整后预算0.85万元.
    static let differenceWords = words("超出 超过 超 结余 剩余 节约 低于 高于 少于 多于 较 比")

    /// The part of the department's spending a sentence is about (`（二）项目支出情况 …`), if any.
    static func part(of text: String) -> String? {
        if text.has("项目支出") || text.has("专项") { return "项目支出" }
        if text.has("基本支出") { return "基本支出" }
        return nil
    }

    static func all(in line: String) -> [StatedFigure] {
        var found: [StatedFigure] = []
        for m in line.matches(of: amountPattern, beginningWith: amountKeys) {
            let word = String(m.1)
            let before = String(line[..<m.range.lowerBound].suffix(2))
            if word.hasSuffix("支出"), otherSpending.contains(where: { before.hasSuffix($0) }) { continue }
            if differenceWords.contains(where: { before.hasSuffix($0) }) { continue }
            guard var value = Decimal(string: String(m.2)) else { continue }
            var places = value.decimalPlaces
            if m.3 == "元" {
                value /= 10000
                places += 4
            }
            found.append(StatedFigure(subject: subject(of: word), value: value, places: places, phrase: String(m.0)))
        }
        for m in line.matches(of: ratePattern, beginningWith: rateKeys) {
            guard let value = Decimal(string: String(m.1)) else { continue }
            found.append(StatedFigure(subject: .rate, value: value, places: value.decimalPlaces, phrase: String(m.0)))
        }
        for m in line.matches(of: scorePattern, beginningWith: scoreKeys) {
            guard let value = Decimal(string: String(m.1)) else { continue }
            found.append(StatedFigure(subject: .score, value: value, places: value.decimalPlaces, phrase: String(m.0)))
        }
        return found
    }

    static func subject(of word: String) -> Subject {
        if word.hasPrefix("年初") { return .initial }
        if word.hasPrefix("调整后") || word.hasPrefix("全年预算") { return .fullYear }
        if word.contains("到位") { return .arrived }
        if word.contains("支出") { return .spent }
        return .budget
    }
}
