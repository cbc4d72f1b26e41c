import CEditLine
import Glibc

/// Runs `$PAGER` (default `less -FRSX`, which prints short output as it is) with the text on its
/// standard input and the terminal as its output. Ctrl-C ends the pager and returns to the prompt;
/// the terminal's modes are restored whatever the pager left them as.
enum Pager {
    static let defaultCommand = "less -FRSX"

    /// Pages `text`; false when the pager could not run, so the caller prints it instead.
    static func show(_ text: String, command: String) -> Bool {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return false }
        var saved = termios()
        let hasModes = tcgetattr(STDIN_FILENO, &saved) == 0
        cle_flush_stdout()
        let less = getenv("LESS").map { String(cString: $0) }
        let text = showsColour(command, less: less) ? text : withoutColour(text)
        guard let pid = spawn(command, input: ends[0], closing: ends[1]) else {
            close(ends[0])
            close(ends[1])
            return false
        }
        close(ends[0])
        let oldPipeAction = signal(SIGPIPE, SIG_IGN)  // the pager may quit before reading it all
        var interrupted = !send(text, to: ends[1])
        close(ends[1])
        if interrupted { kill(pid, SIGTERM) }
        let status = wait(for: pid, interrupted: &interrupted)
        if interrupted { writeToTerminal("\r\u{1B}[K") }  // erase the pager's prompt line
        signal(SIGPIPE, oldPipeAction)
        if hasModes { tcsetattr(STDIN_FILENO, TCSADRAIN, &saved) }
        // 127: the shell found no such program; say nothing was shown so the text is printed.
        return !(status.exited && status.code == 127)
    }

    private static func spawn(_ command: String, input: Int32, closing other: Int32) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input, STDIN_FILENO)
        posix_spawn_file_actions_addclose(&actions, input)
        posix_spawn_file_actions_addclose(&actions, other)
        // `exec`, so the pager is the child itself and Ctrl-C's SIGTERM reaches it, not just the shell.
        let words: [String] = ["/bin/sh", "-c", "exec " + command]
        let arguments = words.map { word in strdup(word) }
        defer { arguments.forEach { free($0) } }
        var argv = arguments + [nil]
        let variables = environment(adding: ["LESS": "FRX", "LV": "-c"]).map { strdup($0) }
        defer { variables.forEach { free($0) } }
        var envp = variables + [nil]
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", &actions, nil, &argv, &envp) == 0 else { return nil }
        return pid
    }

    /// The process's environment with `defaults` for the names it does not set: as git does,
    /// `LESS=FRX`, so a `PAGER=less` without `-R` still shows colours rather than their codes.
    static func environment(adding defaults: [String: String]) -> [String] {
        var entries: [String] = []
        var index = 0
        while let entry = environ[index] {
            entries.append(String(cString: entry))
            index += 1
        }
        let names = Set(entries.map { String($0.prefix { $0 != "=" }) })
        return entries + defaults.filter { !names.contains($0.key) }.sorted { $0.key < $1.key }.map { "\($0)=\($1)" }
    }

    /// Whether `command` shows colour codes as colours: any pager but a `less` whose options
    /// (the command's own, else `$LESS`) lack -R or -r, which would show them as raw `ESC[31m`.
    static func showsColour(_ command: String, less: String?) -> Bool {
        let words = command.split(separator: " ")
        guard let program = words.first, program.split(separator: "/").last == "less" else { return true }
        let options = words.dropFirst().filter { $0.hasPrefix("-") }.joined() + (less ?? "FRX")
        return options.contains("R") || options.contains("r")
    }

    /// `text` without its SGR colour sequences (`ESC[…m`): the only escapes jixiao writes,
    /// since a filing's own are shown escaped.
    static func withoutColour(_ text: String) -> String {
        guard text.utf8.contains(0x1B) else { return text }
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\u{1B}" else {
                out.append(scalar)
                continue
            }
            while let next = scalars.next(), next != "m" {}
        }
        return String(out)
    }

    /// Writes all of `text`; false when Ctrl-C interrupted it. A pager that quit early is not an error.
    private static func send(_ text: String, to descriptor: Int32) -> Bool {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written > 0 {
                offset += written
            } else if errno == EINTR {
                if cle_take_sigint() == 1 { return false }
            } else {
                return true
            }
        }
        return true
    }

    /// Waits for the pager; Ctrl-C while it runs ends it, and so does one that came while the text
    /// was still being sent, after its last write: the wait would not see it, and a pager that
    /// takes Ctrl-C for its own and stays (less does) would be waited on until the next.
    private static func wait(for pid: pid_t, interrupted: inout Bool) -> (exited: Bool, code: Int32) {
        func endOnCtrlC() {
            guard cle_take_sigint() == 1 else { return }
            interrupted = true
            kill(pid, SIGTERM)
        }
        var status: Int32 = 0
        endOnCtrlC()
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { return (false, 0) }
            endOnCtrlC()
        }
        let exited = status & 0x7f == 0
        return (exited, (status >> 8) & 0xff)
    }

    private static func writeToTerminal(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }
}
