import Foundation
import JixiaoReading

#if canImport(Glibc)
import Glibc
#endif

/// A program outside jixiao, found on `PATH` and run to completion: stdin from /dev/null, stdout
/// and stderr to files, in a process group of its own so that a time limit or Ctrl-C ends it and
/// every child it started (LibreOffice starts `soffice.bin`).
package struct Program {
    let path: String

    /// The program named `name` in one of the folders of `searchPath` (as `$PATH`); nil when it
    /// is not installed.
    package init?(named name: String, in searchPath: String) {
        let folders = searchPath.split(separator: ":")
        let candidates: [String] = folders.map { "\($0)/\(name)" }
        guard let found = candidates.first(where: { access($0, X_OK) == 0 }) else { return nil }
        path = found
    }

    /// How a run ended.
    package struct Outcome {
        var status: Int32
        /// The last of what the program wrote to stderr, for an error message.
        var complaint: String
    }

    /// Runs the program with `arguments`, its output to `stdout` (a path) or nowhere; kills it
    /// after `limit`, and when `checking` throws (Ctrl-C), which it rethrows once the group is gone.
    package func run(
        _ arguments: [String], stdout: String? = nil, limit: Duration, in folder: String,
        checking: () throws(ShellError) -> Void
    ) throws(ShellError) -> Outcome {
        let errors = folder + "/stderr-\(UUID().uuidString)"
        defer { unlink(errors) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        guard spawned == 0 else {
            throw .io(path: path, reason: "cannot start it (\(String(cString: strerror(spawned))))")
        }
        let status = try wait(for: pid, limit: limit, checking: checking)
        let complaint = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        return Outcome(status: status, complaint: Self.lastLine(complaint))
    }

    /// Waits for the child, looking at the clock and at Ctrl-C between short sleeps.
    private func wait(
        for pid: pid_t, limit: Duration, checking: () throws(ShellError) -> Void
    ) throws(ShellError) -> Int32 {
        let deadline = ContinuousClock.now + limit
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return Self.exitCode(status) }
            if result < 0 && errno != EINTR { return -1 }
            do throws(ShellError) {
                try checking()
            } catch {
                end(pid)
                throw error
            }
            if ContinuousClock.now > deadline {
                end(pid)
                return Self.timedOut
            }
            usleep(10_000)
        }
    }

    /// The status a run that overran its time limit reports.
    package static let timedOut: Int32 = -2

    /// Ends the child's process group: asked first, then killed, and reaped.
    private func end(_ pid: pid_t) {
        kill(-pid, SIGTERM)
        var status: Int32 = 0
        for _ in 0..<100 {
            if waitpid(pid, &status, WNOHANG) == pid {
                kill(-pid, SIGKILL)  // children that outlived it
                return
            }
            usleep(10_000)
        }
        kill(-pid, SIGKILL)
        waitpid(pid, &status, 0)
    }

    static func exitCode(_ status: Int32) -> Int32 {
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    static func lastLine(_ text: String) -> String {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        return String(lines.last { !$0.isEmpty }?.prefix(200) ?? "")
    }
}
