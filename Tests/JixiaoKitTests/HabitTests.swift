import Foundation
import Testing

@testable import JixiaoKit
@testable import JixiaoModel
@testable import JixiaoRendering
@testable import JixiaoSQL

/// What a psql or sqlite3 user's hands type: `\d`, `.schema`, `\x`, `\timing`, `.mode`, `\e`,
/// and the guesses, timings, long loads and completions around them (issue 26).
@Suite struct HabitTests {
    @Test func backslashDListsTheTablesAndAViewAndOneTablesColumns() {
        let (_, console) = Fixtures.run(
            "sql CREATE TEMP VIEW low AS SELECT name, rate FROM projects WHERE rate < 0.6\n"
                + "\\d\n\\d projects\n.tables low\n"
        )
        #expect(console.errors.isEmpty, "\(console.errors)")
        for table in ["filings", "projects", "department", "indicators", "findings"] {
            #expect(console.output.contains("\n \(table) "), "\(table) is listed")
        }
        #expect(console.output.contains(" low        | view  | name, rate"))
        #expect(console.output.contains(" execution_score | REAL"))
        #expect(console.output.contains(" rate   | REAL\n"), "a view's column takes its table's type")
    }

    @Test func schemaPrintsTheStatementsAndAnUnknownNameListsTheKnown() {
        let (_, console) = Fixtures.run(".schema department\n\\d nosuch\n")
        #expect(console.output.hasPrefix("CREATE TABLE department(filing_id INTEGER PRIMARY KEY"))
        #expect(console.output.hasSuffix("grade TEXT, reported_grade TEXT);\n"))
        #expect(console.errors.contains("no table or view 'nosuch'; choose one of: filings, projects"))
    }

    @Test func expandedTimingAndModeChangeTheSettingsAsOptionDoes() {
        let (shell, console) = Fixtures.run(
            "\\x\n\\x\n\\x off\n.mode line\n.mode box\n\\timing\n.timer off\n.mode xml\n")
        #expect(
            console.output.hasPrefix(
                "format records\nformat auto\nformat aligned\nformat records\nformat aligned\ntiming on\n"))
        #expect(console.output.contains("timing off\n"))
        #expect(!shell.session.settings.timing)
        #expect(console.errors.contains("mode: 'xml' is not one of auto, aligned"))
        #expect(shell.session.settings.format == .fixed(.aligned))
    }

    /// `\e` runs what the editor saved, into the history; a failing editor or an emptied file runs
    /// nothing. The editors here are `sed` and the shell, standing in for vi.
    @Test(arguments: [
        ("sed -i s/hello/bye/", "hello\nbye\n", ["echo bye"]),
        ("false", "hello\n", []),
        (": >", "hello\n", []),
    ])
    func editRunsWhatTheEditorSaved(_ editor: String, _ output: String, _ remembered: [String]) {
        let console = ScriptConsole("echo hello\n\\e\n")
        let shell = Shell(console: console, directory: Fixtures.root.path)
        shell.editor = editor
        shell.runConsole()
        #expect(console.output == output)
        #expect(console.remembered == remembered)
        if editor == "false" { #expect(console.errors.contains("the editor (false) ended with status 1")) }
    }

    @Test(
        arguments: [
            ("clear", nil), ("bogus", nil), ("shwo", "show"), ("projcts", "projects"), ("\\timin", "\\timing"),
            (".schem", ".schema"), ("sumary", "summary"),
        ] as [(String, String?)])
    func aGuessIsOfferedOnlyWhenItIsClose(_ typed: String, _ guess: String?) {
        #expect(CommandSpec.suggestion(for: typed) == guess)
    }

    /// The row-reusing distance against the definition written as plain recursion, on seeded random
    /// words over a small alphabet (so swaps and repeats are common); and a long word is no guess.
    @Test func theEditDistanceAgreesWithItsDefinition() {
        func defined(_ a: [Character], _ b: [Character]) -> Int {
            func d(_ i: Int, _ j: Int) -> Int {
                if i == 0 { return j }
                if j == 0 { return i }
                var best = min(d(i - 1, j) + 1, d(i, j - 1) + 1, d(i - 1, j - 1) + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { best = min(best, d(i - 2, j - 2) + 1) }
                return best
            }
            return d(a.count, b.count)
        }
        var random = SplitMix(seed: 27)
        for _ in 0..<400 {
            let a = (0..<Int.random(in: 0...6, using: &random)).map { _ in "abc".randomElement(using: &random)! }
            let b = (0..<Int.random(in: 0...6, using: &random)).map { _ in "abc".randomElement(using: &random)! }
            #expect(editDistance(a, b) == defined(a, b), "\(String(a)) \(String(b))")
        }
        #expect(CommandSpec.suggestion(for: String(repeating: "showx", count: 800)) == nil)
    }

    /// The time is the command's, printed after its output (after a sourced script's lines, each
    /// with its own), for a failed command too, and without the time the pager was read.
    @Test(.scratch) func timingFollowsTheOutputCountsFailuresAndLeavesOutThePager() throws {
        let script = try Scratch.folder.appendingPathComponent("two.jx")
        try "echo a\necho b\n".write(to: script, atomically: true, encoding: .utf8)
        let console = ScriptConsole("option timing on\nsource \(script.path)\nshow nosuch\nhelp\n")
        console.window = WindowSize(columns: 200, rows: 5)
        console.whilePaging = { usleep(300_000) }  // a reader who takes 0.3 s over the page
        let shell = Shell(console: console, directory: Fixtures.root.path)
        shell.execute(line: "load --example", source: nil, line: 0)
        shell.runConsole()
        let lines = console.output.split(separator: "\n")
        let afterSource = lines.drop { $0 != "a" }
        #expect(afterSource.prefix(4).map { $0.hasPrefix("Time: ") } == [false, true, false, true])
        #expect(afterSource.dropFirst(3).first?.hasPrefix("Time: ") == true)
        #expect(console.errors.contains("no project 'nosuch'"))
        let times = lines.filter { $0.hasPrefix("Time: ") }.compactMap { Double($0.dropFirst(6).dropLast(3)) }
        #expect(times.count == 5, "option, a, b, the failed show, help; not source itself: \(console.output)")
        #expect(console.pages.count == 1 && times.last.map { $0 < 300 } == true, "the pager's 0.3 s is not counted")
    }

    @Test func aLoadOfManyFilesIsOneLineAfterItsFailuresAndDuplicatesAreCounted() {
        let (shell, console) = Fixtures.run("load Tests/Fixtures/county\nload Tests/Fixtures/county\n")
        #expect(shell.session.filings.count == 29)
        #expect(console.output == "29 loaded, 1 failed\n0 loaded, 1 failed, 29 duplicates skipped\n")
        #expect(!console.errors.contains("already loaded"))
        let failure = "Tests/Fixtures/county/00025.txt: error: no self-evaluation table"
        #expect(console.transcript.components(separatedBy: "\n").first?.hasPrefix(failure) == true)
        #expect(console.transcript.hasSuffix("0 loaded, 1 failed, 29 duplicates skipped\n"))
    }

    @Test func errorsWrapToTheWindowWithAHangingIndent() {
        let name = "这个项目的名称非常非常长" + "而且并不存在于任何已经载入的文件里面"
        let console = ScriptConsole("show \(name)\n")
        console.window = WindowSize(columns: 40, rows: 24)
        let shell = Shell(console: console, directory: Fixtures.root.path)
        shell.execute(line: "load --example", source: nil, line: 0)
        shell.runConsole()
        let lines = console.errors.split(separator: "\n")
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { DisplayWidth.of(String($0)) <= 40 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("  ") && !$0.hasPrefix("   ") })
    }

    @Test func helpHasNoStrayBackslashesAndItsExampleScriptsExist() {
        for spec in CommandSpec.all {
            let page = Help.page(for: spec)
            #expect(!page.contains("\\\n"), "help \(spec.name) ends a line in a backslash")
            for word in spec.example.split(separator: " ") where word.hasSuffix(".jx") {
                let path = Fixtures.root.appendingPathComponent(String(word)).path
                #expect(FileManager.default.fileExists(atPath: path), "help \(spec.name) names \(word)")
            }
        }
    }

    @Test func exportTakesMarkdownAsTheWordOptionFormatUses() throws {
        let (_, console) = Fixtures.run("load --example\nexport markdown projects\n")
        #expect(console.errors.isEmpty, "\(console.errors)")
        #expect(console.output.contains("| --- |") || console.output.contains("|---"))
    }
}

/// Completion where a psql user reaches for it (issue 26, item 7).
@Suite struct CompletionHabitTests {
    @Test func targetsOptionsAndQualifiedColumnsComplete() {
        let (shell, _) = Fixtures.run("load --example\n")
        #expect(shell.completions(before: "show d") == ["dept"])
        #expect(shell.completions(before: "show b") == ["basic"])
        #expect(shell.completions(before: "recompute a") == ["all"])
        #expect(shell.completions(before: "check --on") == ["--only"])
        #expect(shell.completions(before: "output --") == ["--force"])
        #expect(shell.completions(before: "\\d pro") == ["projects"])
        #expect(shell.completions(before: ".schema ind") == ["indicators"])
        #expect(shell.completions(before: "sql SELECT * FROM projects p WHERE p.ra") == ["p.rate"])
        let joined = shell.completions(before: "sql SELECT * FROM projects AS p JOIN filings f ON f.")
        #expect(joined.contains("f.unit") && !joined.contains("p.unit"))
    }

    @Test func qualifiedColumnsFollowCommasAndStopAtKeywords() {
        let words = "SELECT x FROM projects p, filings f WHERE".split(separator: " ").map(String.init)
        let found = SQLText.qualifiedColumns(words) { MirrorTable.columns[$0] ?? [] }
        #expect(found.contains("p.rate") && found.contains("f.unit") && found.contains("projects.rate"))
        #expect(!found.contains { $0.hasPrefix("WHERE.") })
    }

    @Test func aListingIsInColumnsByDisplayWidthAndAsksPastAScreenful() {
        let names = ["劳模服务", "困难职工帮扶", "ab", "工会经费", "c", "职工书屋"]
        let lines = CompletionList.lines(names, width: 30)
        #expect(lines == ["劳模服务      工会经费", "困难职工帮扶  c", "ab            职工书屋"])
        #expect(CompletionList.lines(names, width: 200).count == 1)
        #expect(CompletionList.asksFirst(lines: 23, rows: 24))
        #expect(!CompletionList.asksFirst(lines: 22, rows: 24))
    }
}

/// Tables at 80 columns (issue 26, item 6).
@Suite struct NarrowTableTests {
    @Test func numberHeadersWrapBeforeTextIsSqueezed() {
        var table = Table(["项目名称", "reported total", "computed total"], align: [.left, .right, .right])
        table.add(["劳模服务项目", "90.5", "88"])
        let out = table.render(Presentation(format: .wrapped, width: 36))
        #expect(out.contains(" 劳模服务项目 |"), "\(out)")
        #expect(out.split(separator: "\n").allSatisfy { DisplayWidth.of(String($0)) <= 36 })
    }

    @Test func aLatinWordIsNeverBrokenAndAPathBreaksAtSlashes() {
        #expect(Prose.cell("see example.txt now", width: 12) == ["see", "example.txt", "now"])
        #expect(Prose.cell("Tests/Fixtures/county/00001.txt", width: 16) == ["Tests/Fixtures/", "county/00001.txt"])
        var table = Table(["name", "note"])
        table.add(["example", "an example of the fitting of a table at a narrow width"])
        let out = table.render(Presentation(format: .wrapped, width: 30))
        #expect(out.contains(" example |"), "\(out)")
    }

    @Test func aPathColumnShowsItsTail() {
        #expect(Table.tail(of: "/home/a/review/county/f0019.txt", width: 20) == "…/county/f0019.txt")
        #expect(Table.tail(of: "county/f0019.txt", width: 20) == "county/f0019.txt")
        #expect(Table.tail(of: "/a/very-long-folder/f0019.txt", width: 5) == "…/f0019.txt")
        var listing = Listing([.init("unit"), .path("文件", ["path"])])
        listing.rows = [[.init("示范县青山总工会"), .init("/home/reviewer/2023/county/f0019.txt")]]
        let out = listing.render(Presentation(format: .wrapped, width: 40))
        #expect(out.contains("…/county/f0019.txt"), "\(out)")
        #expect(out.split(separator: "\n").allSatisfy { DisplayWidth.of(String($0)) <= 40 })
    }
}

/// Two windows, one history file (issue 26, item 5).
@Suite(.scratch) struct HistoryFileTests {
    @Test func twoWindowsAppendAndNeitherOverwritesTheOther() throws {
        let path = try Scratch.folder.appendingPathComponent("history").path
        for entry in ["echo\\040a1", "echo\\040b1", "echo\\040a2", "echo\\040b2"] {
            try HistoryFile.append(entry, to: path, keep: 100)
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == "_HiStOrY_V2_\necho\\040a1\necho\\040b1\necho\\040a2\necho\\040b2\n")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func theFileIsCutBackToItsLastEntriesOnceItHoldsTwiceAsMany() throws {
        let path = try Scratch.folder.appendingPathComponent("history").path
        for n in 1...7 { try HistoryFile.append("e\(n)", to: path, keep: 3) }
        // Six entries and the header make seven lines; the seventh entry cuts it to the last three.
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "_HiStOrY_V2_\ne5\ne6\ne7\n")
    }

    @Test func anAppendFollowsALinkAndKeepsTheMode() throws {
        let folder = try Scratch.folder
        let target = folder.appendingPathComponent("kept")
        try "_HiStOrY_V2_\nold\n".write(to: target, atomically: true, encoding: .utf8)
        chmod(target.path, 0o640)
        let link = folder.appendingPathComponent("history")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        try HistoryFile.append("new", to: link.path, keep: 100)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        #expect(try String(contentsOf: target, encoding: .utf8) == "_HiStOrY_V2_\nold\nnew\n")
        let mode = try FileManager.default.attributesOfItem(atPath: target.path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
    }
}
