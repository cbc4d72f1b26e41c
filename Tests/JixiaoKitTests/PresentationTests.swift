import Foundation
import Testing

@testable import JixiaoKit
@testable import JixiaoModel
@testable import JixiaoRendering
@testable import JixiaoSQL

/// Output at a terminal: prose that wraps between words, tables fitted to the window or shown as
/// records, the other formats, settings, timing, the pager's decision, colour and completion.
@Suite(.scratch) struct PresentationTests {
    /// A shell on the real filing whose console pretends to be a window `columns` wide.
    static func terminal(
        _ script: String, columns: Int = 60, rows: Int = 24, colour: Bool = false
    ) -> (Shell, ScriptConsole) {
        let console = ScriptConsole("load Tests/Fixtures/filings/000_4163b9005dfad92f.txt\n" + script)
        console.window = WindowSize(columns: columns, rows: rows)
        let shell = Shell(console: console, options: ShellOptions(color: colour), directory: Fixtures.root.path)
        shell.runConsole()
        return (shell, console)
    }

    /// The display columns at which `|` and `+` stand in a table line.
    static func separators(_ line: String) -> [Int] {
        var columns: [Int] = []
        var column = 0
        for character in line {
            if character == "|" || character == "+" { columns.append(column) }
            column += DisplayWidth.of(character)
        }
        return columns
    }

    /// Asserts that no line is wider than `width` and that the separators of each table's lines
    /// stand in the same columns as its rule's.
    static func expectFitted(_ text: String, width: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for line in lines {
            #expect(DisplayWidth.of(line) <= width, "wider than \(width): \(line)", sourceLocation: sourceLocation)
        }
        for (index, rule) in lines.enumerated() where rule.hasPrefix("---") && rule.contains("+") {
            let expected = separators(rule)
            var row = index + 1
            while row < lines.count && lines[row].contains(" | ") {
                let got = separators(lines[row])
                #expect(
                    got == Array(expected.prefix(got.count)), "misaligned: \(lines[row])",
                    sourceLocation: sourceLocation)
                row += 1
            }
            let header = lines[index - 1]
            #expect(separators(header) == Array(expected.prefix(separators(header).count)), "header: \(header)")
        }
    }

    @Test("prose breaks between words and Chinese characters, never inside a word or number")
    func proseWrap() {
        let text =
            "编制 is 6 in the narrative but 3 in the 基础数据表 (line 1234567), "
            + "执行率 56.67%，偏差较大。"
        for width in [12, 20, 33, 50] {
            let lines = Prose.wrap(text, width: width, hang: 2)
            #expect(lines.allSatisfy { DisplayWidth.of($0) <= width })
            #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("  ") })
            let joined = lines.joined(separator: "\n")
            for word in ["narrative", "1234567),", "56.67%，"] { #expect(joined.contains(word), "\(word) split") }
            #expect(!lines.contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("，") })
        }
        #expect(
            Prose.wrap("  预期目标  在总工会领导下，负责全区劳模的慰问", width: 30, hang: 12) == [
                "  预期目标  在总工会领导下，负", "            责全区劳模的慰问",
            ])
        #expect(Prose.fit("short line\n", width: 40) == "short line\n")
        let long = String(repeating: "no width at all, however long the line is ", count: 5)
        #expect(Prose.fit(long, width: nil) == long)
    }

    @Test("a label-and-value line hangs under its value")
    func hangingIndent() {
        #expect(Prose.hang(of: "  实际完成情况  完成了全年任务", 60) == 16)
        #expect(Prose.hang(of: "  - a point", 60) == 4)
        #expect(Prose.hang(of: "    plain", 60) == 4)
    }

    @Test("tables at 60 and 120 columns fit the window, their separators in line", arguments: [60, 120])
    func fittedTables(columns: Int) {
        let (_, console) = Self.terminal(
            "projects\nshow 1\nrecompute\nrecompute all\ncheck\ndiff\nrules\n", columns: columns)
        #expect(console.errors.isEmpty)
        Self.expectFitted(console.output, width: columns)
        #expect(console.output.contains("劳模服务"))
    }

    @Test("at 120 columns the projects table is a table; at 30 it shows as records")
    func recordsWhenTooNarrow() {
        let wide = Self.terminal("projects\n", columns: 120).1.output
        #expect(wide.contains(" # | 项目名称"))
        let narrow = Self.terminal("projects\n", columns: 30).1.output
        #expect(narrow.contains("-[ RECORD 1 ]"))
        #expect(narrow.contains("项目名称   | 劳模服务"))
        Self.expectFitted(narrow, width: 30)
    }

    @Test("a fitted table wraps long text inside its cell instead of cutting it at 30 columns")
    func wrappedCells() {
        let piped = Fixtures.run("load Tests/Fixtures/filings/000_4163b9005dfad92f.txt\nshow dept\n").1.output
        #expect(piped.contains("宣传次数大于等于5次得满分，下…"))
        let fitted = Self.terminal("option pager off\nshow dept\n", columns: 200).1.output
        #expect(!fitted.contains("…"))
        #expect(fitted.contains("宣传次数大于等于5次得满分，下降"))
        Self.expectFitted(fitted, width: 200)
    }

    /// Data for a program is never wrapped to the window: a JSON string broken across lines is
    /// no JSON, a CSV row broken in two is two rows.
    @Test func exportsToATerminalAreNeverWrapped() throws {
        let (_, console) = Self.terminal("option pager off\nexport json\nexport csv projects\n", columns: 40)
        let output = console.output
        let start = try #require(output.range(of: "{\n"))
        let end = try #require(output.range(of: "\n}\n", options: .backwards))
        #expect(throws: Never.self) { try JSON.parse(String(output[start.lowerBound..<end.upperBound])) }
        let amounts = "项目名称,年初预算数,全年预算数,全年执行数,"
        let header = amounts + "执行率,分值,得分,总分,执行率(计算)"
        #expect(output.contains(header))
    }

    @Test("option format: csv, markdown, json, records and aligned; null shows blank cells")
    func formats() {
        let csv = Fixtures.run(
            "load Tests/Fixtures/filings/000_4163b9005dfad92f.txt\noption format csv\nprojects\n"
        ).1.output
        // Data, not text: no title line, numbers as numbers, the rate as its fraction.
        #expect(
            csv.hasSuffix(
                "#,项目名称,全年预算数,全年执行数,执行率,分值,得分,总分\n"
                    + "1,劳模服务,6,3.4,0.5667,,,90\n2,双联工作,2,2,,10,10,90\n"
                    + "3,省级困难帮扶和送温暖,6,6,,10,10,90\n"
            ), "\(csv)")
        let json = Fixtures.run(
            "load Tests/Fixtures/filings/000_4163b9005dfad92f.txt\noption format json\nprojects\n"
        ).1.output
        #expect(json.contains("\"项目名称\": \"劳模服务\""))
        #expect(json.contains("\"执行率\": 0.5667,") && json.contains("\"分值\": null,"))
        let markdown = Fixtures.run(
            "load Tests/Fixtures/filings/000_4163b9005dfad92f.txt\noption format markdown\nprojects\n"
        ).1.output
        #expect(markdown.contains("| 1 | 劳模服务 | 6.00 | 3.40 | 56.67% |  |  | 90 |"))
        #expect(markdown.contains("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"))
        let records = Fixtures.run(
            "load Tests/Fixtures/filings/000_4163b9005dfad92f.txt\noption format records\noption null (空)\nprojects\n"
        ).1.output
        #expect(records.contains("-[ RECORD 1 ]"))
        #expect(records.contains("分值       | (空)"))
        let findings = Fixtures.run(
            "load Tests/Fixtures/filings/000_4163b9005dfad92f.txt\noption format csv\ncheck\n"
        ).1.output
        #expect(findings.contains("id,severity,line,位置,check,说明\nF1,error,"))
        #expect(!findings.contains("findings ("))
    }

    @Test("option lists, shows and sets; a bad name or value is an error and changes nothing")
    func options() {
        let (shell, console) = Fixtures.run(
            "option\noption width 200\noption format tabular\noption colour on\noption width\n")
        #expect(
            console.output.hasPrefix(
                "timing       off\npager        auto\nformat       auto\nnull         \"\"\nwidth        auto\n"
                    + "color        auto\nsql_timeout  auto\n"))
        #expect(console.output.hasSuffix("width 200\nwidth  200\n"))
        #expect(console.errors.contains("<stdin>:3: error: option: 'tabular' is not auto|aligned|wrapped|records"))
        #expect(console.errors.contains("<stdin>:4: error: no setting 'colour'; choose one of: timing, pager"))
        #expect(shell.session.settings.format == .auto)
        #expect(shell.exitStatus == 1)
    }

    @Test("option width fits piped output too")
    func widthWhenPiped() {
        let console = Fixtures.run(
            "option width 60\noption format wrapped\nload Tests/Fixtures/filings/000_4163b9005dfad92f.txt\nprojects\n"
        ).1
        Self.expectFitted(console.output, width: 60)
        #expect(console.output.contains(" # | 项目名"))
        #expect(console.pages.isEmpty)
    }

    @Test("option timing on prints the time of each command")
    func timing() throws {
        let output = Fixtures.run("option timing on\necho hi\noption timing off\necho bye\n").1.output
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.count == 6)
        #expect(lines[0] == "timing on" && lines[2] == "hi" && lines[4] == "timing off" && lines[5] == "bye")
        for line in [lines[1], lines[3]] { #expect(try Regex(#"^Time: \d+\.\d{3} ms$"#).wholeMatch(in: line) != nil) }
    }

    @Test("the pager takes output taller than the window; never when piped or turned off")
    func pagerDecision() {
        let tall = Self.terminal("check\n", rows: 24).1
        #expect(tall.pages.count == 1)
        #expect(tall.pages.first?.contains("F39") == true)
        #expect(Self.terminal("echo short\n", rows: 24).1.pages.isEmpty)
        #expect(Self.terminal("option pager off\ncheck\n", rows: 24).1.pages.isEmpty)
        #expect(Self.terminal("option pager on\necho short\n", rows: 24).1.pages.last == "short\n")
        #expect(Fixtures.run("load Tests/Fixtures/filings/000_4163b9005dfad92f.txt\ncheck\n").1.pages.isEmpty)
    }

    @Test("colour marks differences and errors at a terminal; never with colour off or when piped")
    func colour() {
        let coloured = Self.terminal("option pager off\nrecompute all\ncheck\n", columns: 120, colour: true).1.output
        #expect(coloured.contains("\u{1B}[33m * |    1 | 劳模服务"))
        #expect(coloured.contains("\u{1B}[1;31merror\u{1B}[0m"))
        let off = Self.terminal("option pager off\noption color off\nrecompute all\n", columns: 120, colour: true).1
        #expect(!off.output.contains("\u{1B}"))
        let notAllowed = Self.terminal("option pager off\nrecompute all\n", columns: 120, colour: false).1
        #expect(!notAllowed.output.contains("\u{1B}"))
        let piped = Fixtures.run(
            "option color auto\nload Tests/Fixtures/filings/000_4163b9005dfad92f.txt\nrecompute all\n")
        #expect(!piped.1.output.contains("\u{1B}"))
        let errors = Self.terminal("bogus\n", colour: true).1.errors
        #expect(errors.contains("\u{1B}[1;31merror:\u{1B}[0m unknown command"))
    }

    @Test("completion after set score, rules use, scenario use, use, option and sql")
    func completionContexts() {
        let (shell, _) = Fixtures.run(
            "load Tests/Fixtures/filings/000_4163b9005dfad92f.txt\nscenario new 下调\nscenario new 上调\n")
        let indicators = shell.completions(before: "set score 劳模 ")
        #expect(indicators.contains("1") && indicators.contains("6") && indicators.contains("完成劳模服务任务"))
        #expect(shell.completions(before: "set score 1 完成") == ["完成劳模服务任务"])
        #expect(shell.completions(before: "set executed 劳模 ").isEmpty)
        #expect(shell.completions(before: "set score 劳") == ["劳模服务"])
        #expect(shell.completions(before: "set sc") == ["score"])
        #expect(shell.completions(before: "rules use ").contains("CN-2020"))
        #expect(shell.completions(before: "rules use ").contains("auto"))
        #expect(shell.completions(before: "rules show HN").allSatisfy { $0.hasPrefix("HN") })
        #expect(shell.completions(before: "scenario use ") == ["default", "上调", "下调"].sorted())
        #expect(shell.completions(before: "scenario drop 下") == ["下调"])
        #expect(shell.completions(before: "use 石") == ["石鼓区总工会"])
        #expect(shell.completions(before: "option ") == Settings.names.sorted())
        #expect(shell.completions(before: "option format re") == ["records"])
        #expect(shell.completions(before: "option pager ") == ["auto", "off", "on"])
        #expect(shell.completions(before: "sql SEL") == ["SELECT"])
        #expect(shell.completions(before: "sql SELECT * FROM proj").contains("projects"))
        #expect(shell.completions(before: "sql SELECT reported_r") == ["reported_rate"])
        #expect(!JixiaoSQL.MirrorTable.names.contains { $0.contains(")") || $0 == "PRIMARY" })
    }

    @Test("a start-up file runs first; its errors name ~/.jixiaorc:LINE and do not count")
    func startupFile() throws {
        let folder = try Scratch.folder
        let rc = folder.appendingPathComponent(".jixiaorc")
        try "option timing on\nbogus\noption null -\n".write(to: rc, atomically: true, encoding: .utf8)
        let console = ScriptConsole("echo hi\n")
        let shell = Shell(console: console, directory: Fixtures.root.path)
        shell.runStartupFile(rc.path, shownAs: "~/.jixiaorc")
        #expect(console.errors.hasPrefix("~/.jixiaorc:2: error: unknown command 'bogus'"))
        #expect(shell.session.settings.timing && shell.session.settings.null == "-")
        #expect(shell.exitStatus == 0)
        shell.runConsole()
        #expect(console.output.contains("hi\nTime: "))
        shell.runStartupFile(folder.appendingPathComponent("missing").path, shownAs: "~/.jixiaorc")
        #expect(shell.exitStatus == 0)
    }
}
