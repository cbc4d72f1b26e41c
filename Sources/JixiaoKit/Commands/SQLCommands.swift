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
                Runs one read-only SQLite query over a database that mirrors the loaded filings: the tables \
                filings, projects, department, indicators and findings (their columns: 'tables', or psql's \\d and \
                sqlite3's .schema). Scores are computed under the rules in force with each \
                filing's current scenario applied; after a load, an edit, undo or 'rules use' the next query sees \
                the new state. Amounts are in 万元, rates are fractions. A query that would change anything is \
                refused; Ctrl-C stops a long one.
                """,
            example: "sql SELECT unit, name, rate FROM projects JOIN filings ON id = filing_id WHERE rate < 0.8",
            // Contextual so the schema is read for completion only, never at start-up.
            completion: .contextual { previous, session in
                .words(
                    MirrorTable.names + sqlKeywords + session.tempViews().map(\.name)
                        + SQLText.qualifiedColumns(previous, columns: session.columns(of:)))
            }
        ) { call throws(ShellError) in
            guard !call.raw.isEmpty else { throw call.usage("needs a QUERY") }
            return SQLCommand(query: call.raw)
        },
        CommandSpec(
            name: "views", group: .rules,
            usage: "views",
            summary: "List the named queries made with 'sql CREATE TEMP VIEW' (视图)",
            details: """
                'sql CREATE TEMP VIEW name AS SELECT …' names a query so later queries can use it as a table: \
                'sql SELECT * FROM name'. Views live in the session's temporary schema (the mirror itself stays \
                read-only), follow every edit and load, complete at the prompt, and are saved with the scenario \
                ('save' and 'save --script'; 'open' makes them again). 'sql DROP VIEW name' removes one.
                """,
            example: "views"
        ) { call throws(ShellError) in
            try call.expectNone()
            return ViewsCommand()
        },
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
        let mirror = try session.mirror(for: query, environment)
        let guardian = QueryGuard(environment)
        let result: (columns: [String], rows: [[SQLValue]])
        do {
            result = try mirror.database.query(query, interrupted: guardian.shouldStop)
        } catch {
            if let stopped = guardian.stopped { throw stopped }
            throw .sql(error)
        }
        // A statement without columns made or dropped a view: its tag, as psql prints one.
        if result.columns.isEmpty {
            let words = query.split(whereSeparator: \.isWhitespace).prefix(3).map { $0.uppercased() }
            let tag = words.filter { $0 != "TEMP" && $0 != "TEMPORARY" }.prefix(2).joined(separator: " ")
            return Output(tag + "\n", confirms: true)
        }
        return Output(Self.listing(result.columns, result.rows))
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
        for row in rows { listing.rows.append(row.map { Listing.Cell(text($0), number: number($0)) }) }
        return listing
    }

    /// The number a value sorts and exports as: a REAL as the decimal its shown text writes.
    static func number(_ value: SQLValue) -> Decimal? {
        switch value {
        case .integer(let n): return Decimal(n)
        case .real: return Decimal(string: text(value))
        default: return nil
        }
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

/// `views`: the temp views, each with the statement that makes it.
struct ViewsCommand: Command, Equatable {
    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        var listing = Listing([.init("name"), .init("sql")])
        for view in session.tempViews() { listing.rows.append([.init(view.name), .init(view.sql)]) }
        return Output(listing)
    }
}

/// The SQL mirror the session's copies share; made on the first `sql` or `export sqlite`.
/// Copies of a session may sit on other threads, so the first use is made under a lock.
final class MirrorBox: @unchecked Sendable {
    private var mirror: Mirror<AnalysisCache.Stamp>?
    private let lock = NSLock()

    /// The mirror if a command made it already; nil before the first `sql`.
    var existing: Mirror<AnalysisCache.Stamp>? {
        lock.lock()
        defer { lock.unlock() }
        return mirror
    }

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
    /// The mirror with every filing's rows in `tables` as the session now has them: only filings
    /// whose scenario or rules changed since those tables were last written are written again.
    /// The other tables wait for a statement that reads them.
    func syncedMirror(
        _ environment: any Environment, tables: Set<MirrorTable> = Set(MirrorTable.allCases)
    ) throws(ShellError) -> Mirror<AnalysisCache.Stamp> {
        let mirror = try mirrorBox.get()
        let count = filings.count
        try sqlite { () throws(SQLError) in try mirror.keep(first: count) }
        guard !tables.isEmpty else { return mirror }
        let twins = twins()
        let stamps = filings.indices.map { stamp($0, twins: twins) }
        // Grouped by the tables each filing needs: after an edit that is one filing in all five.
        var staleIn: [Set<MirrorTable>: [Int]] = [:]
        for i in filings.indices {
            let stale = mirror.stale(i + 1, stamps[i], in: tables)
            if !stale.isEmpty { staleIn[stale, default: []].append(i) }
        }
        guard !staleIn.isEmpty else { return mirror }
        let all = try analyses { () throws(ShellError) in try environment.checkInterrupt() }
        // In the order of each group's first filing, so a county's rows go in as its filings are numbered.
        for (needed, indices) in staleIn.sorted(by: { $0.value[0] < $1.value[0] }) {
            let results = indices.map { result($0, all[$0]) }
            try sqlite { () throws(SQLError) in
                try mirror.update(results, stamps: indices.map { stamps[$0] }, tables: needed) {
                    FilingRows(of: $0, tables: needed)
                }
            }
        }
        return mirror
    }

    /// The mirror filled for `query`: the tables it reads, through views too.
    func mirror(for query: String, _ environment: any Environment) throws(ShellError) -> Mirror<AnalysisCache.Stamp> {
        let read = try mirrorBox.get().database.tablesRead(by: query)
        return try syncedMirror(environment, tables: Set(read.compactMap { MirrorTable(rawValue: $0.lowercased()) }))
    }
}

extension Session {
    /// The columns of a mirror table or a temp view, for completion; empty for anything else.
    func columns(of table: String) -> [String] {
        if let columns = MirrorTable.columns[table.lowercased()] { return columns }
        guard let mirror = mirrorBox.existing, let columns = try? mirror.database.columns(of: table) else { return [] }
        return columns.map(\.name)
    }

    /// The views made with `sql CREATE TEMP VIEW`, by name, each as the statement that makes it again.
    func tempViews() -> [(name: String, sql: String)] {
        guard let mirror = mirrorBox.existing,
            let result = try? mirror.database.query(
                "SELECT name, sql FROM sqlite_temp_schema WHERE type = 'view' ORDER BY name", interrupted: { false })
        else { return [] }
        return result.rows.compactMap { row in
            guard case .text(let name) = row[0], case .text(let sql) = row[1] else { return nil }
            return (name, Self.temporary(sql))
        }
    }

    /// SQLite keeps a temp view's statement as `CREATE VIEW …`; made again, it must say TEMP.
    static func temporary(_ sql: String) -> String {
        let prefix = "CREATE VIEW"
        guard sql.uppercased().hasPrefix(prefix) else { return sql }
        return "CREATE TEMP VIEW" + sql.dropFirst(prefix.count)
    }

    /// Makes the views a scenario was saved with, replacing any of the same name. Each runs
    /// through the same checks as `sql`: a scenario file is no more trusted than a query.
    func makeViews(_ views: [(name: String, sql: String)], _ environment: any Environment) throws(ShellError) {
        guard !views.isEmpty else { return }
        // A view is made without reading its tables: they are filled when a query uses it.
        let mirror = try mirrorBox.get()
        let existing = Set(tempViews().map { $0.name.lowercased() })
        for view in views {
            try sqlite { () throws(SQLError) in
                if existing.contains(view.name.lowercased()) {
                    _ = try mirror.database.query("DROP VIEW \(RowFilter.quoted(view.name))") { false }
                }
                _ = try mirror.database.query(view.sql) { false }
            }
        }
    }
}
