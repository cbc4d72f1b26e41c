import CSQLite
import Foundation

/// Why SQLite refused a statement: its own message, as `near "SELEC": syntax error`.
public struct SQLError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }

    /// A statement that would change the mirror, refused by the authorizer or as not read-only.
    public static let readOnly = SQLError(
        message: "only reading queries are allowed (SELECT, WITH …, CREATE TEMP VIEW); the mirror is read-only")
}

/// One SQLite value of a result row.
public enum SQLValue: Equatable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)

    /// The text of a TEXT value, else empty: for the schema's own names and statements.
    var text: String {
        if case .text(let text) = self { return text }
        return ""
    }
}

/// A thin owner of one SQLite connection: statements, bindings, rows, and the two hooks a
/// shell needs (an authorizer that keeps the analyst's queries read-only, and a progress
/// handler that lets Ctrl-C stop a long query). Written over the C API because that is all
/// jixiao needs of SQLite; a full wrapper such as GRDB would bring far more than is used.
public final class Database {
    let handle: OpaquePointer
    private let hooks = Hooks()

    /// State the C callbacks reach through their context pointer.
    final class Hooks {
        var readOnly = false
        /// Set when the statement being prepared creates or drops a temp view.
        var changesTempViews = false
        var interrupted: () -> Bool = { false }
        /// The mirror's tables a statement reads, gathered while `tablesRead(by:)` prepares it.
        var reads: Set<String>?
    }

    /// A new, empty, private database. SQLite keeps a temporary database (an empty file name)
    /// in its page cache and spills it to an anonymous file it deletes on close, so a county's
    /// mirror does not double the shell's memory.
    public init() throws(SQLError) {
        Database.configured
        var db: OpaquePointer?
        // Without a mutex of its own ("multi-thread" mode): a connection is only ever used by one
        // thread at a time (the shell's commands run one after another; the work on other cores
        // never touches SQLite), and locking it at every bind and step was an eighth of the
        // instructions of filling the mirror.
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        guard sqlite3_open_v2("", &db, flags, nil) == SQLITE_OK,
            let db
        else { throw SQLError(message: "cannot open a temporary database") }
        handle = db
        Database.harden(db)
        let context = Unmanaged.passUnretained(hooks).toOpaque()
        sqlite3_set_authorizer(handle, Database.authorize, context)
        sqlite3_progress_handler(handle, 10_000, Database.progress, context)
    }

    /// SQLite's library-wide settings, made once before its first connection: no count of the
    /// memory it holds (`sqlite3_memory_used`, which jixiao never asks), a count every allocation
    /// and free took a mutex to keep.
    private static let configured: Void = {
        _ = jx_sqlite3_config_int(SQLITE_CONFIG_MEMSTATUS, 0)
    }()

    /// The settings SQLite's guide for untrusted SQL asks for: no writing to the schema or the
    /// file format from SQL, no replacing the FTS3 tokenizer's function pointer, no functions
    /// run from the schema, no extensions, no attached databases, and bounds on a value's size,
    /// a statement's length and an expression's depth.
    private static func harden(_ db: OpaquePointer) {
        _ = jx_sqlite3_db_config_int(db, SQLITE_DBCONFIG_DEFENSIVE, 1)
        _ = jx_sqlite3_db_config_int(db, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0)
        _ = jx_sqlite3_db_config_int(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0)
        _ = jx_sqlite3_db_config_int(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0)
        sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0)
        sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 100_000_000)
        sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, 1_000_000)
        sqlite3_limit(db, SQLITE_LIMIT_EXPR_DEPTH, 200)
        sqlite3_limit(db, SQLITE_LIMIT_COMPOUND_SELECT, 100)
        sqlite3_limit(db, SQLITE_LIMIT_FUNCTION_ARG, 32)
        sqlite3_limit(db, SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 10_000)
    }

    deinit { sqlite3_close_v2(handle) }

    /// Lets only reading through while `readOnly` is set: SELECT, reading columns, recursive
    /// queries, and the functions of `allowedFunctions`. Writes, ATTACH, PRAGMA, schema changes
    /// and any other function (`fts3_tokenizer`, `load_extension`) are denied at prepare time.
    private static let authorize:
        @convention(c) (
            UnsafeMutableRawPointer?, Int32, UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?,
            UnsafePointer<CChar>?
        ) -> Int32 = { context, action, table, name, schema, _ in
            guard let context else { return SQLITE_OK }
            let hooks = Unmanaged<Hooks>.fromOpaque(context).takeUnretainedValue()
            guard hooks.readOnly else { return SQLITE_OK }
            // A read through a view is told as a read of the view's own tables; a table of which
            // no column is read (`count(*)`) comes without its schema's name.
            if action == SQLITE_READ, hooks.reads != nil, let table, schema.map({ String(cString: $0) }) != "temp" {
                hooks.reads?.insert(String(cString: table))
            }
            switch action {
            case SQLITE_FUNCTION:
                let function = name.map { String(cString: $0).lowercased() } ?? ""
                return allowedFunctions.contains(function) ? SQLITE_OK : SQLITE_DENY
            case SQLITE_SELECT, SQLITE_READ, SQLITE_RECURSIVE:
                return SQLITE_OK
            case SQLITE_CREATE_TEMP_VIEW, SQLITE_DROP_TEMP_VIEW:
                // A named query in the temp schema: the one change `sql` may make.
                hooks.changesTempViews = true
                return SQLITE_OK
            case SQLITE_INSERT, SQLITE_UPDATE, SQLITE_DELETE:
                // Creating or dropping a temp view writes the temp schema, where no table can be
                // made (CREATE TEMP TABLE is denied): nothing of the mirror.
                let database = schema.map { String(cString: $0) } ?? ""
                return database == "temp" ? SQLITE_OK : SQLITE_DENY
            default:
                return SQLITE_DENY
            }
        }

    /// SQLite's built-in functions that only compute: scalar, aggregate, window, date, math and
    /// JSON. Anything else a build may hold (`fts3_tokenizer`, `load_extension`, `readfile`)
    /// is refused.
    static let allowedFunctions: Set<String> = [
        "abs", "changes", "char", "coalesce", "concat", "concat_ws", "format", "glob", "hex", "ifnull", "iif",
        "instr", "length", "like", "likelihood", "likely", "lower", "ltrim", "max", "min", "nullif", "octet_length",
        "printf", "quote", "random", "randomblob", "replace", "round", "rtrim", "sign", "soundex", "substr",
        "substring", "trim", "typeof", "unhex", "unicode", "unlikely", "upper", "zeroblob",
        "avg", "count", "group_concat", "string_agg", "sum", "total",
        "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead", "first_value",
        "last_value", "nth_value",
        "date", "time", "datetime", "julianday", "unixepoch", "strftime", "timediff",
        "acos", "acosh", "asin", "asinh", "atan", "atan2", "atanh", "ceil", "ceiling", "cos", "cosh", "degrees",
        "exp", "floor", "ln", "log", "log10", "log2", "mod", "pi", "pow", "power", "radians", "sin", "sinh", "sqrt",
        "tan", "tanh", "trunc",
        "json", "json_array", "json_array_length", "json_extract", "json_insert", "json_object", "json_patch",
        "json_remove", "json_replace", "json_set", "json_type", "json_valid", "json_quote", "json_group_array",
        "json_group_object", "json_each", "json_tree",
    ]

    private static let progress: @convention(c) (UnsafeMutableRawPointer?) -> Int32 = { context in
        guard let context else { return 0 }
        return Unmanaged<Hooks>.fromOpaque(context).takeUnretainedValue().interrupted() ? 1 : 0
    }

    /// SQLite's message for the last failure; its general text for the code when the message is
    /// empty, so an error never reaches the analyst as `sql: ` alone.
    var lastError: SQLError {
        let message = String(cString: sqlite3_errmsg(handle))
        let code = sqlite3_extended_errcode(handle)
        return SQLError(message: message.isEmpty ? String(cString: sqlite3_errstr(code)) : message)
    }

    /// Runs statements that return no rows (schema, transactions).
    public func execute(_ sql: String) throws(SQLError) {
        guard sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else { throw lastError }
    }

    /// How many columns `table` has.
    func columnCount(of table: String) throws(SQLError) -> Int {
        let statement = try prepare("SELECT * FROM \(table)")
        return Int(sqlite3_column_count(statement.handle))
    }

    /// A prepared statement, to bind and step many times.
    public func prepare(_ sql: String) throws(SQLError) -> Statement {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else { throw lastError }
        return Statement(statement, database: self)
    }

    /// The result of a read-only query: column names and rows. A statement that would change
    /// anything is refused before it runs; `interrupted` is asked now and then while it runs.
    public func query(
        _ sql: String, interrupted: @escaping () -> Bool
    ) throws(SQLError) -> (columns: [String], rows: [[SQLValue]]) {
        hooks.readOnly = true
        hooks.changesTempViews = false
        hooks.interrupted = interrupted
        defer {
            hooks.readOnly = false
            hooks.changesTempViews = false
            hooks.interrupted = { false }
        }
        let (status, statement, rest) = sql.withCString { text in
            var statement: OpaquePointer?
            var tail: UnsafePointer<CChar>?
            let status = sqlite3_prepare_v2(handle, text, -1, &statement, &tail)
            // The tail points into `text`, which lives only inside this closure.
            return (status, statement, tail.map { String(cString: $0) } ?? "")
        }
        if status == SQLITE_AUTH {
            sqlite3_finalize(statement)
            throw SQLError.readOnly
        }
        guard status == SQLITE_OK else { throw lastError }
        guard let statement else { throw SQLError(message: "the query is empty") }
        let prepared = Statement(statement, database: self)
        if !rest.trimmingCharacters(in: .whitespacesAndNewlines.union(.init(charactersIn: ";"))).isEmpty {
            throw SQLError(message: "one statement at a time")
        }
        // A statement that writes is refused, but for a temp view's creation or removal, whose
        // only write (its schema row) the authorizer allowed.
        guard sqlite3_stmt_readonly(statement) != 0 || hooks.changesTempViews else {
            throw SQLError.readOnly
        }
        let columns = (0..<sqlite3_column_count(statement)).map { String(cString: sqlite3_column_name(statement, $0)) }
        var rows: [[SQLValue]] = []
        while try prepared.step() { rows.append(prepared.row()) }
        return (columns, rows)
    }

    /// The tables of the main schema `sql` would read, through views too, as SQLite's authorizer
    /// tells them while it prepares the statement (a statement that reads no column of a table,
    /// `count(*)`, is told too). Empty for a statement SQLite cannot prepare: `query` then says why.
    public func tablesRead(by sql: String) -> Set<String> {
        hooks.readOnly = true
        hooks.reads = []
        defer {
            hooks.readOnly = false
            hooks.changesTempViews = false
            hooks.reads = nil
        }
        var statement: OpaquePointer?
        _ = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        sqlite3_finalize(statement)
        return hooks.reads ?? []
    }

    /// The tables and views a query may read, the mirror's (`main`) first, then the temp views:
    /// each with its kind and the statement that made it. Read by the shell itself, not a query.
    public func relations() throws(SQLError) -> [(name: String, kind: String, sql: String)] {
        let statement = try prepare(
            """
            SELECT name, type, sql FROM sqlite_schema WHERE type IN ('table', 'view')
            UNION ALL SELECT name, type, sql FROM sqlite_temp_schema WHERE type = 'view'
            """)
        var found: [(name: String, kind: String, sql: String)] = []
        while try statement.step() {
            let row = statement.row().map(\.text)
            found.append((row[0], row[1], row[2]))
        }
        return found
    }

    /// The columns of table or view `name` with their declared types (empty for a view's
    /// computed column); nil when there is no such table or view.
    public func columns(of name: String) throws(SQLError) -> [(name: String, type: String)]? {
        let statement = try prepare("SELECT name, type FROM pragma_table_info(?1)")
        statement.bind([.text(name)])
        var found: [(name: String, type: String)] = []
        while try statement.step() {
            let row = statement.row().map(\.text)
            found.append((row[0], row[1]))
        }
        return found.isEmpty ? nil : found
    }

    /// The whole database as the bytes of a database file, for `export sqlite`.
    public func serialized() throws(SQLError) -> Data {
        var size: sqlite3_int64 = 0
        guard let bytes = sqlite3_serialize(handle, "main", &size, 0) else { throw lastError }
        defer { sqlite3_free(bytes) }
        return Data(bytes: bytes, count: Int(size))
    }
}

/// A prepared statement: bind by position (from 1), step, read the row.
public final class Statement {
    let handle: OpaquePointer
    let database: Database

    init(_ handle: OpaquePointer, database: Database) {
        self.handle = handle
        self.database = database
    }

    deinit { sqlite3_finalize(handle) }

    /// SQLITE_TRANSIENT: SQLite copies the bound text before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    public func bind(_ values: [SQLValue]) {
        sqlite3_reset(handle)
        // Parameters left unbound are NULL; when every one is bound below, clearing is wasted work.
        if values.count < sqlite3_bind_parameter_count(handle) { sqlite3_clear_bindings(handle) }
        for (i, value) in values.enumerated() {
            let position = Int32(i + 1)
            switch value {
            case .null: sqlite3_bind_null(handle, position)
            case .blob(let bytes):
                bytes.withUnsafeBytes { raw in
                    _ = sqlite3_bind_blob64(handle, position, raw.baseAddress, UInt64(raw.count), Self.transient)
                }
            case .integer(let n): sqlite3_bind_int64(handle, position, n)
            case .real(let x): sqlite3_bind_double(handle, position, x)
            // withCString lends a native string's own bytes (they end in a NUL); passing the
            // string itself made a C copy of each text through `utf8CString` first. Either way
            // the text ends at its first NUL.
            case .text(let s): _ = s.withCString { sqlite3_bind_text(handle, position, $0, -1, Self.transient) }
            }
        }
    }

    /// Runs the statement with `values` bound, for statements that return no rows.
    public func run(_ values: [SQLValue]) throws(SQLError) {
        bind(values)
        while try step() {}
    }

    /// Advances to the next row; false when there is none.
    func step() throws(SQLError) -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case SQLITE_INTERRUPT: throw SQLError(message: "interrupted")
        default: throw database.lastError
        }
    }

    func row() -> [SQLValue] {
        (0..<sqlite3_column_count(handle)).map { i in
            switch sqlite3_column_type(handle, i) {
            case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, i))
            case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, i))
            case SQLITE_TEXT: return .text(String(cString: sqlite3_column_text(handle, i)))
            case SQLITE_BLOB:
                let count = Int(sqlite3_column_bytes(handle, i))
                guard count > 0, let bytes = sqlite3_column_blob(handle, i) else { return .blob(Data()) }
                return .blob(Data(bytes: bytes, count: count))
            default: return .null
            }
        }
    }
}
