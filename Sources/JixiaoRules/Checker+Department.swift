import Foundation
import JixiaoModel

/// Checks of the 部门整体支出绩效自评表's breakdowns against its totals, the project tables and
/// the 基础数据表.
extension Checker {
    var basicSpend: LabeledFigure? { filing.department?.expenditure.first { $0.label.has("基本支出") } }
    var projectSpend: LabeledFigure? { filing.department?.expenditure.first { $0.label.has("项目支出") } }

    static func deptExpenditure(_ c: inout Checker) {
        guard let d = c.filing.department, let b = c.basicSpend?.figure.value,
            let p = c.projectSpend?.figure.value, let e = d.funds.executed.value, b + p != e
        else { return }
        c.add(
            c.projectSpend?.figure.line, .department,
            "部门整体: 基本支出 \(amount(b)) + 项目支出 \(amount(p)) = \(amount(b + p)) ≠ 全年执行"
                + "数 \(amount(e))")
    }

    /// Filers break down either the year's budget or what was spent; either adds up.
    static func deptIncome(_ c: inout Checker) {
        guard let d = c.filing.department else { return }
        let parts = d.income.filter { !$0.label.has("性质") }
        let total = d.income.first { $0.label.has("性质") }?.figure.value ?? d.funds.fullYear.value
        let sum = parts.sum { $0.figure.value }
        guard let total, parts.contains(where: { !$0.figure.isBlank }), sum != total, sum != d.funds.executed.value
        else { return }
        c.add(
            parts.first?.figure.line, .department,
            "部门整体: income by source adds to \(amount(sum)), not"
                + " \(amount(total))"
        )
    }

    static func layoutDuplicate(_ c: inout Checker) {
        guard let d = c.filing.department else { return }
        // A few labels a filing, each compared with those before as `==` would, not hashed.
        var seen: [String] = []
        for item in d.income + d.expenditure {
            guard seen.contains(where: { $0.isSameText(as: item.label) }) else {
                seen.append(item.label)
                continue
            }
            let label = item.label
            c.add(
                item.figure.line, .department,
                "部门整体: the label '\(label)' appears twice in the funds break"
                    + "down")
        }
    }

    /// The department's 项目支出 against the project tables. Only some projects are evaluated, so
    /// the 基础数据表's 项目支出 rows without a project table account for part of the gap; what they
    /// do not explain is info: most filings evaluate only some projects.
    static func deptProjects(_ c: inout Checker) {
        guard let p = c.projectSpend?.figure.value, !c.filing.projects.isEmpty else { return }
        let line = c.projectSpend?.figure.line
        let sum = c.projectsSum { $0.executed }
        guard sum.isBelow(p) else { return }
        let tables = "the \(c.filing.projects.count) project tables spent \(amount(sum))"
        let others = c.unevaluatedProjectRows()
        guard !others.isEmpty else {
            c.add(
                line, .department,
                "部门整体: 项目支出 \(amount(p)) but " + tables + "; \(amount(p - sum)) is"
                    + " not accounted for"
            )
            return
        }
        let listed = others.sum { $0.actual.value }
        let gap = p.minus(sum).minus(listed)
        guard gap != 0 else { return }
        let (names, count) = (others.map(\.name).joined(separator: ", "), others.count)
        c.add(
            line, .department,
            "部门整体: 项目支出 \(amount(p)); " + tables + " and the 基础数据表 lists \(count) more "
                + "(\(names)) spending \(amount(listed)); \(amount(gap)) is not accounted for")
    }

    /// 基础数据表 项目支出 rows with spending and no project table of their own.
    mutating func unevaluatedProjectRows() -> [BasicData.Row] {
        let known = projectKeys()
        // A filing's few keys are looked through rather than hashed (hashing normalises each name).
        let keys = known.projects
        return zip(known.rows, known.rowKeys).filter { row, key in
            guard let spent = row.actual.value, spent != 0 else { return false }
            return !keys.contains { $0.isSameText(as: key) } && !keys.contains { Self.similarity($0, key) >= 0.5 }
        }.map(\.0)
    }

    /// Some of the projects cannot have spent more than all of them.
    static func deptProjectsOver(_ c: inout Checker) {
        guard let p = c.projectSpend?.figure.value, !c.filing.projects.isEmpty else { return }
        let sum = c.projectsSum { $0.executed }
        guard sum > p else { return }
        let count = c.filing.projects.count
        c.add(
            c.projectSpend?.figure.line, .department,
            "部门整体: 项目支出 \(amount(p)), but its \(count) project tables alone spent \(amount(sum)) "
                + "(\(amount(sum - p)) more)")
    }

    /// 基本支出 against the budget the 基础数据表 implies: the whole budget less the projects'.
    static func deptBasicOverspend(_ c: inout Checker) {
        guard let d = c.filing.department, let full = d.funds.fullYear.value, let b = c.basicSpend?.figure.value,
            let projectBudget = c.filing.basic?.total(.projects)?.budget.value
        else { return }
        let budget = full.minus(projectBudget)  // on the words: Foundation's `-` took six thousand instructions
        guard budget.isPositive, b.exceeds(budget) else { return }
        c.add(
            c.basicSpend?.figure.line, .department,
            "部门整体: 基本支出 \(amount(b)) against an implied budget of \(amount(budget)) (\(amount(full)) "
                + "less "
                + "项目支出 预算 \(amount(projectBudget))): \((b / budget).percent)")
    }

    /// A cost indicator claiming no overrun while 公用经费 ran over its budget.
    static func costClaim(_ c: inout Checker) {
        guard let d = c.filing.department, let row = c.filing.basic?.total(.publicFunds),
            let budget = row.budget.value, let actual = row.actual.value, budget.isPositive, actual.exceeds(budget),
            let claim = d.indicators.first(where: {
                $0.level1.has("成本") && ($0.actual ?? "").has("未超") && $0.score.value == $0.weight.value
            })
        else { return }
        let (indicator, says) = (claim.level3, claim.actual ?? "")
        c.add(
            claim.line, .department,
            "部门整体: 成本指标 \(indicator) says '\(says)' with full marks, but 公用经费 ran to "
                + "\((actual / budget).percent) of its budget (\(amount(actual)) / \(amount(budget)))")
    }
}
