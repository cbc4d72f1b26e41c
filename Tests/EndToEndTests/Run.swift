import Foundation

/// Runs the built `jixiao` binary as a user would, with piped stdin.
enum Binary {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `JIXIAO_BINARY` when set (`make test-release` points it at the static release binary), else
    /// the `jixiao` next to this test bundle (the same build), else `.build/debug/jixiao`.
    static let path: String = {
        if let chosen = ProcessInfo.processInfo.environment["JIXIAO_BINARY"], !chosen.isEmpty {
            return chosen
        }
        var candidates: [URL] = []
        if let exe = Bundle.main.executableURL {
            candidates.append(exe.deletingLastPathComponent().appendingPathComponent("jixiao"))
        }
        let arg0 = URL(fileURLWithPath: CommandLine.arguments[0])
        candidates.append(arg0.deletingLastPathComponent().appendingPathComponent("jixiao"))
        candidates.append(root.appendingPathComponent(".build/debug/jixiao"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }?.path
            ?? root.appendingPathComponent(".build/debug/jixiao").path
    }()

    /// Starts the binary in `directory` with `script` on stdin, waits until it has written `file`
    /// once, and kills it with SIGKILL `delay` microseconds later, wherever it is: the tests that a
    /// killed write leaves whole files. Waiting for the first write, not a fixed time, keeps the kill
    /// inside the writes however busy the machine is.
    static func runKilled(script: String, in directory: URL, after file: String, delay: useconds_t) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.currentDirectoryURL = directory
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        feed(Data(script.utf8), to: input.fileHandleForWriting)
        let written = directory.appendingPathComponent(file).path
        while process.isRunning && !FileManager.default.fileExists(atPath: written) { usleep(1_000) }
        usleep(delay)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// Runs with `input` on stdin and separate stdout/stderr, or both on one pipe when `merged`.
    static func run(
        _ arguments: [String], input: String = "", merged: Bool = false,
        environment: [String: String] = [:], directory: URL = root
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        // Conversions are cached in a folder of this run's, never the user's.
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        env["XDG_CACHE_HOME"] = cache.path
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = merged ? stdout : Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        feed(Data(input.utf8), to: stdin.fileHandleForWriting)
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = merged ? Data() : stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self),
            status: process.terminationStatus)
    }

    /// Writes `data` to a child's stdin. A child that never reads it (`-c … -f FILE`, a bad flag) may
    /// have exited first, on a busy machine: the write then meets a pipe with no reader. That is no
    /// failure of the test's, but its SIGPIPE would kill the whole test process. So SIGPIPE is
    /// blocked on this thread for the write, and one the write raised is taken back before the mask
    /// is restored; the test process's signal dispositions, which children inherit, stay untouched.
    static func feed(_ data: Data, to handle: FileHandle) {
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
        defer {
            var pending = sigset_t()
            var now = timespec()
            if sigpending(&pending) == 0, sigismember(&pending, SIGPIPE) == 1 { sigtimedwait(&pipeSignal, nil, &now) }
            pthread_sigmask(SIG_SETMASK, &previous, nil)
        }
        try? handle.write(contentsOf: data)
    }
}
