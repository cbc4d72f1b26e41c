import Foundation
import Testing

/// The built binary with piped stdin: output streams, error locations and exit status.
@Suite struct ExecutableTests {
    @Test("help, then an unknown command: located error, no far-off guess, exit 1")
    func helpAndUnknown() throws {
        let r = try Binary.run([], input: "help\nbogus\n")
        #expect(r.stdout.contains("load PATH..."))
        #expect(r.stdout.contains("help [COMMAND]"))
        #expect(r.stderr.hasPrefix("<stdin>:2: error: unknown command 'bogus'"))
        // Nothing is a few edits from 'bogus': no guess that would mislead.
        #expect(r.stderr.contains("type 'help' for the list of commands"))
        #expect(!r.stderr.contains("did you mean"))
        #expect(r.status == 1)
    }

    @Test("a close typo is answered with 'did you mean'")
    func typo() throws {
        let r = try Binary.run([], input: "projcts\n")
        #expect(
            r.stderr
                == "<stdin>:1: error: unknown command 'projcts'; did you mean 'projects'? (type 'help' for the list)\n")
    }

    @Test("a clean script exits 0 and prints only results")
    func success() throws {
        let r = try Binary.run([], input: "# a comment\n\necho 绩效 自评\n")
        #expect(r.stdout == "绩效 自评\n")
        #expect(r.stderr.isEmpty)
        #expect(r.status == 0)
    }

    @Test("without --bail a script goes on after an error; with --bail it stops")
    func bail() throws {
        let script = "echo a\nnope\necho b\n"
        let goOn = try Binary.run([], input: script)
        #expect(goOn.stdout == "a\nb\n")
        #expect(goOn.status == 1)
        let stop = try Binary.run(["--bail"], input: script)
        #expect(stop.stdout == "a\n")
        #expect(stop.stderr.hasPrefix("<stdin>:2: error:"))
        #expect(stop.status == 1)
    }

    @Test("-c runs before -f, -f scripts report FILE:LINE, and neither reads stdin unless -f - says so")
    func commandsAndScripts() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-e2e-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "echo from-file\nwhat\n".write(to: dir.appendingPathComponent("s.jx"), atomically: true, encoding: .utf8)
        let r = try Binary.run(["-c", "echo first", "-f", "s.jx"], input: "echo from-stdin\n", directory: dir)
        #expect(r.stdout == "first\nfrom-file\n")
        #expect(r.stderr.hasPrefix("s.jx:2: error: unknown command 'what'"))
        #expect(r.status == 1)
        let piped = try Binary.run(["-c", "echo first", "-f", "-"], input: "echo from-stdin\n", directory: dir)
        #expect(piped.stdout == "first\nfrom-stdin\n" && piped.status == 0)
    }

    /// The binary exits without reading stdin here, so on a busy machine it may be gone before the
    /// test writes. A clean-clone run once lost the whole end-to-end tier to that SIGPIPE; here the
    /// exit comes first every time, and the write must fail quietly.
    @Test("input for a binary that has already exited costs the test process nothing")
    func inputAfterTheBinaryExited() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = ["-q", "-c", "quit"]
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        Binary.feed(Data(repeating: 0x0A, count: 1 << 17), to: stdin.fileHandleForWriting)
        try? stdin.fileHandleForWriting.close()
        #expect(process.terminationStatus == 0)
    }

    @Test("in a shell loop each jixiao -c runs once per line: the loop's input is not eaten")
    func shellLoop() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let loop = "printf 'a\\nb\\nc\\n' | while read n; do \"$0\" -q -c \"echo $n\"; done"
        process.arguments = ["-c", loop, Binary.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(String(decoding: data, as: UTF8.self) == "a\nb\nc\n")
    }

    @Test("-q leaves confirmations out, so stdout holds results alone; --csv and --format set the format")
    func quietAndFormats() throws {
        let filing = Binary.root.appendingPathComponent("Tests/Fixtures/filings/000_4163b9005dfad92f.txt").path
        let sql = "sql SELECT count(*) AS n FROM projects"
        let quiet = try Binary.run(["-q", "-c", "option format csv", "-c", "load \(filing)", "-c", sql])
        #expect(quiet.stdout == "n\n3\n" && quiet.status == 0)
        let csv = try Binary.run(["--csv", filing, "-c", sql])
        #expect(csv.stdout == "n\n3\n")
        let json = try Binary.run(["--format", "json", filing, "-c", "sql SELECT name FROM projects LIMIT 1"])
        #expect(json.stdout == "[\n  {\n    \"name\": \"劳模服务\"\n  }\n]\n")
        let bad = try Binary.run(["--format", "tabular", "-c", "quit"])
        #expect(bad.status == 2 && bad.stderr.contains("'tabular' is not auto|aligned|wrapped"))
    }

    @Test("--echo prints each command like a transcript")
    func echo() throws {
        let r = try Binary.run(["--echo"], input: "echo hi\n", merged: true)
        #expect(r.stdout == "jixiao> echo hi\nhi\n")
    }

    @Test("bad flags exit 2; --help and --version exit 0")
    func flags() throws {
        #expect(try Binary.run(["--no-such-flag"]).status == 2)
        let help = try Binary.run(["--help"])
        #expect(help.status == 0 && help.stdout.contains("--bail"))
        #expect(try Binary.run(["--version"]).stdout.hasPrefix("0."))
    }

    @Test("Chinese text survives a pipe in the C locale")
    func chineseInCLocale() throws {
        let r = try Binary.run([], input: "echo 漢字テスト 绩效\n", environment: ["LC_ALL": "C", "LANG": "C"])
        #expect(r.stdout == "漢字テスト 绩效\n")
    }

    @Test("every session transcript is what the binary prints", arguments: ExecutableTests.sessionNames())
    func sessions(_ name: String) throws {
        let dir = Binary.root.appendingPathComponent("sessions")
        let script = try String(contentsOf: dir.appendingPathComponent(name + ".jx"), encoding: .utf8)
        let expected = try String(contentsOf: dir.appendingPathComponent(name + ".expected"), encoding: .utf8)
        // From a folder of its own that links to the package's files, so what it saves stays there.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for link in ["Tests", "sessions", "Package.swift"] {
            try FileManager.default.createSymbolicLink(
                at: folder.appendingPathComponent(link), withDestinationURL: Binary.root.appendingPathComponent(link))
        }
        let r = try Binary.run(["--echo"], input: script, merged: true, directory: folder)
        #expect(r.stdout + "# exit status: \(r.status)\n" == expected)
    }

    static func sessionNames() -> [String] {
        let files =
            (try? FileManager.default.contentsOfDirectory(atPath: Binary.root.appendingPathComponent("sessions").path))
            ?? []
        return files.filter { $0.hasSuffix(".jx") }.map { String($0.dropLast(3)) }.sorted()
    }
}
