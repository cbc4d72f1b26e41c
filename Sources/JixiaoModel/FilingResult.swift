/// One loaded filing with its scores and findings under the rules in force: what the county
/// views show and the SQL mirror stores.
public struct FilingResult: Sendable {
    /// Its number in `filings`, which is also its `id` in SQL.
    public var number: Int
    public var path: String
    /// The filing as its current scenario leaves it.
    public var filing: Filing
    /// The name of the rule set it was scored under.
    public var rules: String
    /// One card per project, in the filing's order.
    public var projectCards: [ScoreCard]
    public var departmentCard: ScoreCard?
    /// In the order `check` lists them.
    public var findings: [Finding]

    public init(
        number: Int, path: String, filing: Filing, rules: String, projectCards: [ScoreCard],
        departmentCard: ScoreCard?, findings: [Finding]
    ) {
        self.number = number
        self.path = path
        self.filing = filing
        self.rules = rules
        self.projectCards = projectCards
        self.departmentCard = departmentCard
        self.findings = findings
    }

    /// How many of its findings have `severity`.
    public func count(_ severity: Finding.Severity) -> Int { findings.filter { $0.severity == severity }.count }

    /// The file's name without its folder.
    public var file: String { path.split(separator: "/").last.map(String.init) ?? path }
}
