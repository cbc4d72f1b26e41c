import Foundation
import JixiaoModel

/// 项目支出绩效自评汇总表 (and the same table titled 自评结果汇总表 or 自评情况汇总表):
/// each row
/// against its project's own table, and the 合计 row against the sum of the rows.
extension Checker {
    /// Each summary row with the project table it names, or nil.
    func summaryRows() -> [(row: ProjectSummary.Row, project: Project?)] {
        (filing.summary?.rows ?? []).map { row in
            let key = Self.projectKey(row.name)
            return (row, filing.projects.first { Self.projectKey($0.name) == key })
        }
    }

    static func summaryNoTable(_ c: inout Checker) {
        for (row, project) in c.summaryRows() where project == nil {
            let rowName = row.name
            c.add(row.line, .filing, "汇总表: '\(rowName)' has no project table")
        }
    }

    static func summaryRow(_ c: inout Checker) {
        for (row, project) in c.summaryRows() {
            guard let project else { continue }
            let (name, target, funds) = (project.name, Target.project(project.name), project.funds)
            let pairs: [(String, Figure, Figure)] = [
                ("年初预算数", row.initial, funds.initial), (funds.budgetLabel, row.fullYear, funds.fullYear),
                ("全年执行数", row.executed, funds.executed),
            ]
            for (label, listed, own) in pairs {
                guard let a = listed.value, let b = own.value, a != b else { continue }
                let tableLine = own.line ?? project.line
                c.add(
                    listed.line ?? row.line, target,
                    "汇总表: \(name) \(label) \(amount(a)), its table (line \(tableLine)) says \(amount(b))")
            }
            if let a = row.rate.value, let b = funds.reportedRate.value, a.rounded(4) != b.rounded(4) {
                c.add(
                    row.rate.line ?? row.line, target,
                    "汇总表: \(name) 执行率 \(a.percent), its table says"
                        + " \(b.percent)")
            }
            if let a = row.score.value, let b = project.reportedTotal.value, a != b {
                let totalLine = project.reportedTotal.line ?? project.line
                c.add(
                    row.score.line ?? row.line, target,
                    "汇总表: \(name) 自评得分 \(points(a)), its table's 总分 (line \(totalLine)) is"
                        + " \(points(b))")
            }
        }
    }

    static func summaryTotal(_ c: inout Checker) {
        guard let s = c.filing.summary, let total = s.total else { return }
        let columns: [(String, Figure, (ProjectSummary.Row) -> Figure)] = [
            ("年初预算数", total.initial, { $0.initial }), ("全年预算数", total.fullYear, { $0.fullYear }),
            ("全年执行数", total.executed, { $0.executed }),
        ]
        for (label, figure, column) in columns {
            guard let stated = figure.value else { continue }
            let sum = s.rows.sum { column($0).value }
            guard sum != stated else { continue }
            let count = s.rows.count
            c.add(
                figure.line ?? total.line, .filing,
                "汇总表: 合计 \(label) \(amount(stated)) ≠ \(amount(sum)), the sum of its \(count) rows")
        }
    }
}
