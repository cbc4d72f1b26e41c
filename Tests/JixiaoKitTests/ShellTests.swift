import Foundation
import Testing

@testable import JixiaoKit
@testable import JixiaoModel
@testable import JixiaoReading
@testable import JixiaoRendering
@testable import JixiaoRules

/// The loop, the tokenizer, completion and display width, in-process.
@Suite struct ShellTests {
    @Test(
        "words, quotes and escapes",
        arguments: [
            ("show 劳模", ["show", "劳模"]),
            ("load \"my filings/a b.txt\"", ["load", "my filings/a b.txt"]),
            ("echo 'a  b' c\\ d", ["echo", "a  b", "c d"]),
            ("set score 劳模　1 3", ["set", "score", "劳模", "1", "3"]),  // a full-width space separates too
        ])
    func tokenize(_ line: String, _ words: [String]) throws {
        #expect(try Tokenizer.split(line) == words)
    }

    @Test func unterminatedQuoteIsAnError() {
        let error = #expect(throws: ShellError.self) { try Tokenizer.split("load \"x") }
        #expect(error?.description == "unterminated \" quote")
    }

    @Test("errors carry their source and line; --bail stops the script")
    func errorsAndBail() {
        let (shell, console) = Fixtures.run("echo a\nnope\necho b\n")
        #expect(console.output == "a\nb\n")
        #expect(console.errors.hasPrefix("<stdin>:2: error: unknown command 'nope'"))
        #expect(shell.exitStatus == 1)
        let (bailed, out) = Fixtures.run("echo a\nnope\necho b\n", options: ShellOptions(bail: true))
        #expect(out.output == "a\n" && bailed.bailed)
    }

    @Test("Ctrl-C at the prompt discards the line and the shell goes on")
    func interruptAtPrompt() {
        let console = ScriptConsole("echo half\necho after\n", interactive: true)
        console.interruptAfterLines = [0]
        Shell(console: console).runInteractive()
        #expect(console.output == "after\n")
    }

    @Test("completion: commands, then projects, subcommands and paths")
    func completion() {
        let (shell, _) = Fixtures.run("load Tests/Fixtures/filings/000_4163b9005dfad92f.txt\n")
        #expect(shell.completions(before: "pro") == ["projects"])
        #expect(
            shell.completions(before: "re").contains("recompute") && shell.completions(before: "re").contains("report"))
        #expect(shell.completions(before: "show 劳") == ["劳模服务"])
        #expect(shell.completions(before: "rules u") == ["use"])
        #expect(shell.completions(before: "load Tests/Fix") == ["Tests/Fixtures/"])
        #expect(shell.completions(before: "echo x").isEmpty)
    }

    @Test(
        "display width: CJK 2, ASCII 1, combining 0, emoji 2",
        arguments: [
            ("劳模服务", 8), ("abc", 3), ("e\u{301}", 1), ("😀", 2), ("≥90%", 4), ("㎡", 2),
            ("全年预算数 6.00", 15),
        ])
    func width(_ text: String, _ columns: Int) {
        #expect(DisplayWidth.of(text) == columns)
    }

    @Test("tables align Chinese by display width")
    func tableAlignment() {
        var table = Table(["项目", "金额"], align: [.left, .right])
        table.add(["劳模服务", "6.00"])
        table.add(["ab", "11.40"])
        let lines = table.render().split(separator: "\n").map(String.init)
        #expect(lines[2] == " 劳模服务 |  6.00")
        #expect(lines[3] == " ab       | 11.40")
        #expect(DisplayWidth.of(lines[2]) == DisplayWidth.of(lines[3]))
    }

    @Test("decimal output never shows binary-float artefacts")
    func decimals() {
        let rate = Decimal(string: "3.4")! / 6
        #expect(rate.percent == "56.67%")
        #expect((Decimal(string: "0.1")! + Decimal(string: "0.2")!).fixed(2) == "0.30")
        #expect((Decimal(10) * rate).fixed(2) == "5.67")
        #expect(Decimal(string: "2.005")!.fixed(2) == "2.01")
    }
}

/// A query on several lines, as psql and sqlite3 take it: `sql` whose statement is not whole
/// goes on to the next lines until `;`, and its error is located at its first line.
@Suite struct MultiLineSQLTests {
    @Test func aQueryGoesOnUntilItsSemicolon() {
        let script = "load --example\nsql SELECT name,\n  rate\n  FROM projects\n  WHERE rate < 0.9;\nsql SELECT 1\n"
        let (shell, console) = Fixtures.run(script, options: ShellOptions(echo: true, quiet: true))
        #expect(shell.exitStatus == 0, "\(console.errors)")
        #expect(console.output.contains("jixiao> sql SELECT name,\njixiao->   rate\njixiao->   FROM projects\n"))
        #expect(console.output.contains(" 妇女技能培训 | 0.78\n(1 row)\n"))
        #expect(console.output.hasSuffix("jixiao> sql SELECT 1\n 1\n---\n 1\n(1 row)\n"))
    }

    @Test func aStringOverTwoLinesIsOneValue() {
        let (_, console) = Fixtures.run("sql SELECT 'a\nb' AS x;\n")
        #expect(console.output == " x\n---\n a\n b\n(1 row)\n", "\(console.errors)")
    }

    @Test func aQueryTheInputEndsInIsReportedAtItsFirstLine() {
        let (shell, console) = Fixtures.run("load --example\nsql SELECT name,\n")
        #expect(console.errors.contains("<stdin>:2: error: sql: incomplete input"))
        #expect(shell.exitStatus == 1)
    }

    @Test func aWholeLineRunsAtOnceAndOtherCommandsNeverGoOn() {
        #expect(!Shell.Lines.continues("sql SELECT 1"))
        #expect(Shell.Lines.continues("sql SELECT name,"))
        #expect(Shell.Lines.continues("sql SELECT 'open"))
        #expect(Shell.Lines.continues("sql SELECT (1 +"))
        #expect(!Shell.Lines.continues("echo SELECT name,"))
        #expect(!Shell.Lines.continues("# sql SELECT name,"))
    }
}
