import CEditLine
import Foundation
import JixiaoKit

/// The real console: libedit at a terminal, buffered `readLine` on a pipe. Errors go to
/// stderr after stdout is flushed, so the two streams stay in order.
final class TerminalConsole: Console {
    let isInteractive: Bool
    private let editor: LineEditor?
    /// Colour the `error:` and `warning:` labels; only at a terminal, never with --no-color,
    /// NO_COLOR or TERM=dumb.
    private let colour: Bool

    init(interactive: Bool, historyPath: String?, colour: Bool) {
        isInteractive = interactive
        editor = interactive ? LineEditor(historyPath: historyPath) : nil
        self.colour = colour && interactive
    }

    func attach(_ shell: Shell) {
        editor?.complete = { [unowned shell] text in shell.completions(before: text) }
    }

    func readLine(prompt: String) -> ConsoleInput {
        if let editor {
            switch editor.read(prompt: prompt) {
            case .line(let line):
                editor.remember(line)
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
        var shown = text
        if colour {
            shown = shown.replacingOccurrences(of: "error: ", with: "\u{1B}[1;31merror:\u{1B}[0m ")
                .replacingOccurrences(of: "warning: ", with: "\u{1B}[33mwarning:\u{1B}[0m ")
        }
        FileHandle.standardError.write(Data(shown.utf8))
    }

    func takeInterrupt() -> Bool { isInteractive && cle_take_sigint() == 1 }

    func confirm(_ question: String) -> Bool {
        guard let editor else { return true }
        switch editor.read(prompt: question) {
        case .line(let answer):
            return ["y", "yes", "是"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
        case .interrupted, .end: return false
        }
    }
}
