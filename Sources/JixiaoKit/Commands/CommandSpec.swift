import Foundation
import JixiaoModel
import JixiaoRendering

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
}

extension Environment {
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

    package init(_ text: String = "", effect: Effect = .none, diagnostics: [Diagnostic] = [], confirms: Bool = false) {
        self.text = text
        self.effect = effect
        self.diagnostics = diagnostics
        self.confirms = confirms
    }
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
    package let details: String
    package let example: String
    package var completion: Completion = .none
    /// Turns the words after the name into a command, or says what is wrong with them.
    package let parse: @Sendable (Invocation) throws(ShellError) -> any Command

    package enum Group: String, CaseIterable, Sendable {
        case shell = "Shell"
        case filings = "Filings (自评报告)"
        case rules = "Rules and checks (评分规则与审核)"
        case whatIf = "What-if and saving (模拟调整与保存)"
    }

    package static var all: [CommandSpec] {
        shellCommands + optionCommands + filingCommands + exportCommands + ruleCommands + sqlCommands + whatIfCommands
            + saveCommands
    }

    package static func named(_ word: String) -> CommandSpec? {
        let lower = word.lowercased()
        return all.first { $0.name == lower || $0.aliases.contains(lower) }
    }

    /// Parses a whole command line (`set score 劳模 1 3`) into a command.
    package static func parse(_ line: String) throws(ShellError) -> (any Command)? {
        let words = try Tokenizer.split(line)
        guard let name = words.first else { return nil }
        guard let spec = named(name) else { throw .unknownCommand(name, suggestion: suggestion(for: name)) }
        let afterName = Labels.trim(line).drop { !$0.isWhitespace }
        let raw = String(afterName.drop { $0.isWhitespace })
        return try spec.parse(Invocation(spec: spec, words: Array(words.dropFirst()), raw: raw))
    }

    /// The nearest command name: one it is a prefix of, else the fewest edits away.
    package static func suggestion(for word: String) -> (name: String, close: Bool)? {
        let names = all.map(\.name)
        let lower = word.lowercased()
        if let prefix = names.first(where: { $0.hasPrefix(lower) }) { return (prefix, true) }
        let scored = names.map { ($0, editDistance(Array(lower), Array($0))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return (best.0, best.1 <= max(1, min(2, word.count / 2)))
    }
}

/// Levenshtein distance, for command suggestions.
package func editDistance<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
        }
        previous = current
    }
    return previous[b.count]
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

/// How a table is ordered and cut: `--sort COLUMN`, `--desc`, `--limit N`.
package struct Ordering: Equatable, Sendable {
    package var column: String?
    package var descending = false
    package var limit: Int?

    package static let flags: Set<String> = ["--desc"]
    package static let options: Set<String> = ["--sort", "--limit"]

    package init(column: String? = nil, descending: Bool = false, limit: Int? = nil) {
        self.column = column
        self.descending = descending
        self.limit = limit
    }

    /// The ordering the arguments give, checked: a limit is a whole number above 0.
    package init(_ arguments: Arguments, _ call: Invocation) throws(ShellError) {
        column = arguments.values["--sort"]
        descending = arguments.has("--desc")
        if let text = arguments.values["--limit"] {
            guard let n = Int(text), n > 0 else {
                throw call.usage("--limit takes a whole number above 0, not '\(text)'")
            }
            limit = n
        }
    }

    /// `listing` sorted and cut as asked; an unknown column is an error that lists the columns.
    package func apply(to listing: Listing) throws(ShellError) -> Listing {
        var result = listing
        if let column {
            guard let index = listing.column(named: column) else {
                throw .notFound(kind: "column", name: column, candidates: listing.columnNames, all: true)
            }
            result = result.sorted(by: index, descending: descending)
        }
        return result.limited(to: limit)
    }
}
