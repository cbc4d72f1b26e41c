import ArgumentParser
import CEditLine
import CMalloc
import Foundation
import JixiaoKit
import JixiaoModel

// Flags first: bad flags exit 2 (as sqlite3 does), --help and --version exit 0.
let options: Invocation
do {
    // The arguments as their bytes: a file name that is not UTF-8 keeps them (`FileNames`), where
    // `CommandLine.arguments` would have put U+FFFD in their place and named no file.
    let arguments = (1..<Int(CommandLine.argc)).map { i -> String in
        guard let argument = CommandLine.unsafeArgv[i] else { return "" }
        return FileNames.decode(UnsafeRawBufferPointer(start: argument, count: strlen(argument)))
    }
    options = try Invocation.quick(arguments) ?? Invocation(Options.parse(arguments))
} catch {
    let code = Options.exitCode(for: error)
    let message = Options.fullMessage(for: error)
    if code == .success {
        print(message)
        exit(0)
    }
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

// libedit decodes typed bytes with mbrtowc(): without a UTF-8 LC_CTYPE every Chinese
// character would be dropped. LC_NUMERIC stays "C" so numbers print the same everywhere.
if setlocale(LC_CTYPE, "") == nil || String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" {
    _ = setlocale(LC_CTYPE, "C.UTF-8")
}

// Two malloc arenas, unless the user chose otherwise. glibc gives each thread that allocates at
// once an arena of its own (up to 8 a core), and memory freed in one is not reused by another: a
// county is read and scored on every core and then kept, so each arena keeps its own spare room.
// One arena keeps the least, but the reading and checking threads then wait on its lock. On the
// 10,000-filing county (2 cores) one, two and three arenas peaked at 345, 361 and 388 MB, and the
// first summary took 1.76, 1.30 and 1.19 s: two stay under 3 times the bytes read.
if environment("MALLOC_ARENA_MAX") == nil, !(environment("GLIBC_TUNABLES") ?? "").contains("arena_max") {
    mallopt(M_ARENA_MAX, 2)
}

let stdinIsTerminal = isatty(0) == 1
let interactive = stdinIsTerminal && isatty(1) == 1 && options.commands.isEmpty && options.scripts.isEmpty
if interactive {
    cle_install_sigint()
    cle_install_sigwinch()
}

/// One environment variable, read with getenv: ProcessInfo copies the whole environment into a
/// dictionary, a cost every start would pay for three names.
func environment(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }

let home = Paths.userHome()
let historyPath = options.history ?? home.map { $0 + "/.jixiao_history" }
let colour = !options.noColor && environment("NO_COLOR") == nil && environment("TERM") != "dumb"
let console = TerminalConsole(interactive: interactive, historyPath: historyPath)
var shellOptions = ShellOptions(
    echo: options.echo, bail: options.bail, quiet: options.quiet || !interactive, color: colour)
shellOptions.silent = options.quiet
let shell = Shell(console: console, options: shellOptions)
console.attach(shell)
// --csv, --json, --format: as `option format` would set them, a bad one a usage error.
if let format = options.outputFormat {
    do throws(ShellError) {
        try shell.setOption("format", to: format)
    } catch {
        FileHandle.standardError.write(Data("jixiao: --format: \(error)\n".utf8))
        exit(2)
    }
}

if interactive {
    shell.note(
        "jixiao \(jixiaoVersion): analysis shell for 绩效自评报告. Type 'help' for commands, Ctrl-D to leave.")
}
if !options.filings.isEmpty {
    shell.loadAtStartup(options.filings)
} else if interactive {
    shell.loadExample()
}

// ~/.jixiaorc, like ~/.psqlrc: at a terminal, not for scripts (so a piped review runs the same
// everywhere) unless --rc asks; never with -X.
let readsRC = !options.noRC && (options.rc || (stdinIsTerminal && options.scripts.isEmpty))
if readsRC, let home {
    shell.runStartupFile(home + "/.jixiaorc", shownAs: "~/.jixiaorc")
}

for (i, command) in options.commands.enumerated() where !shell.finished && !shell.bailed {
    shell.execute(line: command, source: "-c", line: i + 1)
}
// As psql: -c and -f run only what they name; stdin is read when neither is given, or as `-f -`.
for script in options.scripts where !shell.finished && !shell.bailed {
    if script == "-" { shell.runConsole() } else { shell.runFile(script) }
}
if interactive {
    shell.runInteractive()
} else if options.commands.isEmpty, options.scripts.isEmpty, !stdinIsTerminal, !shell.finished, !shell.bailed {
    shell.runConsole()
}
fflush(nil)
// As psql: a session at the keyboard ends well whatever was mistyped on the way.
exit(interactive ? 0 : shell.exitStatus)
