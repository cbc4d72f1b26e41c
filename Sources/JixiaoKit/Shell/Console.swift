/// What one read from the console produced.
public enum ConsoleInput: Equatable, Sendable {
    case line(String)
    /// Ctrl-C at the prompt: the half-typed line is discarded.
    case interrupted
    /// End of input (Ctrl-D, or the end of a pipe).
    case end
}

/// How far a long load has got: what a console may show as a progress line.
public struct LoadProgress: Equatable, Sendable {
    public var done: Int
    public var total: Int
    public var bytes: Int
    /// Seconds since the load began.
    public var seconds: Double
    /// The file being read.
    public var current: String
    /// What is being done: `loading`, or a conversion (`converting with LibreOffice`).
    public var stage: String

    public init(done: Int, total: Int, bytes: Int, seconds: Double, current: String, stage: String = "loading") {
        self.done = done
        self.total = total
        self.bytes = bytes
        self.seconds = seconds
        self.current = current
        self.stage = stage
    }
}

/// The size of the terminal window output goes to.
public struct WindowSize: Equatable, Sendable {
    public var columns: Int
    public var rows: Int

    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }
}

/// The shell's only seam to the world: the executable supplies a terminal console,
/// the tests a scripted one. The library never prints, reads stdin or exits.
public protocol Console: AnyObject {
    /// `true` when a person is typing at a terminal.
    var isInteractive: Bool { get }
    /// Reads one line, showing `prompt` when interactive.
    func readLine(prompt: String) -> ConsoleInput
    func write(_ text: String)
    func writeError(_ text: String)
    /// `true` once after Ctrl-C was pressed while a command ran.
    func takeInterrupt() -> Bool
    /// Asks a yes/no question at the terminal; scripted consoles answer `true`.
    func confirm(_ question: String) -> Bool
    /// Shows how far a load has got, or erases what was shown (`nil`). A terminal console draws
    /// one line on stderr once a load runs long; others ignore it.
    func showProgress(_ progress: LoadProgress?)
    /// The window's size when output goes to a terminal, read afresh at each command so a resized
    /// window is used at once; nil when output is piped.
    var window: WindowSize? { get }
    /// Shows `text` through the pager; false when no pager could run (the shell then writes it).
    func page(_ text: String) -> Bool
    /// Keeps a whole command (its lines joined) in the history, at a terminal.
    func remember(_ command: String)
}

extension Console {
    public func remember(_ command: String) {}
}

/// A console over fixed input that records stdout and stderr into one transcript,
/// in order: what `jixiao --echo < script 2>&1` prints. Used by tests and by `source`-free runs.
public final class ScriptConsole: Console {
    private var lines: [String]
    private var next = 0
    public private(set) var output = ""
    public private(set) var errors = ""
    public private(set) var transcript = ""
    public let isInteractive: Bool
    public var answers: [Bool] = []
    public var interruptAfterLines: Set<Int> = []

    public init(_ text: String, interactive: Bool = false) {
        var parts = text.components(separatedBy: "\n")
        if parts.last == "" { parts.removeLast() }
        lines = parts
        isInteractive = interactive
    }

    public func readLine(prompt: String) -> ConsoleInput {
        guard next < lines.count else { return .end }
        defer { next += 1 }
        if interruptAfterLines.contains(next) { return .interrupted }
        return .line(lines[next])
    }
    public func write(_ text: String) {
        output += text
        transcript += text
    }
    public func writeError(_ text: String) {
        errors += text
        transcript += text
    }
    public func takeInterrupt() -> Bool { false }
    /// Every command entered into the history, in order (an interactive session's and `\e`'s).
    public private(set) var remembered: [String] = []
    public func remember(_ command: String) { remembered.append(command) }
    /// Runs while the pager shows a text: a test's stand-in for the time a person reads.
    public var whilePaging: () -> Void = {}
    /// Every progress report, in order, for tests; never part of the transcript.
    public private(set) var progressReports: [LoadProgress?] = []
    public func showProgress(_ progress: LoadProgress?) { progressReports.append(progress) }
    /// A window for tests to fit output to; nil, as a pipe, unless set.
    public var window: WindowSize?
    /// Every text sent to the pager, in order; paged text is also part of the transcript.
    public private(set) var pages: [String] = []
    public func page(_ text: String) -> Bool {
        whilePaging()
        pages.append(text)
        write(text)
        return true
    }
    public func confirm(_ question: String) -> Bool {
        transcript += question
        return answers.isEmpty ? true : answers.removeFirst()
    }
}
