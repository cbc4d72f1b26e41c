import Foundation
import JixiaoModel

#if canImport(Glibc)
import Glibc
#endif

extension Shell {
    /// `\e`: writes the last command to a private temporary file, opens it in the editor, and
    /// when the editor succeeds runs each command saved there as if typed, into the history.
    func edit() throws(ShellError) {
        guard let editor else { throw .refused("edit: no editor may run here") }
        let (path, descriptor) = try Self.temporaryScript()
        defer { unlink(path) }
        let text = lastCommand.isEmpty ? "" : lastCommand + "\n"
        let failure = Disk.writeAll(Data(text.utf8), to: descriptor)
        close(descriptor)
        if let failure { throw .io(path: path, reason: "cannot write (\(failure))") }
        let status = Self.runEditor(editor, on: path)
        guard status == 0 else {
            throw .refused("edit: the editor (\(editor)) ended with status \(status); nothing was run")
        }
        let saved = try Disk.readText(path, shownAs: path)
        var commands = Lines()
        for raw in saved.split(separator: "\n", omittingEmptySubsequences: false) where !stopped {
            guard let command = commands.add(String(raw), at: 0) else { continue }
            runTyped(command.text)
        }
        if let rest = commands.rest, !stopped { runTyped(rest.text) }
    }

    /// A command as if typed at the prompt: into the history, then run.
    private func runTyped(_ command: String) {
        guard !Labels.trim(command).isEmpty else { return }
        console.remember(command)
        execute(line: command, source: nil, line: 0)
    }

    /// A new file, 0600, in the temporary folder: the path and its open descriptor.
    static func temporaryScript() throws(ShellError) -> (String, Int32) {
        let folder = NSTemporaryDirectory() as NSString
        var template = Array(folder.appendingPathComponent("jixiao-edit-XXXXXX.jx").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 3) }
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard descriptor >= 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
        return (path, descriptor)
    }

    /// Runs `editor FILE` through /bin/sh (an editor is often given with its flags, `code -w`)
    /// at the terminal, and waits for it; its exit status, or -1 when it could not start.
    static func runEditor(_ editor: String, on path: String) -> Int32 {
        let words = ["/bin/sh", "-c", editor + " \"$1\"", "sh", path]
        let argv = words.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return Program.exitCode(status)
    }
}
