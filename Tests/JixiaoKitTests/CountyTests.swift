import Foundation
import Testing

@testable import JixiaoKit
@testable import JixiaoModel
@testable import JixiaoRendering
@testable import JixiaoSQL

/// Every loaded filing at once: the county tables, `summary` and SQL over the mirror.
@Suite struct CountyTests {
    static let county = Fixtures.root.appendingPathComponent("Tests/Fixtures/county")

    /// A shell with the generated county loaded.
    func shell() -> Shell {
        let (shell, _) = Fixtures.run("load \(Self.county.path)\n")
        return shell
    }

    func run(_ shell: Shell, _ line: String) -> (ok: Bool, output: String, errors: String) {
        let console = shell.console as! ScriptConsole
        let (out, err) = (console.output.count, console.errors.count)
        let ok = shell.execute(line: line, source: "t", line: 1)
        return (ok, String(console.output.dropFirst(out)), String(console.errors.dropFirst(err)))
    }

    /// A load reports its progress as it goes and once at the end, in order, and erases it then.
    @Test func loadReportsProgressThenErasesIt() {
        let (_, console) = Fixtures.run("load Tests/Fixtures/county")
        let reports = console.progressReports
        let shown = reports.compactMap { $0 }
        #expect(reports.last == .some(nil), "the last report erases the line")
        #expect(shown.map(\.done) == shown.map(\.done).sorted() && shown.last?.done == shown.last?.total)
        #expect(shown.last?.total == 30 && (shown.last?.bytes ?? 0) > 0)
    }

    @Test("the county loads past its bad file: 29 filings")
    func loads() {
        let shell = shell()
        #expect(shell.session.filings.count == 29)
        #expect(shell.exitStatus == 1, "a failed file makes the load count as failed")
    }

    @Test("a folder read on every core gives what reading its files one by one gives, in path order")
    func parallelLoadIsSerialLoad() throws {
        let folder = shell()
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.county.path).sorted()
        let script = names.map { "load \(Self.county.appendingPathComponent($0).path)" }.joined(separator: "\n")
        let (serial, _) = Fixtures.run(script + "\n")
        #expect(folder.session.filings.map(\.filing) == serial.session.filings.map(\.filing))
        #expect(
            folder.session.filings.map { ($0.path as NSString).lastPathComponent } == names.filter { $0 != "00025.txt" }
        )
    }

    @Test("summary lists at most 20 projects with full marks beside low execution, and counts the rest")
    func summaryStaysShort() throws {
        let shell = shell()
        var everyRate = CountySummary.FullMarks(below: 10_000, above: nil)
        for r in try shell.session.results(shell) {
            for (p, card) in zip(r.filing.projects, r.projectCards)
            where everyRate.holds(p.indicators, rate: card.execution.rate) {
                everyRate.add(number: r.number, unit: r.filing.unit, project: p.name, card: card)
            }
        }
        try #require(everyRate.count > 20, "the county has more than 20 such projects under a bound of 10,000%")
        let text = everyRate.render()
        #expect(text.contains("full marks on every indicator: \(everyRate.count)\n"))
        #expect(text.hasSuffix("… and \(everyRate.count - 20) more\n"))
        #expect(text.split(separator: "\n").count == 1 + 2 + 20 + 1)
    }

    @Test("the summary counted in shares and merged is the summary counted in one pass")
    func summaryMergesInOrder() throws {
        let shell = shell()
        let results = try shell.session.results(shell)
        let whole = CountySummary(results).render(rulesNote: "n")
        for size in [1, 7, 1_000] {
            var merged = CountySummary()
            for start in stride(from: 0, to: results.count, by: size) {
                merged.merge(CountySummary(results[start..<min(start + size, results.count)]))
            }
            #expect(merged.render(rulesNote: "n") == whole, "shares of \(size)")
        }
        #expect(whole.contains("Projects with 执行率 below 60%"))
    }

    @Test("SQL answers what the built-in tables do, from the same figures")
    func sqlAgreesWithTheTables() throws {
        let shell = shell()
        let projects = run(shell, "sql SELECT count(*) FROM projects").output
        let listed = run(shell, "projects --all").output
        let rows = listed.split(separator: "\n").last.map(String.init) ?? ""
        #expect(projects.contains(" 81\n") && rows == "(81 rows)")
        let sums = run(shell, "sql SELECT round(sum(full_year), 2), round(sum(executed), 2) FROM projects").output
        let summary = run(shell, "summary").output
        let line = try #require(summary.split(separator: "\n").first { $0.contains("项目支出 (project tables)") })
        let figures = line.split(separator: "|").dropFirst().prefix(2).map {
            Decimal(string: $0.trimmingCharacters(in: .whitespaces))
        }
        let row = try #require(sums.split(separator: "\n").dropFirst(2).first)
        let sql = row.split(separator: "|").map { Decimal(string: $0.trimmingCharacters(in: .whitespaces)) }
        #expect(figures == sql, "\(sums) vs \(line)")
    }

    @Test(
        "the mirror is read-only",
        arguments: [
            "DELETE FROM projects", "DROP TABLE projects", "INSERT INTO filings(id) VALUES (99)",
            "UPDATE projects SET total = 100", "ATTACH 'x.db' AS x", "PRAGMA writable_schema = 1",
            "CREATE TABLE t(x)",
        ])
    func readOnly(_ query: String) {
        let shell = shell()
        let result = run(shell, "sql " + query)
        #expect(!result.ok)
        #expect(result.errors.contains("error: sql: only reading queries are allowed"), "\(result.errors)")
        #expect(run(shell, "sql SELECT count(*) FROM projects").output.contains(" 81\n"))
    }

    @Test(
        "a query may call only functions that compute: the ones that reach into the process are refused",
        arguments: [
            "SELECT fts3_tokenizer('simple', x'4141414141414141')", "SELECT hex(fts3_tokenizer('simple'))",
            "SELECT load_extension('/tmp/x')", "VACUUM INTO 'copy.db'",
        ])
    func hardened(_ query: String) {
        let shell = shell()
        let result = run(shell, "sql " + query)
        #expect(!result.ok)
        // Refused before it runs, with SQLite's own reason: never a bare `sql: `.
        #expect(
            result.errors.contains("not authorized to use function") || result.errors.contains("only reading queries"),
            "\(result.errors)")
        #expect(run(shell, "sql SELECT abs(-2) + round(2.5) AS x, json_object('a', 1) AS j").output.contains(" 5 "))
    }

    /// A table filled for the first time skips the deletes and makes its index after its rows;
    /// a table written before deletes each filing's rows first, even when that first fill was
    /// rolled back. Either way each row is there once, and the indexes are there.
    @Test func theMirrorHoldsEachRowOnceHoweverItWasFilled() throws {
        let shell = shell()
        let results = try shell.session.results(shell)
        let tables = Set(MirrorTable.allCases)
        func contents(_ mirror: Mirror<Int>) throws -> [[SQLValue]] {
            let counts = MirrorTable.allCases.map { "(SELECT count(*) FROM \($0.rawValue))" }.joined(separator: ", ")
            let named = "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"
            let indexes = "(SELECT group_concat(name) FROM (\(named)))"
            return try mirror.database.query("SELECT \(counts), \(indexes)", interrupted: { false }).rows
        }
        let filled = try Mirror<Int>()
        try filled.update(results, stamps: results.map { _ in 1 }, tables: tables) { FilingRows(of: $0) }
        let expected = try contents(filled)
        #expect(expected.first?.last == .text("findings_filing,indicators_filing"), "\(expected)")
        try filled.update(results, stamps: results.map { _ in 2 }, tables: tables) { FilingRows(of: $0) }
        #expect(try contents(filled) == expected)
        // Filing 20's rows break the filings table's key part way through the first fill.
        let failing = try Mirror<Int>()
        let broken = FilingRows(number: 20, rows: [(.filings, [.integer(20)]), (.filings, [.integer(20)])])
        #expect(throws: SQLError.self) {
            try failing.update(results, stamps: results.map { _ in 1 }, tables: tables) {
                $0.number == 20 ? broken : FilingRows(of: $0)
            }
        }
        try failing.update(results, stamps: results.map { _ in 1 }, tables: tables) { FilingRows(of: $0) }
        #expect(try contents(failing) == expected)
    }

    @Test("SQL errors are SQLite's own, at their line")
    func sqlErrors() {
        let shell = shell()
        #expect(run(shell, "sql SELEC 1").errors == "t:1: error: sql: near \"SELEC\": syntax error\n")
        #expect(run(shell, "sql SELECT 1; SELECT 2").errors.contains("one statement at a time"))
        #expect(run(shell, "sql SELECT nosuch FROM projects").errors.contains("no such column: nosuch"))
    }

    @Test("after an edit, undo or another rule set, the next query sees the new state")
    func incremental() {
        let shell = shell()
        let query = "sql SELECT executed, total FROM projects WHERE filing_id = 1 AND idx = 1"
        #expect(run(shell, query).output.contains("3.4 | 95.67"))
        _ = run(shell, "use 1")
        _ = run(shell, "set executed 1 6")
        #expect(run(shell, query).output.contains("6 |   100"))
        _ = run(shell, "undo")
        #expect(run(shell, query).output.contains("3.4 | 95.67"))
        _ = run(shell, "rules use PMKPI-HB")
        #expect(run(shell, "sql SELECT grade FROM projects WHERE grade IS NOT NULL").output.contains("(0 rows)"))
    }

    @Test("a statement bound again with fewer values reads NULL for the rest; a text ends at its NUL, as before")
    func bindingsLeftOutAreNull() throws {
        let database = try Database()
        let statement = try database.prepare("SELECT ?1, ?2, length(?1)")
        statement.bind([.text("预算数"), .integer(7)])
        #expect(try statement.step())
        #expect(statement.row() == [.text("预算数"), .integer(7), .integer(3)])
        statement.bind([.text("a\u{0}b")])
        #expect(try statement.step())
        #expect(statement.row() == [.text("a"), .null, .integer(1)])
    }

    @Test("a table is filled when a query first reads it, through a view too, and follows edits on its own")
    func tablesFilledWhenRead() {
        let shell = shell()
        /// The rows a mirror table holds, counted in the database itself, past `sql`'s filling.
        func stored(_ table: String) -> Int64? {
            let rows = try? shell.session.mirrorBox.existing?.database.query("SELECT count(*) FROM \(table)") { false }
            guard case .integer(let count)? = rows?.rows.first?.first else { return nil }
            return count
        }
        #expect(run(shell, "sql SELECT count(*) FROM projects").ok)
        #expect((stored("projects") ?? 0) > 0)
        #expect(stored("findings") == 0 && stored("indicators") == 0 && stored("filings") == 0)
        #expect(run(shell, "sql CREATE TEMP VIEW said AS SELECT filing_id, check_id, message FROM findings").ok)
        #expect(stored("findings") == 0)
        let query = "sql SELECT check_id, message FROM said WHERE filing_id = 1 ORDER BY 1, 2"
        let before = run(shell, query).output
        #expect((stored("findings") ?? 0) > 0 && stored("indicators") == 0)
        _ = run(shell, "use 1")
        _ = run(shell, "set executed 1 6")
        #expect(run(shell, "sql SELECT executed FROM projects WHERE filing_id = 1 AND idx = 1").output.contains(" 6\n"))
        let after = run(shell, query).output
        #expect(after != before)
        // The same rows as a mirror made whole from the edited session (which has no view yet).
        let base = shell.session
        shell.session = base.detached()
        _ = run(shell, "sql SELECT count(*) FROM indicators")
        #expect(run(shell, query.replacingOccurrences(of: "FROM said", with: "FROM findings")).output == after)
        shell.session = base
    }

    @Test("Ctrl-C stops a long query and the shell keeps its state")
    func cancel() throws {
        var session = shell().session
        let environment = Interrupting()
        _ = try SQLCommand(query: "SELECT 1").run(&session, environment)
        environment.armed = true
        let forever = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
        let error = #expect(throws: ShellError.self) { try SQLCommand(query: forever).run(&session, environment) }
        #expect(error?.description == "cancelled by Ctrl-C")
        environment.armed = false
        let output = try SQLCommand(query: "SELECT count(*) FROM filings").run(&session, environment)
        #expect(output.text.contains(" 29\n"))
    }

    @Test("Ctrl-C during the first summary cancels it and keeps no analysis; the next one is whole")
    func cancelSummary() throws {
        var session = shell().session
        let environment = Interrupting()
        environment.armed = true
        let error = #expect(throws: ShellError.self) { try SummaryCommand().run(&session, environment) }
        #expect(error?.description == "cancelled by Ctrl-C")
        environment.armed = false
        let whole = try SummaryCommand().run(&session, environment).text
        #expect(whole.hasPrefix("29 filings"), "\(whole.prefix(80))")
        #expect(whole == (try SummaryCommand().run(&session, environment).text))
    }

    @Test("--sort takes a header as printed or its English name; a wrong one lists the columns")
    func sorting() {
        let shell = shell()
        let byRate = run(shell, "projects --all --sort 执行率(计算) --limit 3").output
        let byAlias = run(shell, "projects --all --sort rate --limit 3").output
        #expect(
            byRate == byAlias && byRate.contains("55.00%")
                && byRate.hasSuffix("(3 rows)\n(3 of 18 tied at 55.00% shown)\n"))
        let descending = run(shell, "check --all --sort error --desc --limit 1").output
        #expect(
            descending.contains("| 18 | 示范县柳溪文化馆")
                || descending.contains(" 18 | 示范县柳溪文化馆"))
        let wrong = run(shell, "projects --all --sort nosuch")
        #expect(
            wrong.errors.contains("no column 'nosuch'; choose one of: #/filing_id")
                && wrong.errors.contains("发现/findings"))
        #expect(run(shell, "projects --all --limit 0").errors.contains("--limit takes a whole number above 0"))
    }

    @Test("the generator makes the same county again, byte for byte", .enabled(if: python3 != nil))
    func generatorIsDeterministic() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-county-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.python3 ?? "")
        process.arguments = [Fixtures.root.appendingPathComponent("scripts/make-county.py").path, "30", out.path]
        try process.run()
        process.waitUntilExit()
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.county.path).sorted()
        #expect(names.count == 30)
        for name in names {
            let made = try Data(contentsOf: out.appendingPathComponent(name))
            #expect(made == (try Data(contentsOf: Self.county.appendingPathComponent(name))), "\(name) differs")
        }
    }

    static var python3: String? {
        ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// An environment whose Ctrl-C comes as soon as it is armed; the programs it finds are those on
/// `$PATH` unless a test names other folders.
final class Interrupting: Environment {
    var armed = false
    var programSearchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    var conversionCache: ConversionCache? = nil
    func resolve(_ path: String) -> String { path }
    func shown(_ match: String, typed: String) -> String { match }
    func write(_ data: Data, to path: String, force: Bool, isPrivate: Bool) throws(ShellError) {}
    /// Looks at Ctrl-C this many times before it comes, when set.
    var countdown: Int?
    /// Ctrl-C comes at the first look when this holds, when set.
    var comesWhen: (() -> Bool)?
    func checkInterrupt() throws(ShellError) {
        if let comesWhen, comesWhen() { throw .cancelled }
        if let count = countdown {
            countdown = count - 1
            if count <= 1 { throw .cancelled }
        }
        if armed { throw .cancelled }
    }
    func progress(_ progress: LoadProgress?) {}
}

/// A county holds millions of figures and cell texts: their size is part of the memory budget.
@Suite struct ModelSizeTests {
    @Test("a figure takes 48 bytes and a located text 24, the line packed beside the value")
    func packedSizes() {
        #expect(MemoryLayout<Figure>.stride == 48)
        #expect(MemoryLayout<Located>.stride == 24)
    }

    @Test("a packed line reads back as written, nil as nil, also after a change")
    func linesRoundTrip() {
        var figure = Figure(Decimal(string: "12.50"), text: "12.50", line: 7)
        #expect(figure.line == 7)
        figure.line = nil
        #expect(figure.line == nil && figure.text == "12.50" && figure.value == Decimal(string: "12.5"))
        figure.line = 2_000_000
        #expect(figure.line == 2_000_000)
        #expect(Figure(nil).line == nil)
        var cell = Located("主管部门", line: nil)
        #expect(cell.line == nil)
        cell.line = 41
        #expect(cell.line == 41 && cell.text == "主管部门")
    }
}
