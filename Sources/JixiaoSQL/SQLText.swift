import CSQLite
import Foundation

/// Whether a query typed so far is whole, so the shell knows to read another line: psql and
/// sqlite3 both let a statement run over several lines, ending at `;` or where it is complete.
public enum SQLText {
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
