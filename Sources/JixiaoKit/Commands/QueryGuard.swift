import Foundation

/// Stops a query (`sql`, a `--where`) at Ctrl-C or when it runs past `option sql_timeout`, and
/// says which: SQLite's progress handler asks `shouldStop` every few thousand steps.
final class QueryGuard: @unchecked Sendable {
    private let environment: any Environment
    private let deadline: ContinuousClock.Instant?
    private let limit: Duration?
    private(set) var stopped: ShellError?

    init(_ environment: any Environment) {
        self.environment = environment
        limit = environment.queryLimit
        deadline = limit.map { ContinuousClock.now + $0 }
    }

    func shouldStop() -> Bool {
        do {
            try environment.checkInterrupt()
        } catch {
            stopped = error
            return true
        }
        if let deadline, let limit, ContinuousClock.now > deadline {
            let seconds = limit.components.seconds
            stopped = .refused(
                "sql: stopped after \(seconds) s (option sql_timeout \(seconds)); narrow the query, or raise the limit")
            return true
        }
        return false
    }
}
