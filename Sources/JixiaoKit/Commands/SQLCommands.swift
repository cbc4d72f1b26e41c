import Foundation
import JixiaoModel
import JixiaoRendering
import JixiaoRules
import JixiaoSQL

extension CommandSpec {
    static let sqlCommands: [CommandSpec] = [
        CommandSpec(
            name: "sql", group: .rules,
            usage: "sql QUERY",
            summary: "Ask any question of every loaded filing in SQL (SQLite), read-only",
            details: """
                Runs one read-only SQLite query over a database that mirrors the loaded filings: the tables \\
                filings, projects, department, indicators and findings (the columns are in the README and in \\
                'sql SELECT sql FROM sqlite_schema'). Scores are computed under the rules in force with each \\
                filing's current scenario applied; after a load, an edit, undo or 'rules use' the next query sees \\
                the new state. Amounts are in 万元, rates are fractions. A query that would change anything is \\
                refused; Ctrl-C stops a long one.
                """,
            example: "sql SELECT unit, name, rate FROM projects JOIN filings ON id = filing_id WHERE rate < 0.8",
            // Contextual so the schema is read for completion only, never at start-up.
            completion: .contextual { _, _ in .words(MirrorTable.names + sqlKeywords) }
        ) { call throws(ShellError) in
            guard !call.raw.isEmpty else { throw call.usage("needs a QUERY") }
            return SQLCommand(query: call.raw)
        }
    ]
}

/// The words of a query completion offers besides the tables and columns, in capitals as typed.
let sqlKeywords = [
    "SELECT", "FROM", "WHERE", "JOIN", "LEFT", "ON", "GROUP", "BY", "ORDER", "HAVING", "LIMIT", "DESC", "ASC",
    "AND", "OR", "NOT", "NULL", "IS", "IN", "LIKE", "AS", "DISTINCT", "COUNT", "SUM", "AVG", "MIN", "MAX", "ROUND",
]

struct SQLCommand: Command, Equatable {
    var query: String

    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        let mirror = try session.syncedMirror(environment)
        var cancelled = false
        let result: (columns: [String], rows: [[SQLValue]])
        do {
            result = try mirror.database.query(query) {
                do {
                    try environment.checkInterrupt()
                    return false
                } catch {
                    cancelled = true
                    return true
                }
            }
        } catch {
            if cancelled { throw .cancelled }
            throw .sql(error)
        }
        return Output(Self.listing(result.columns, result.rows).render())
    }

    /// Query results as a table: numbers right-aligned, REAL shown with up to 15 significant
    /// digits (so 0.1 + 0.2 shows as 0.3, never a binary-float artefact), NULL blank.
    static func listing(_ columns: [String], _ rows: [[SQLValue]]) -> Listing {
        let numeric = columns.indices.map { i in
            rows.allSatisfy { row in
                switch row[i] {
                case .integer, .real, .null: return true
                case .text, .blob: return false
                }
            }
        }
        let names = columns.map(ControlCharacters.escaped)
        var listing = Listing(names.indices.map { Listing.Column(names[$0], [], numeric[$0] ? .right : .left) })
        for row in rows { listing.rows.append(row.map { Listing.Cell(text($0)) }) }
        return listing
    }

    static func text(_ value: SQLValue) -> String {
        switch value {
        case .null: return ""
        case .integer(let n): return "\(n)"
        case .real(let x): return String(format: "%.15g", x)
        // A query may build what no filing holds (`char(27) || '[31m'`): shown as its escape.
        case .text(let s): return ControlCharacters.escaped(s)
        case .blob(let bytes): return "<blob, \(bytes.count) bytes>"
        }
    }
}

/// The SQL mirror the session's copies share; made on the first `sql` or `export sqlite`.
/// Copies of a session may sit on other threads, so the first use is made under a lock.
final class MirrorBox: @unchecked Sendable {
    private var mirror: Mirror<AnalysisCache.Stamp>?
    private let lock = NSLock()

    func get() throws(ShellError) -> Mirror<AnalysisCache.Stamp> {
        lock.lock()
        defer { lock.unlock() }
        if let mirror { return mirror }
        let made = try sqlite { () throws(SQLError) in try Mirror<AnalysisCache.Stamp>() }
        mirror = made
        return made
    }
}

extension Session {
    /// The mirror with every filing's rows as the session now has them: only filings whose
    /// scenario or rules changed since the last query are written again.
    func syncedMirror(_ environment: any Environment) throws(ShellError) -> Mirror<AnalysisCache.Stamp> {
        let mirror = try mirrorBox.get()
        let count = filings.count
        try sqlite { () throws(SQLError) in try mirror.keep(first: count) }
        let stale = filings.indices.filter { mirror.isStale($0 + 1, stamp($0)) }
        guard !stale.isEmpty else { return mirror }
        let all = try analyses { () throws(ShellError) in try environment.checkInterrupt() }
        let records = stale.map { i in (result(i, all[i]), stamp(i)) }
        // The rows of each slice are worked out on every core; SQLite inserts them on one.
        try sqlite { () throws(SQLError) in try mirror.update(records) { $0.parallelMap(FilingRows.init(of:)) } }
        return mirror
    }
}
