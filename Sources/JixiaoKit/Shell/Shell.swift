import Foundation
import JixiaoModel

/// How the shell runs: set from the command-line flags.
public struct ShellOptions: Sendable {
    public var echo = false
    public var bail = false
    public var quiet = false
    public init(echo: Bool = false, bail: Bool = false, quiet: Bool = false) {
        self.echo = echo
        self.bail = bail
        self.quiet = quiet
    }
}

/// The read–execute loop. It reads lines from a console or a script, runs each through
/// the command list, reports errors with their location, and counts failures for the
/// exit status. The same grammar serves the prompt, pipes, `-c`, `-f` and `source`.
public final class Shell: Environment {
    public let console: Console
    public var options: ShellOptions
    public var session: Session
    /// Where relative paths are resolved; the process's directory unless a test says otherwise.
    public var directory: String
    public private(set) var failures = 0
    /// Set by `quit`: no further line runs, from any source.
    public internal(set) var finished = false
    /// Set when `--bail` stopped the run at an error.
    public private(set) var bailed = false
    var sourceDepth = 0
    /// Files this session wrote, which it may overwrite without --force.
    var written: Set<String> = []

    public init(console: Console, options: ShellOptions = ShellOptions(), directory: String? = nil) {
        self.console = console
        self.options = options
        self.session = Session()
        self.directory = directory ?? FileManager.default.currentDirectoryPath
    }

    /// The exit status a scripted run ends with: 0 when every command succeeded, else 1.
    public var exitStatus: Int32 { failures == 0 ? 0 : 1 }
    var stopped: Bool { finished || bailed }

    /// Runs a script file given with `-f`; a file that cannot be read is one failure.
    public func runFile(_ path: String) {
        do throws(ShellError) {
            let text = try Disk.readText(resolve(path), shownAs: path)
            run(script: text, source: path)
        } catch {
            reportFailure(error, location: "")
        }
    }

    // MARK: Output

    public func write(_ text: String) {
        console.write(text.hasSuffix("\n") || text.isEmpty ? text : text + "\n")
    }
    /// A note for the analyst (banners, load summaries in a terminal); silenced by `-q`.
    public func note(_ text: String) { if !options.quiet { console.writeError(text + "\n") } }
    public func warn(_ text: String) { console.writeError("warning: " + text + "\n") }

    // MARK: Environment: what commands may touch

    /// Throws `.cancelled` if Ctrl-C was pressed; long commands call it between steps.
    public func checkInterrupt() throws(ShellError) { if console.takeInterrupt() { throw .cancelled } }

    public func progress(_ progress: LoadProgress?) { console.showProgress(progress) }

    /// Writes a result file atomically. An existing file is replaced only with `force`
    /// or when jixiao wrote it before in this session.
    public func write(_ data: Data, to path: String, force: Bool, isPrivate: Bool) throws(ShellError) {
        let absolute = resolve(path)
        if Disk.isDirectory(absolute) { throw .io(path: path, reason: "is a folder") }
        if Disk.exists(absolute) && !force && !written.contains(absolute) {
            throw .refused("\(path) exists; add --force to overwrite it")
        }
        try Disk.write(data, to: absolute, shownAs: path, isPrivate: isPrivate)
        written.insert(absolute)
    }

    /// Writes a command's diagnostics as `SUBJECT: error: message`; true when any is an error.
    func report(_ diagnostics: [Output.Diagnostic]) -> Bool {
        for d in diagnostics { console.writeError("\(d.subject): \(d.kind.rawValue): \(d.message)\n") }
        return diagnostics.contains { $0.kind == .error }
    }

    /// Counts a failed command and reports it as `LOCATION error: message` (when there is an
    /// error to report); with --bail a script stops here.
    func reportFailure(_ error: ShellError?, location: String) {
        failures += 1
        if let error { console.writeError(location + "error: " + error.description + "\n") }
        if options.bail && !console.isInteractive { bailed = true }
    }

    // MARK: Running

    /// Runs the lines of a script named `source` (a path, `<stdin>`, or `-c`).
    public func run(script text: String, source: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if text.hasSuffix("\n") { lines.removeLast() }
        for (index, raw) in lines.enumerated() {
            if stopped { return }
            execute(line: String(raw), source: source, line: index + 1)
        }
    }

    /// Reads the console to its end: standard input in a pipe.
    public func runConsole(source: String = "<stdin>") {
        var lineNumber = 0
        while !stopped {
            switch console.readLine(prompt: "") {
            case .end: return
            case .interrupted: continue
            case .line(let line):
                lineNumber += 1
                execute(line: line, source: source, line: lineNumber)
            }
        }
    }

    /// The interactive loop: prompt, run, report, until `quit` or Ctrl-D.
    public func runInteractive(prompt: String = "jixiao> ") {
        while !finished {
            switch console.readLine(prompt: prompt) {
            case .end:
                if confirmLeaving() { return }
            case .interrupted:
                continue
            case .line(let line):
                execute(line: line, source: nil, line: 0)
            }
        }
    }

    /// Runs one line. Returns `true` when it succeeded (or was blank).
    @discardableResult
    public func execute(line rawLine: String, source: String?, line lineNumber: Int) -> Bool {
        var line = rawLine
        if line.hasSuffix("\r") { line.removeLast() }
        let trimmed = Labels.trim(line)
        if trimmed.isEmpty { return true }
        let scripted = source != nil
        if trimmed.hasPrefix("#") {
            if options.echo && scripted { console.write(trimmed + "\n") }
            return true
        }
        if options.echo && scripted { console.write("jixiao> " + trimmed + "\n") }
        do throws(ShellError) {
            guard let command = try CommandSpec.parse(trimmed) else { return true }
            let output = try perform(command)
            write(output.text)
            let failed = report(output.diagnostics)
            if failed { reportFailure(nil, location: "") }
            switch output.effect {
            case .none: break
            case .quit: quit()
            case .source(let path): try self.source(path: path)
            }
            return !failed
        } catch {
            reportFailure(error, location: source.map { "\($0):\(lineNumber): " } ?? "")
            return false
        }
    }

    /// Runs a command on a copy of the session, which replaces the session only when the
    /// command succeeds: a failed command changes nothing.
    func perform(_ command: any Command) throws(ShellError) -> Output {
        var next = session
        let output = try command.run(&next, self)
        session = next
        return output
    }

    /// `source FILE`: runs a script file's lines, reporting errors against that file.
    func source(path: String) throws(ShellError) {
        guard sourceDepth < 16 else { throw .nestingTooDeep(path) }
        let text = try Disk.readText(resolve(path), shownAs: path)
        sourceDepth += 1
        defer { sourceDepth -= 1 }
        run(script: text, source: path)
    }

    func quit() {
        if console.isInteractive && !confirmLeaving() { return }
        finished = true
    }

    /// Asks once before leaving a terminal session with unsaved what-if edits.
    func confirmLeaving() -> Bool {
        guard console.isInteractive, session.hasUnsavedEdits else {
            finished = true
            return true
        }
        let leave = console.confirm("The scenario has unsaved edits. Quit anyway? [y/N] ")
        if leave { finished = true }
        return leave
    }

    /// An absolute path for `path`, relative to the shell's directory.
    public func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        if path == "~" || path.hasPrefix("~/") {
            return NSString(string: path).expandingTildeInPath
        }
        return directory.hasSuffix("/") ? directory + path : directory + "/" + path
    }

    // MARK: Completion

    /// Candidates for the word under the cursor, given the text before the cursor.
    public func completions(before text: String) -> [String] {
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let endsInSpace = text.hasSuffix(" ")
        let partial = endsInSpace ? "" : (words.last ?? "")
        let index = endsInSpace ? words.count : max(0, words.count - 1)
        let candidates: [String]
        if index == 0 {
            candidates = CommandSpec.all.flatMap { [$0.name] + $0.aliases }
        } else if let spec = CommandSpec.named(words[0]) {
            switch spec.completion {
            case .none: candidates = []
            case .words(let list): candidates = list
            case .commands: candidates = CommandSpec.all.map(\.name)
            case .projects: candidates = session.current.map { $0.filing.projects.map(\.name) } ?? []
            case .paths: candidates = Disk.pathCompletions(partial, directory: directory)
            }
        } else {
            candidates = []
        }
        return Array(Set(candidates.filter { $0.hasPrefix(partial) })).sorted()
    }
}
