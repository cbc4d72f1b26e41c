import CEditLine
import Foundation
import Glibc
import JixiaoKit
import JixiaoModel
import JixiaoRendering

/// Owns libedit's `EditLine*` and `History*`; Swift names over the CEditLine shim.
/// Only the executable knows about it; the shell sees it through `TerminalConsole`.
final class LineEditor {
    private let editor: OpaquePointer
    private let history: OpaquePointer
    private var promptText: UnsafeMutablePointer<CChar>?
    /// The prompt shown now, for measuring where the line starts after a resize.
    private var prompt = ""
    private let historyPath: String?
    /// The terminal, opened a second time without blocking (or standard input if it cannot be).
    private let input: Int32
    /// Completion candidates for the text before the cursor, supplied by the shell.
    var complete: (String) -> [String] = { _ in [] }

    init?(historyPath: String?) {
        guard let editor = cle_init("jixiao"), let history = history_init() else { return nil }
        self.editor = editor
        self.history = history
        self.historyPath = historyPath
        self.input = Self.openTerminalWithoutBlocking() ?? STDIN_FILENO
        _ = cle_set_clientdata(editor, Unmanaged.passUnretained(self).toOpaque())
        _ = cle_set_editor(editor, "emacs")
        // No EL_SIGNAL: the handlers in CEditLine record signals and readCharacter acts on them.
        _ = cle_set_prompt(editor) { el in
            guard let el, let raw = cle_get_clientdata(el) else { return nil }
            return Unmanaged<LineEditor>.fromOpaque(raw).takeUnretainedValue().promptText
        }
        _ = cle_hist_setsize(history, Int32(Self.historySize))
        _ = cle_hist_setunique(history, 1)  // consecutive duplicates are kept once
        _ = cle_set_hist(editor, history)
        _ = cle_addfn(editor, "jixiao-complete", "complete the word under the cursor") { el, _ in
            guard let el, let raw = cle_get_clientdata(el) else { return UInt8(CC_ERROR) }
            return Unmanaged<LineEditor>.fromOpaque(raw).takeUnretainedValue().completeWord()
        }
        _ = cle_set_getcfn(editor) { el, character in
            guard let el, let character, let raw = cle_get_clientdata(el) else { return -1 }
            return Unmanaged<LineEditor>.fromOpaque(raw).takeUnretainedValue().readCharacter(into: character)
        }
        _ = cle_bind(editor, "^I", "jixiao-complete")
        _ = cle_bind(editor, "^R", "em-inc-search-prev")
        _ = el_source(editor, nil)  // ~/.editrc, as other libedit programs
        if let historyPath { _ = cle_hist_load(history, historyPath) }
    }

    deinit {
        if input != STDIN_FILENO { close(input) }
        cle_flush_stdout()
        history_end(history)
        el_end(editor)
        free(promptText)
    }

    enum Result { case line(String), interrupted, end }

    /// libedit's read function (EL_GETCFN): one character from the terminal, decoded from UTF-8
    /// (the shell sets a UTF-8 LC_CTYPE); bytes that are not UTF-8 are dropped, as libedit's own
    /// read drops them. Signals end the wait (cle_wait_for_input), also one that came while libedit
    /// was drawing: a resized window has the line drawn again, Ctrl-Z stops jixiao with the
    /// terminal as it found it, and Ctrl-C returns -1 with EINTR, as libedit's read does.
    fileprivate func readCharacter(into character: UnsafeMutablePointer<wchar_t>) -> Int32 {
        var bytes: [UInt8] = []
        while true {
            switch cle_wait_for_input(input) {
            case 1: break
            case 0:
                if cle_take_sigwinch() != 0 {
                    el_resize(editor)
                    redrawAfterResize()
                }
                if cle_take_sigtstp() != 0 { stop() }
                if cle_take_sigcont() != 0 { resume() }  // stopped by someone else's SIGSTOP
                if cle_sigint_pending() != 0 {
                    errno = EINTR
                    return -1
                }
                continue
            default: return -1
            }
            var byte: UInt8 = 0
            let count = Glibc.read(input, &byte, 1)
            if count == 0 { return 0 }
            if count < 0 {
                // Ctrl-C after the wait flushed the input (EAGAIN), or a signal came: wait again
                if errno == EAGAIN || errno == EINTR { continue }
                return -1
            }
            bytes.append(byte)
            guard let lead = bytes.first, lead < 0x80 || lead >= 0xC0 else {  // a continuation byte, no lead
                bytes = []
                continue
            }
            guard bytes.count >= (lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2) else { continue }
            var decoder = UTF8()
            var iterator = bytes.makeIterator()
            if case .scalarValue(let scalar) = decoder.decode(&iterator) {
                character.pointee = wchar_t(bitPattern: scalar.value)
                return 1
            }
            bytes = []
        }
    }

    /// Ctrl-Z at the prompt: the terminal back in the modes jixiao found it in, then stopped as
    /// SIGTSTP's default does; on `fg`, the editor's modes again and the line drawn afresh.
    private func stop() {
        _ = cle_prepare_terminal(editor, 0)
        cle_flush_stdout()
        cle_catch_stops(0)
        raise(SIGTSTP)  // returns once continued
        cle_catch_stops(1)
        resume()
    }

    /// After a stop: the shell that ran `fg` may have changed the terminal's modes, and libedit,
    /// still counting itself in its own, would not set them again; so cooked first, then raw.
    private func resume() {
        _ = cle_prepare_terminal(editor, 0)
        _ = cle_prepare_terminal(editor, 1)
        _ = cle_refresh(editor)
    }

    /// Standard input's terminal, opened again with O_NONBLOCK: its own open file, so the
    /// flag does not reach the shell that started jixiao. A read there cannot sleep when Ctrl-C
    /// flushes the input between the wait and the read; it fails and the wait hears the signal.
    private static func openTerminalWithoutBlocking() -> Int32? {
        guard let name = ttyname(STDIN_FILENO) else { return nil }
        let descriptor = open(name, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var opened = stat()
        var standard = stat()
        guard fstat(descriptor, &opened) == 0, fstat(STDIN_FILENO, &standard) == 0,
            opened.st_rdev == standard.st_rdev
        else {
            close(descriptor)
            return nil
        }
        return descriptor
    }

    /// After a resize the terminal has reflowed the line to the new width, while libedit still
    /// counts rows at the old one, and would draw the line again below its old first row (the
    /// garbled line until Ctrl-L). So: back to the row the prompt now starts on, clear below,
    /// and let libedit draw prompt and line afresh.
    private func redrawAfterResize() {
        guard let info = el_wline(editor)?.pointee, let buffer = info.buffer, let cursor = info.cursor else { return }
        var before = String.UnicodeScalarView()
        var position = buffer
        while position < cursor {
            if let scalar = Unicode.Scalar(UInt32(bitPattern: position.pointee)) { before.append(scalar) }
            position += 1
        }
        let width = DisplayWidth.of(prompt + String(before))
        let rowsAbove = width / max(1, Self.window().columns)
        print("\r" + (rowsAbove > 0 ? "\u{1B}[\(rowsAbove)A" : "") + "\u{1B}[J", terminator: "")
        cle_flush_stdout()
        _ = cle_refresh(editor)
    }

    /// Reads one line with editing (el_wgets), decoding wide characters.
    func read(prompt: String) -> Result {
        free(promptText)
        promptText = strdup(prompt)
        self.prompt = prompt
        var count: Int32 = 0
        cle_catch_stops(1)
        defer { cle_catch_stops(0) }
        guard let chars = el_wgets(editor, &count) else {
            // Ctrl-C ends el_wgets without a line: as EINTR at the prompt, but during a history
            // search (Ctrl-R) libedit returns as at end of input. The signal tells them apart, so
            // Ctrl-C never ends the shell.
            if cle_take_sigint() != 0 || (count == -1 && errno == EINTR) { return .interrupted }
            return .end
        }
        var scalars = String.UnicodeScalarView()
        for i in 0..<Int(count) {
            if let u = Unicode.Scalar(UInt32(bitPattern: chars[i])) { scalars.append(u) }
        }
        var line = String(scalars)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    /// Records a command (history(H_ENTER)) and appends it to the file at once, so a crash
    /// loses nothing and a second window's commands are kept beside this one's. Lines starting
    /// with a space are not recorded, and a command repeated at once is kept once.
    func remember(_ line: String) {
        guard !line.hasPrefix(" "), !line.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        guard line != lastRemembered else { return }
        lastRemembered = line
        _ = cle_hist_enter(history, line)
        guard let historyPath, let entry = newestEntry() else { return }
        try? HistoryFile.append(entry, to: historyPath, keep: Self.historySize)
    }

    private var lastRemembered: String?
    static let historySize = 1000

    /// The newest entry as libedit writes it to a file (H_NSAVE_FP, its spaces and newlines
    /// encoded), rendered into an unlinked temporary file: libedit wants a descriptor it can
    /// fchmod, which a memory stream lacks.
    private func newestEntry() -> String? {
        guard let stream = tmpfile() else { return nil }
        defer { fclose(stream) }
        guard cle_hist_nsave_fp(history, 1, stream) >= 0, fflush(stream) == 0 else { return nil }
        let descriptor = fileno(stream)
        let size = Int(lseek(descriptor, 0, SEEK_END))
        guard size >= 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: size)
        guard pread(descriptor, &bytes, size, 0) == size else { return nil }
        // Oldest first: libedit may write one entry more than asked; the newest is the last line.
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
        guard lines.count >= 2, lines[0] == HistoryFile.header, let newest = lines.last else { return nil }
        return String(newest)
    }

    /// Tab: inserts the longest common prefix of the candidates, or lists them.
    private func completeWord() -> UInt8 {
        guard let info = el_wline(editor)?.pointee, let buffer = info.buffer, let cursor = info.cursor else {
            return UInt8(CC_ERROR)
        }
        var before = String.UnicodeScalarView()
        var p = buffer
        while p < cursor {
            if let u = Unicode.Scalar(UInt32(bitPattern: p.pointee)) { before.append(u) }
            p += 1
        }
        let text = String(before)
        let word = text.hasSuffix(" ") ? "" : String(text.split(separator: " ").last ?? "")
        let matches = complete(text)
        guard let first = matches.first else { return UInt8(CC_REFRESH_BEEP) }
        var prefix = Array(first.unicodeScalars)
        for m in matches.dropFirst() {
            let ms = Array(m.unicodeScalars)
            var n = 0
            while n < min(prefix.count, ms.count) && prefix[n] == ms[n] { n += 1 }
            prefix = Array(prefix[..<n])
        }
        var insert = Array(prefix.dropFirst(word.unicodeScalars.count))
        if matches.count == 1 && !(matches[0].hasSuffix("/")) { insert.append(" ") }
        if !insert.isEmpty {
            var wide = insert.map { wchar_t(bitPattern: $0.value) }
            wide.append(0)
            _ = el_winsertstr(editor, wide)
            return UInt8(CC_REFRESH)
        }
        let window = Self.window()
        let lines = CompletionList.lines(matches, width: window.columns)
        if CompletionList.asksFirst(lines: lines.count, rows: window.rows) && !confirmListing(matches.count) {
            return UInt8(CC_REDISPLAY)
        }
        print("\n" + lines.joined(separator: "\n"))
        cle_flush_stdout()
        return UInt8(CC_REDISPLAY)
    }

    /// readline's question before a list longer than the window: y or space lists, anything else not.
    private func confirmListing(_ count: Int) -> Bool {
        print("\nDisplay all \(count) possibilities? (y or n)", terminator: "")
        cle_flush_stdout()
        var answer: wchar_t = 0
        let read = el_wgetc(editor, &answer)
        print("")
        return read == 1 && [UInt32(UInt8(ascii: "y")), UInt32(UInt8(ascii: "Y")), 32].contains(UInt32(answer))
    }

    /// The terminal's size (TIOCGWINSZ), else 80×24.
    private static func window() -> (columns: Int, rows: Int) {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else {
            return (80, 24)
        }
        return (Int(size.ws_col), Int(size.ws_row))
    }
}
