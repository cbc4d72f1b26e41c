import Foundation
import JixiaoModel

/// The mirror's tables, in the order a filing's rows are inserted.
public enum MirrorTable: String, CaseIterable, Sendable {
    case filings, projects, department, indicators, findings

    /// The column that names a row's filing.
    var filingKey: String { self == .filings ? "id" : "filing_id" }

    /// The index on `filingKey` of a table that holds many rows a filing (the others are keyed by it).
    var filingIndex: (name: String, create: String)? {
        guard self == .indicators || self == .findings else { return nil }
        let name = "\(rawValue)_filing"
        return (name, "CREATE INDEX \(name) ON \(rawValue)(filing_id)")
    }

    public static let schema =
        tableStatements + "\n" + allCases.compactMap { $0.filingIndex.map { $0.create + ";" } }.joined(separator: "\n")

    private static let tableStatements = """
        CREATE TABLE filings(id INTEGER PRIMARY KEY, path TEXT, unit TEXT, year INTEGER, sha256 TEXT,
          encoding TEXT, warnings INTEGER, rules TEXT, format TEXT);
        CREATE TABLE projects(filing_id INTEGER, idx INTEGER, name TEXT, initial REAL, full_year REAL,
          executed REAL, weight REAL, reported_rate REAL, reported_score REAL, reported_total REAL, rate REAL,
          execution_score REAL, total REAL, grade TEXT, reported_grade TEXT, PRIMARY KEY(filing_id, idx));
        CREATE TABLE department(filing_id INTEGER PRIMARY KEY, initial REAL, adjusted REAL, executed REAL,
          reported_rate REAL, reported_score REAL, reported_total REAL, rate REAL, execution_score REAL, total REAL,
          grade TEXT, reported_grade TEXT);
        CREATE TABLE indicators(filing_id INTEGER, project_idx INTEGER, idx INTEGER, level1 TEXT, level2 TEXT,
          level3 TEXT, target TEXT, actual TEXT, weight REAL, score REAL, computed_score REAL, line INTEGER);
        CREATE TABLE findings(filing_id INTEGER, project_idx INTEGER, check_id TEXT, severity TEXT, line INTEGER,
          message TEXT);
        """

    /// Each table's columns in the schema's order, for completion (`p.`⇥ after `FROM projects p`).
    public static let columns: [String: [String]] = {
        var columns: [String: [String]] = [:]
        for statement in schema.split(separator: ";") where statement.contains("CREATE TABLE") {
            guard let open = statement.firstIndex(of: "("), let close = statement.lastIndex(of: ")") else { continue }
            let table = statement[..<open].split(separator: " ").last.map(String.init) ?? ""
            columns[table] = statement[statement.index(after: open)..<close].split(separator: ",").compactMap { part in
                let word = part.split(whereSeparator: { $0 == " " || $0 == "\n" }).first.map(String.init) ?? ""
                return word.allSatisfy({ $0.isLetter || $0 == "_" }) && word != "PRIMARY" ? word : nil
            }
        }
        return columns
    }()

    /// Every table and column name in the schema, for completion.
    public static let names: [String] = {
        var names = allCases.map(\.rawValue)
        for table in allCases {
            for column in columns[table.rawValue] ?? [] where !names.contains(column) { names.append(column) }
        }
        return names
    }()
}

/// The loaded filings as SQL tables (the schema is in the README). Each table is filled only when
/// a statement reads it, and a filing's rows in it are replaced only when the filing's state
/// changed since, told by a stamp of the caller's own type: a query of `projects` never pays for
/// the findings' messages, most of a mirror's cost.
public final class Mirror<Stamp: Hashable> {
    public let database: Database
    /// The state each filing's rows were written for, table by table.
    private var stamps: [MirrorTable: [Int: Stamp]] = [:]
    /// Each table's two statements, prepared once: every table has both, so none can be missing.
    private let inserts: [MirrorTable: Statement]
    private let deletes: [MirrorTable: Statement]
    /// The tables an update has begun to write, even one rolled back: the others hold no rows.
    private var written: Set<MirrorTable> = []

    public init() throws(SQLError) {
        database = try Database()
        try database.execute(MirrorTable.schema)
        var inserts: [MirrorTable: Statement] = [:]
        var deletes: [MirrorTable: Statement] = [:]
        for table in MirrorTable.allCases {
            let columns = try database.columnCount(of: table.rawValue)
            let places = Array(repeating: "?", count: columns).joined(separator: ", ")
            inserts[table] = try database.prepare("INSERT INTO \(table.rawValue) VALUES (\(places))")
            deletes[table] = try database.prepare("DELETE FROM \(table.rawValue) WHERE \(table.filingKey) = ?")
        }
        self.inserts = inserts
        self.deletes = deletes
    }

    /// Drops the rows of filings numbered above `count`, which the session no longer holds
    /// (`unload`, the example replaced), in one transaction.
    public func keep(first count: Int) throws(SQLError) {
        let gone = Set(stamps.values.flatMap { $0.keys.filter { $0 > count } }).sorted()
        guard !gone.isEmpty else { return }
        try database.execute("BEGIN")
        do throws(SQLError) {
            for id in gone {
                for table in MirrorTable.allCases { try deletes[table]?.run([.integer(Int64(id))]) }
            }
            try database.execute("COMMIT")
        } catch {
            try? database.execute("ROLLBACK")
            throw error
        }
        for table in MirrorTable.allCases {
            for id in gone { stamps[table]?[id] = nil }
        }
    }

    /// Which of `tables` must be written again for filing `id` in the state `stamp` names.
    public func stale(_ id: Int, _ stamp: Stamp, in tables: Set<MirrorTable>) -> Set<MirrorTable> {
        tables.filter { stamps[$0]?[id] != stamp }
    }

    /// Replaces the rows of the given filings in the given tables, in one transaction: all of
    /// them or none. `rows` works out a filing's rows (`FilingRows(of:tables:)`) on another thread,
    /// a slice of filings at a time, while SQLite inserts the slice before on this one; so a
    /// county's rows are never all held at once.
    public func update(
        _ results: [FilingResult], stamps new: [Stamp], tables: Set<MirrorTable>,
        rows: @escaping @Sendable (FilingResult) -> FilingRows
    ) throws(SQLError) {
        precondition(results.count == new.count, "a stamp for each result")
        guard !results.isEmpty, !tables.isEmpty else { return }
        // A table written for the first time has no rows to delete, and its index is made once
        // after its rows are in: kept in order at every insert, it cost a sixth of the filling.
        let first = MirrorTable.allCases.filter { tables.contains($0) && !written.contains($0) }
        let (firstIndexes, holding) = (first.compactMap(\.filingIndex), tables.subtracting(first))
        written.formUnion(tables)
        try database.execute("BEGIN")
        do throws(SQLError) {
            for index in firstIndexes { try database.execute("DROP INDEX \(index.name)") }
            try replace(results, in: holding, rows: rows)
            for index in firstIndexes { try database.execute(index.create) }
            try database.execute("COMMIT")
        } catch {
            try? database.execute("ROLLBACK")
            for table in tables {
                for result in results { stamps[table]?[result.number] = nil }
            }
            throw error
        }
        for table in tables {
            for (result, stamp) in zip(results, new) { stamps[table, default: [:]][result.number] = stamp }
        }
    }

    /// `replace` for each of `results`, a slice at a time: the next slice's rows are worked out
    /// on another thread while this one inserts the slice before.
    private func replace(
        _ results: [FilingResult], in holding: Set<MirrorTable>, rows: @escaping @Sendable (FilingResult) -> FilingRows
    ) throws(SQLError) {
        let slices = stride(from: 0, to: results.count, by: 256).map { $0..<min($0 + 256, results.count) }
        var next = SliceRows(Array(results[slices[0]]), rows)
        for s in slices.indices {
            let ready = next.wait()
            if s + 1 < slices.count { next = SliceRows(Array(results[slices[s + 1]]), rows) }
            for filing in ready { try replace(filing, in: holding) }
        }
    }

    /// Deletes the filing's rows from `holding`, then inserts its rows.
    func replace(_ filing: FilingRows, in holding: Set<MirrorTable>) throws(SQLError) {
        let id = SQLValue.integer(Int64(filing.number))
        for table in MirrorTable.allCases where holding.contains(table) { try deletes[table]?.run([id]) }
        for (table, values) in filing.rows { try inserts[table]?.run(values) }
    }
}

/// The rows of a slice of filings, worked out on another thread while the slice before is
/// inserted: working them out costs about two thirds of what inserting them does, and the two
/// took turns on one core.
private final class SliceRows: @unchecked Sendable {
    // Written once by the work, read only after `finished` is signalled.
    private var rows: [FilingRows] = []
    private let finished = DispatchSemaphore(value: 0)

    init(_ results: [FilingResult], _ make: @escaping @Sendable (FilingResult) -> FilingRows) {
        DispatchQueue.global().async { [self] in
            rows = results.map(make)
            finished.signal()
        }
    }

    /// The rows, once worked out.
    func wait() -> [FilingRows] {
        finished.wait()
        return rows
    }
}

/// The rows of one filing, worked out from its result (on any thread) and ready to insert.
public struct FilingRows: Sendable {
    let number: Int
    let rows: [(table: MirrorTable, values: [SQLValue])]
}

extension FilingRows {
    /// One filing's rows in `tables`, table by table in the order they are inserted. A pure
    /// function of the result: the findings' messages and the figures' conversions are most of a
    /// mirror's cost, so only the tables asked for are worked out.
    public init(of r: FilingResult, tables: Set<MirrorTable> = Set(MirrorTable.allCases)) {
        let id = SQLValue.integer(Int64(r.number))
        var rows: [(MirrorTable, [SQLValue])] = []
        if tables.contains(.filings) { rows.append((.filings, Self.filing(r, id: id))) }
        let f = r.filing
        for (i, (project, card)) in zip(f.projects, r.projectCards).enumerated() {
            let number = SQLValue.integer(Int64(i + 1))
            if tables.contains(.projects) { rows.append((.projects, Self.project(project, card, id: id, number))) }
            if tables.contains(.indicators) {
                rows += Self.indicators(project.indicators, card, id: id, project: number)
            }
        }
        if let department = f.department, let card = r.departmentCard {
            if tables.contains(.department) {
                let funds = department.funds
                let figures: [SQLValue] = [
                    id, .real(funds.initial.value), .real(funds.fullYear.value), .real(funds.executed.value),
                ]
                rows.append((.department, figures + Self.scores(card, funds, department.reportedTotal)))
            }
            if tables.contains(.indicators) {
                rows += Self.indicators(department.indicators, card, id: id, project: .null)
            }
        }
        if tables.contains(.findings) { rows += Self.findings(r, id: id) }
        self.init(number: r.number, rows: rows)
    }

    static func filing(_ r: FilingResult, id: SQLValue) -> [SQLValue] {
        let f = r.filing
        return [
            id, .text(FileNames.shown(r.path)), .text(f.unit), f.year.map { .integer(Int64($0)) } ?? .null,
            .text(f.sha256), .text(f.encoding.rawValue), .integer(Int64(f.warnings.count)), .text(r.rules),
            .text(f.format.rawValue),
        ]
    }

    static func project(_ project: Project, _ card: ScoreCard, id: SQLValue, _ number: SQLValue) -> [SQLValue] {
        let funds = project.funds
        let figures: [SQLValue] = [
            .real(funds.initial.value), .real(funds.fullYear.value), .real(funds.executed.value),
            .real(funds.weight.value),
        ]
        return [id, number, .text(project.name)] + figures + Self.scores(card, funds, project.reportedTotal)
    }

    static func findings(_ r: FilingResult, id: SQLValue) -> [(MirrorTable, [SQLValue])] {
        let projectNumbers = Dictionary(r.filing.projects.enumerated().map { ($1.name, $0 + 1) }) { first, _ in first }
        return r.findings.map { finding in
            let project = finding.target.projectName.flatMap { projectNumbers[$0] }
            return (
                .findings,
                [
                    id, project.map { .integer(Int64($0)) } ?? .null, .text(finding.check.rawValue),
                    .text(finding.severity.rawValue), finding.line.map { .integer(Int64($0)) } ?? .null,
                    .text(finding.message),
                ]
            )
        }
    }

    /// reported_rate, reported_score, reported_total, rate, execution_score, total, grade, reported_grade.
    static func scores(_ card: ScoreCard, _ funds: Funds, _ total: Figure) -> [SQLValue] {
        [
            .real(funds.reportedRate.value), .real(funds.reportedScore.value), .real(total.value),
            .real(card.execution.rate?.rounded(4)), .real(card.execution.score), .real(card.total),
            card.grade.map(SQLValue.text) ?? .null, card.reportedGrade.map(SQLValue.text) ?? .null,
        ]
    }

    static func indicators(
        _ indicators: [Indicator], _ card: ScoreCard, id: SQLValue, project: SQLValue
    ) -> [(MirrorTable, [SQLValue])] {
        zip(indicators, card.indicators).enumerated().map { i, pair in
            let (ind, score) = pair
            return (
                .indicators,
                [
                    id, project, .integer(Int64(i + 1)), .text(ind.level1), .text(ind.level2), .text(ind.level3),
                    ind.target.map(SQLValue.text) ?? .null, ind.actual.map(SQLValue.text) ?? .null,
                    .real(ind.weight.value), .real(ind.score.value), .real(score.computed),
                    .integer(Int64(ind.line)),
                ]
            )
        }
    }
}

extension SQLValue {
    /// A decimal figure as SQLite's REAL: the double nearest to it, which prints back as the same
    /// decimal with up to 15 significant digits; NULL for a blank.
    static func real(_ value: Decimal?) -> SQLValue {
        guard let value else { return .null }
        if let double = DecimalWords(value)?.double { return .real(double) }
        return Double(value.plain).map(SQLValue.real) ?? .null
    }
}
