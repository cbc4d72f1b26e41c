/// One loaded filing with its analysis under the rules in force: what the county views show and
/// the SQL mirror stores.
public struct FilingResult: Sendable {
    /// Its number in `filings`, which is also its `id` in SQL.
    public var number: Int
    public var path: String
    /// The filing as its current scenario leaves it.
    public var filing: Filing
    public var analysis: Analysis

    public init(number: Int, path: String, filing: Filing, analysis: Analysis) {
        self.number = number
        self.path = path
        self.filing = filing
        self.analysis = analysis
    }

    /// The name of the rule set it was scored under.
    public var rules: String { analysis.rules }
    /// One card per project, in the filing's order.
    public var projectCards: [ScoreCard] { analysis.projects }
    public var departmentCard: ScoreCard? { analysis.department }
    /// In the order `check` lists them.
    public var findings: [Finding] { analysis.findings }

    /// How many of its findings have `severity`.
    public func count(_ severity: Finding.Severity) -> Int { findings.filter { $0.severity == severity }.count }

    /// The file's name without its folder.
    public var file: String { path.split(separator: "/").last.map(String.init) ?? path }
}
