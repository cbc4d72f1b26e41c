import Foundation
import JixiaoModel

/// Runs registered checks over one filing under one rule set. Each check reads the model, the
/// score cards and the rule set, and records findings through `add`, which stamps them with the
/// running check's id and severity: a check cannot raise another's name or change its severity.
public struct Checker {
    public let filing: Filing
    public let rules: RuleSet
    /// The department's table, then each project's, with their score cards.
    let tables: [CheckedTable]
    var findings: [Finding] = []
    /// The id and severity of the check running: only these reach its findings (the whole Check,
    /// copied in and out for each check of each filing, retained its strings and closure).
    private var running: (id: CheckID, severity: Finding.Severity)?
    /// Each project matched to its 基础数据表 row, worked out once for the three checks that ask.
    var matchedRows: [BasicMatch]?
    /// The keys `matchedRows` and the 项目支出 rows without a table are found by, worked out once.
    var matchingKeys: ProjectKeys?
    /// The figures a report's sentences about 基本支出 or 项目支出 are held against, once asked for.
    var partFigures: PartFigures?

    /// Every registered check (or `checks`) over `filing`. `cards` are score cards already
    /// computed under `rules`, in `Filing.scoredTables` order; each table is scored here if absent.
    public static func check(
        _ filing: Filing, rules: RuleSet, cards: [ScoreCard] = [], checks: [Check] = Checks.all
    ) -> [Finding] {
        check(filing, rules: rules, cards: cards, read: [], checks: checks)
    }

    /// `check` with each table's indicators already read as quantities (`Quantity.Read.each`), in
    /// the order of `cards`; a table without them is read here.
    static func check(
        _ filing: consuming Filing, rules: RuleSet, cards: [ScoreCard], read: [[Quantity.Read]],
        checks: [Check] = Checks.all
    ) -> [Finding] {
        var checker = Checker(filing: consume filing, rules: rules, cards: cards, read: read)
        for index in checks.indices {
            checker.running = (checks[index].id, checks[index].severity)
            checks[index].run(&checker)
        }
        return checker.findings
    }

    init(filing: consuming Filing, rules: RuleSet, cards: [ScoreCard], read: [[Quantity.Read]] = []) {
        self.rules = rules
        func quantities(_ table: ScoredTable, _ index: Int) -> [Quantity.Read] {
            index < read.count ? read[index] : Quantity.Read.each(table)
        }
        func card(_ table: ScoredTable, _ index: Int) -> ScoreCard {
            index < cards.count ? cards[index] : Scorer.score(table, rules: rules, read: quantities(table, index))
        }
        var tables: [CheckedTable] = []
        if let d = filing.department {
            let index = filing.projects.count
            tables.append(
                CheckedTable(
                    table: d.table, name: Department.displayName, target: .department, card: card(d.table, index),
                    read: quantities(d.table, index), project: nil, report: filing.report))
        }
        for (i, p) in filing.projects.enumerated() {
            tables.append(
                CheckedTable(
                    table: p.table, name: p.name, target: .project(p.name), card: card(p.table, i),
                    read: quantities(p.table, i), project: ProjectCells(p), report: p.report))
        }
        self.tables = tables
        self.filing = filing  // its last use: moved in, not copied
    }

    /// Records a finding of the running check. A message is written when it is read, from what its
    /// closure captured: capture names and figures (`let total = card.total`), never a whole row,
    /// table, card or rule set, which would be copied into every finding's closure (a county
    /// holds over a hundred thousand).
    mutating func add(_ line: Int?, _ target: Target, _ message: @autoclosure @escaping @Sendable () -> String) {
        guard let check = running else { return }
        findings.append(
            Finding(check: check.id, severity: check.severity, line: line, target: target, message: message()))
    }

    /// The projects' `figure` added up, each project read where it stands: a loop over the projects
    /// copied each one, every string of it retained and released, to read one figure.
    func projectsSum(_ figure: (Funds) -> Figure) -> Decimal {
        let projects = filing.projects
        return projects.indices.sum { figure(projects[$0].table.funds).value }
    }

    /// The projects' own reports, in order, each project read where it stands.
    var projectReports: [Narrative] {
        let projects = filing.projects
        return projects.indices.compactMap { projects[$0].report }
    }

    /// Every report of the filing: the department's, the projects' own, then the others.
    var allReports: [Narrative] { [filing.report].compactMap { $0 } + projectReports + filing.otherReports }

    /// Runs `body` on each scored table, department first.
    mutating func eachTable(_ body: (inout Checker, CheckedTable) -> Void) {
        for table in tables { body(&self, table) }
    }

    /// Runs `body` on each indicator of each scored table, with its score and label.
    mutating func eachIndicator(_ body: (inout Checker, CheckedTable, IndicatorInTable) -> Void) {
        for table in tables {
            for row in table.rows { body(&self, table, row) }
        }
    }
}

/// A scored table as the checks see it: named, located, with its card. A class, so that the
/// checks pass one reference around instead of copying a table, a card and a project.
final class CheckedTable {
    let table: ScoredTable
    /// `部门整体` or the project's name, as messages begin.
    let name: String
    let target: Target
    let card: ScoreCard
    /// A project table's cells outside its table; nil for the department's.
    let project: ProjectCells?
    /// The report written for this table: the department's, or the project's own.
    let report: Narrative?
    /// Each indicator with its score, its quantities (`read`, one an indicator, as the card holds
    /// one) and its label, made once for all the checks that go through them: made again for
    /// each check, every indicator was copied a dozen times.
    let rows: [IndicatorInTable]

    init(
        table: ScoredTable, name: String, target: Target, card: ScoreCard, read: [Quantity.Read],
        project: ProjectCells?, report: Narrative?
    ) {
        (self.table, self.name, self.target, self.card) = (table, name, target, card)
        (self.project, self.report) = (project, report)
        // By index, so each indicator is copied once, into its row (a zip copied it twice).
        let indicators = table.indicators
        rows = (0..<min(indicators.count, card.indicators.count, read.count)).map { i in
            let label = IndicatorLabel(table: name, number: i + 1, level3: indicators[i].level3)
            return IndicatorInTable(indicator: indicators[i], score: card.indicators[i], read: read[i], label: label)
        }
    }

    /// The indicators by 一级指标, made on first need for the two checks that ask.
    private(set) lazy var firstLevelGroups = FirstLevelGroup.groups(of: table.indicators)

    var funds: Funds { table.funds }
    var indicators: [Indicator] { table.indicators }
    var execution: ExecutionScore { card.execution }
    /// Where the fund block's findings point: its scoring row, else its amounts row, else the title.
    var fundLine: Int { funds.scoringRow?.line ?? funds.amountRow?.line ?? table.line }
}

/// What the checks read of a project besides its table and report: the table kept a copy of the
/// whole project, every string of it retained to ask whether there was one.
struct ProjectCells {
    let line: Int
    let department: Located?  // 主管部门
    let implementer: Located?  // 实施单位

    init(_ project: Project) {
        (line, department, implementer) = (project.table.line, project.department, project.implementer)
    }
}

/// One indicator with its score and the label findings give it.
final class IndicatorInTable {
    let indicator: Indicator
    let score: IndicatorScore
    /// Its 指标值 and 实际完成值 as quantities.
    let read: Quantity.Read
    let label: IndicatorLabel
    var line: Int { indicator.line }

    init(indicator: Indicator, score: IndicatorScore, read: Quantity.Read, label: IndicatorLabel) {
        (self.indicator, self.score, self.read, self.label) = (indicator, score, read, label)
    }
}

/// `劳模服务 indicator 3 及时开展`, as a finding names an indicator: kept as its parts and written
/// only when the finding's message is.
struct IndicatorLabel: CustomStringConvertible, Sendable {
    var table: String
    var number: Int
    var level3: String

    var description: String { "\(table) indicator \(number) \(level3)" }
}

/// An amount as a message quotes it: to at least two decimals and never fewer than it was read
/// with, so a rate computed from 3.456 is explained with 3.456, not with a rounded 3.46.
func amount(_ value: Decimal?) -> String {
    guard let value else { return "" }
    return value.fixed(max(2, value.decimalPlaces))
}

extension Decimal {
    /// How many decimals the value carries (3.456 → 3, 12 → 0).
    var decimalPlaces: Int {
        // From the words where they can be read: the digits after the point once trailing zeros
        // are dropped, which is where the loop below stops, without eight of Foundation's roundings.
        if let words = DecimalWords(self)?.compacted {
            return words.significand == 0 ? 0 : min(8, max(0, -words.exponent))
        }
        return decimalPlacesByRounding
    }

    /// The fewest places (up to 8) that rounding keeps the value at: any value, by Foundation.
    var decimalPlacesByRounding: Int {
        var copy = self
        var rounded = Decimal()
        for places in 0..<8 {
            NSDecimalRound(&rounded, &copy, places, .plain)
            if rounded == self { return places }
        }
        return 8
    }
}
