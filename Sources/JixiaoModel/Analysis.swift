/// One filing's scores and findings under one rule set: a score card per scored table and the
/// findings, in the order `check` lists them. Rules works it out (`Analysis(filing, rules:)`);
/// the county views and the SQL mirror read it through `FilingResult`.
public struct Analysis: Sendable {
    public var rules: String
    /// One card per project, in the filing's order.
    public var projects: [ScoreCard]
    public var department: ScoreCard? { departmentCard.first }
    public var findings: [Finding]
    /// The department's card, if any, in an array: a card is 350 bytes, an array a pointer, and a
    /// county's cache holds an analysis for each of thousands of filings.
    private var departmentCard: [ScoreCard]

    public init(rules: String, projects: [ScoreCard], department: ScoreCard?, findings: [Finding]) {
        self.rules = rules
        self.projects = projects
        self.departmentCard = department.map { [$0] } ?? []
        self.findings = findings
    }

    /// The cards in the order of `Filing.scoredTables`: the projects, then the department.
    public var cards: [ScoreCard] { projects + departmentCard }
}
