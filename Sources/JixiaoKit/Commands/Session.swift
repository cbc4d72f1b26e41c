import JixiaoModel
import JixiaoRules

/// A filing in the session, with the name the analyst loaded it by and its what-if scenarios.
public struct LoadedFiling: Sendable {
    /// The filing as read; never edited, so `diff` always has the baseline.
    public var filing: Filing
    /// The path as typed (or `example`), shown in listings and saved in scenarios.
    public var path: String
    /// What-if scenarios over this filing; `scenario` is the current one.
    public var scenarios: [Scenario] = [Scenario(name: "default")]
    public var scenarioIndex = 0

    public init(filing: Filing, path: String) {
        self.filing = filing
        self.path = path
    }

    public var scenario: Scenario {
        get { scenarios[scenarioIndex] }
        set { scenarios[scenarioIndex] = newValue }
    }

    /// The filing as the current scenario's edits leave it (kept, not replayed).
    public var edited: Filing { scenario.filing(over: filing) }
}

/// Everything the shell holds in memory: the loaded filings and which one is current.
/// A value type: a command runs against a copy, which replaces the session only on success.
public struct Session: Sendable {
    public var filings: [LoadedFiling] = []
    public var currentIndex: Int? = nil
    /// Built-in rule sets plus those loaded with `rules load`.
    public var ruleSets: [RuleSet] = RuleSet.builtIn
    /// The rule set chosen with `rules use`; nil means the one each filing's template implies.
    public var chosenRules: String? = nil

    public init() {}

    public var current: LoadedFiling? { currentIndex.map { filings[$0] } }

    /// Any scenario with edits that were not saved since they were made.
    public var hasUnsavedEdits: Bool {
        filings.contains { $0.scenarios.contains { $0.isDirty && $0.editCount > 0 } }
    }

    /// The rule set in force for `loaded`, and why.
    public func rules(for loaded: LoadedFiling) -> (rules: RuleSet, reason: String) {
        if let name = chosenRules, let chosen = ruleSets.first(where: { $0.name == name }) {
            return (chosen, "chosen with 'rules use'")
        }
        let implied = RuleSet.implied(by: loaded.filing)
        return (implied.rules, "implied by the filing: " + implied.reason)
    }

    public func ruleSet(named name: String) throws(ShellError) -> RuleSet {
        if let found = ruleSets.first(where: { $0.name.lowercased() == name.lowercased() }) { return found }
        throw .notFound(kind: "rule set", name: name, candidates: ruleSets.map(\.name))
    }

    /// The current filing, or an error telling the analyst to load one.
    public func requireCurrent() throws(ShellError) -> LoadedFiling {
        guard let current else { throw .noFiling }
        return current
    }

    /// The index of the current filing, or an error telling the analyst to load one.
    public func requireCurrentIndex() throws(ShellError) -> Int {
        guard let currentIndex else { throw .noFiling }
        return currentIndex
    }

    /// Adds filings; the last one added becomes current.
    public mutating func add(_ loaded: [LoadedFiling]) {
        guard !loaded.isEmpty else { return }
        filings += loaded
        currentIndex = filings.count - 1
    }
}
