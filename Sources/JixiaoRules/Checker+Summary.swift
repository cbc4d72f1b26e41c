import Foundation
import JixiaoModel

extension Checker {
    /// 项目支出绩效自评汇总表: each row against its project's own table (amounts, 执行率, 自评得分),
    /// and the 合计 row against the sum of the rows.
    mutating func summary(_ s: ProjectSummary) {
        for row in s.rows {
            let key = Self.projectKey(row.name)
            guard let project = filing.projects.first(where: { Self.projectKey($0.name) == key }) else {
                add(.summaryRow, .info, row.line, .filing, "汇总表: '\(row.name)' has no project table")
                continue
            }
            let target = Target.project(project.name)
            let funds = project.funds
            let pairs: [(String, Figure, Figure)] = [
                ("年初预算数", row.initial, funds.initial), (funds.budgetLabel, row.fullYear, funds.fullYear),
                ("全年执行数", row.executed, funds.executed),
            ]
            for (label, listed, own) in pairs {
                guard let a = listed.value, let b = own.value, a != b else { continue }
                add(
                    .summaryRow, .error, listed.line ?? row.line, target,
                    "汇总表: \(project.name) \(label) \(money(a)), its table (line "
                        + "\(own.line ?? project.line)) says \(money(b))")
            }
            if let a = row.rate.value, let b = funds.reportedRate.value, a.rounded(4) != b.rounded(4) {
                add(
                    .summaryRow, .error, row.rate.line ?? row.line, target,
                    "汇总表: \(project.name) 执行率 \(a.percent), its table says \(b.percent)")
            }
            if let a = row.score.value, let b = project.reportedTotal.value, a != b {
                add(
                    .summaryRow, .error, row.score.line ?? row.line, target,
                    "汇总表: \(project.name) 自评得分 \(points(a)), its table's 总分 (line "
                        + "\(project.reportedTotal.line ?? project.line)) is \(points(b))")
            }
        }
        guard let total = s.total else { return }
        let columns: [(String, Figure, (ProjectSummary.Row) -> Figure)] = [
            ("年初预算数", total.initial, \.initial), ("全年预算数", total.fullYear, \.fullYear),
            ("全年执行数", total.executed, \.executed),
        ]
        for (label, figure, column) in columns {
            guard let stated = figure.value else { continue }
            let sum = s.rows.reduce(Decimal(0)) { $0 + (column($1).value ?? 0) }
            if sum != stated {
                add(
                    .summaryTotal, .error, figure.line ?? total.line, .filing,
                    "汇总表: 合计 \(label) \(money(stated)) ≠ \(money(sum)), the sum of its \(s.rows.count) rows"
                )
            }
        }
    }
}
