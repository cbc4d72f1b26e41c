import Foundation
import Testing

@testable import JixiaoKit
@testable import JixiaoModel
@testable import JixiaoReading
@testable import JixiaoRules

/// Commands parse into values before anything runs, and run against a session they change
/// only when they succeed.
@Suite struct CommandTests {
    func parsed<C: Command>(_ line: String, as type: C.Type) throws -> C? {
        try CommandSpec.parse(line) as? C
    }

    @Test func setParsesItsFieldTargetIndicatorAndValue() throws {
        let score = SetCommand(what: .field(.score), target: .project("劳模"), indicator: "1", value: "3")
        #expect(try parsed("set score 劳模 1 3", as: SetCommand.self) == score)
        let tier = SetCommand(what: .tier, target: .department, indicator: "满意度", value: "部分达成")
        #expect(try parsed("set tier 部门 满意度 部分达成", as: SetCommand.self) == tier)
        let amount = SetCommand(what: .field(.executed), target: .department, indicator: nil, value: "5.2")
        #expect(try parsed("set executed dept 5.2", as: SetCommand.self) == amount)
    }

    @Test("one target word: dept, 部门 and department name the department; all only where taken")
    func targets() throws {
        for word in ["dept", "department", "部门"] {
            #expect(try parsed("check \(word)", as: CheckCommand.self) == CheckCommand(target: .department))
        }
        #expect(try parsed("recompute", as: RecomputeCommand.self) == RecomputeCommand(target: .filing))
        #expect(try parsed("recompute all", as: RecomputeCommand.self) == RecomputeCommand(target: .filing))
        let show = ShowCommand(what: .table(.project("all"), indicator: nil))
        #expect(try parsed("show all", as: ShowCommand.self) == show)
    }

    @Test func exportAndRulesParse() throws {
        let export = ExportCommand(format: .csv, table: .findings, path: "out.csv", force: true)
        #expect(try parsed("export csv out.csv findings --force", as: ExportCommand.self) == export)
        #expect(try parsed("rules use auto", as: RulesCommand.self) == RulesCommand(action: .use(nil)))
        #expect(try parsed("rules show", as: RulesCommand.self) == RulesCommand(action: .show(nil)))
        #expect(try parsed("projects --computed", as: ProjectsCommand.self) == ProjectsCommand(computed: true))
        #expect(try parsed("load a b --strict", as: LoadCommand.self) == LoadCommand(paths: ["a", "b"], strict: true))
    }

    @Test(
        "bad words are refused by the parser, with the usage",
        arguments: [
            ("set colour 劳模 1 3", "say what to set"),
            ("set score 劳模 1", "needs PROJECT|dept, INDICATOR and VALUE"),
            ("export xml", "needs a format"),
            ("export csv a.csv b.csv", "'b.csv' is neither a table (projects, indicators, findings) nor a command"),
            ("export xlsx projects --all", "'export xlsx' needs a PATH"),
            ("export text t.txt projects --all", "'export text' writes the layout"),
            ("projects --every", "unknown option '--every'"),
            ("projects --where", "--where needs a value"),
            ("projects --all --year 24", "--year takes a year such as 2024, not '24'"),
            ("summary --by team", "--by takes unit, year, grade or rule, not 'team'"),
            ("check --severity fatal", "--severity takes error, warning or info, not 'fatal'"),
            ("check --all --check rate.nothing", "no check 'rate.nothing'"),
            ("check --list", "go with --all"),
            ("rules frobnicate", "unknown subcommand"),
            ("scenario", "needs new, list, use or drop"),
            ("check 1 2", "takes at most one"),
        ])
    func refused(_ line: String, _ problem: String) {
        let error = #expect(throws: ShellError.self) { try CommandSpec.parse(line) }
        #expect(error?.description.contains(problem) == true, "\(error?.description ?? "")")
    }

    @Test("a failed command leaves the whole session as it was")
    func failedCommandChangesNothing() {
        let (shell, _) = Fixtures.run("load \(Fixtures.real.path)\nset score 劳模 1 3\nrules use CN-2020\n")
        let before = shell.session
        for line in ["set score 劳模 1 99", "rules use NOSUCH", "load /no/such/file.txt", "open /no/such.json"] {
            #expect(!shell.execute(line: line, source: "t", line: 1))
        }
        #expect(shell.session.filings.count == before.filings.count)
        #expect(shell.session.chosenRules == before.chosenRules)
        #expect(shell.session.current?.scenario.edits == before.current?.scenario.edits)
        #expect(shell.session.current?.edited == before.current?.edited)
    }

    @Test("a file that cannot be read no longer blocks the rest; the same file is not loaded twice")
    func partialLoad() {
        let bad = Fixtures.root.appendingPathComponent("Tests/Fixtures/bad/empty.txt").path
        let (shell, console) = Fixtures.run("load \(Fixtures.real.path) \(bad)\nload \(Fixtures.real.path)\n")
        #expect(shell.session.filings.count == 1)
        #expect(console.output.contains("1 loaded, 1 failed"))
        #expect(console.errors.contains("\(bad): error: the file is empty"))
        #expect(console.errors.contains("note: already loaded as [1] (same SHA-256)"))
        #expect(shell.exitStatus == 1)
        let (strict, _) = Fixtures.run("load --strict \(Fixtures.real.path) \(bad)\n")
        #expect(strict.session.filings.isEmpty)
    }

    @Test("projects prints what was asked for, whatever ran before it")
    func noHiddenModes() {
        let (_, console) = Fixtures.run("load \(Fixtures.real.path)\nprojects\nrecompute\nprojects\n")
        let tables = console.output.components(separatedBy: "项目支出 (万元, as reported)\n").dropFirst().map {
            $0.components(separatedBy: " rows)\n")[0]
        }
        #expect(tables.count == 2)
        #expect(tables.first == tables.last)
    }

    @Test("with edits, projects shows the rate computed from the edited amounts")
    func scenarioProjectsComputed() {
        let (_, console) = Fixtures.run("load \(Fixtures.real.path)\nset executed 劳模 6\nprojects\n")
        #expect(console.output.contains("computed (计算) under HN-HY-2023"))
        #expect(console.output.contains("100.00%"))
    }
}

/// Scenarios keep the state after every edit instead of replaying them.
@Suite struct ScenarioTests {
    let baseline: Filing

    init() throws { baseline = try Fixtures.filing("000_4163b9005dfad92f.txt") }

    func executed(_ value: String) -> Edit {
        Edit(field: .executed, target: .project("劳模服务"), indicator: nil, level3: nil, value: value)
    }

    @Test func undoRestoresTheStateBeforeAndRedoReappliesIt() throws {
        var scenario = Scenario(name: "s")
        try scenario.apply(executed("4"), over: baseline)
        let afterFirst = scenario.filing(over: baseline)
        try scenario.apply(executed("5"), over: baseline)
        #expect(scenario.filing(over: baseline).projects[0].funds.executed.value == 5)
        #expect(scenario.undo() == executed("5"))
        #expect(scenario.filing(over: baseline) == afterFirst)
        #expect(try scenario.redo(over: baseline) == executed("5"))
        #expect(scenario.filing(over: baseline).projects[0].funds.executed.value == 5)
        #expect(scenario.undo() != nil && scenario.undo() != nil && scenario.undo() == nil)
        #expect(scenario.filing(over: baseline) == baseline)
    }

    @Test("a refused edit is not kept, and the redo list survives it")
    func refusedEdit() throws {
        var scenario = Scenario(name: "s")
        try scenario.apply(executed("4"), over: baseline)
        _ = scenario.undo()
        #expect(throws: ModelError.negative(what: "全年执行数")) {
            try scenario.apply(executed("-1"), over: baseline)
        }
        #expect(scenario.edits.isEmpty && scenario.undone.count == 1)
        let gone = Edit(field: .score, target: .project("nosuch"), indicator: 1, level3: nil, value: "1")
        #expect(throws: ModelError.self) { try scenario.apply(gone, over: baseline) }
    }

    @Test("many edits: the filing is the last state, every figure as typed")
    func manyEdits() throws {
        var scenario = Scenario(name: "s")
        for i in 0..<500 { try scenario.apply(executed("\(i).25"), over: baseline) }
        let funds = scenario.filing(over: baseline).projects[0].funds
        #expect(funds.executed.value == Decimal(string: "499.25") && funds.executed.text == "499.25")
        #expect(baseline.projects[0].funds.executed.value == Decimal(string: "3.4"))
    }
}

/// Foundation parses the JSON; jixiao only finds where the keys stood.
@Suite struct JSONReadingTests {
    @Test func numbersStayDecimalAndKeysKeepTheirLines() throws {
        let text = "{\n  \"a\": 0.1,\n  \"grades\": [\n    {\"name\": \"优\", \"min\": 90.5}\n  ]\n}\n"
        let json = try JSON.parse(text)
        #expect(json["a"]?.decimalValue == Decimal(string: "0.1"))
        #expect(json["grades"]?.arrayValue?.first?["min"]?.decimalValue == Decimal(string: "90.5"))
        let lines = JSON.keyLines(text)
        #expect(lines["a"] == 2 && lines["grades"] == 3 && lines["grades.0.min"] == 4)
    }

    @Test("a syntax error names the line Foundation stopped at")
    func syntaxErrorLine() {
        let error = #expect(throws: JSONSyntaxError.self) { try JSON.parse("{\n  \"a\": 1,\n  \"b\": }\n") }
        #expect(error?.line == 3)
        #expect(error?.message == "invalid value")
    }

    @Test func equalityIsStructural() {
        #expect(JSON.object([("a", .number(1))]) == JSON.object([("a", .number(1))]))
        #expect(JSON.object([("a", .number(1))]) != JSON.object([("a", .string("1"))]))
        #expect(JSON.array([.null]) != JSON.array([]))
    }
}

/// psql's backslash names are names: the tokenizer's escape does not eat their backslash.
@Suite struct BackslashNameTests {
    @Test func backslashCommandsParseAsTheirCommands() throws {
        #expect(try CommandSpec.parse("\\q") is QuitCommand)
        #expect(try CommandSpec.parse("\\i script.jx") as? SourceCommand == SourceCommand(path: "script.jx"))
        #expect(
            try CommandSpec.parse("\\pset format csv") as? OptionCommand == OptionCommand(name: "format", value: "csv"))
        #expect(try CommandSpec.parse("\\o out.txt") as? OutputCommand == OutputCommand(path: "out.txt"))
        #expect(try CommandSpec.parse("\\o") as? OutputCommand == OutputCommand(path: nil))
        let unknown = #expect(throws: ShellError.self) { try CommandSpec.parse("\\zz") }
        #expect(unknown?.description.hasPrefix("unknown command '\\zz'") == true)
    }
}
