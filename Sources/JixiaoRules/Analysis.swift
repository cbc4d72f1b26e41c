import JixiaoModel

/// Everything the county views and the SQL mirror need of one filing under one rule set: a
/// score card per scored table and the findings, in the order `check` lists them.
public struct Analysis: Sendable {
    public var rules: String
    /// One card per project, in the filing's order.
    public var projects: [ScoreCard]
    public var department: ScoreCard? { departmentCard.first }
    public var findings: [Finding]
    /// The department's card, if any, in an array: a card is 350 bytes, an array a pointer, and a
    /// county's cache holds an analysis for each of thousands of filings.
    private var departmentCard: [ScoreCard]

    public init(_ filing: Filing, rules: RuleSet) {
        self.rules = rules.name
        projects = filing.projects.map { Scorer.score($0.table, rules: rules) }
        departmentCard = filing.department.map { [Scorer.score($0.table, rules: rules)] } ?? []
        findings = Self.inCheckOrder(Checker.check(filing, rules: rules, cards: projects + departmentCard))
    }

    /// Errors, then warnings, then info, each by line, ties in the order found. The keys are sorted,
    /// not the findings, so a sort moves three integers instead of copying findings.
    static func inCheckOrder(_ findings: [Finding]) -> [Finding] {
        let keys = findings.enumerated().map { index, f in (severity: f.severity, line: f.line ?? 0, index: index) }
        return keys.sorted { ($0.severity, $0.line, $0.index) < ($1.severity, $1.line, $1.index) }.map {
            findings[$0.index]
        }
    }

    /// The cards in the order of `Filing.scoredTables`: the projects, then the department.
    public var cards: [ScoreCard] { projects + departmentCard }
}
