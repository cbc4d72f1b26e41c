extension CommandSpec {
    static let shellCommands: [CommandSpec] = [
        CommandSpec(
            name: "help", aliases: ["?"], group: .shell,
            usage: "help [COMMAND]",
            summary: "List the commands, or show one command's usage (帮助)",
            details: "Without an argument, lists every command with one line each, grouped. With a command name, prints its usage, what it does and an example.",
            example: "help show",
            completion: .commands
        ) { shell, call throws(ShellError) in
            guard let topic = call.first else { shell.write(Help.overview()); return }
            guard let spec = CommandSpec.named(topic) else {
                throw .unknownCommand(topic, suggestion: CommandSpec.suggestion(for: topic))
            }
            shell.write(Help.page(for: spec))
        },
        CommandSpec(
            name: "quit", aliases: ["exit", "\\q"], group: .shell,
            usage: "quit",
            summary: "Leave the shell (退出); Ctrl-D does the same",
            details: "Ends the session. In a terminal with unsaved what-if edits it asks once before leaving; a script just stops.",
            example: "quit"
        ) { shell, call throws(ShellError) in
            guard call.isEmpty else { throw call.usage("takes no arguments") }
            shell.quit()
        },
        CommandSpec(
            name: "source", aliases: ["\\i", ".read"], group: .shell,
            usage: "source FILE",
            summary: "Run the commands in a script file (执行脚本)",
            details: "Runs FILE line by line with the same grammar as the prompt. Errors are reported as FILE:LINE; with --bail the first error stops the whole run. Scripts may source other scripts.",
            example: "source sessions/inspect.jx",
            completion: .paths
        ) { shell, call throws(ShellError) in
            guard call.count == 1 else { throw call.usage("needs exactly one FILE") }
            try shell.source(path: call[0])
        },
        CommandSpec(
            name: "echo", group: .shell,
            usage: "echo TEXT...",
            summary: "Print TEXT (输出文字), to label the parts of a script's output",
            details: "Prints its arguments separated by single spaces. Quotes group words as at the prompt.",
            example: "echo 第一部分: 项目"
        ) { shell, call throws(ShellError) in
            shell.write(call.words.joined(separator: " ") + "\n")
        },
    ]
}
