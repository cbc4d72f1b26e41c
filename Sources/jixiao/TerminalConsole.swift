import CEditLine
import Foundation
import JixiaoKit
import JixiaoModel

/// The real console: libedit at a terminal, buffered `readLine` on a pipe. Errors go to
/// stderr after stdout is flushed, so the two streams stay in order.
final class TerminalConsole: Console {
    let isInteractive: Bool
    private let editor: LineEditor?

    init(interactive: Bool, historyPath: String?) {
        isInteractive = interactive
        editor = interactive ? LineEditor(historyPath: historyPath) : nil
    }

    func attach(_ shell: Shell) {
        editor?.complete = { [unowned shell] text in shell.completions(before: text) }
    }

    /// A command enters the history once it is whole, a query of several lines as one entry.
    func remember(_ command: String) { editor?.remember(command) }

    func readLine(prompt: String) -> ConsoleInput {
        if let editor {
            switch editor.read(prompt: prompt) {
            case .line(let line):
                return .line(line)
            case .interrupted:
                print("^C")
                return .interrupted
            case .end:
                print("")
                return .end
            }
        }
        guard let line = Swift.readLine(strippingNewline: true) else { return .end }
        return .line(line)
    }

    func write(_ text: String) { print(text, terminator: "") }

    func writeError(_ text: String) {
        fflush(nil)
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// The window of the terminal stdout is, or nil when stdout is piped. COLUMNS and LINES stand in
    /// when the terminal does not say.
    var window: WindowSize? { stdoutIsTerminal ? Self.window(of: STDOUT_FILENO) : nil }
    private let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1

    /// The size of the terminal `descriptor` writes to (TIOCGWINSZ), else COLUMNS and LINES, else 80×24.
    private static func window(of descriptor: Int32) -> WindowSize {
        var size = winsize()
        if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 {
            return WindowSize(columns: Int(size.ws_col), rows: Int(size.ws_row))
        }
        return WindowSize(
            columns: Paths.variable("COLUMNS").flatMap { Int($0) } ?? 80,
            rows: Paths.variable("LINES").flatMap { Int($0) } ?? 24)
    }

    func page(_ text: String) -> Bool {
        let configured = Paths.variable("PAGER") ?? ""
        let command = configured.trimmingCharacters(in: .whitespaces).isEmpty ? Pager.defaultCommand : configured
        return Pager.show(text, command: command)
    }

    func takeInterrupt() -> Bool { isInteractive && cle_take_sigint() == 1 }

    /// Whether a progress line is on stderr now, to be erased.
    private var progressShown = false
    private let progressOnTerminal = isatty(STDERR_FILENO) == 1

    /// One line on stderr, redrawn in place: files done of total, MB/s, the file being read.
    /// Only at a terminal, and only once a load has run half a second; erased at the end.
    func showProgress(_ progress: LoadProgress?) {
        guard progressOnTerminal else { return }
        guard let progress else {
            if progressShown { FileHandle.standardError.write(Data(erasingProgress().utf8)) }
            progressShown = false
            return
        }
        guard progress.seconds >= 0.5 else { return }
        let rate = Double(progress.bytes) / 1_048_576 / max(progress.seconds, 0.001)
        let text =
            progress.stage == "loading"
            ? "loading \(progress.done)/\(progress.total) files, " + String(format: "%.1f MB/s", rate)
                + ", \(progress.current)"
            : "\(progress.stage) \(progress.done)/\(progress.total) files, "
                + String(format: "%.0f s", progress.seconds) + ", \(progress.current)"
        let line = DisplayWidth.truncate(text, to: max(20, Self.window(of: STDERR_FILENO).columns - 1))
        FileHandle.standardError.write(Data((erasingProgress() + line).utf8))
        progressWidth = DisplayWidth.of(line)
        progressShown = true
    }

    /// The display width of the progress line drawn last.
    private var progressWidth = 0

    /// What erases the progress line drawn last: the rest of its row, or, when the window was
    /// narrowed under it since, the rows the terminal reflowed it into (so no stale copy of it
    /// stays in the scrollback).
    private func erasingProgress() -> String {
        let columns = Self.window(of: STDERR_FILENO).columns
        guard progressShown, progressWidth > columns else { return "\r\u{1B}[K" }
        return "\r\u{1B}[\((progressWidth - 1) / columns)A\u{1B}[J"
    }

    /// A yes/no question: Ctrl-C is no and Ctrl-D yes (a second Ctrl-D leaves, as the first
    /// asked to); either ends the question's line so the next prompt starts on a fresh one.
    func confirm(_ question: String) -> Bool {
        guard let editor else { return true }
        switch editor.read(prompt: question) {
        case .line(let answer):
            return ["y", "yes", "是"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
        case .interrupted:
            print("^C")
            return false
        case .end:
            print("")
            return true
        }
    }
}
