import Foundation
import JixiaoModel
import JixiaoRendering

/// How the shell runs: set from the command-line flags.
public struct ShellOptions: Sendable {
    public var echo = false
    public var bail = false
    public var quiet = false
    /// `-q`: also no confirmation (`option`'s echo) and no note, so stdout holds results alone.
    public var silent = false
    /// Whether `option color auto` may colour: false with --no-color, NO_COLOR or TERM=dumb.
    public var color = true
    public init(echo: Bool = false, bail: Bool = false, quiet: Bool = false, color: Bool = true) {
        self.echo = echo
        self.bail = bail
        self.quiet = quiet
        self.color = color
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
    /// What `~` stands for (`Paths.userHome()` unless a test says otherwise).
    public var home: String? = Paths.userHome()
    /// The folder conversions are cached in (`ConversionCache.standardFolder()` unless a test says
    /// otherwise); nil caches nothing.
    public var cacheFolder: String? = ConversionCache.standardFolder()
    public private(set) var failures = 0
    /// Set by `quit`: no further line runs, from any source.
    public internal(set) var finished = false
    /// Set when `--bail` stopped the run at an error.
    public private(set) var bailed = false
    var sourceDepth = 0
    /// When set, every path resolves inside this folder: one that would lead outside (`/etc/x`,
    /// `../x`) names a path under `.confinement`, a regular file made here, so nothing can be read
    /// from or written to it (not a folder). The command-script fuzzer runs hostile scripts so.
    public var confinement: String? {
        didSet {
            guard let confinement else { return }
            let marker = confinement + "/.confinement"
            if !Disk.exists(marker) { _ = FileManager.default.createFile(atPath: marker, contents: Data()) }
        }
    }
    /// Files this session wrote, which it may overwrite without --force.
    var written: Set<String> = []
    /// The last command run, for `\e` to edit.
    var lastCommand = ""
    /// The editor `\e` runs: `$VISUAL`, else `$EDITOR`, else vi (a test sets its own); nil runs
    /// none (the command-script fuzzer starts no program).
    public var editor: String? = Paths.variable("VISUAL") ?? Paths.variable("EDITOR") ?? "vi"
    /// Where results go after `\o FILE`: the open file and its path as typed; nil for the console.
    var outputFile: (descriptor: Int32, shown: String)?

    public init(console: Console, options: ShellOptions = ShellOptions(), directory: String? = nil) {
        self.console = console
        self.options = options
        self.session = Session()
        self.directory = directory ?? FileManager.default.currentDirectoryPath
    }

    /// The exit status a scripted run ends with: 0 when every command succeeded, else 1.
    public var exitStatus: Int32 { failures == 0 ? 0 : 1 }
    var stopped: Bool { finished || bailed }

    /// Runs a script file given with `-f`, its errors reported against `shownAs` (the path as
    /// given unless said); a file that cannot be read is one failure.
    public func runFile(_ path: String, shownAs: String? = nil) {
        let shown = shownAs ?? path
        do throws(ShellError) {
            let text = try Disk.readText(resolve(path), shownAs: shown)
            run(script: text, source: shown)
        } catch {
            reportFailure(error, location: "")
        }
    }

    /// Runs a start-up file such as ~/.jixiaorc when it exists. Its errors are reported against
    /// `shownAs` but neither stop the shell nor count in the exit status.
    public func runStartupFile(_ path: String, shownAs: String) {
        guard Disk.exists(path) else { return }
        let failuresBefore = failures
        let bail = options.bail
        options.bail = false
        defer {
            failures = failuresBefore
            options.bail = bail
        }
        runFile(path, shownAs: shownAs)
    }

    // MARK: Environment: what commands may touch

    /// Throws `.cancelled` if Ctrl-C was pressed; long commands call it between steps.
    public func checkInterrupt() throws(ShellError) { if console.takeInterrupt() { throw .cancelled } }

    public func progress(_ progress: LoadProgress?) { console.showProgress(progress) }

    /// `option sql_timeout`, else 60 s in a script and none at a terminal; never past
    /// `queryCeiling` when one is set.
    package var queryLimit: Duration? {
        let chosen = session.settings.queryLimit(scripted: !console.isInteractive)
        guard let queryCeiling else { return chosen }
        return min(chosen ?? queryCeiling, queryCeiling)
    }

    /// The longest any query may run, whatever `option sql_timeout` says: the command-script
    /// fuzzer sets it, so a script's endless query costs a second, not a minute or forever.
    public var queryCeiling: Duration?

    package var atTerminal: Bool { console.isInteractive }

    package var conversionCache: ConversionCache? { cacheFolder.map(ConversionCache.init) }

    /// Sets an option as `option NAME VALUE` does, saying nothing: for the command line's flags.
    public func setOption(_ name: String, to value: String) throws(ShellError) {
        try session.settings.set(name, to: value)
    }

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

    /// `\o FILE`: opens FILE (as `write` would replace it: --force, or a file this session wrote)
    /// and sends the results there; `\o` alone closes it.
    package func redirectOutput(to path: String?, force: Bool) throws(ShellError) -> String? {
        guard let path else {
            closeOutputFile()
            return nil
        }
        let absolute = resolve(path)
        if Disk.exists(absolute) && !Disk.isDirectory(absolute) && !force && !written.contains(absolute)
            && Disk.isRegularFile(absolute)
        {
            throw .refused("\(path) exists; add --force to overwrite it")
        }
        let descriptor = try Disk.openForOutput(absolute, shownAs: path)
        closeOutputFile()
        outputFile = (descriptor, path)
        written.insert(absolute)
        return path
    }

    func closeOutputFile() {
        if let file = outputFile { close(file.descriptor) }
        outputFile = nil
    }

    /// Counts a failed command and reports it as `LOCATION error: message` (when there is an
    /// error to report); with --bail a script stops here.
    func reportFailure(_ error: ShellError?, location: String) {
        failures += 1
        if let error { console.writeError(message(location, "error", .error, error.description)) }
        if options.bail && !console.isInteractive { bailed = true }
    }

    // MARK: Running

    /// Runs the lines of a script named `source` (a path, `<stdin>`, or `-c`).
    public func run(script text: String, source: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if text.hasSuffix("\n") { lines.removeLast() }
        var commands = Lines()
        for (index, raw) in lines.enumerated() {
            if stopped { return }
            if let command = commands.add(String(raw), at: index + 1) {
                execute(line: command.text, source: source, line: command.line)
            }
        }
        if let rest = commands.rest, !stopped { execute(line: rest.text, source: source, line: rest.line) }
    }

    /// Reads the console to its end: standard input in a pipe.
    public func runConsole(source: String = "<stdin>") {
        var lineNumber = 0
        var lines = Lines()
        while !stopped {
            switch console.readLine(prompt: "") {
            case .end:
                if let rest = lines.rest { execute(line: rest.text, source: source, line: rest.line) }
                return
            case .interrupted: continue
            case .line(let line):
                lineNumber += 1
                if let command = lines.add(line, at: lineNumber) {
                    execute(line: command.text, source: source, line: command.line)
                }
            }
        }
    }

    /// The interactive loop: prompt, run, report, until `quit` or Ctrl-D. A query that is not
    /// whole goes on at `jixiao-> ` (Ctrl-C drops it) and enters the history as one command.
    public func runInteractive(prompt: String = "jixiao> ") {
        var lines = Lines()
        while !finished {
            switch console.readLine(prompt: lines.isEmpty ? prompt : "jixiao-> ") {
            case .end:
                if let rest = lines.rest {
                    console.remember(rest.text)
                    execute(line: rest.text, source: nil, line: 0)
                    continue
                }
                if confirmLeaving() { return }
            case .interrupted:
                lines = Lines()
            case .line(let line):
                if let command = lines.add(line, at: 0) {
                    console.remember(command.text)
                    execute(line: command.text, source: nil, line: 0)
                }
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
        if options.echo && scripted {
            console.write("jixiao> " + trimmed.replacingOccurrences(of: "\n", with: "\njixiao-> ") + "\n")
        }
        var started: ContinuousClock.Instant?
        do throws(ShellError) {
            guard let command = try CommandSpec.parse(trimmed) else { return true }
            if !(command is EditCommand) { lastCommand = trimmed }
            started = .now
            let style = presentation
            let output = try perform(command, in: style)
            // The time a command took to run, not the time its output was read in the pager.
            let elapsed = ContinuousClock.now - (started ?? .now)
            started = nil
            // A summary of the diagnostics (a long load's counts) comes after them, as the last line.
            let reportedFirst = output.summarizes && report(output.diagnostics)
            if !(options.silent && output.confirms) {
                var shown = style
                // Data for a program (`export csv` to stdout) is never wrapped to the window.
                if output.verbatim { shown.format = .aligned }
                show(output.text, shown, isResult: !output.confirms)
            }
            // `source` runs its lines after this, and each of them prints its own time.
            if session.settings.timing && output.effect == .none { console.write(Self.time(elapsed)) }
            let failed = reportedFirst || (!output.summarizes && report(output.diagnostics))
            if failed { reportFailure(nil, location: "") }
            switch output.effect {
            case .none: break
            case .quit: quit()
            case .source(let path): try self.source(path: path)
            case .edit: try edit()
            }
            return !failed
        } catch {
            reportFailure(error, location: source.map { "\($0):\(lineNumber): " } ?? "")
            if session.settings.timing, let started { console.write(Self.time(ContinuousClock.now - started)) }
            return false
        }
    }

    /// Runs a command on a copy of the session, which replaces the session only when the
    /// command succeeds: a failed command changes nothing. Views render in `presentation`.
    func perform(_ command: any Command, in presentation: Presentation) throws(ShellError) -> Output {
        var next = session
        let output = try binding(Presentation.$current, to: presentation) { () throws(ShellError) in
            try command.run(&next, self)
        }
        session = next
        return output
    }

    /// psql's `\timing` line: `Time: 12.345 ms`.
    static func time(_ elapsed: Duration) -> String {
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        return "Time: " + String(format: "%.3f", milliseconds) + " ms\n"
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

    /// Turns typed paths into paths on disk, and found paths into paths to show.
    package var paths: Paths { Paths(directory: directory, home: home) }

    /// An absolute path for `path`, relative to the shell's directory (inside `confinement`).
    public func resolve(_ path: String) -> String {
        let absolute = paths.absolute(path)
        guard let confinement else { return absolute }
        let standard = (absolute as NSString).standardizingPath
        let inside = standard.hasPrefix(confinement + "/") && !standard.hasPrefix(confinement + "/.confinement")
        return inside ? standard : confinement + "/.confinement/outside"
    }

    /// How to show `match`, a path that the typed path `typed` led to.
    public func shown(_ match: String, typed: String) -> String { paths.shown(match, typed: typed) }
}
