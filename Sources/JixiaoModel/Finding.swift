/// The name of a kind of consistency check, as findings print it: `total.sum`. The checks
/// themselves, with their names, live in the rules' registry (`Checks.all`); the model only
/// carries the name a finding was raised under.
public struct CheckID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: String
    /// Whether the name is ASCII, as every registered check's is: two such names are equal only
    /// when their bytes are, which a county's tally compares instead of going through String's
    /// normalising `==` (two hundred instructions a pair of different names).
    private let isASCII: Bool

    public init(rawValue: String) {
        self.rawValue = rawValue
        isASCII = rawValue.utf8.allSatisfy { $0 < 0x80 }
    }

    public init(_ rawValue: String) { self.init(rawValue: rawValue) }

    public static func == (a: CheckID, b: CheckID) -> Bool {
        a.isASCII && b.isASCII ? a.rawValue.isExactly(b.rawValue) : a.rawValue == b.rawValue
    }

    /// The name's hash, as `==` compares names.
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    /// `score` of `score.differs`: the family `--check score.` names.
    public var family: Substring { rawValue.prefix { $0 != "." } }
    public var description: String { rawValue }

    public static func < (a: CheckID, b: CheckID) -> Bool { a.rawValue < b.rawValue }
}

/// One inconsistency found in a filing.
public struct Finding: Equatable, Sendable {
    public enum Severity: String, Sendable, Comparable {
        case error, warning, info

        var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }

        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var check: CheckID
    public var severity: Severity
    public var line: Int?
    /// What it concerns: a project, the department, or the filing as a whole (basic data, narratives).
    public var target: Target
    /// What was found, with its figures. Written when it is read, not when it is found: a county's
    /// checks find a hundred thousand things, and `summary` and `projects --all` only count them.
    public var message: String { write() }
    private let write: @Sendable () -> String

    public init(
        check: CheckID, severity: Severity, line: Int?, target: Target,
        message: @autoclosure @escaping @Sendable () -> String
    ) {
        self.check = check
        self.severity = severity
        self.line = line
        self.target = target
        self.write = message
    }

    public static func == (a: Finding, b: Finding) -> Bool {
        a.check == b.check && a.severity == b.severity && a.line == b.line && a.target == b.target
            && a.message == b.message
    }
}
