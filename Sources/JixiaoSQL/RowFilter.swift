import Foundation

/// Keeps the rows of a table for which a SQL expression holds: `--where "执行率 < 0.6 AND 得分 = 分值"`.
/// The rows go into a private in-memory database opened and hardened as the mirror is, and the
/// expression is evaluated there by SQLite, so `--where` and `sql` speak one language with the
/// same functions and the same refusal of anything that writes.
public struct RowFilter {
    /// A column: the name it is stored under first, then the other names it answers to.
    public struct Column: Sendable {
        public var names: [String]
        public init(names: [String]) { self.names = names }
    }

    public var columns: [Column]

    public init(columns: [Column]) { self.columns = columns }

    /// The positions of the rows `expression` holds for, in order; `value(row, column)` gives a
    /// cell. An expression that is not one over these columns is an error that lists them.
    public func positions(
        rows count: Int, value: (Int, Int) -> SQLValue, where expression: String,
        interrupted: @escaping () -> Bool = { false }
    ) throws(SQLError) -> [Int] {
        let database = try Database()
        // Only the columns the expression may name are stored: a county's table has tens of
        // thousands of rows, and a filter names two or three of its sixteen columns.
        let used = referencedColumns(in: expression)
        let stored = used.map { "c\($0)" }
        try database.execute("CREATE TABLE t(n INTEGER\(stored.map { ", " + $0 }.joined()))")
        var selected = ["n AS \(Self.internalName)"]
        var seen = Set<String>()
        for i in used {
            for name in columns[i].names where !name.isEmpty && seen.insert(name.lowercased()).inserted {
                selected.append("c\(i) AS \(Self.quoted(name))")
            }
        }
        try database.execute("CREATE VIEW \(Self.viewName) AS SELECT \(selected.joined(separator: ", ")) FROM t")
        let places = Array(repeating: "?", count: used.count + 1).joined(separator: ", ")
        let insert = try database.prepare("INSERT INTO t VALUES (\(places))")
        try database.execute("BEGIN")
        for row in 0..<count { try insert.run([.integer(Int64(row))] + used.map { value(row, $0) }) }
        try database.execute("COMMIT")
        let query = "SELECT \(Self.internalName) FROM \(Self.viewName) WHERE (\(quotingNames(in: expression)))"
        let result: (columns: [String], rows: [[SQLValue]])
        do {
            result = try database.query(query, interrupted: interrupted)
        } catch {
            if error.message == "interrupted" || error == .readOnly { throw error }
            throw SQLError(message: "--where: \(error.message); the columns are \(columnList)")
        }
        return result.rows.compactMap { row in
            guard case .integer(let n)? = row.first, n >= 0, n < count else { return nil }
            return Int(n)
        }
    }

    /// The columns one of whose names occurs anywhere in `expression` (in any case): a superset of
    /// those it names, so none it needs is missing. Naming the table itself takes them all.
    func referencedColumns(in expression: String) -> [Int] {
        let text = expression.lowercased()
        if text.contains(Self.viewName) { return Array(columns.indices) }
        return columns.indices.filter { i in
            columns[i].names.contains { !$0.isEmpty && text.contains($0.lowercased()) }
        }
    }

    /// The table's name in the filter's database, for a subquery over the rows themselves.
    static let viewName = "rows"

    /// The column names, for an error message: `#`, 单位名称 (unit), …
    public var columnList: String {
        columns.filter { $0.names.contains { !$0.isEmpty } }.map { column in
            let names = Self.unique(column.names)
            let rest = names.dropFirst()
            return (names.first ?? "") + (rest.isEmpty ? "" : " (\(rest.joined(separator: ", ")))")
        }.joined(separator: ", ")
    }

    /// The row number's name in the view: one no header will take.
    static let internalName = "\"jixiao row\""

    /// `expression` with each column name that stands as a whole word outside quotes put in
    /// double quotes, so a header SQL would misread works as typed: `执行率(计算) < 0.6` (a call
    /// of 执行率 to SQL), `check = 'rate.differs'` (a keyword), `# = 3`. The longest name wins.
    public func quotingNames(in expression: String) -> String {
        let names = columns.flatMap(\.names).filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        let text = Array(expression)
        var out = ""
        var i = 0
        while i < text.count {
            let c = text[i]
            if c == "'" || c == "\"" || c == "`" || c == "[" {
                let close: Character = c == "[" ? "]" : c
                var j = i + 1
                while j < text.count, text[j] != close { j += 1 }
                out += String(text[i..<min(j + 1, text.count)])
                i = j + 1
                continue
            }
            let startsWord = i == 0 || !Self.isWordCharacter(text[i - 1])
            if startsWord, let name = names.first(where: { Self.matches($0, text, at: i) }) {
                out += Self.quoted(name)
                i += name.count
                continue
            }
            out.append(c)
            i += 1
        }
        return out
    }

    static func matches(_ name: String, _ text: [Character], at i: Int) -> Bool {
        let name = Array(name)
        guard i + name.count <= text.count else { return false }
        for k in name.indices where text[i + k].lowercased() != name[k].lowercased() { return false }
        let end = i + name.count
        // A name ends at a word's end, and is no function call (`count(` stays a function).
        guard end == text.count || !isWordCharacter(text[end]) else { return false }
        let next = text[end...].first { $0 != " " }
        return next != "(" || !name.allSatisfy(isWordCharacter)
    }

    /// A letter, digit, `_`, or any character outside ASCII (SQLite takes those in identifiers).
    static func isWordCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_" || !c.isASCII
    }

    /// A name as an SQL identifier: in double quotes, quotes doubled.
    public static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Names in order without repeats, ignoring case (SQLite's names ignore it too).
    static func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { !$0.isEmpty && seen.insert($0.lowercased()).inserted }
    }
}
