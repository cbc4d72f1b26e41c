import Foundation
import JixiaoModel
import JixiaoRendering
import JixiaoRules

/// `report FILE.html|FILE.md`: the county's review gathered into one document to hand on.
struct ReportFileCommand: Command, Equatable {
    var path: String
    var force = false

    /// The extensions that make `report WORD` a document rather than a project's narrative.
    static func isDocument(_ word: String) -> Bool {
        let lower = word.lowercased()
        return lower.hasSuffix(".html") || lower.hasSuffix(".htm") || lower.hasSuffix(".md")
    }

    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        guard !session.filings.isEmpty else { throw .noFiling }
        let results = try session.results(environment)
        let report = CountyReportBuilder(results: results, session: session).report()
        let text = path.lowercased().hasSuffix(".md") ? report.markdown() : report.html()
        try environment.write(text, to: path, force: force)
        let sections = report.sections.count
        return Output("wrote \(path) (\(sections) sections, \(text.utf8.count) bytes)\n", confirms: true)
    }
}

/// Gathers the sections of the county report from the results under the rules in force.
struct CountyReportBuilder {
    var results: [FilingResult]
    var session: Session

    /// How many rows the long lists keep: a report is read, the full lists are exported.
    var worstShown = 20
    var unitsShown = 30
    var errorsShown = 300

    func report() -> CountyReport {
        let projects = results.reduce(0) { $0 + $1.filing.projects.count }
        let years = Set(results.compactMap(\.filing.year)).sorted().map(String.init).joined(separator: ", ")
        return CountyReport(
            title: "绩效自评审核报告 Performance self-evaluation review",
            subtitle: "\(results.count) filings (\(years.isEmpty ? "year unknown" : years)), \(projects) projects; "
                + "rules: \(rulesNote); figures recomputed by jixiao",
            sections: [
                overview(), charts(), gradeMoves(), worst(), findingsByCheck(), findingsByUnit(), errors(), rules(),
            ])
    }

    var rulesNote: String {
        if let chosen = session.chosenRules { return "\(chosen), chosen with 'rules use'" }
        let names = Set(results.map(\.rules)).sorted()
        return "implied by each filing (\(names.joined(separator: ", ")))"
    }

    func overview() -> CountyReport.Section {
        CountyReport.Section(
            "概况 The county at a glance",
            lead: "Project budgets (全年预算数) and spending (全年执行数) in 万元, the spending-weighted "
                + "执行率, and the "
                + "projects' grades as computed, by year and by rule set.",
            tables: [CountyGroups.listing(results, by: .year), CountyGroups.listing(results, by: .rule)])
    }

    /// `body` on each project's score card where it stands, filing by filing: the county's cards
    /// flattened into one list (18,000 for 10,000 filings, 7 MB) were copied three times a report.
    func forEachCard(_ body: (borrowing ScoreCard) -> Void) {
        for r in results.indices {
            let cards = results[r].analysis.projects
            for c in cards.indices { body(cards[c]) }
        }
    }

    func charts() -> CountyReport.Section {
        var grades: [String: Int] = [:]
        var rates: [Decimal?] = []
        forEachCard { card in
            grades[card.grade ?? "—", default: 0] += 1
            rates.append(card.execution.rate)
        }
        let order = ["优", "良", "中", "差", "—"].filter { grades[$0] != nil }
        return CountyReport.Section(
            "执行率与等级 Execution and grades",
            lead: "How the projects' computed 执行率 falls in the bands a reviewer reads, and their computed "
                + "grades.",
            charts: [
                BarChart.rates(rates, title: "Projects by 执行率 (computed)"),
                BarChart("Projects by 等级 (computed)", order.map { BarChart.Bar($0, Decimal(grades[$0] ?? 0)) }),
            ])
    }

    func gradeMoves() -> CountyReport.Section {
        var moves: [String: (reported: String, computed: String, count: Int)] = [:]
        var projects = 0
        forEachCard { card in
            let reported = card.reportedGrade ?? "—"
            let computed = card.grade ?? "—"
            moves["\(reported)→\(computed)", default: (reported, computed, 0)].count += 1
            projects += 1
        }
        let order = ["优", "良", "中", "差", "—"]
        func rank(_ g: String) -> Int { order.firstIndex(of: g) ?? order.count }
        var listing = Listing([
            .init("填报 reported"), .init("计算 computed"), .init("projects", [], .right, kind: .integer),
            .init(""),
        ])
        for move in moves.values.sorted(by: {
            (rank($0.reported), rank($0.computed)) < (rank($1.reported), rank($1.computed))
        }) {
            let moved = move.reported != move.computed
            listing.rows.append([
                .init(move.reported), .init(move.computed), .count(move.count), .init(moved ? "moves" : ""),
            ])
        }
        let moved = moves.values.filter { $0.reported != $0.computed }.reduce(0) { $0 + $1.count }
        return CountyReport.Section(
            "等级变动 Grades that move under the rules in force",
            lead: "\(moved) of \(projects) projects change grade when recomputed.",
            tables: [listing])
    }

    func worst() -> CountyReport.Section {
        let (lowest, total) = CountyViews.lowestRates(results, count: worstShown)
        let listing = lowest.showing(
            [
                "#", "单位名称", "项目名称", "全年预算数", "全年执行数", "执行率(计算)",
                "总分(计算)",
                "等级",
            ])
        return CountyReport.Section(
            "执行率最低的项目 The projects with the lowest 执行率",
            lead: "The \(min(total, worstShown)) projects with the lowest computed 执行率 of \(total).",
            tables: [listing])
    }

    func findingsByCheck() -> CountyReport.Section {
        var tally: [CheckID: (severity: Finding.Severity, findings: Int, filings: Set<Int>)] = [:]
        for r in results {
            for f in r.findings {
                var entry = tally[f.check] ?? (f.severity, 0, [])
                entry.severity = min(entry.severity, f.severity)
                entry.findings += 1
                entry.filings.insert(r.number)
                tally[f.check] = entry
            }
        }
        var listing = Listing([
            .init("check"), .init("severity"), .init("findings", [], .right, kind: .integer),
            .init("filings", [], .right, kind: .integer),
        ])
        for (check, t) in tally.sorted(by: {
            ($1.value.findings, $0.key.rawValue) < ($0.value.findings, $1.key.rawValue)
        }) {
            listing.rows.append([
                .init(check.rawValue), .init(t.severity.rawValue), .count(t.findings), .count(t.filings.count),
            ])
        }
        return CountyReport.Section(
            "审核发现 Findings by check", lead: "Every check that fired, with how many findings and filings.",
            tables: [listing])
    }

    func findingsByUnit() -> CountyReport.Section {
        // The filings are put in order by their error counts alone, and rows are made for those shown.
        var errors = Listing([.init("error", [], .right, kind: .integer)])
        errors.rows = results.map { [.count($0.count(.error))] }
        let shown = errors.order(by: 0, descending: true).prefix(unitsShown).map { results[$0] }
        let total = results.count
        let columns: Set<String> = ["#", "单位名称", "年度", "error", "warning", "info", "规则"]
        let listing = CountyViews.checks(shown).showing(columns)
        return CountyReport.Section(
            "各单位发现 Findings by unit",
            lead: "The filings with the most errors"
                + (total > unitsShown ? ", \(unitsShown) of \(total)." : "."),
            tables: [listing])
    }

    func errors() -> CountyReport.Section {
        // Rows are made for the errors shown only, from the filings that hold them: the list of
        // every finding of a county was most of the report's memory.
        let errorCounts = results.map { $0.count(.error) }
        let total = errorCounts.reduce(0, +)
        var (holding, counted) = (0, 0)
        while holding < results.count, counted < errorsShown {
            counted += errorCounts[holding]
            holding += 1
        }
        var listing = CountyViews.findingList(Array(results.prefix(holding)), map: everyCore) { $0.severity == .error }
        listing = listing.limited(to: errorsShown).showing(["#", "单位名称", "位置", "check", "说明"])
        let note =
            total > errorsShown
            ? "… and \(total - errorsShown) more: "
                + "'export csv errors.csv check --all --list --severity error' lists them all."
            : ""
        return CountyReport.Section(
            "错误清单 Errors, with their file and line",
            lead: "\(total) findings of severity error, each at the place in its file.", tables: [listing], note: note)
    }

    func rules() -> CountyReport.Section {
        let names = Set(results.map(\.rules))
        var listing = Listing([
            .init("name"), .init("title"), .init("执行率 分值", [], .right, kind: .points),
            .init("执行率 basis"),
            .init("等级 bands"),
        ])
        for rules in session.ruleSets where names.contains(rules.name) {
            let bands = rules.grades.map { "\($0.name) ≥ \(points($0.minimum))" }.joined(separator: ", ")
            listing.rows.append([
                .init(rules.name), .init(rules.title), .points(rules.executionWeight),
                .init(rules.projectDenominator.label), .init(bands.isEmpty ? "none" : bands),
            ])
        }
        return CountyReport.Section(
            "评分规则 The rule sets used", lead: "Every figure above was recomputed under these rules.",
            tables: [listing])
    }
}
