import Foundation
import JixiaoModel

/// The views across every loaded filing: `filings`, `projects --all`, `check --all` and `summary`.
package enum CountyViews {
    /// `filings`: one row per loaded filing with its findings by severity; `*` marks the current one.
    package static func filings(_ results: [FilingResult], current: Int?) -> Listing {
        var listing = Listing([
            .init("", []), .init("#", ["filing_id"], .right), .init("单位名称", ["unit"]),
            .init("年度", ["year"]),
            .init("项目", ["projects"], .right), .init("读取警告", ["warnings"], .right),
            .init("error", ["errors"], .right), .init("warning", [], .right), .init("info", [], .right),
            .init("编码", ["encoding"]), .init("文件", ["path"]),
        ])
        for r in results {
            let f = r.filing
            listing.rows.append([
                .init(r.number - 1 == current ? "*" : ""), .count(r.number), .init(f.unit),
                .init(f.year.map(String.init) ?? "", number: f.year.map { Decimal($0) }), .count(f.projects.count),
                .count(f.warnings.count), .count(r.count(.error)), .count(r.count(.warning)), .count(r.count(.info)),
                .init(f.encoding.rawValue), .init(r.path),
            ])
        }
        return listing
    }

    /// A grade, or the reported grade → the computed one where they differ.
    static func grade(_ card: ScoreCard) -> String {
        let computed = card.grade ?? "—"
        guard let reported = card.reportedGrade, reported != computed else { return computed }
        return "\(reported) → \(computed)"
    }

    /// `projects --all`: one row per project of every filing, reported beside computed.
    package static func projects(_ results: [FilingResult]) -> Listing {
        var listing = Listing([
            .init("#", ["filing_id"], .right), .init("单位名称", ["unit"]), .init("年度", ["year"]),
            .init("项目名称", ["name", "project"]), .init("全年预算数", ["full_year", "budget"], .right),
            .init("全年执行数", ["executed"], .right), .init("执行率", ["reported_rate"], .right),
            .init("执行率(计算)", ["rate"], .right), .init("总分", ["reported_total"], .right),
            .init("总分(计算)", ["total"], .right), .init("等级", ["grade"]),
            .init("发现", ["findings"], .right),
        ])
        for r in results {
            var counts: [String: Int] = [:]
            for finding in r.findings { if let name = finding.target.projectName { counts[name, default: 0] += 1 } }
            for (p, card) in zip(r.filing.projects, r.projectCards) {
                let findings = counts[p.name] ?? 0
                listing.rows.append([
                    .count(r.number), .init(r.filing.unit),
                    .init(r.filing.year.map(String.init) ?? "", number: r.filing.year.map { Decimal($0) }),
                    .init(p.name, number: nil), .amount(p.funds.fullYear.value), .amount(p.funds.executed.value),
                    .rate(p.funds.reportedRate.value), .rate(card.execution.rate), .points(p.reportedTotal.value),
                    .points(card.total), .init(grade(card)), .count(findings),
                ])
            }
        }
        return listing
    }

    /// `check --all`: one row per filing, its findings counted by severity.
    package static func checks(_ results: [FilingResult]) -> Listing {
        var listing = Listing([
            .init("#", ["filing_id"], .right), .init("单位名称", ["unit"]), .init("年度", ["year"]),
            .init("error", ["errors"], .right), .init("warning", ["warnings"], .right), .init("info", [], .right),
            .init("发现", ["findings"], .right), .init("规则", ["rules"]), .init("文件", ["path"]),
        ])
        for r in results {
            listing.rows.append([
                .count(r.number), .init(r.filing.unit),
                .init(r.filing.year.map(String.init) ?? "", number: r.filing.year.map { Decimal($0) }),
                .count(r.count(.error)), .count(r.count(.warning)), .count(r.count(.info)), .count(r.findings.count),
                .init(r.rules), .init(r.path),
            ])
        }
        return listing
    }

    /// `check --all --list`: every finding of every filing, the filing named on each row.
    package static func findingList(_ results: [FilingResult]) -> Listing {
        var listing = Listing([
            .init("#", ["filing_id"], .right), .init("单位名称", ["unit"]), .init("severity"),
            .init("位置", ["location"]),
            .init("check", ["check_id"]), .init("说明", ["message"]),
        ])
        for r in results {
            for f in r.findings {
                let location = f.line.map { "\(r.file):\($0)" } ?? r.file
                let rank = Decimal(f.severity == .error ? 0 : f.severity == .warning ? 1 : 2)
                listing.rows.append([
                    .count(r.number), .init(r.filing.unit), .init(f.severity.rawValue, number: rank),
                    .init(location), .init(f.check.rawValue), .init(f.message),
                ])
            }
        }
        return listing
    }

    // MARK: summary

    /// `summary`: the county at a glance.
    package static func summary(_ results: [FilingResult], rulesNote: String) -> String {
        // Each project with the number and unit of its filing, not a copy of the whole result.
        let projects = results.flatMap { r in
            zip(r.filing.projects, r.projectCards).map { (Owner(number: r.number, unit: r.filing.unit), $0.0, $0.1) }
        }
        var out = "\(results.count) filing\(results.count == 1 ? "" : "s") (\(years(results))), "
        out += "\(projects.count) project\(projects.count == 1 ? "" : "s"); rules: \(rulesNote)\n"
        out += "\n" + spending(results)
        out +=
            "\nGrades of the projects, reported → computed (等级, 填报 → 计算):\n" + grades(projects.map(\.2))
        out += "\nThe checks that fire most:\n" + topChecks(results)
        for bound in [Decimal(60), Decimal(80)] {
            out += "\n" + fullMarks(projects, below: bound / 100, above: bound == 80 ? Decimal(60) / 100 : nil)
        }
        return out
    }

    static func years(_ results: [FilingResult]) -> String {
        var counts: [String: Int] = [:]
        for r in results { counts[r.filing.year.map { "\($0)" } ?? "year unknown", default: 0] += 1 }
        return counts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
    }

    /// Budgets and spending of the projects and the departments, and the spending-weighted rate.
    static func spending(_ results: [FilingResult]) -> String {
        var table = Table(
            ["万元", "全年预算数", "全年执行数", "执行率"], align: [.left, .right, .right, .right])
        table.footer = false
        var projects = Spending()
        var departments = Spending()
        for r in results {
            for p in r.filing.projects { projects.add(p.funds) }
            if let d = r.filing.department { departments.add(d.funds) }
        }
        for (label, sums) in [
            ("项目支出 (project tables)", projects), ("部门整体 (department tables)", departments),
        ] {
            let rate = sums.budget > 0 ? (sums.spent / sums.budget).percent : "n/a"
            table.add([label, money(sums.budget), money(sums.spent), rate])
        }
        return table.render()
    }

    /// Budget and spending summed over the tables that give both.
    struct Spending {
        var budget = Decimal(0)
        var spent = Decimal(0)

        mutating func add(_ funds: Funds) {
            guard let budget = funds.fullYear.value, let spent = funds.executed.value else { return }
            self.budget += budget
            self.spent += spent
        }
    }

    /// The filing a project of the summary belongs to.
    struct Owner {
        var number: Int
        var unit: String
    }

    /// How many projects keep their grade and how many move, reported grade against computed.
    static func grades(_ cards: [ScoreCard]) -> String {
        var counts: [String: (reported: String, computed: String, count: Int)] = [:]
        for card in cards {
            let reported = card.reportedGrade ?? "—"
            let computed = card.grade ?? "—"
            counts["\(reported)\t\(computed)", default: (reported, computed, 0)].count += 1
        }
        let order = ["优", "良", "中", "差", "—"]
        func rank(_ grade: String) -> Int { order.firstIndex(of: grade) ?? order.count }
        let rows = counts.values.sorted {
            (rank($0.reported), rank($0.computed)) < (rank($1.reported), rank($1.computed))
        }
        var table = Table(["填报", "计算", "projects", ""], align: [.left, .left, .right, .left])
        table.footer = false
        for row in rows {
            table.add([row.reported, row.computed, "\(row.count)", row.reported == row.computed ? "" : "moves"])
            if row.reported != row.computed { table.marked.insert(table.rows.count - 1) }
        }
        let moved = cards.filter { ($0.reportedGrade ?? "—") != ($0.grade ?? "—") }.count
        return table.render() + "\(moved) of \(cards.count) projects change grade\n"
    }

    /// The ten checks with most findings, with how many filings each fires in.
    static func topChecks(_ results: [FilingResult]) -> String {
        var counts: [CheckID: (findings: Int, filings: Int, severity: Finding.Severity)] = [:]
        for r in results {
            // A filing has a handful of findings: count them in a short list first, so the county's
            // table (keyed by the check's name) is touched once per check and filing.
            var local: [(check: CheckID, findings: Int, severity: Finding.Severity)] = []
            for finding in r.findings {
                if let i = local.firstIndex(where: { $0.check == finding.check }) {
                    local[i].findings += 1
                    local[i].severity = min(local[i].severity, finding.severity)
                } else {
                    local.append((finding.check, 1, finding.severity))
                }
            }
            for (check, findings, severity) in local {
                var entry = counts[check] ?? (0, 0, severity)
                entry.findings += findings
                entry.filings += 1
                entry.severity = min(entry.severity, severity)
                counts[check] = entry
            }
        }
        let top = counts.sorted { ($1.value.findings, $0.key.rawValue) < ($0.value.findings, $1.key.rawValue) }.prefix(
            10)
        guard !top.isEmpty else { return "no findings\n" }
        var table = Table(["check", "severity", "findings", "filings"], align: [.left, .left, .right, .right])
        table.footer = false
        for (check, entry) in top {
            table.add([check.rawValue, entry.severity.rawValue, "\(entry.findings)", "\(entry.filings)"])
        }
        return table.render()
    }

    /// Projects whose computed 执行率 is below `bound` (and not below `above`) with full marks on
    /// every indicator: the filings' most common contradiction.
    static func fullMarks(
        _ projects: [(Owner, Project, ScoreCard)], below bound: Decimal, above floor: Decimal?
    ) -> String {
        let hits = projects.filter { _, p, card in
            guard let rate = card.execution.rate, rate < bound, rate >= (floor ?? 0), !p.indicators.isEmpty else {
                return false
            }
            return p.indicators.allSatisfy { $0.score.value != nil && $0.score.value == $0.weight.value }
        }
        func percent(_ x: Decimal) -> String { points(x * 100) + "%" }
        let range = floor.map { "between \(percent($0)) and \(percent(bound))" } ?? "below \(percent(bound))"
        var out = "Projects with 执行率 \(range) and full marks on every indicator: \(hits.count)\n"
        guard !hits.isEmpty else { return out }
        var table = Table(
            ["#", "单位名称", "项目名称", "执行率(计算)", "指标得分"],
            align: [.right, .left, .left, .right, .right])
        table.footer = false
        // A summary stays a page long: a county can have thousands; the first ones show the kind.
        for (owner, p, card) in hits.prefix(fullMarksShown) {
            table.add([
                "\(owner.number)", owner.unit, p.name, card.execution.rate?.percent ?? "", points(card.indicatorTotal),
            ])
        }
        out += table.render()
        if hits.count > fullMarksShown { out += "… and \(hits.count - fullMarksShown) more\n" }
        return out
    }

    /// How many projects each full-marks list shows.
    static let fullMarksShown = 20
}
