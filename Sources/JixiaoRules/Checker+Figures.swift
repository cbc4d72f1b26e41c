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
    mutating func partValues(_ part: String, _ subject: StatedFigure.Subject) -> [Decimal] {
        // Summed on the first such sentence and kept: a report asks again at every figure it states.
        let figures = partFigures ?? PartFigures(self)
        partFigures = figures
        if part == "基本支出" { return figures.basic }
        switch subject {
        case .initial, .fullYear, .budget, .arrived: return figures.projectBudget
        case .spent: return figures.projectSpent
        case .rate, .score: return []
        }
    }

    mutating func compareFigures(in report: Narrative, with tables: [CheckedTable]) {
        // Each section's text asked where it stands: the loop copied every section to ask.
        let sections = report.sections
        for s in sections.indices where StatedFigure.keys.occurs(in: sections[s].text) {
            let section = sections[s]
            for line in section.lines(where: StatedFigure.keys.occurs) {
                let part = StatedFigure.part(of: section.heading, line.text)
                for stated in StatedFigure.all(in: line.text) {
                    if part == "基本支出", stated.subject != .spent { continue }
                    // Most figures agree with a table: the list of candidates is made only for a message.
                    var (named, agreed) = (false, false)
                    for t in tables {
                        stated.subject.eachValue(in: t) { value in
                            named = true
                            agreed = agreed || stated.agrees(value)
                        }
                    }
                    let partFigures = part.map { partValues($0, stated.subject) } ?? []
                    named = named || !partFigures.isEmpty
                    guard named, !agreed, !partFigures.contains(where: stated.agrees) else { continue }
                    let candidates = tables.flatMap { stated.subject.values(in: $0) } + partFigures
                    let table = tables.count == 1 ? tables[0] : nil
                    let target = table?.target ?? .filing
                    let source =
                        table.map { "its table (line \($0.table.line)) says " } ?? "no table says so; they say "
                    let (title, phrase) = (report.title, String(stated.phrase))
                    let (subject, figures) = (stated.subject, candidates)
                    add(
                        line.line ?? section.line, target,
                        "\(title): '\(phrase)', but " + source + subject.showFirst(4, of: figures))
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
            var values: [Decimal] = []
            eachValue(in: t) { values.append($0) }
            return values
        }

        /// `body` on each of `values(in:)`, in order, without making the list.
        func eachValue(in t: CheckedTable, _ body: (Decimal) -> Void) {
            let f = t.funds
            func give(_ value: Decimal?) { if let value { body(value) } }
            switch self {
            case .initial: give(f.initial.value)
            case .fullYear: give(f.fullYear.value)
            case .budget:
                give(f.initial.value)
                give(f.fullYear.value)
            case .arrived:
                give(f.fullYear.value)
                give(f.executed.value)
                give(f.initial.value)
            case .spent: give(f.executed.value)
            case .rate:
                give(f.reportedRate.value.map { $0 * 100 })
                give(t.execution.rate.map { $0 * 100 })
            case .score:
                give(t.table.reportedTotal.value)
                give(t.card.total)
            }
        }

        /// The first `count` different figures of `values` as a message shows them: formatted only
        /// when the message is read, as most findings are only counted.
        func showFirst(_ count: Int, of values: [Decimal]) -> String {
            let shown = values.map(show)
            let unique = shown.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            return unique.prefix(count).joined(separator: " / ")
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
    /// Cut from the report's line: a string of its own is made only for a finding's message.
    var phrase: Substring

    /// Whether a table's figure, rounded as the report rounds, is the one stated.
    func agrees(_ tableValue: Decimal) -> Bool { tableValue.rounded(places).equals(value) }

    static let keys = WordList(["预算", "到位", "支出", "执行率", "得分"])

    /// 基本支出, 项目支出, 人员支出 … are other figures than the table's 全年执行数.
    static let otherSpending = ["基本", "项目", "公用", "人员", "三公", "经费", "资本", "工资"]

    /// Words before a figure that make it a difference, not the figure: 超出调整后预算0.85万元.
    static let differenceWords = words("超出 超过 超 结余 剩余 节约 低于 高于 少于 多于 较 比")
    /// The two lists' UTF-8, compared in place with the bytes before each figure.
    static let otherSpendingBytes = otherSpending.map { Array($0.utf8) }
    static let differenceWordBytes = differenceWords.map { Array($0.utf8) }

    /// The part of the department's spending a sentence is about (`（二）项目支出情况 …`), if any:
    /// of its section's heading and the line as if written together.
    static func part(of heading: String, _ line: String) -> String? {
        if projectPart.occurs(in: heading, then: line) { return "项目支出" }
        if basicPart.occurs(in: heading, then: line) { return "基本支出" }
        return nil
    }

    static let projectPart = WordList(["项目支出", "专项"])
    static let basicPart = WordList(["基本支出"])

    static func all(in line: String) -> [StatedFigure] {
        // Every phrase needs a digit: a line without one is not searched at all.
        guard line.withBytes({ $0.contains { $0 &- 48 < 10 } }) else { return [] }
        var found: [StatedFigure] = []
        for m in line.has("元") ? FigurePhrase.amount.matches(in: line) : [] {
            let word = String(m.subject)
            if word.ends(with: "支出"), precedes(otherSpendingBytes, m, in: line) { continue }
            if precedes(differenceWordBytes, m, in: line) { continue }
            guard var value = Labels.decimal(m.number) else { continue }
            var places = value.decimalPlaces
            if m.unit.utf8.elementsEqual("元".utf8) {  // the bytes: `==` compared through normalisation
                value /= 10000
                places += 4
            }
            found.append(
                StatedFigure(subject: subject(of: word), value: value, places: places, phrase: phrase(m, line)))
        }
        for m in line.has("%") ? FigurePhrase.rate.matches(in: line) : [] {
            guard let value = Labels.decimal(m.number) else { continue }
            found.append(
                StatedFigure(subject: .rate, value: value, places: value.decimalPlaces, phrase: phrase(m, line)))
        }
        for m in line.has("分") ? FigurePhrase.score.matches(in: line) : [] {
            guard let value = Labels.decimal(m.number) else { continue }
            found.append(
                StatedFigure(subject: .score, value: value, places: value.decimalPlaces, phrase: phrase(m, line)))
        }
        return found
    }

    private static func phrase(_ match: FigurePhrase.Match, _ line: String) -> Substring { line[match.range] }

    /// Whether one of `words` (each of one or two characters) ends just before the match, compared
    /// on bytes as labels are: the two characters before it, cut out as a string, cost more than
    /// the whole search for the phrase.
    static func precedes(_ words: [[UInt8]], _ match: FigurePhrase.Match, in line: String) -> Bool {
        let end = line.utf8.distance(from: line.utf8.startIndex, to: match.range.lowerBound)
        return line.withBytes { bytes in
            words.indices.contains { k in
                let count = words[k].count
                return count <= end && (0..<count).allSatisfy { bytes[end - count + $0] == words[k][$0] }
            }
        }
    }

    /// On bytes, as labels are compared: Foundation's `contains` searched each subject through
    /// NSString, a fifth of the time spent finding the figures.
    static func subject(of word: String) -> Subject {
        if word.begins(with: "年初") { return .initial }
        if word.begins(with: "调整后") || word.begins(with: "全年预算") { return .fullYear }
        if word.has("到位") { return .arrived }
        if word.has("支出") { return .spent }
        return .budget
    }
}

/// What `partValues` answers, for one filing.
struct PartFigures {
    var basic: [Decimal]
    var projectBudget: [Decimal]
    var projectSpent: [Decimal]

    init(_ c: borrowing Checker) {
        basic = [c.basicSpend?.figure.value].compactMap { $0 }
        func sum(_ get: (Funds) -> Figure) -> Decimal? {
            c.filing.projects.isEmpty ? nil : c.projectsSum(get)
        }
        let row = c.filing.basic?.total(.projects)
        projectBudget = [sum { $0.initial }, sum { $0.fullYear }, row?.budget.value].compactMap { $0 }
        projectSpent = [sum { $0.executed }, c.projectSpend?.figure.value, row?.actual.value].compactMap { $0 }
    }
}
