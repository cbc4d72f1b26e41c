import JixiaoModel

extension CommandSpec {
    static let shellCommands: [CommandSpec] = [
        CommandSpec(
            name: "help", aliases: ["?", "\\?", "\\h", ".help"], group: .shell,
            usage: "help [COMMAND]",
            summary: "List the commands, or show one command's usage (帮助)",
            details: """
                Without an argument, lists every command with one line each, grouped. With a command name, prints its \
                usage, what it does and an example.
                """,
            example: "help show",
            completion: .commands
        ) { call throws(ShellError) in
            guard call.count <= 1 else { throw call.usage("takes at most one COMMAND") }
            return HelpCommand(topic: call.first)
        },
        CommandSpec(
            name: "quit", aliases: ["exit", "\\q", ".quit", ".exit"], group: .shell,
            usage: "quit",
            summary: "Leave the shell (退出); Ctrl-D does the same",
            details: """
                Ends the session. In a terminal with unsaved what-if edits it asks once before leaving; a script just \
                stops.
                """,
            example: "quit"
        ) { call throws(ShellError) in
            try call.expectNone()
            return QuitCommand()
        },
        CommandSpec(
            name: "source", aliases: ["\\i", ".read"], group: .shell,
            usage: "source FILE",
            summary: "Run the commands in a script file (执行脚本)",
            details: """
                Runs FILE line by line with the same grammar as the prompt. Errors are reported as FILE:LINE; with \
                --bail the first error stops the whole run. Scripts may source other scripts.
                """,
            example: "source sessions/inspect-real.jx",
            completion: .paths
        ) { call throws(ShellError) in
            guard call.count == 1 else { throw call.usage("needs exactly one FILE") }
            return SourceCommand(path: call[0])
        },
        CommandSpec(
            name: "output", aliases: ["\\o", ".output"], group: .shell,
            usage: "output [FILE] [--force]",
            summary: "Send every following result to FILE (输出到文件), as psql's \\o; alone, back to the screen",
            details: """
                From now on the results of commands are written to FILE, in the format in force, until 'output' \
                alone (or \\o) sends them back to stdout. Errors, notes and confirmations still go to the screen. \
                FILE is emptied first; an existing file this session did not write is replaced only with --force. A \
                FIFO is written as it is, once its reader is there. When FILE cannot be opened, or a write to it \
                fails, the error is reported and the results show on the screen.
                """,
            example: "\\o 低执行率.txt",
            completion: .paths
        ) { call throws(ShellError) in
            let args = try call.arguments(allowing: ["--force"])
            guard args.positional.count <= 1 else { throw call.usage("takes at most one FILE") }
            return OutputCommand(path: args.positional.first, force: args.has("--force"))
        },
        CommandSpec(
            name: "echo", group: .shell,
            usage: "echo TEXT...",
            summary: "Print TEXT (输出文字), to label the parts of a script's output",
            details: "Prints its arguments separated by single spaces. Quotes group words as at the prompt.",
            example: "echo 第一部分: 项目"
        ) { call throws(ShellError) in
            EchoCommand(text: call.words.joined(separator: " "))
        },
    ]
}

struct HelpCommand: Command, Equatable {
    var topic: String?

    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        guard let topic else { return Output(Help.overview()) }
        guard let spec = CommandSpec.named(topic) else {
            throw .unknownCommand(topic, suggestion: CommandSpec.suggestion(for: topic))
        }
        return Output(Help.page(for: spec))
    }
}

struct QuitCommand: Command, Equatable {
    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        Output(effect: .quit)
    }
}

struct SourceCommand: Command, Equatable {
    var path: String

    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        Output(effect: .source(path))
    }
}

struct EchoCommand: Command, Equatable {
    var text: String

    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        Output(text + "\n")
    }
}

/// `\o FILE`: results go to FILE until `\o` alone.
struct OutputCommand: Command, Equatable {
    var path: String?
    var force = false

    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        let target = try environment.redirectOutput(to: path, force: force)
        return Output("results go to \(target ?? "the screen")\n", confirms: true)
    }
}
