import Foundation
import JixiaoModel

/// What `summary` reports of the county, counted from any share of the filings and merged in
/// filing order, so the shell can count the shares on every core (map, then reduce).
package struct CountySummary: Sendable {
    var filings = 0
    var projects = 0
    var years: [String: Int] = [:]
    var projectSpending = Spending()
    var departmentSpending = Spending()
    /// Projects by reported and computed grade.
    var grades: [GradeMove: Int] = [:]
    /// The computed 执行率 of every project, for the chart of bands (a few bytes each).
    var rates: [Decimal?] = []
    var checks: [CheckID: CheckTally] = [:]
    /// Full marks on every indicator beside 执行率 below 60%, and between 60% and 80%.
    var fullMarks = [FullMarks(below: 60, above: nil), FullMarks(below: 80, above: 60)]

    /// How many projects each full-marks list shows: a county can have thousands, and the summary
    /// stays a page long.
    static let shown = 20

    package init() {}

    /// The tally of `results`, in their order. A share of the county, not any collection: the
    /// generic loop was not specialised across modules, and looked up each filing's type at run time.
    package init(_ results: ArraySlice<FilingResult>) {
        // Lent from the share's storage: the slice's subscript copied each result (a filing and its
        // analysis, every part retained and released) to read a few figures of it.
        results.withUnsafeBufferPointer { results in
            for i in results.indices { add(results[i]) }
        }
    }

    /// The tally of all of `results`.
    package init(_ results: [FilingResult]) {
        self.init(results[...])
    }

    // The loops below read the filing's projects and findings where they are, by index: a
    // `for p in projects` copy retains (and then releases) every string each project holds, for
    // every project of the county.
    mutating func add(_ r: FilingResult) {
        filings += 1
        let filed = r.filing.projects
        let cards = r.analysis.projects
        projects += filed.count
        years[r.filing.year.map { "\($0)" } ?? "year unknown", default: 0] += 1
        for i in filed.indices { projectSpending.add(filed[i].table.funds) }
        if let d = r.filing.department { departmentSpending.add(d.funds) }
        // The cards' fields read where they are: a card copied retained its rules, grades and
        // indicator scores, for every project of the county.
        for c in cards.indices {
            grades[GradeMove(reported: cards[c].reportedGrade, computed: cards[c].grade), default: 0] += 1
            rates.append(cards[c].execution.rate)
        }
        countChecks(r.analysis.findings)
        for i in filed.indices where i < cards.count {
            for k in fullMarks.indices where fullMarks[k].holds(filed[i].indicators, rate: cards[i].execution.rate) {
                fullMarks[k].add(number: r.number, unit: r.filing.unit, project: filed[i].name, card: cards[i])
            }
        }
    }

    /// A filing has a handful of findings: they are counted in a short list first, so the county's
    /// table is touched once per check and filing.
    mutating func countChecks(_ findings: [Finding]) {
        // On the stack, each check by the index of its first finding (a list of ids, growing,
        // allocated and freed for every filing).
        withUnsafeTemporaryAllocation(of: LocalTally.self, capacity: findings.count) { local in
            var used = 0
            for f in findings.indices {
                let severity = findings[f].severity
                if let i = local[..<used].firstIndex(where: { findings[$0.first].check == findings[f].check }) {
                    local[i].findings += 1
                    local[i].severity = min(local[i].severity, severity)
                } else {
                    local.initializeElement(at: used, to: LocalTally(first: f, findings: 1, severity: severity))
                    used += 1
                }
            }
            for tally in local[..<used] {
                // Found, then changed in place: the `default:` subscript allocated twice an update.
                let check = findings[tally.first].check
                if let known = checks.index(forKey: check) {
                    checks.values[known].add(findings: tally.findings, filings: 1, severity: tally.severity)
                } else {
                    var fresh = CheckTally(severity: tally.severity)
                    fresh.add(findings: tally.findings, filings: 1, severity: tally.severity)
                    checks[check] = fresh
                }
            }
        }
    }

    /// One check's findings in one filing: where the first stands, how many, the most severe.
    private struct LocalTally {
        var first: Int
        var findings: Int
        var severity: Finding.Severity
    }

    /// Adds the tally of the filings that follow these.
    package mutating func merge(_ later: CountySummary) {
        filings += later.filings
        projects += later.projects
        years.merge(later.years, uniquingKeysWith: +)
        projectSpending.add(later.projectSpending)
        departmentSpending.add(later.departmentSpending)
        grades.merge(later.grades, uniquingKeysWith: +)
        rates += later.rates
        for (check, tally) in later.checks {
            checks[check, default: CheckTally(severity: tally.severity)].add(
                findings: tally.findings, filings: tally.filings, severity: tally.severity)
        }
        for i in fullMarks.indices { fullMarks[i].merge(later.fullMarks[i]) }
    }

    // MARK: Rendering

    /// `summary`: the county at a glance.
    package func render(rulesNote: String) -> String {
        let yearList = years.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        var out = "\(filings) filing\(filings == 1 ? "" : "s") (\(yearList)), "
        out += "\(projects) project\(projects == 1 ? "" : "s"); rules: \(rulesNote)\n"
        out += "\n" + spendingTable()
        out += "\n" + BarChart.rates(rates, title: "Projects by 执行率 (computed):").render()
        out += "\n" + gradeChart().render()
        out += "\nGrades of the projects, reported → computed (等级, 填报 → 计算):\n" + gradeTable()
        out += "\nThe checks that fire most:\n" + checkTable()
        for list in fullMarks { out += "\n" + list.render() }
        return out
    }

    /// Budgets and spending of the projects and the departments, and the spending-weighted rate.
    func spendingTable() -> String {
        var table = Table(
            ["万元", "全年预算数", "全年执行数", "执行率"], align: [.left, .right, .right, .right])
        table.footer = false
        let rows = [
            ("项目支出 (project tables)", projectSpending),
            ("部门整体 (department tables)", departmentSpending),
        ]
        for (label, sums) in rows {
            let rate = sums.budget > 0 ? (sums.spent / sums.budget).percent : "n/a"
            table.add([label, money(sums.budget), money(sums.spent), rate])
        }
        return table.render()
    }

    /// Projects by computed grade, best first.
    func gradeChart() -> BarChart {
        var counts: [String: Int] = [:]
        for (move, count) in grades { counts[move.computed, default: 0] += count }
        let order = ["优", "良", "中", "差", "—"]
        let bars = order.filter { counts[$0] != nil }.map { BarChart.Bar($0, Decimal(counts[$0] ?? 0)) }
        return BarChart("Projects by 等级 (computed):", bars)
    }

    /// How many projects keep their grade and how many move, reported grade against computed.
    func gradeTable() -> String {
        let order = ["优", "良", "中", "差", "—"]
        func rank(_ grade: String) -> Int { order.firstIndex(of: grade) ?? order.count }
        let rows = grades.sorted {
            (rank($0.key.reported), rank($0.key.computed)) < (rank($1.key.reported), rank($1.key.computed))
        }
        // A row whose grade moves is coloured, and its two grades differ for all to see.
        var table = Table(["填报", "计算", "projects"], align: [.left, .left, .right])
        table.footer = false
        for (move, count) in rows {
            table.add([move.reported, move.computed, "\(count)"])
            if move.moves { table.marked.insert(table.rows.count - 1) }
        }
        let moved = grades.filter(\.key.moves).map(\.value).reduce(0, +)
        let total = grades.values.reduce(0, +)
        return table.render() + "\(moved) of \(total) projects change grade\n"
    }

    /// The ten checks with most findings, with how many filings each fires in.
    func checkTable() -> String {
        let top = checks.sorted { ($1.value.findings, $0.key.rawValue) < ($0.value.findings, $1.key.rawValue) }
            .prefix(10)
        guard !top.isEmpty else { return "no findings\n" }
        var table = Table(["check", "severity", "findings", "filings"], align: [.left, .left, .right, .right])
        table.footer = false
        for (check, tally) in top {
            table.add([check.rawValue, tally.severity.rawValue, "\(tally.findings)", "\(tally.filings)"])
        }
        return table.render()
    }

    // MARK: Parts

    /// Budget and spending summed over the tables that give both.
    struct Spending {
        var budget = Decimal(0)
        var spent = Decimal(0)

        mutating func add(_ funds: Funds) {
            guard let budget = funds.fullYear.value, let spent = funds.executed.value else { return }
            // `plus` adds on the words where both fit (Foundation's `+` aligns digit arrays).
            self.budget = self.budget.plus(budget)
            self.spent = self.spent.plus(spent)
        }

        mutating func add(_ other: Spending) {
            budget = budget.plus(other.budget)
            spent = spent.plus(other.spent)
        }
    }

    /// A project's grade as filed and as computed.
    struct GradeMove: Hashable {
        var reported: String
        var computed: String
        var moves: Bool { reported != computed }

        init(reported: String?, computed: String?) {
            self.reported = reported ?? "—"
            self.computed = computed ?? "—"
        }
    }

    struct CheckTally {
        var findings = 0
        var filings = 0
        var severity: Finding.Severity

        mutating func add(findings: Int, filings: Int, severity: Finding.Severity) {
            self.findings += findings
            self.filings += filings
            self.severity = min(self.severity, severity)
        }
    }

    /// Projects whose computed 执行率 is below `below`% (and not below `above`%) with full marks on
    /// every indicator: the filings' most common contradiction. The first `shown` are kept.
    struct FullMarks {
        var below: Decimal
        var above: Decimal?
        var count = 0
        var first: [[String]] = []

        init(below: Decimal, above: Decimal?) {
            self.below = below / 100
            self.above = above.map { $0 / 100 }
        }

        /// Whether a project with these indicators and computed 执行率 belongs to the list.
        func holds(_ indicators: [Indicator], rate: Decimal?) -> Bool {
            guard let rate, rate.isBelow(below), (above ?? 0).isAtMost(rate) else { return false }
            guard !indicators.isEmpty else { return false }
            return indicators.indices.allSatisfy { i in
                guard let score = indicators[i].score.value, let weight = indicators[i].weight.value else {
                    return false
                }
                return score.equals(weight)
            }
        }

        mutating func add(number: Int, unit: String, project: String, card: ScoreCard) {
            count += 1
            guard first.count < CountySummary.shown else { return }
            let rate = card.execution.rate?.percent ?? ""
            first.append(["\(number)", unit, project, rate, points(card.indicatorTotal)])
        }

        mutating func merge(_ later: FullMarks) {
            count += later.count
            first += later.first.prefix(CountySummary.shown - first.count)
        }

        func render() -> String {
            func percent(_ x: Decimal) -> String { points(x * 100) + "%" }
            let range = above.map { "between \(percent($0)) and \(percent(below))" } ?? "below \(percent(below))"
            var out = "Projects with 执行率 \(range) and full marks on every indicator: \(count)\n"
            guard count > 0 else { return out }
            var table = Table(
                ["#", "单位名称", "项目名称", "执行率(计算)", "指标得分"],
                align: [.right, .left, .left, .right, .right])
            table.footer = false
            table.rows = first
            out += table.render()
            if count > first.count { out += "… and \(count - first.count) more\n" }
            return out
        }
    }
}
