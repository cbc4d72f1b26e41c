import Foundation
import JixiaoRendering
import Testing

@testable import JixiaoKit

/// The reviewer's workbench: filters on every table, any table to a file, `\o`, grouping, views,
/// the duplicate-filing finding and charts. Figures are checked against the SQL mirror, which
/// stores the model's values by another path.
@Suite(.scratch) struct WorkbenchTests {
    static let county = Fixtures.root.appendingPathComponent("Tests/Fixtures/county").path

    func shell(in folder: URL? = nil) throws -> Shell {
        Fixtures.run("load \(Self.county)\n", directory: try folder ?? Scratch.folder).0
    }

    func run(_ shell: Shell, _ line: String) -> (ok: Bool, output: String, errors: String) {
        let console = shell.console as! ScriptConsole
        let (out, err) = (console.output.count, console.errors.count)
        let ok = shell.execute(line: line, source: "t", line: 1)
        return (ok, String(console.output.dropFirst(out)), String(console.errors.dropFirst(err)))
    }

    /// The number in the one cell of a `sql SELECT count(*)` in CSV.
    func count(_ shell: Shell, _ query: String) -> Int? {
        let settings = shell.session.settings
        defer { shell.session.settings = settings }
        _ = run(shell, "option format csv")
        return Int(run(shell, "sql " + query).output.split(separator: "\n").last.map(String.init) ?? "")
    }

    // MARK: Filters

    @Test func whereKeepsTheRowsSQLiteKeepsOverTheHeadersAsPrinted() throws {
        let shell = try shell()
        _ = run(shell, "option format csv")
        let filtered = run(shell, "projects --all --where \"执行率(计算) < 0.6 AND 得分 = 分值\"")
        #expect(filtered.ok, "\(filtered.errors)")
        let rows = filtered.output.split(separator: "\n").dropFirst()
        let expected = count(
            shell, "SELECT count(*) FROM projects WHERE rate < 0.6 AND reported_score = weight")
        #expect(expected != nil && rows.count == expected && rows.count > 0)
        // A header SQL would misread (a call, a keyword) works as typed; English names too.
        let computed = run(shell, "projects --all --where \"执行率(计算) < 0.6\"").output
        let alias = run(shell, "projects --all --where \"rate < 0.6\"").output
        #expect(computed == alias)
        #expect(
            computed.split(separator: "\n").count - 1 == count(shell, "SELECT count(*) FROM projects WHERE rate < 0.6"))
        let belowMean = run(shell, "projects --all --where \"rate < (SELECT avg(rate) FROM rows)\"").output
        let expectedBelow = count(shell, "SELECT count(*) FROM projects WHERE rate < (SELECT avg(rate) FROM projects)")
        #expect(belowMean.split(separator: "\n").count - 1 == expectedBelow)
        let check = run(shell, "check --all --list --where \"check = 'rate.differs'\"").output
        #expect(
            check.split(separator: "\n").count - 1
                == count(shell, "SELECT count(*) FROM findings WHERE check_id = 'rate.differs'"))
    }

    @Test func shorthandsAreFiltersToo() throws {
        let shell = try shell()
        _ = run(shell, "option format csv")
        let unit = run(shell, "filings --unit 文化馆").output.split(separator: "\n").dropFirst()
        #expect(!unit.isEmpty && unit.allSatisfy { $0.contains("文化馆") })
        let year = run(shell, "projects --all --year 2022").output.split(separator: "\n").dropFirst()
        #expect(
            year.count == count(shell, "SELECT count(*) FROM projects JOIN filings ON id = filing_id WHERE year = 2022")
        )
        let severe = run(shell, "check --all --list --check rate.differs --severity error").output
        #expect(
            severe.split(separator: "\n").count - 1
                == count(shell, "SELECT count(*) FROM findings WHERE check_id = 'rate.differs' AND severity = 'error'"))
        let family = run(shell, "check --all --list --check score.").output.split(separator: "\n").dropFirst()
        #expect(!family.isEmpty && family.allSatisfy { $0.contains(",score.") })
    }

    @Test func aBadFilterListsTheColumnsAndAWriteIsRefused() throws {
        let shell = try shell()
        let unknown = run(shell, "filings --where \"nosuch > 1\"")
        #expect(
            !unknown.ok && unknown.errors.contains("no such column: nosuch; the columns are current, # (filing_id)"))
        let write = run(shell, "projects --all --where \"(SELECT count(*) FROM (SELECT load_extension('x')))\"")
        #expect(!write.ok && write.errors.contains("--where: not authorized to use function: load_extension"))
        let twoStatements = run(shell, "projects --all --where \"1; DELETE FROM t\"")
        #expect(!twoStatements.ok && twoStatements.errors.contains("the columns are"))
    }

    @Test func aLimitInsideATieSaysHowManyTie() throws {
        let shell = try shell()
        let cut = run(shell, "projects --all --sort rate --limit 2").output
        let tied = count(shell, "SELECT count(*) FROM projects WHERE round(rate, 4) = 0.55") ?? 0
        #expect(tied > 2 && cut.hasSuffix("(2 rows)\n(2 of \(tied) tied at 55.00% shown)\n"), "\(cut)")
        let whole = run(shell, "projects --all --sort rate --limit \(tied)").output
        #expect(!whole.contains("tied at"))
    }

    // MARK: Exports

    @Test func exportWritesTheTableACommandPrintsWithUnitYearAndFile() throws {
        let folder = try Scratch.folder
        let shell = try shell(in: folder)
        let done = run(shell, "export csv low.csv projects --all --where \"执行率(计算) < 0.6\" --force")
        #expect(done.ok, "\(done.errors)")
        let data = try Data(contentsOf: folder.appendingPathComponent("low.csv"))
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))  // the byte-order mark spreadsheets need
        let lines = String(decoding: data.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n").dropLast()
        let amounts = "#,单位名称,年度,项目名称,全年预算数,全年执行数,"
        let scores = "执行率,执行率(计算),分值,得分,得分(计算),"
        let totals = "总分,总分(计算),等级,发现,文件"
        #expect(lines.first == amounts + scores + totals)
        #expect(lines.count - 1 == count(shell, "SELECT count(*) FROM projects WHERE rate < 0.6"))
        // Rates are fractions, the file is on every row.
        let rates = lines.dropFirst().map { Decimal(string: $0.components(separatedBy: ",")[7]) ?? 9 }
        #expect(lines.dropFirst().allSatisfy { $0.contains("/county/") } && rates.allSatisfy { $0 < 0.6 }, "\(rates)")
        let query = run(shell, "export json sql SELECT count(*) AS n, 'x' AS s FROM projects")
        #expect(query.output == "[\n  {\n    \"n\": 81,\n    \"s\": \"x\"\n  }\n]\n", "\(query.output)")
    }

    @Test func anExportChangesNothingAndRefusesWhatPrintsNoTable() throws {
        let shell = try shell()
        let refused = run(shell, "export csv h.csv help")
        #expect(!refused.ok && refused.errors.contains("'help' prints no one table"))
        let before = shell.session.filings.count
        _ = run(shell, "export csv u.csv unload --all")
        #expect(shell.session.filings.count == before)
    }

    @Test func everyMirrorTableGoesToAFolderWithItsSchema() throws {
        let folder = try Scratch.folder
        let shell = try shell(in: folder)
        #expect(run(shell, "export csv county --all").ok)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("county").path)
        #expect(
            Set(names) == [
                "filings.csv", "projects.csv", "department.csv", "indicators.csv", "findings.csv", "README.md",
            ])
        let projects = try String(contentsOf: folder.appendingPathComponent("county/projects.csv"), encoding: .utf8)
        #expect(projects.split(separator: "\r\n").count - 1 == count(shell, "SELECT count(*) FROM projects"))
        let again = run(shell, "export csv county --all")
        #expect(!again.ok && again.errors.contains("add --force"))
    }

    // MARK: \o

    @Test func resultsGoToTheFileUntilOutputAlone() throws {
        let folder = try Scratch.folder
        let shell = try shell(in: folder)
        let on = run(shell, "\\o out.txt")
        #expect(on.ok && on.output == "results go to out.txt\n")
        let hidden = run(shell, "summary --by year")
        #expect(hidden.ok && hidden.output.isEmpty)
        let off = run(shell, "\\o")
        #expect(off.output == "results go to the screen\n")
        let shown = run(shell, "summary --by year").output
        let written = try String(contentsOf: folder.appendingPathComponent("out.txt"), encoding: .utf8)
        #expect(written == shown && written.contains(" 2022 |"))
    }

    @Test func outputToAFolderAMissingFolderOrAFIFOWithoutReaderIsAnError() throws {
        let folder = try Scratch.folder
        let shell = try shell(in: folder)
        #expect(run(shell, "\\o .").errors.contains("is a folder"))
        #expect(run(shell, "\\o nowhere/out.txt").errors.contains("does not exist"))
        let fifo = folder.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o644) == 0)
        #expect(run(shell, "\\o fifo").errors.contains("no process is reading this FIFO"))
        // Each failed: results still show.
        #expect(run(shell, "filings --limit 1").output.contains("(1 row)"))
    }

    // MARK: Grouping, views, duplicates

    @Test func summaryByGroupsAddUpToTheCounty() throws {
        let shell = try shell()
        _ = run(shell, "option format csv")
        let byUnit = run(shell, "summary --by unit").output.split(separator: "\n").dropFirst()
        let projects = byUnit.compactMap { Int($0.split(separator: ",")[2]) }.reduce(0, +)
        #expect(projects == count(shell, "SELECT count(*) FROM projects"))
        let grades = run(shell, "summary --by grade").output.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",")[0]
        }
        #expect(grades == ["优", "良"])
        #expect(
            run(shell, "summary --year 1999").output == "no filing matches; 'filings' lists them with their columns\n")
    }

    @Test func aTempViewIsNamedListedAndSavedWithTheScenario() throws {
        let folder = try Scratch.folder
        let shell = try shell(in: folder)
        #expect(run(shell, "sql CREATE TEMP VIEW low AS SELECT name, rate FROM projects WHERE rate < 0.6").ok)
        #expect(run(shell, "views").output.contains(" low  | CREATE TEMP VIEW low AS SELECT"))
        #expect(shell.completions(before: "sql SELECT * FROM l").contains("low"))
        #expect(!run(shell, "sql CREATE TABLE t(x)").ok)
        #expect(run(shell, "save s.json").ok)
        let reopened = Fixtures.run("open s.json\nsql SELECT count(*) FROM low\n", directory: folder).1
        #expect(reopened.output.contains("views made again: low"), "\(reopened.errors)")
        #expect(reopened.output.hasSuffix("(1 row)\n") && reopened.errors.isEmpty)
    }

    /// A county rescored under other rules kept its old analyses beside the new until each was
    /// replaced (70 MB more at the peak for 10,000 filings): those whose stamp no longer matches
    /// are dropped as soon as they are looked up, before the new are worked out.
    @Test func analysesOfAnotherStateAreDroppedWhenLookedUp() throws {
        let shell = try shell()
        #expect(run(shell, "summary").ok)
        let cache = shell.session.analyses
        let stamps = shell.session.filings.indices.map { shell.session.stamp($0, twins: shell.session.twins()) }
        #expect(cache.lookUp(stamps).allSatisfy { $0 != nil })
        var rescored = stamps
        rescored[1].rules = "CN-2020"
        let found = cache.lookUp(rescored)
        #expect(found[1] == nil && found.indices.allSatisfy { $0 == 1 || found[$0] != nil })
        #expect(cache.entry(1, stamps[1]) == nil && cache.entry(0, stamps[0]) != nil)
    }

    /// The fuzzer runs every script on a detached copy of one session; copies otherwise share
    /// the analyses and the mirror, and what one script made would meet the next.
    @Test func aDetachedCopySharesNoMirrorAndNoAnalyses() throws {
        let shell = try shell()
        #expect(run(shell, "sql SELECT count(*) FROM filings").ok)
        let base = shell.session
        shell.session = base.detached()
        #expect(shell.session.analyses !== base.analyses && shell.session.mirrorBox !== base.mirrorBox)
        #expect(run(shell, "sql CREATE TEMP VIEW only_here AS SELECT 1 AS x").ok)
        #expect(run(shell, "sql SELECT x FROM only_here").output.contains("(1 row)"))
        #expect(run(shell, "summary").ok)
        shell.session = base
        let missing = run(shell, "sql SELECT x FROM only_here")
        #expect(!missing.ok && missing.errors.contains("only_here"))
        // A plain copy shares them, as the shell's own copies (scenarios, diff) rely on.
        let copy = base
        #expect(copy.mirrorBox === base.mirrorBox)
    }

    @Test func aUnitFilingTwiceForAYearIsAFinding() throws {
        let folder = try Scratch.folder
        let source = Fixtures.real
        let text = try String(contentsOf: source, encoding: .utf8)
        try (text + "\n").write(to: folder.appendingPathComponent("again.txt"), atomically: true, encoding: .utf8)
        let console = Fixtures.run(
            "load \(source.path) again.txt\ncheck --all --list --check filing.duplicateUnitYear\n", directory: folder
        ).1
        #expect(console.output.contains("石鼓区总工会 filed for 2023 more than once: also [2] again.txt"))
        #expect(console.output.contains("(2 rows)"))
    }

    @Test func aUnitFilingManyTimesNamesTheFirstOthersAndCountsTheRest() throws {
        let folder = try Scratch.folder
        let text = try String(contentsOf: Fixtures.real, encoding: .utf8)
        let names = (1...8).map { "copy\($0).txt" }
        for (i, name) in names.enumerated() {
            let copy = text + String(repeating: "\n", count: i + 1)
            try copy.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let console = Fixtures.run(
            "load \(names.joined(separator: " "))\ncheck --all --list --check filing.duplicateUnitYear\n",
            directory: folder
        ).1
        let others = [1, 2, 3, 4, 6].map { "[\($0)] copy\($0).txt" }.joined(separator: ", ")
        #expect(console.output.contains("filed for 2023 more than once: also \(others) and 2 more\n"))
        let first = (1...5).map { "[\($0)] copy\($0).txt" }.joined(separator: ", ")
        #expect(console.output.contains("also \(first) and 2 more\n"))
        #expect(console.output.contains("(8 rows)"))
    }

    @Test func chartsDrawTheBandsAndTheGroups() throws {
        let shell = try shell()
        let bands = run(shell, "chart 执行率(计算)").output
        let low = count(shell, "SELECT count(*) FROM projects WHERE rate < 0.6") ?? -1
        #expect(bands.contains("  <60%    │") && bands.contains(" \(low) ("), "\(bands)")
        let grouped = run(shell, "chart 全年执行数 --by 单位名称 --limit 3").output
        #expect(grouped.hasPrefix("sum of 全年执行数 by 单位名称 (the first 3 of 29):\n"))
        // A share is of the whole county's spending (2203.30), not of the three bars shown.
        #expect(grouped.contains(" 176.30 (8.00%)\n"), "\(grouped)")
        #expect(run(shell, "summary").output.contains("Projects by 等级 (computed):\n  优 │"))
    }

    @Test func aQueryOrAFilterStopsAtTheTimeLimit() throws {
        let shell = try shell()
        let forever = "(WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c)"
        #expect(run(shell, "option sql_timeout 1").ok)
        let query = run(shell, "sql SELECT \(forever)")
        #expect(!query.ok && query.errors.contains("sql: stopped after 1 s (option sql_timeout 1)"), "\(query.errors)")
        let filter = run(shell, "filings --where \"\(forever) > 0\"")
        #expect(!filter.ok && filter.errors.contains("stopped after 1 s"))
        #expect(run(shell, "sql SELECT count(*) FROM filings").ok)
        #expect(!run(shell, "option sql_timeout soon").ok)
        // The fuzzer's ceiling holds whatever the option says, none included.
        shell.queryCeiling = .seconds(1)
        #expect(run(shell, "option sql_timeout 0").ok)
        #expect(run(shell, "sql SELECT \(forever)").errors.contains("stopped after 1 s"))
    }

    // MARK: The report

    /// The report's long lists make only the rows they show. Each must be, at every cut, the
    /// whole listing as the report used to make it: every row, sorted or filtered, then cut.
    @Test func theReportsListsAreTheWholeListingsCut() throws {
        let shell = try shell()
        let results = try shell.session.results(shell)
        let projects = CountyViews.projects(results)
        let rate = try #require(projects.column(named: "rate"))
        let byRate = projects.sorted(by: rate, descending: false)
        #expect(byRate.rows.count > 50)
        // Cuts fall inside runs of equal rates (100% is common), where only the rows' order decides.
        let rates = byRate.rows.map { $0[rate].text }
        #expect(Set(rates).count < rates.count - 20)
        for cut in [0, 1, 7, 20, 55, byRate.rows.count, byRate.rows.count + 5] {
            let lowest = CountyViews.lowestRates(results, count: cut)
            #expect(lowest.total == byRate.rows.count)
            #expect(lowest.listing.rows == byRate.limited(to: cut).rows)
            #expect(lowest.listing.columns.map(\.header) == byRate.columns.map(\.header))
        }
        let byErrors = CountyViews.checks(results)
        let sortedByErrors = byErrors.sorted(by: try #require(byErrors.column(named: "error")), descending: true)
        for cut in [1, 5, 12, results.count - 1, results.count, results.count + 2] {
            var builder = CountyReportBuilder(results: results, session: shell.session)
            builder.unitsShown = cut
            #expect(builder.findingsByUnit().tables.first?.rows == sortedByErrors.limited(to: cut).rows)
        }
        let everyFinding = CountyViews.findingList(results)
        let severity = try #require(everyFinding.column(named: "severity"))
        let errorRows = everyFinding.rows.filter { $0[severity].text == "error" }
        #expect(errorRows.count > 20)
        for cut in [1, 2, 9, 20, errorRows.count - 1, errorRows.count, errorRows.count + 3] {
            var builder = CountyReportBuilder(results: results, session: shell.session)
            builder.errorsShown = cut
            let section = builder.errors()
            #expect(section.tables.first?.rows == Array(errorRows.prefix(cut)))
            #expect(section.lead.hasPrefix("\(errorRows.count) findings of severity error"))
        }
    }
}
