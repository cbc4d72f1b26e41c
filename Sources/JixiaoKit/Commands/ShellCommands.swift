import JixiaoModel

extension CommandSpec {
    static let shellCommands: [CommandSpec] = [
        CommandSpec(
            name: "help", aliases: ["?"], group: .shell,
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
            name: "quit", aliases: ["exit", "\\q"], group: .shell,
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
            example: "source sessions/inspect.jx",
            completion: .paths
        ) { call throws(ShellError) in
            guard call.count == 1 else { throw call.usage("needs exactly one FILE") }
            return SourceCommand(path: call[0])
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
