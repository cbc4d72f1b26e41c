import Foundation
import JixiaoModel

extension Checker {
    /// 项目支出绩效自评汇总表: each row against its project's own table (amounts, 执行率, 自评得分),
    /// and the 合计 row against the sum of the rows.
    mutating func summary(_ s: ProjectSummary) {
        for row in s.rows {
            let key = Self.projectKey(row.name)
            guard let project = filing.projects.first(where: { Self.projectKey($0.name) == key }) else {
                let rowName = row.name
                add(.summaryRow, .info, row.line, .filing, "汇总表: '\(rowName)' has no project table")
                continue
            }
            let name = project.name
            let target = Target.project(name)
            let funds = project.funds
            let pairs: [(String, Figure, Figure)] = [
                ("年初预算数", row.initial, funds.initial), (funds.budgetLabel, row.fullYear, funds.fullYear),
                ("全年执行数", row.executed, funds.executed),
            ]
            for (label, listed, own) in pairs {
                guard let a = listed.value, let b = own.value, a != b else { continue }
                let tableLine = own.line ?? project.line
                add(
                    .summaryRow, .error, listed.line ?? row.line, target,
                    "汇总表: \(name) \(label) \(money(a)), its table (line \(tableLine)) says \(money(b))")
            }
            if let a = row.rate.value, let b = funds.reportedRate.value, a.rounded(4) != b.rounded(4) {
                add(
                    .summaryRow, .error, row.rate.line ?? row.line, target,
                    "汇总表: \(name) 执行率 \(a.percent), its table says \(b.percent)")
            }
            if let a = row.score.value, let b = project.reportedTotal.value, a != b {
                let totalLine = project.reportedTotal.line ?? project.line
                add(
                    .summaryRow, .error, row.score.line ?? row.line, target,
                    "汇总表: \(name) 自评得分 \(points(a)), its table's 总分 (line \(totalLine)) "
                        + "is \(points(b))")
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
                let count = s.rows.count
                add(
                    .summaryTotal, .error, figure.line ?? total.line, .filing,
                    "汇总表: 合计 \(label) \(money(stated)) ≠ \(money(sum)), the sum of its \(count) rows")
            }
        }
    }
}
