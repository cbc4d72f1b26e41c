import Foundation
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
    /// The rule set the filing's template implies, and why: worked out once, as the filing never changes.
    public let implied: (rules: RuleSet, reason: String)

    public init(filing: Filing, path: String) {
        self.filing = filing
        self.path = path
        self.implied = RuleSet.implied(by: filing)
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
    /// How output looks (`option`); part of the session so a failed `option` changes nothing.
    package var settings = Settings()
    /// Rule sets loaded with `rules load`, in load order; one may replace a built-in by name.
    public private(set) var loadedRuleSets: [RuleSet] = []
    /// Built-in rule sets plus those loaded with `rules load`, a loaded one in place of a built-in
    /// of the same name.
    public var ruleSets: [RuleSet] {
        RuleSet.builtIn.filter { builtIn in !loadedRuleSets.contains { $0.name == builtIn.name } } + loadedRuleSets
    }

    /// Adds a loaded rule set, replacing any of the same name.
    public mutating func add(_ rules: RuleSet) {
        loadedRuleSets.removeAll { $0.name == rules.name }
        loadedRuleSets.append(rules)
        ruleSetsRevision += 1
    }
    /// The rule set chosen with `rules use`; nil means the one each filing's template implies.
    public var chosenRules: String? = nil
    /// Counts `rules load`, which may replace a rule set under the same name.
    public var ruleSetsRevision = 0
    /// Scores and findings of every filing, kept until the filing, its scenario or its rules change.
    /// A reference shared by the session's copies: an entry is good for any copy whose stamp matches.
    private(set) var analyses = AnalysisCache()
    /// The SQL mirror of the filings, shared the same way and kept in step by stamps.
    private(set) var mirrorBox = MirrorBox()

    public init() {}

    /// A copy that shares no cache with this session: its own analyses (these, copied) and no SQL
    /// mirror yet, so nothing done in the copy (a temp view, a rescoring) shows in this one. The
    /// command-script fuzzer starts every script from such a copy of one loaded session.
    package func detached() -> Session {
        var copy = self
        copy.analyses = analyses.copy()
        copy.mirrorBox = MirrorBox()
        return copy
    }

    public var current: LoadedFiling? { currentIndex.map { filings[$0] } }

    /// Any scenario with edits that were not saved since they were made.
    public var hasUnsavedEdits: Bool {
        filings.contains { $0.scenarios.contains { $0.isDirty && $0.editCount > 0 } }
    }

    /// The rule set in force for `loaded`, and why.
    public func rules(for loaded: LoadedFiling) -> (rules: RuleSet, reason: String) {
        if let chosen = chosenRuleSet { return (chosen, "chosen with 'rules use'") }
        return (loaded.implied.rules, "implied by the filing: " + loaded.implied.reason)
    }

    /// Filing `index` as its scenario leaves it (`LoadedFiling.edited`), read in place: `edited`
    /// asked of the array's element copied the whole LoadedFiling first, its rule set too.
    func edited(_ index: Int) -> Filing {
        let scenario = filings[index].scenarioIndex
        return filings[index].scenarios[scenario].editedFiling ?? filings[index].filing
    }

    /// The rule set `rules(for:)` gives filing `index`, read in place and without its reason.
    func ruleSet(for index: Int) -> RuleSet {
        chosenRuleSet ?? filings[index].implied.rules
    }

    /// The name of the rule set `rules(for:)` gives filing `index`, without writing out its reason,
    /// read in place: passing the filing copied it.
    func rulesName(of index: Int) -> String {
        chosenRuleSet?.name ?? filings[index].implied.rules.name
    }

    /// The rule set `rules use` chose, while the session holds one of that name.
    private var chosenRuleSet: RuleSet? {
        chosenRules.flatMap { name in ruleSets.first { $0.name == name } }
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

    /// What the analysis of filing `index` depends on: its scenario's state, its rules, and the
    /// filings of its unit and year (`twins`, from `twins()`).
    func stamp(_ index: Int, twins: [Int: [Int]]) -> AnalysisCache.Stamp {
        // Read in place, as every command asks for every filing's stamp: a LoadedFiling copied
        // retains all it holds, and `rules(for:)` writes out its reason.
        let scenario = filings[index].scenarioIndex
        return AnalysisCache.Stamp(
            sha256: filings[index].filing.sha256, scenario: scenario, name: filings[index].scenarios[scenario].name,
            version: filings[index].scenarios[scenario].version, rules: rulesName(of: index),
            rulesRevision: ruleSetsRevision, twins: twins[index] ?? [])
    }

    /// For each filing that shares its 单位名称 and 年度 with others, the indices of all of them,
    /// itself too: one array a group, which its members share, so a county that repeats a unit
    /// many times costs time and memory in proportion to its filings, not to a group's square.
    func twins() -> [Int: [Int]] {
        var byUnitYear: [String: [Int]] = [:]
        for index in filings.indices {  // read in place: a LoadedFiling copied retains all it holds
            guard let year = filings[index].filing.year, !filings[index].filing.unit.isEmpty else { continue }
            byUnitYear["\(year)\u{1F}\(filings[index].filing.unit)", default: []].append(index)
        }
        var twins: [Int: [Int]] = [:]
        for group in byUnitYear.values where group.count > 1 {
            for index in group { twins[index] = group }
        }
        return twins
    }

    /// Works out the analysis of filing `index`, with the finding that names the first few others
    /// of its group (`twins`, from `twins()`).
    func analyzed(_ index: Int, twins group: [Int]) -> Analysis {
        // Read in place: a LoadedFiling copied on each of the county's filings retained all it holds.
        let analysis = Analysis(edited(index), rules: ruleSet(for: index))
        guard let year = filings[index].filing.year, group.count > 1 else { return analysis }
        let named = group.lazy.filter { $0 != index }.prefix(Analysis.twinsNamed)
        let others = named.map { (number: $0 + 1, path: FileNames.shown(filings[$0].path)) }
        let more = group.count - 1 - others.count
        return analysis.withTwins(Array(others), more: more, unit: filings[index].filing.unit, year: year)
    }

    /// The scores and findings of filing `index` as its scenario leaves it, under its rules.
    public func analysis(_ index: Int) -> Analysis {
        let twins = twins()
        let stamp = stamp(index, twins: twins)
        if let cached = analyses.entry(index, stamp) { return cached }
        let analysis = analyzed(index, twins: twins[index] ?? [])
        analyses.store(analysis, index, stamp)
        return analysis
    }

    /// Every filing's analysis, those not yet known computed on all cores.
    public func analyses(checkingInterrupt check: () throws(ShellError) -> Void = {}) throws(ShellError) -> [Analysis] {
        let twins = twins()
        let stamps = filings.indices.map { stamp($0, twins: twins) }
        var known = analyses.lookUp(stamps)  // one look at the cache, under one lock
        let stale = known.indices.filter { known[$0] == nil }
        // All at once, Ctrl-C heard while they are worked out: slices of a few hundred each ended
        // with one core waiting for the other's last filing.
        guard !stale.isEmpty else { return known.compactMap { $0 } }
        try check()
        let session = self
        let results = try stale.parallelMap({ session.analyzed($0, twins: twins[$0] ?? []) }, checking: check)
        for (index, analysis) in zip(stale, results) {
            analyses.store(analysis, index, stamps[index])
            known[index] = analysis
        }
        return known.compactMap { $0 }
    }

    /// Adds filings; the last one added becomes current.
    public mutating func add(_ loaded: consuming [LoadedFiling]) {
        guard !loaded.isEmpty else { return }
        // Room for exactly these (a grown array would keep up to as much again), filled by moves.
        filings.reserveCapacity(filings.count + loaded.count)
        for filing in (consume loaded).draining() { filings.append(filing) }
        currentIndex = filings.count - 1
    }

    /// Whether the session holds the bundled example and nothing else, untouched: the state a
    /// shell started without a filing is in, which the analyst's own filings replace.
    var holdsOnlyTheExample: Bool {
        filings.count == 1 && filings[0].path == "example" && filings[0].scenarios.allSatisfy { $0.editCount == 0 }
    }

    /// Removes the filings at `indices`; the current one stays current when it stays, else the
    /// last one left is.
    mutating func remove(at indices: Set<Int>) {
        let current = currentIndex.map { filings[$0].filing.sha256 }
        filings = filings.enumerated().filter { !indices.contains($0.offset) }.map(\.element)
        currentIndex = filings.firstIndex { $0.filing.sha256 == current } ?? (filings.isEmpty ? nil : filings.count - 1)
    }
}

/// Analyses by filing index, each with the stamp of the state it was computed for.
final class AnalysisCache: @unchecked Sendable {
    struct Stamp: Hashable {
        var sha256: String
        var scenario: Int
        var name: String
        var version: Int
        var rules: String
        var rulesRevision: Int
        var twins: [Int]
    }

    // Copies of the session share the cache; the lock keeps it whole should two copies ever be
    // used from different threads.
    private let lock = NSLock()
    private var entries: [Int: (stamp: Stamp, analysis: Analysis)] = [:]

    func entry(_ index: Int, _ stamp: Stamp) -> Analysis? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[index], entry.stamp == stamp else { return nil }
        return entry.analysis
    }

    /// The analysis of each filing whose stamp still matches, nil for the others, whose entries
    /// are dropped: kept until their new analyses replaced them, the old ones of a county rescored
    /// under other rules (tens of MB) stood in memory beside the new.
    func lookUp(_ stamps: [Stamp]) -> [Analysis?] {
        lock.lock()
        defer { lock.unlock() }
        return stamps.enumerated().map { index, stamp in
            guard let entry = entries[index] else { return nil }
            guard entry.stamp == stamp else {
                entries[index] = nil
                return nil
            }
            return entry.analysis
        }
    }

    /// A cache of its own that starts with these entries.
    func copy() -> AnalysisCache {
        lock.lock()
        defer { lock.unlock() }
        let copy = AnalysisCache()
        copy.entries = entries
        return copy
    }

    func store(_ analysis: Analysis, _ index: Int, _ stamp: Stamp) {
        lock.lock()
        defer { lock.unlock() }
        entries[index] = (stamp, analysis)
    }
}
