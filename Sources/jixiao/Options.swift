import ArgumentParser

/// The command line:
/// `jixiao [FILING ...] [-c COMMAND]... [-f SCRIPT]... [--bail] [--echo] [-q] [--no-color] [--history FILE]
/// [-X | --rc]`.
struct Options: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jixiao",
        abstract: "An analysis shell for 绩效自评报告 (budget performance self-evaluation filings).",
        discussion: """
            With a terminal on stdin and stdout, jixiao opens a prompt with line editing and history. \
            Otherwise it reads commands from stdin (or -f SCRIPT), one per line, and reports errors as FILE:LINE. \
            Exit status: 0 when every command succeeded, 1 when any failed, 2 for bad flags.
            """,
        version: jixiaoVersion
    )

    @Argument(help: "Filings to load before the first command (files, folders or globs).")
    var filings: [String] = []

    @Option(
        name: .customShort("c"),
        help: ArgumentHelp("Run COMMAND; repeatable. With -c or -f, stdin is not read.", valueName: "COMMAND"))
    var commands: [String] = []

    @Option(
        name: .customShort("f"),
        help: ArgumentHelp("Run the commands in SCRIPT ('-' for stdin); repeatable.", valueName: "SCRIPT"))
    var scripts: [String] = []

    @Flag(help: "Stop at the first command that fails.")
    var bail = false

    @Flag(help: "Print each command before its output, so a run reads like a transcript.")
    var echo = false

    @Flag(name: .shortAndLong, help: "Quiet: no banner, no notes, no confirmations; stdout holds results alone.")
    var quiet = false

    @Option(help: ArgumentHelp("Output format, as 'option format' sets it.", valueName: "FORMAT"))
    var format: String?

    @Flag(help: "Output as CSV (--format csv).")
    var csv = false

    @Flag(help: "Output as JSON (--format json).")
    var json = false

    /// The format the flags ask for, if any.
    var outputFormat: String? { csv ? "csv" : json ? "json" : format }

    @Flag(name: .customLong("no-color"), help: "Never colour the output (also when NO_COLOR is set).")
    var noColor = false

    @Option(
        help: ArgumentHelp("History file for the interactive prompt (default ~/.jixiao_history).", valueName: "FILE"))
    var history: String?

    @Flag(name: [.customShort("X"), .customLong("no-rc")], help: "Do not run ~/.jixiaorc at start.")
    var noRC = false

    @Flag(name: .customLong("rc"), help: "Run ~/.jixiaorc also before -f scripts and piped input.")
    var rc = false
}

let jixiaoVersion = "0.1.0"

/// What the command line asks for, whichever parser read it.
struct Invocation: Equatable {
    var filings: [String] = []
    var commands: [String] = []
    var scripts: [String] = []
    var bail = false
    var echo = false
    var quiet = false
    var outputFormat: String?
    var noColor = false
    var history: String?
    var noRC = false
    var rc = false

    init() {}

    init(_ options: Options) {
        (filings, commands, scripts) = (options.filings, options.commands, options.scripts)
        (bail, echo, quiet, noColor, noRC, rc) =
            (options.bail, options.echo, options.quiet, options.noColor, options.noRC, options.rc)
        (outputFormat, history) = (options.outputFormat, options.history)
    }

    /// The plain command lines (`-q -c 'load x' -c summary`, filings, each flag once, spelled
    /// out) read directly; nil for anything else, which ArgumentParser reads and checks.
    ///
    /// Why by hand: ArgumentParser reflects over `Options` with `Mirror` and casts each property
    /// dynamically, which in a static binary scans every protocol conformance in it: two thirds
    /// of the instructions of `jixiao -q -c quit`. `InvocationTests` holds this reading to
    /// ArgumentParser's on seeded command lines.
    static func quick(_ arguments: [String]) -> Invocation? {
        var invocation = Invocation()
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("-") else {
                invocation.filings.append(argument)
                continue
            }
            if ["-c", "-f", "--format", "--history"].contains(argument) {
                guard index < arguments.count, !arguments[index].hasPrefix("-") else { return nil }
                let value = arguments[index]
                index += 1
                switch argument {
                case "-c": invocation.commands.append(value)
                case "-f": invocation.scripts.append(value)
                case "--format" where invocation.formatOption == nil: invocation.formatOption = value
                case "--history" where invocation.history == nil: invocation.history = value
                default: return nil
                }
                continue
            }
            guard invocation.setFlag(argument) else { return nil }
        }
        invocation.outputFormat = invocation.csv ? "csv" : invocation.json ? "json" : invocation.formatOption
        (invocation.csv, invocation.json, invocation.formatOption) = (false, false, nil)
        return invocation
    }

    /// `--csv`, `--json` and `--format`'s value while reading; `outputFormat` is what they add up to.
    private var csv = false
    private var json = false
    private var formatOption: String?

    /// Sets a flag's property; false for an unknown flag and for one given twice (in any spelling).
    private mutating func setFlag(_ flag: String) -> Bool {
        func set(_ property: WritableKeyPath<Invocation, Bool>) -> Bool {
            guard !self[keyPath: property] else { return false }
            self[keyPath: property] = true
            return true
        }
        switch flag {
        case "-q", "--quiet": return set(\.quiet)
        case "--bail": return set(\.bail)
        case "--echo": return set(\.echo)
        case "--csv": return set(\.csv)
        case "--json": return set(\.json)
        case "--no-color": return set(\.noColor)
        case "-X", "--no-rc": return set(\.noRC)
        case "--rc": return set(\.rc)
        default: return false
        }
    }
}
