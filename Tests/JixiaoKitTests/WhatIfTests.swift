import Foundation
import Testing

@testable import JixiaoKit
@testable import JixiaoModel
@testable import JixiaoReading
@testable import JixiaoRendering
@testable import JixiaoRules

/// Edits, scenarios, saving and opening, in-process.
@Suite(.scratch) struct WhatIfTests {
    static let load = "load \(Fixtures.real.path)\n"

    @Test("an edit prints what it moves; a refused edit changes nothing")
    func editEffects() {
        let (shell, console) = Fixtures.run(
            Self.load + "set score 劳模 1 3\nset score 劳模 1 9\nset budget 劳模 -2\nset weight 劳模 2 x\n")
        #expect(console.output.contains("得分 5 → 3"))
        #expect(console.output.contains("总分 95.67 → 93.67, 等级 优 → 优"))
        #expect(console.errors.contains("得分 9 is above the indicator's 分值 5"))
        #expect(console.errors.contains("全年预算数 must not be negative"))
        #expect(console.errors.contains("分值 must be a number, not 'x'"))
        #expect(shell.session.current?.scenario.edits.count == 1)
        #expect(
            shell.session.current?.filing.projects[0].indicators[0].score.value == 5, "the loaded filing never changes")
    }

    /// A number jixiao would not store as typed is refused, and nothing changes.
    @Test(arguments: [
        ("set executed 劳模 99999999999999999999999999999999999999999", "beyond 10^12"),
        ("set score 劳模 1 0.0000000000000000000000000000001", "has 31 decimals"),
        ("set budget 劳模 1000000000001", "beyond 10^12"),
    ])
    func numbersBeyondWhatIsKeptAreRefused(_ line: String, _ why: String) {
        let (shell, console) = Fixtures.run(Self.load + line + "\n")
        #expect(console.errors.contains(why), "\(console.errors)")
        #expect(shell.session.current?.scenario.edits.isEmpty == true)
        let (kept, _) = Fixtures.run(Self.load + "set executed 劳模 3.123456\n")
        #expect(kept.session.current?.scenario.edits.count == 1, "six decimals are kept")
    }

    /// The same limits on numbers read from a filing: a warning with the line, read as blank.
    @Test func aFilingsNumberBeyondWhatIsKeptIsAWarning() throws {
        let text = ReaderTests.project(
            funds: [["", "年度资金总额", "10", "10000000000000", "10", "10", "100%", "10"]],
            indicators: [
                ["", "产出指标（20分）", "数量指标", "场次", "≥10场", "12场", "20", "19.12345678", ""]
            ])
        let filing = try FilingReader.read(Data(text.utf8), source: "limits")
        let messages = filing.warnings.map(\.description)
        #expect(messages.contains { $0.contains("beyond 10^12") })
        #expect(messages.contains { $0.contains("has 8 decimals") })
        #expect(filing.projects.first?.funds.fullYear.isBlank == true)
    }

    /// A field a hand edit added is a located error, and nothing is opened.
    @Test func aScenarioWithAnUnknownFieldIsALocatedError() throws {
        let dir = try Scratch.folder
        _ = Fixtures.run(Self.load + "set score 劳模 1 3\nsave s.json\n", directory: dir)
        var text = try String(contentsOf: dir.appendingPathComponent("s.json"), encoding: .utf8)
        text = text.replacingOccurrences(of: "\"value\": \"3\"", with: "\"value\": \"3\",\n      \"colour\": \"red\"")
        try text.write(to: dir.appendingPathComponent("s.json"), atomically: true, encoding: .utf8)
        let line = text.components(separatedBy: "\n").firstIndex { $0.contains("colour") }.map { $0 + 1 } ?? 0
        let (shell, console) = Fixtures.run(Self.load + "open s.json\n", directory: dir)
        #expect(console.errors.contains("s.json:\(line): unknown field \"colour\""), "\(console.errors)")
        #expect(shell.session.current?.scenario.edits.isEmpty == true)
    }

    /// Over the filing it was saved from, an edit naming a project that does not exist means the
    /// file was changed by hand: a located error, and none of its edits applied.
    @Test func aHandEditedScenarioOverItsOwnFilingIsAllOrNothing() throws {
        let dir = try Scratch.folder
        _ = Fixtures.run(Self.load + "set score 劳模 1 3\nset executed 劳模 4\nsave s.json\n", directory: dir)
        var text = try String(contentsOf: dir.appendingPathComponent("s.json"), encoding: .utf8)
        text = text.replacingOccurrences(
            of: "\"field\": \"executed\",\n      \"project\": \"劳模服务\"",
            with: "\"field\": \"executed\",\n      \"project\": \"不存在\"")
        try text.write(to: dir.appendingPathComponent("s.json"), atomically: true, encoding: .utf8)
        #expect(text.contains("不存在"))
        let (shell, console) = Fixtures.run(Self.load + "open s.json\n", directory: dir)
        #expect(console.errors.contains("edit 2 does not apply"), "\(console.errors)")
        #expect(console.errors.contains("nothing was opened"))
        #expect(shell.session.current?.scenario.edits.isEmpty == true)
    }

    @Test func undoRedoReset() {
        let (shell, console) = Fixtures.run(
            Self.load + "set score 劳模 1 3\nset executed 劳模 6\nundo\nundo\nundo\nredo\nreset\nredo\n")
        #expect(console.errors.contains("nothing to undo"))
        #expect(console.errors.contains("nothing to redo"))
        #expect(console.output.contains("reset: dropped 1 edit"))
        #expect(shell.session.current?.scenario.edits.isEmpty == true)
    }

    @Test("a scenario saved in one run and opened in another reproduces every figure")
    func roundTrip() throws {
        let dir = try Scratch.folder
        let script =
            Self.load
            + "set score 劳模 1 3\nset executed 劳模 5.2\nset actual 双联 1 36人\nset score dept 满意度 "
            + "8\nsave s.json\nsave "
            + "--script s.jxs\n"
        let (first, _) = Fixtures.run(script, directory: dir)
        let loaded = try #require(first.session.current)
        let rules = first.session.rules(for: loaded).rules
        let saved = Scenarios.document(loaded, rules: rules)
        let console = ScriptConsole("open s.json\n")
        let second = Shell(console: console, directory: dir.path)
        second.runConsole()
        #expect(console.errors.isEmpty, "\(console.errors)")
        let reopened = try #require(second.session.current)
        #expect(Scenarios.document(reopened, rules: second.session.rules(for: reopened).rules) == saved)
        #expect(reopened.scenario.edits == loaded.scenario.edits)
        #expect(!second.session.hasUnsavedEdits)
        // The script recreates the same scenario too.
        let text = try String(contentsOf: dir.appendingPathComponent("s.jxs"), encoding: .utf8)
        let (third, _) = Fixtures.run(text, directory: dir)
        #expect(third.session.current?.scenario.edits == loaded.scenario.edits)
        // The document: the filing's hash, the rules, the edits in order, the results.
        let json = try JSON.parse(String(contentsOf: dir.appendingPathComponent("s.json"), encoding: .utf8))
        #expect(json["filing"]?["sha256"]?.stringValue == loaded.filing.sha256)
        #expect(json["rules"]?.stringValue == "HN-HY-2023")
        #expect(json["edits"]?.arrayValue?.count == 4)
        #expect(json["results"]?["projects"]?.arrayValue?.first?["total"]?.decimalValue == Decimal(string: "96.67"))
    }

    @Test("a failed save says why and leaves the old file intact")
    func failedSave() throws {
        let dir = try Scratch.folder
        let target = dir.appendingPathComponent("s.json")
        try "old content".write(to: target, atomically: true, encoding: .utf8)
        // The temporary file's name is taken by a folder, so the write cannot start.
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent(".s.json.\(getpid()).tmp"), withIntermediateDirectories: true)
        let (_, console) = Fixtures.run(
            Self.load + "set score 劳模 1 3\nsave s.json --force\nsave nosuchdir/s.json\n", directory: dir)
        #expect(console.errors.contains("s.json: cannot write"))
        #expect(console.errors.contains("folder"))
        #expect(try String(contentsOf: target, encoding: .utf8) == "old content")
    }

    @Test("a file that is not the scenario's own is replaced only with --force")
    func force() throws {
        let dir = try Scratch.folder
        try "notes".write(to: dir.appendingPathComponent("notes.json"), atomically: true, encoding: .utf8)
        let (_, console) = Fixtures.run(
            Self.load + "save notes.json\nsave notes.json --force\nsave notes.json\n", directory: dir)
        #expect(console.errors.contains("notes.json exists; add --force"))
        #expect(console.output.components(separatedBy: "saved scenario").count == 3)
    }

    @Test("quit at a terminal with unsaved edits asks once; a script just stops")
    func quitAsks() {
        let console = ScriptConsole(
            Self.load + "set score 劳模 1 3\nquit\necho still here\nquit\necho gone\n", interactive: true)
        console.answers = [false, true]
        let shell = Shell(console: console, directory: Fixtures.root.path)
        shell.runInteractive()
        #expect(console.transcript.components(separatedBy: "unsaved edits. Quit anyway?").count == 3)
        #expect(console.output.contains("still here"))
        #expect(!console.output.contains("gone"))
        let (scripted, out) = Fixtures.run(Self.load + "set score 劳模 1 3\nquit\necho gone\n")
        #expect(scripted.finished && !out.output.contains("gone"))
    }

    @Test("CSV: byte-order mark, RFC 4180 quoting, CRLF")
    func csv() {
        let grid = TableExport.Grid(
            header: ["项目", "说明"], rows: [["劳模服务", "含,逗号"], ["双联", "引号\"和\n换行"]])
        let text = TableExport.csv(grid)
        #expect(text.hasPrefix("\u{FEFF}项目,说明\r\n"))
        #expect(text.contains("劳模服务,\"含,逗号\"\r\n"))
        #expect(text.contains("双联,\"引号\"\"和\n换行\"\r\n"))
        #expect(TableExport.markdown(TableExport.Grid(header: ["a"], rows: [["x|y"]])).contains("x\\|y"))
    }
}

@Suite(.scratch) struct DocxExportTests {
    @Test("export text writes the layout a .docx was read as; a text filing has none")
    func exportText() throws {
        let dir = try Scratch.folder
        let docx = Fixtures.root.appendingPathComponent("Tests/Fixtures/docx/000_4163b9005dfad92f.docx").path
        let (_, console) = Fixtures.run(
            "load \(docx)\nexport text layout.txt\n" + WhatIfTests.load + "export text\n", directory: dir)
        let layout = try String(contentsOf: dir.appendingPathComponent("layout.txt"), encoding: .utf8)
        #expect(layout.contains("\t劳模服务\n"))
        let again = try FilingReader.read(text: layout, source: "layout.txt")
        #expect(again.projects.map(\.name) == ["劳模服务", "双联工作", "省级困难帮扶和送温暖"])
        #expect(console.errors.contains("is text already"))
    }
}
