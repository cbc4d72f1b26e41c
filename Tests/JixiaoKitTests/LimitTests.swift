import Foundation
import JixiaoModel
import Testing

@testable import JixiaoKit
@testable import JixiaoReading

/// Files at their limits: odd names, one enormous line, a deeply nested .docx. Each loads or is
/// refused with a clear error.
@Suite(.scratch) struct LimitTests {
    @Test func namesWithSpacesQuotesNewlinesAndNonUTF8BytesLoadAndShowEscaped() throws {
        let folder = try Scratch.folder
        let real = try Data(contentsOf: Fixtures.real)
        for (i, name) in ["with space.txt", "quo\"te.txt", "apo'st.txt", "new\nline.txt"].enumerated() {
            try (real + Data("\n\(i)\n".utf8)).write(to: folder.appendingPathComponent(name))
        }
        // A name that is not UTF-8 can only be made from bytes: `bad` 0xFF 0xFE `.txt`.
        let bytes = Array((folder.path + "/bad").utf8) + [0xFF, 0xFE] + Array(".txt".utf8) + [0]
        let made = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { creat($0.baseAddress!, 0o644) }
        }
        #expect(made >= 0)
        #expect(real.withUnsafeBytes { write(made, $0.baseAddress, $0.count) } == real.count)
        close(made)
        let (shell, console) = Fixtures.run("load \(folder.path)\nfilings\n")
        // The 0xFF 0xFE file holds the real filing with nothing added: it loads, once.
        #expect(shell.session.filings.count == 5, "\(console.errors)")
        #expect(console.output.contains("/bad\\xff\\xfe.txt\n"))
        #expect(console.output.contains("/new\\nline.txt\n") && !console.output.contains("new\nline"))
        // The bytes reach open() as listed: a glob and the exact name (as argv gives it) load it too.
        let exact = FileNames.decode(bytes.dropLast())
        for typed in [folder.path + "/bad*.txt", exact] {
            var session = Session()
            let output = try LoadCommand(paths: [typed]).run(&session, Interrupting())
            #expect(session.filings.count == 1 && output.text.contains("bad\\xff\\xfe.txt)"), "\(output.text)")
        }
    }

    /// 10,000 tables nested in one another: the scanner and the walker keep counters, not a
    /// stack, so the file is refused as holding no 自评表 rather than overflowing anything.
    @Test func tenThousandNestedTablesAreReadWithoutRecursion() throws {
        let open = String(repeating: "<w:tbl><w:tr><w:tc>", count: 10_000)
        let close = String(repeating: "</w:tc></w:tr></w:tbl>", count: 10_000)
        let xml = "<w:document><w:body>\(open)<w:p><w:r><w:t>深</w:t></w:r></w:p>\(close)</w:body></w:document>"
        let docx = try ReaderTests.docx(with: Data(xml.utf8))
        #expect(throws: ReadError.self) { try FilingReader.read(docx, source: "nested.docx") }
    }
}

/// Files too large, endless or odd to read: refused from their size or kind before a byte is
/// read, so memory stays bounded; a folder of 50,000 tiny files is read to its end.
@Suite(.scratch) struct FileSizeTests {
    @Test func aHundredMegabyteFilingIsRefusedUnread() throws {
        let folder = try Scratch.folder
        let big = folder.appendingPathComponent("big.txt")
        #expect(FileManager.default.createFile(atPath: big.path, contents: nil))
        try FileHandle(forWritingTo: big).truncate(atOffset: 100 << 20)  // sparse: no disk used
        let (shell, console) = Fixtures.run("load --example\nload \(big.path)\n")
        #expect(
            console.errors.contains("big.txt: 100.0 MB is more than a filing holds (at most 32 MB); nothing was read"))
        #expect(shell.session.filings.count == 1)
    }

    @Test func aFIFOOrADeviceIsRefusedNotReadForEver() throws {
        let folder = try Scratch.folder
        let fifo = folder.appendingPathComponent("pipe.txt")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        let (shell, console) = Fixtures.run("load \(fifo.path)\nload /dev/zero\n")
        #expect(console.errors.contains("pipe.txt: is not a regular file (a pipe or a device); nothing was read"))
        #expect(console.errors.contains("/dev/zero: is not a regular file"))
        #expect(shell.session.filings.isEmpty)
    }
}

/// Saved scenarios and rule files changed by hand: each is refused with its file and line, and
/// nothing of it is applied.
@Suite(.scratch) struct LyingFileTests {
    static let saved = Fixtures.root.appendingPathComponent("sessions/whatif.scenario.json")

    /// Opens `text` as a scenario and as a rule file; returns the errors of each.
    static func open(_ bytes: Data) throws -> (scenario: String, rules: String) {
        let folder = try Scratch.folder
        let file = folder.appendingPathComponent("edited.json")
        try bytes.write(to: file)
        let (scenarioShell, scenario) = Fixtures.run("open \(file.path)\n")
        #expect(scenarioShell.session.filings.isEmpty, "nothing of the scenario is applied")
        let (rulesShell, rules) = Fixtures.run("rules load \(file.path)\n")
        #expect(rulesShell.session.loadedRuleSets.isEmpty, "no rule set is added")
        return (scenario.errors, rules.errors)
    }

    @Test func aStringWhereANumberBelongsIsAnErrorAtItsLine() throws {
        let text = try String(contentsOf: Self.saved, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "\"value\": \"3\"", with: "\"value\": true")
        let errors = try Self.open(Data(edited.utf8))
        #expect(errors.scenario.contains("edited.json:14: edit 1 is not an edit"))
    }

    @Test func versionTwoIsRefusedAtItsLine() throws {
        let text = try String(contentsOf: Self.saved, encoding: .utf8)
        let errors = try Self.open(Data(text.replacingOccurrences(of: "\"version\": 1", with: "\"version\": 2").utf8))
        #expect(errors.scenario.contains("edited.json:3: scenario version 2 is not supported"))
    }

    @Test func bytesThatAreNotUTF8AreAnErrorAtTheirLine() throws {
        var bytes = try Data(contentsOf: Self.saved)
        let secondLine = bytes.firstIndex(of: 0x0A)! + 1
        bytes.insert(contentsOf: [0xFF, 0xFE], at: secondLine + 3)
        let errors = try Self.open(bytes)
        #expect(errors.scenario.contains("edited.json:2: not UTF-8 text"))
        #expect(errors.rules.contains("edited.json:2: not UTF-8 text"))
    }

    @Test func aHundredThousandLevelsOfNestingAreAnErrorNotACrash() throws {
        let deep =
            "{\"format\": " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        let errors = try Self.open(Data(deep.utf8))
        #expect(errors.scenario.contains("edited.json:1: too many nested arrays or dictionaries"))
        #expect(errors.rules.contains("edited.json:1: too many nested arrays or dictionaries"))
    }

    @Test(
        "a rule file's number that would not be kept as written is an error at its line",
        arguments: [
            ("1500000000000000000000000", "is beyond 10^12"), ("15.0000000000001", "has 13 decimals"),
            ("1.5e1", "is in exponent form"),
        ])
    func ruleNumbersAtTheirLimits(number: String, problem: String) throws {
        let county = try String(
            contentsOf: Fixtures.root.appendingPathComponent("Tests/Fixtures/rules/county.json"), encoding: .utf8)
        let edited = county.replacingOccurrences(of: "\"executionWeight\": 15", with: "\"executionWeight\": \(number)")
        let errors = try Self.open(Data(edited.utf8))
        #expect(errors.rules.contains("edited.json:5: the number \(number) \(problem)"))
    }

    @Test func aHugeFileIsRefusedUnread() throws {
        let folder = try Scratch.folder
        let file = folder.appendingPathComponent("huge.json")
        #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
        try FileHandle(forWritingTo: file).truncate(atOffset: 20 << 20)
        let (_, scenario) = Fixtures.run("open \(file.path)\n")
        let (_, rules) = Fixtures.run("rules load \(file.path)\n")
        for errors in [scenario.errors, rules.errors] {
            #expect(
                errors.contains("huge.json: 20.0 MB is more than a scenario, rule file or script holds (at most 16 MB)")
            )
        }
    }
}

/// The slow tier's limits (`make test-slow`): a folder of 50,000 tiny files (about 20 s in a
/// debug build) and one line of 20 MB (4 s).
@Suite(.scratch) struct SlowLimitTests {
    @Test func oneTwentyMegabyteLineIsAClearError() throws {
        let folder = try Scratch.folder
        let file = folder.appendingPathComponent("oneline.txt")
        try Data(("部门整体支出绩效自评表" + String(repeating: "x", count: 20 << 20) + "\n").utf8).write(
            to: file)
        let (shell, console) = Fixtures.run("load \(file.path)")
        #expect(shell.session.filings.isEmpty)
        #expect(console.errors.contains("saw 1 line of prose, no table"))
    }
    @Test func fiftyThousandTinyFilesAreEachRefusedAndTheLoadEnds() throws {
        let folder = try Scratch.folder
        for i in 0..<50_000 {
            let made = FileManager.default.createFile(
                atPath: folder.appendingPathComponent(String(format: "f%05d.txt", i)).path,
                contents: Data("项目名称 \(i)\n".utf8))
            if !made { Issue.record("could not make file \(i)") }
        }
        let (shell, console) = Fixtures.run("load --example\nload \(folder.path)\nfilings\n")
        #expect(shell.session.filings.count == 1)
        #expect(console.errors.components(separatedBy: ": error: no self-evaluation table").count == 50_001)
        #expect(console.output.contains("0 loaded, 50000 failed") || console.errors.contains("0 loaded, 50000 failed"))
    }
}
