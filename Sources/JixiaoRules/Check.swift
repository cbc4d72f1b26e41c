import JixiaoModel

/// One consistency check as a value: its name, the one severity its findings carry, the parts of
/// a filing it reads, what it finds in a line, and the function that finds it. The registry
/// (`Checks.all`) gathers them; `check`, `help check`, the README's table and the tests read it.
///
/// Severity means one thing everywhere: an error is arithmetic or a total in the filing that is
/// wrong; a warning is something a reviewer should ask the unit about; info is worth knowing.
public struct Check: Sendable {
    /// The parts of a filing a check reads.
    public enum Part: String, Sendable, CaseIterable {
        case projects = "project tables"
        case department = "department table"
        case basic = "基础数据表"
        case summary = "汇总表"
        case narrative = "reports"
        case county = "other filings"
    }

    public let id: CheckID
    public let severity: Finding.Severity
    public let reads: [Part]
    /// What it finds, in one line, as `help check` and the README print it.
    public let summary: String
    let run: @Sendable (inout Checker) -> Void

    init(
        _ id: CheckID, _ severity: Finding.Severity, reads: [Part], _ summary: String,
        _ run: @escaping @Sendable (inout Checker) -> Void
    ) {
        self.id = id
        self.severity = severity
        self.reads = reads
        self.summary = summary
        self.run = run
    }

    /// Whether `name` names this check: its id, or its family written with a trailing dot (`score.`).
    public func isNamed(_ name: String) -> Bool {
        name.hasSuffix(".") ? id.rawValue.hasPrefix(name) : id.rawValue == name
    }
}

extension Checks {
    /// The registered check with this id.
    public static func named(_ id: CheckID) -> Check? { byID[id] }

    /// The checks `names` selects (ids or families), in registry order; nil for the first name
    /// that selects none, so the caller can say which.
    public static func selecting(_ names: [String]) -> Result<[Check], UnknownCheck> {
        for name in names where !all.contains(where: { $0.isNamed(name) }) { return .failure(UnknownCheck(name: name)) }
        return .success(all.filter { check in names.contains { check.isNamed($0) } })
    }

    static let byID: [CheckID: Check] = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
}

/// A name given to `--only`, `--skip` or `--check` that no registered check answers to.
public struct UnknownCheck: Error, Sendable {
    public var name: String
}
