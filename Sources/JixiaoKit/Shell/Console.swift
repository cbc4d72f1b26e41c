/// What one read from the console produced.
public enum ConsoleInput: Equatable, Sendable {
    case line(String)
    /// Ctrl-C at the prompt: the half-typed line is discarded.
    case interrupted
    /// End of input (Ctrl-D, or the end of a pipe).
    case end
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
    public func confirm(_ question: String) -> Bool {
        transcript += question
        return answers.isEmpty ? true : answers.removeFirst()
    }
}
