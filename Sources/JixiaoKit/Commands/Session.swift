/// A filing in the session, with the name the analyst loaded it by.
public struct LoadedFiling: Sendable {
    public var filing: Filing
    /// The path as typed (or `example`), shown in listings and saved in scenarios.
    public var path: String
}

/// Everything the shell holds in memory: the loaded filings and which one is current.
/// A value type: commands change it only through the shell, one step at a time.
public struct Session: Sendable {
    public var filings: [LoadedFiling] = []
    public var currentIndex: Int? = nil

    public init() {}

    public var current: LoadedFiling? { currentIndex.map { filings[$0] } }

    public var hasUnsavedEdits: Bool { false }

    /// The current filing, or an error telling the analyst to load one.
    public func requireCurrent() throws(ShellError) -> LoadedFiling {
        guard let current else { throw .noFiling }
        return current
    }

    /// Adds filings; the last one added becomes current.
    public mutating func add(_ loaded: [LoadedFiling]) {
        guard !loaded.isEmpty else { return }
        filings += loaded
        currentIndex = filings.count - 1
    }
}
