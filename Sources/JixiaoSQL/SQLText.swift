import CSQLite
import Foundation

/// Whether a query typed so far is whole, so the shell knows to read another line: psql and
/// sqlite3 both let a statement run over several lines, ending at `;` or where it is complete.
public enum SQLText {
    /// `alias.column` for every table a query names after FROM or JOIN (`FROM projects p,
    /// filings f`), under its alias and its own name: what completion offers at `p.`.
    /// `columns` gives a table's columns, none for a word that names no table.
    public static func qualifiedColumns(_ words: [String], columns: (String) -> [String]) -> [String] {
        var found: [String] = []
        var index = 0
        while index < words.count {
            let word = words[index].lowercased()
            index += 1
            guard word == "from" || word == "join" else { continue }
            var more = true
            while more, index < words.count {
                let table = words[index].trimmingCharacters(in: CharacterSet(charactersIn: ",;()"))
                more = words[index].hasSuffix(",")
                index += 1
                var names = [table]
                if !more, index < words.count, words[index].lowercased() == "as" { index += 1 }
                if !more, index < words.count, let alias = alias(words[index]) {
                    names.append(alias)
                    more = words[index].hasSuffix(",")
                    index += 1
                }
                let list = columns(table)
                for name in names { found += list.map { name + "." + $0 } }
            }
        }
        return found
    }

    /// The alias a word after a table name is, unless it is a keyword that goes on the query.
    private static func alias(_ word: String) -> String? {
        let name = word.trimmingCharacters(in: CharacterSet(charactersIn: ",;()"))
        let keywords: Set<String> = [
            "where", "join", "left", "right", "inner", "outer", "cross", "natural", "on", "using", "group", "order",
            "limit", "having", "window", "union", "except", "intersect",
        ]
        guard let first = name.first, first.isLetter || first == "_", !keywords.contains(name.lowercased()) else {
            return nil
        }
        return name
    }

    /// True when `sql` cannot be a whole statement yet: an open string, comment or parenthesis,
    /// or input that stops where the grammar wants more (`SELECT name,`). SQLite's own parser
    /// judges it, against an empty database, so nothing is run.
    public static func isIncomplete(_ sql: String) -> Bool {
        let trimmed = sql.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed.hasSuffix(";") && sqlite3_complete(trimmed) != 0 { return false }
        if sqlite3_complete(trimmed + "\n;") == 0 { return true }  // an open string or comment
        guard let database = try? Database() else { return false }
        var statement: OpaquePointer?
        let status = sqlite3_prepare_v2(database.handle, trimmed, -1, &statement, nil)
        sqlite3_finalize(statement)
        return status != SQLITE_OK && database.lastError.message == "incomplete input"
    }
}
