import Foundation
import JixiaoModel
import JixiaoRendering
import JixiaoSQL

/// What the word after a command name completes to at the prompt.
package enum Completion: Sendable {
    case none
    case words([String])
    case paths
    case projects
    case commands
    /// Depends on the words typed after the command name so far (`rules use` → rule set names).
    case contextual(@Sendable (_ previous: [String], _ session: Session) -> Completion)
}

/// What a command may touch besides the session: paths resolved against the shell's folder,
/// files read and written through `Disk`, and Ctrl-C. The shell provides it; tests may too.
package protocol Environment: AnyObject {
    /// An absolute path for `path` as the analyst typed it.
    func resolve(_ path: String) -> String
    /// How to show `match`, a path on disk that the typed path `typed` led to (a glob's match).
    func shown(_ match: String, typed: String) -> String
    /// Writes a result file atomically; an existing file is replaced only with `force` or when
    /// this session wrote it before.
    /// `isPrivate`: a new file is created 0600 (a saved scenario: unpublished what-if work).
    func write(_ data: Data, to path: String, force: Bool, isPrivate: Bool) throws(ShellError)
    /// Throws `.cancelled` once Ctrl-C was pressed; long commands call it between steps.
    func checkInterrupt() throws(ShellError)
    /// Reports how far a load has got; `nil` when it is over.
    func progress(_ progress: LoadProgress?)
    /// Where conversions are kept between loads (`$XDG_CACHE_HOME/jixiao`); nil keeps none.
    var conversionCache: ConversionCache? { get }
    /// Where outside programs (LibreOffice, poppler) are looked for, as `$PATH` says.
    var programSearchPath: String { get }
    /// How long a query may run (`option sql_timeout`); nil: until Ctrl-C.
    var queryLimit: Duration? { get }
    /// Whether a person is at a terminal (a load's summary then says how long it took).
    var atTerminal: Bool { get }
    /// Sends every following result to the file at `path` (`\o FILE`), or back to stdout (nil).
    /// Returns what is now the target, as typed.
    func redirectOutput(to path: String?, force: Bool) throws(ShellError) -> String?
}

extension Environment {
    package var queryLimit: Duration? { .seconds(60) }
    package var atTerminal: Bool { false }

    package func redirectOutput(to path: String?, force: Bool) throws(ShellError) -> String? {
        throw .refused("results cannot be sent to a file here")
    }

    package var programSearchPath: String { getenv("PATH").map { String(cString: $0) } ?? "/usr/bin:/bin" }

    /// Writes bytes that anyone may read, as results are.
    func write(_ data: Data, to path: String, force: Bool) throws(ShellError) {
        try write(data, to: path, force: force, isPrivate: false)
    }

    /// Reads a UTF-8 text file (a script, a scenario, a rule file) named as the analyst typed it.
    func readText(_ typed: String) throws(ShellError) -> String {
        try Disk.readText(resolve(typed), shownAs: typed)
    }

    /// Writes text as UTF-8, as `write(_:to:force:)` writes bytes.
    func write(_ text: String, to path: String, force: Bool, isPrivate: Bool = false) throws(ShellError) {
        try write(Data(text.utf8), to: path, force: force, isPrivate: isPrivate)
    }
}

/// What a command produced: its text for stdout, and what the shell itself must do next.
package struct Output: Equatable, Sendable {
    package enum Effect: Equatable, Sendable {
        case none
        /// `quit`: leave (asking first at a terminal when edits are unsaved).
        case quit
        /// `source FILE`: run a script's lines in this shell.
        case source(String)
        /// `\e`: edit the last command in the user's editor and run what was saved.
        case edit
    }

    /// A problem the command met without failing as a whole, or a note, for stderr.
    package struct Diagnostic: Equatable, Sendable {
        package enum Kind: String, Sendable { case error, note }
        package var kind: Kind
        /// What it concerns, such as a file as the analyst named it.
        package var subject: String
        package var message: String
    }

    package var text: String
    package var effect: Effect = .none
    /// Errors here make the command count as failed (exit status 1), but what it did stays done.
    package var diagnostics: [Diagnostic] = []
    /// The text only confirms what was done (`option format csv` says `format csv`), and is no
    /// result: `-q` leaves it out, so stdout holds results alone.
    package var confirms = false
    /// The table the text shows, as data: what `export FORMAT PATH COMMAND` writes, `\o` sends
    /// and `--where` filters. Nil for output that is no one table.
    package var listing: Listing?
    /// Machine text (CSV, JSON) that must reach stdout byte for byte: never wrapped to a window.
    package var verbatim = false
    /// The text is a summary of the diagnostics (a long load's counts): shown after them, last.
    package var summarizes = false

    package init(_ text: String = "", effect: Effect = .none, diagnostics: [Diagnostic] = [], confirms: Bool = false) {
        self.text = text
        self.effect = effect
        self.diagnostics = diagnostics
        self.confirms = confirms
    }

    /// A table as the presentation in force renders it, kept as data too.
    package init(_ listing: Listing) {
        self.init(Output.wantsText ? listing.render() : "")
        self.listing = listing
    }

    /// False while `export … COMMAND` runs the command for its table alone: the text a county
    /// table renders to would be thrown away, and it costs as much as the export.
    @TaskLocal package static var wantsText = true
}

/// A command with its words parsed into a value. It runs against a copy of the session that
/// the shell keeps only when the command succeeds, so a failed command changes nothing.
package protocol Command: Sendable {
    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output
}

/// One command's syntax, help and parser: the single list the loop dispatches on, `help` is
/// generated from and completion reads. A new command is one more value in `CommandSpec.all`.
package struct CommandSpec: Sendable {
    package let name: String
    package var aliases: [String] = []
    package let group: Group
    package let usage: String
    package let summary: String
    /// The long help, made when `help` shows it: some of it is built from registries (the checks'
    /// list), which every start would otherwise pay for.
    package var details: String { detailsText() }
    private let detailsText: @Sendable () -> String
    package let example: String
    package var completion: Completion = .none
    /// Turns the words after the name into a command, or says what is wrong with them.
    package let parse: @Sendable (Invocation) throws(ShellError) -> any Command

    package init(
        name: String, aliases: [String] = [], group: Group, usage: String, summary: String,
        details: @autoclosure @escaping @Sendable () -> String, example: String, completion: Completion = .none,
        parse: @escaping @Sendable (Invocation) throws(ShellError) -> any Command
    ) {
        (self.name, self.aliases, self.group, self.usage, self.summary) = (name, aliases, group, usage, summary)
        (self.detailsText, self.example, self.completion, self.parse) = (details, example, completion, parse)
    }

    package enum Group: String, CaseIterable, Sendable {
        case shell = "Shell"
        case filings = "Filings (自评报告)"
        case rules = "Rules and checks (评分规则与审核)"
        case whatIf = "What-if and saving (模拟调整与保存)"
    }

    /// The one registry of commands, in the order help lists them.
    package static let all: [CommandSpec] =
        shellCommands + optionCommands + habitCommands + filingCommands + exportCommands + ruleCommands + chartCommands
        + sqlCommands + whatIfCommands + saveCommands

    /// Each name and alias to its command; the first command to claim a spelling keeps it.
    private static let bySpelling: [String: CommandSpec] = {
        var index: [String: CommandSpec] = [:]
        index.reserveCapacity(all.reduce(0) { $0 + 1 + $1.aliases.count })
        for spec in all {
            for spelling in [spec.name] + spec.aliases where index[spelling] == nil { index[spelling] = spec }
        }
        return index
    }()

    package static func named(_ word: String) -> CommandSpec? {
        bySpelling[word.lowercased()]
    }

    /// Parses a whole command line (`set score 劳模 1 3`) into a command.
    package static func parse(_ line: String) throws(ShellError) -> (any Command)? {
        let trimmed = Labels.trim(line)
        let afterName = trimmed.drop { !$0.isWhitespace }
        let raw = String(afterName.drop { $0.isWhitespace })
        // psql's `\o` and `\pset` are names as typed: the backslash is no escape there.
        let name: String
        let arguments: [String]
        if trimmed.hasPrefix("\\") {
            name = String(trimmed.prefix { !$0.isWhitespace })
            arguments = try Tokenizer.split(raw)
        } else {
            let words = try Tokenizer.split(line)
            guard let first = words.first else { return nil }
            name = first
            arguments = Array(words.dropFirst())
        }
        guard let spec = named(name) else { throw .unknownCommand(name, suggestion: suggestion(for: name)) }
        return try spec.parse(Invocation(spec: spec, words: arguments, raw: raw))
    }
}

/// One call of a command: its spec and the words after its name.
package struct Invocation: Sendable {
    package let spec: CommandSpec
    package let words: [String]
    /// The text after the command's name as typed, quotes and all (for `sql`).
    package var raw: String = ""
    package var first: String? { words.first }
    package var count: Int { words.count }
    package subscript(_ i: Int) -> String { words[i] }
    package var isEmpty: Bool { words.isEmpty }

    /// A usage error naming this command, its usage line and the problem.
    package func usage(_ problem: String) -> ShellError {
        .usage(command: spec.name, usage: spec.usage, problem: problem)
    }

    /// Checks that the command was given no words.
    package func expectNone() throws(ShellError) {
        guard isEmpty else { throw usage("takes no arguments") }
    }

    /// Splits `--flags` (which must be in `allowed`) and `--option VALUE` pairs (options in
    /// `valued`) from positional words.
    package func arguments(allowing allowed: Set<String> = [], valued: Set<String> = []) throws(ShellError) -> Arguments
    {
        var arguments = Arguments()
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            guard word.hasPrefix("--") && word.count > 2 else {
                arguments.positional.append(word)
                continue
            }
            if valued.contains(word) {
                guard index < words.count else { throw usage("\(word) needs a value") }
                arguments.values[word] = words[index]
                index += 1
            } else {
                guard allowed.contains(word) else { throw usage("unknown option '\(word)'") }
                arguments.flags.insert(word)
            }
        }
        return arguments
    }
}

/// Parsed `--flag` words and positional arguments of one command.
package struct Arguments: Sendable {
    package var positional: [String] = []
    package var flags: Set<String> = []
    package var values: [String: String] = [:]

    package func has(_ flag: String) -> Bool { flags.contains(flag) }
}

/// Which rows of a table are shown and in what order: `--where EXPR` (with `--unit` and `--year`
/// as shorthands), `--sort COLUMN`, `--desc`, `--limit N`.
package struct Selection: Equatable, Sendable {
    /// SQL expressions that must all hold (`--where`, and the shorthands as expressions).
    package var filters: [String] = []
    package var column: String?
    package var descending = false
    package var limit: Int?

    package static let flags: Set<String> = ["--desc"]
    package static let options: Set<String> = ["--sort", "--limit", "--where", "--unit", "--year"]

    /// What the options do, for every table command's help.
    static let help = """
        --where EXPR keeps the rows for which EXPR, an SQL expression over the table's columns (the headers \
        as printed, or their English names; rates are fractions, so 执行率 < 0.6), holds, evaluated by SQLite \
        as 'sql' is; --unit U keeps the units whose 单位名称 contains U, --year Y one year. --sort COLUMN orders \
        by a column, --desc reverses, --limit N keeps the first N rows and says how many more tie with the last.
        """

    package init(filters: [String] = [], column: String? = nil, descending: Bool = false, limit: Int? = nil) {
        self.filters = filters
        self.column = column
        self.descending = descending
        self.limit = limit
    }

    /// The selection the arguments give, checked: a limit is a whole number above 0, a year a year.
    package init(_ arguments: Arguments, _ call: Invocation) throws(ShellError) {
        column = arguments.values["--sort"]
        descending = arguments.has("--desc")
        if let text = arguments.values["--limit"] {
            guard let n = Int(text), n > 0 else {
                throw call.usage("--limit takes a whole number above 0, not '\(text)'")
            }
            limit = n
        }
        if let expression = arguments.values["--where"] { filters.append(expression) }
        if let unit = arguments.values["--unit"] { filters.append("instr(单位名称, \(Self.literal(unit))) > 0") }
        if let text = arguments.values["--year"] {
            guard let year = Int(text), (1900...2999).contains(year) else {
                throw call.usage("--year takes a year such as 2024, not '\(text)'")
            }
            filters.append("年度 = \(year)")
        }
    }

    /// Whether it keeps every row in the table's own order.
    package var isEmpty: Bool { self == Selection() }

    /// A SQL string literal of `text`: quoted, quotes doubled.
    static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

    /// `listing` filtered, sorted and cut as asked; an unknown column is an error that lists the
    /// columns. When the cut falls inside a run of equal values, a footnote says how many tie.
    package func apply(to listing: Listing, _ environment: any Environment) throws(ShellError) -> Listing {
        var result = listing
        if !filters.isEmpty { result = result.keeping(try positions(in: listing, environment)) }
        guard let column else { return result.limited(to: limit) }
        guard let index = listing.column(named: column) else {
            throw .notFound(kind: "column", name: column, candidates: listing.columnNames, all: true)
        }
        result = result.sorted(by: index, descending: descending)
        if let note = Self.ties(in: result, column: index, limit: limit) { result.footnotes.append(note) }
        return result.limited(to: limit)
    }

    /// The positions of the rows every filter holds for, evaluated by SQLite.
    func positions(in listing: Listing, _ environment: any Environment) throws(ShellError) -> [Int] {
        let filter = RowFilter(columns: listing.columns.map { RowFilter.Column(names: [$0.header] + $0.aliases) })
        let expression = filters.map { "(\($0))" }.joined(separator: " AND ")
        let guardian = QueryGuard(environment)
        do {
            let value = { (row: Int, column: Int) in Self.sqlValue(listing.value(row: row, column: column)) }
            return try filter.positions(
                rows: listing.rows.count, value: value, where: expression, interrupted: guardian.shouldStop)
        } catch {
            if let stopped = guardian.stopped { throw stopped }
            // RowFilter's message names --where and the columns already.
            throw .invalidValue(error == .readOnly ? "--where: " + error.message : error.message)
        }
    }

    static func sqlValue(_ value: JSON) -> SQLValue {
        switch value {
        case .number(let n):
            if n == n.rounded(0), let whole = Int64(exactly: NSDecimalNumber(decimal: n).int64Value),
                Decimal(whole) == n
            {
                return .integer(whole)
            }
            return .real(n.doubleValue)
        case .string(let s): return .text(s)
        default: return .null
        }
    }

    /// `(20 of 251 tied at 55.00% shown)` when the first `limit` rows of `sorted` end inside a run
    /// of rows with the same value in `column`.
    static func ties(in sorted: Listing, column: Int, limit: Int?) -> String? {
        guard let limit, sorted.rows.count > limit else { return nil }
        let boundary = sorted.rows[limit - 1][column]
        func same(_ cell: Listing.Cell) -> Bool {
            if let a = cell.number, let b = boundary.number { return a == b }
            return cell.number == nil && boundary.number == nil && cell.text == boundary.text
        }
        guard same(sorted.rows[limit][column]) else { return nil }
        let tied = sorted.rows.count { same($0[column]) }
        let shown = sorted.rows.prefix(limit).count { same($0[column]) }
        let value = boundary.text.isEmpty ? "blank" : boundary.text
        return "(\(shown) of \(tied) tied at \(value) shown)"
    }
}
