import JixiaoModel

/// Everything the county views and the SQL mirror need of one filing under one rule set: a
/// score card per scored table and the findings, in the order `check` lists them.
public struct Analysis: Sendable {
    public var rules: String
    /// One card per project, in the filing's order.
    public var projects: [ScoreCard]
    public var department: ScoreCard?
    public var findings: [Finding]

    public init(_ filing: Filing, rules: RuleSet) {
        self.rules = rules.name
        projects = filing.projects.map { Scorer.score($0.table, rules: rules) }
        department = filing.department.map { Scorer.score($0.table, rules: rules) }
        findings = Checker.check(filing, rules: rules, cards: projects + (department.map { [$0] } ?? [])).sorted {
            ($0.severity, $0.line ?? 0) < ($1.severity, $1.line ?? 0)
        }
    }

    /// The cards in the order of `Filing.scoredTables`: the projects, then the department.
    public var cards: [ScoreCard] { projects + (department.map { [$0] } ?? []) }
}
