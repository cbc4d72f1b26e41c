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
