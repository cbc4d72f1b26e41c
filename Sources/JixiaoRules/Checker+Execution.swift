import Foundation
import JixiaoModel

/// Checks of a scored table's fund block: the fund rows, the execution rate and its score, the
/// cells the block needs, and the table's own title.
extension Checker {
    /// 年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金, column by column. A total written 0
    /// beside parts that hold amounts contradicts them as much as a wrong sum does.
    static func fundsSum(_ c: inout Checker) {
        c.eachTable { c, t in
            // The rows by index: a closure over the rows, or a filtered copy of them, copied each
            // row, its strings and figures retained, to read one figure.
            let rows = t.funds.rows
            guard let total = rows.indices.first(where: { rows[$0].kind == .total }) else { return }
            let parts = rows.indices.filter { rows[$0].kind != .total }
            guard parts.contains(where: { rows[$0].hasAmounts }) else { return }
            let labels = ["年初预算数", t.funds.budgetLabel, "全年执行数"]
            for column in labels.indices {
                func value(_ row: Int) -> Decimal? {
                    switch column {
                    case 0: rows[row].initial.value
                    case 1: rows[row].fullYear.value
                    default: rows[row].executed.value
                    }
                }
                guard let stated = value(total) else { continue }
                let sum = parts.sum { value($0) }
                guard sum != stated else { continue }
                let (name, label, line) = (t.name, labels[column], rows[total].line)
                c.add(
                    line, t.target,
                    "\(name): 年度资金总额 \(label) \(amount(stated)) ≠ \(amount(sum)), the sum of its source"
                        + " rows")
            }
        }
    }

    static func rateUndefined(_ c: inout Checker) {
        c.eachTable { c, t in
            guard let problem = t.execution.problem else { return }
            let name = t.name
            c.add(t.fundLine, t.target, "\(name): 执行率 cannot be computed: \(problem)")
        }
    }

    static func rateBasis(_ c: inout Checker) {
        let rulesName = c.rules.name
        c.eachTable { c, t in
            guard let why = t.execution.fallback, let rate = t.execution.rate else { return }
            let (name, label) = (t.name, t.execution.denominatorLabel)
            c.add(
                t.fundLine, t.target,
                "\(name): \(rulesName) divides by 年初预算数, but \(why); 执行率 \(rate.percent) is taken aga"
                    + "inst "
                    + "\(label) instead")
        }
    }

    static func rateDiffers(_ c: inout Checker) {
        c.eachTable { c, t in
            let exec = t.execution
            guard let rate = exec.rate, let reported = exec.reportedRate, !reported.rounded(4).equals(rate.rounded(4))
            else { return }
            let (name, executed, base, label) = (t.name, exec.executed, exec.denominator, exec.denominatorLabel)
            c.add(
                t.funds.reportedRate.line ?? t.fundLine, t.target,
                "\(name): reported 执行率 \(reported.percent) ≠ \(rate.percent) = \(amount(executed)) / "
                    + "\(amount(base)) (\(label))")
        }
    }

    /// Spending above 全年预算数 is money spent without a budget for it: a reviewer asks.
    static func rateOver(_ c: inout Checker) {
        c.eachTable { c, t in
            let exec = t.execution
            guard let rate = exec.rate, rate.exceeds(1) else { return }
            let (name, executed, base, label) = (t.name, exec.executed, exec.denominator, exec.denominatorLabel)
            let explained = t.funds.deviation != nil ? "; the table gives a 偏差原因" : "; no 偏差原因 is given"
            c.add(
                t.fundLine, t.target,
                "\(name): spent \(amount(executed)) against a \(label) of \(amount(base)): 执行率 \(rate.percent)"
                    + explained)
        }
    }

    static func scoreDiffers(_ c: inout Checker) {
        let capped = c.rules.capExecution
        c.eachTable { c, t in
            let exec = t.execution
            guard let score = exec.score, let reported = exec.reportedScore, !reported.equals(score),
                exec.otherOrderScore.map({ !reported.equals($0) }) ?? true
            else { return }
            let (name, weight, shown) = (t.name, exec.weight, min(exec.rate ?? 0, capped ? 1 : 99))
            c.add(
                t.funds.reportedScore.line ?? t.fundLine, t.target,
                "\(name): reported execution 得分 \(points(reported)) ≠ \(points(score)) = "
                    + "\(points(weight)) × \(shown.percent)")
        }
    }

    static func scoreOrder(_ c: inout Checker) {
        let (rulesName, roundFirst) = (c.rules.name, c.rules.roundRateFirst)
        c.eachTable { c, t in
            let exec = t.execution
            guard let score = exec.score, let reported = exec.reportedScore, !reported.equals(score),
                exec.otherOrderScore.map({ reported.equals($0) }) ?? false
            else { return }
            let order =
                roundFirst && exec.reportedRate != nil ? "unrounded 执行率" : "执行率 as shown, rounded to 0.01%"
            let name = t.name
            c.add(
                t.funds.reportedScore.line ?? t.fundLine, t.target,
                "\(name): reported execution 得分 \(points(reported)) multiplies the \(order); "
                    + "\(rulesName) gives \(points(score)) the other way round")
        }
    }

    static func scoreMissing(_ c: inout Checker) {
        let rulesName = c.rules.name
        c.eachTable { c, t in
            let exec = t.execution
            guard let score = exec.score, exec.reportedScore == nil else { return }
            let (name, weight, rate) = (t.name, exec.weight, exec.rate ?? 0)
            c.add(
                t.fundLine, t.target,
                "\(name): execution 分值/得分 blank; under \(rulesName) it scores \(points(score)) "
                    + "(\(points(weight)) × \(rate.percent))")
        }
    }

    static func scoreOverWeight(_ c: inout Checker) {
        c.eachTable { c, t in
            let exec = t.execution
            if let s = exec.reportedScore, let w = exec.reportedWeight, s.exceeds(w) {
                let name = t.name
                c.add(
                    t.funds.reportedScore.line ?? t.fundLine, t.target,
                    "\(name): execution 得分 \(points(s)) above its 分值 \(points(w))")
            }
        }
        c.eachIndicator { c, t, i in
            guard let s = i.indicator.score.value, let w = i.indicator.weight.value, s.exceeds(w) else { return }
            let label = i.label
            c.add(
                i.indicator.score.line ?? i.line, t.target,
                "\(label): 得分 \(points(s)) above its 分值"
                    + " \(points(w))")
        }
    }

    /// The execution weight against the rule set's, and each first-level weight against the
    /// template the table follows.
    static func weightRules(_ c: inout Checker) {
        let (rulesName, ruleWeight) = (c.rules.name, c.rules.executionWeight)
        c.eachTable { c, t in
            let name = t.name
            if let w = t.execution.reportedWeight, w != ruleWeight {
                c.add(
                    t.funds.weight.line ?? t.fundLine, t.target,
                    "\(name): execution 分值 \(points(w)) but \(rulesName) gives \(points(ruleWeight))")
            }
            let (templateName, levelWeights) = c.template(of: t.table)
            for group in t.firstLevelGroups {
                // The few names looked at in turn, compared as `==` would, without hashing each name.
                guard let expected = levelWeights.first(where: { $0.key.isSameText(as: group.name) })?.value,
                    let weight = group.weight, expected != weight
                else { continue }
                let level1 = group.name
                c.add(
                    group.line, t.target,
                    "\(name): \(level1) weighs \(points(weight)); \(templateName) expects \(points(expected))"
                        + (templateName == rulesName ? "" : " (this table's template)"))
            }
        }
    }

    /// The first-level weights a table is judged by: the rule set's, unless the table follows
    /// another template the rule set names (成本指标 as a first-level indicator, or not). One
    /// filing may use the four-group template in its department table and the 2020 one in its
    /// project tables; each is judged by its own.
    func template(of table: ScoredTable) -> (name: String, weights: [String: Decimal]) {
        let weights = rules.levelWeights(for: table.kind)
        let own = (rules.name, weights)
        let isCost = { (name: String) in name.isSameText(as: "成本指标") }
        // By index: `contains` over the indicators copied each (its strings retained) into the closure.
        let indicators = table.indicators
        let tableHasCost = indicators.indices.contains { isCost(indicators[$0].level1) }
        guard !weights.isEmpty, !table.indicators.isEmpty, tableHasCost != weights.keys.contains(where: isCost)
        else { return own }
        let other = rules.templates.first {
            $0.levelWeights(for: table.kind).keys.contains(where: isCost) == tableHasCost
        }
        return other.map { ($0.name, $0.levelWeights(for: table.kind)) } ?? own
    }

    /// Cells a scored table cannot do without: 分值 and 得分 of each indicator, a project's
    /// 主管部门 and its 总分.
    static func cellRequired(_ c: inout Checker) {
        c.eachTable { c, t in
            let name = t.name
            if let project = t.project, project.department?.text.isEmpty ?? true {
                c.add(project.line, t.target, "\(name): 主管部门 is blank")
            }
            if t.project != nil { c.noTotal(t) }
        }
        // Each cell where it stands: a list of the two made an array for every indicator.
        c.eachIndicator { c, t, i in
            c.requireCell(i.indicator.weight, "分值", of: i, in: t)
            c.requireCell(i.indicator.score, "得分", of: i, in: t)
        }
    }

    /// A finding when the indicator's cell `name` is blank.
    private mutating func requireCell(_ figure: Figure, _ name: String, of i: IndicatorInTable, in t: CheckedTable) {
        guard figure.isBlank, Labels.isPlaceholder(figure.text) else { return }
        let label = i.label
        add(i.line, t.target, "\(label): \(name) is blank")
    }

    /// A table with no 总分 (blank, or no row): required of a project, optional for the department.
    mutating func noTotal(_ t: CheckedTable) {
        let total = t.table.reportedTotal
        guard total.value == nil, Labels.isPlaceholder(total.text) else { return }
        let (name, what, computed, grade) = (t.name, total.line == nil ? "row" : "value", t.card.total, t.card.grade)
        add(
            total.line ?? t.table.line, t.target,
            "\(name): no 总分 \(what); computed total \(points(computed))\(grade.map { " (\($0))" } ?? "")")
    }

    /// Blank cells the checks can do without: 执行率 (computed), 实施单位, the department's 总分.
    static func cellMissing(_ c: inout Checker) {
        c.eachTable { c, t in
            let name = t.name
            if t.execution.reportedRate == nil, let rate = t.execution.rate {
                c.add(t.fundLine, t.target, "\(name): 执行率 cell is blank (computed \(rate.percent))")
            }
            if let impl = t.project?.implementer, impl.text.isEmpty {
                c.add(impl.line, t.target, "\(name): 实施单位 is blank")
            }
            if t.project == nil { c.noTotal(t) }
        }
        c.basicCellsMissing()
        c.unsignedCovers()
    }

    static func cellUnreadable(_ c: inout Checker) {
        c.eachTable { c, t in
            let total = t.table.reportedTotal
            guard total.value == nil, !Labels.isPlaceholder(total.text) else { return }
            let (name, text, computed) = (t.name, total.text, t.card.total)
            c.add(
                total.line ?? t.table.line, t.target,
                "\(name): 总分 is unreadable, holds '\(text)'; total.sum and total.differs could not run "
                    + "(computed total \(points(computed)))")
        }
        c.eachIndicator { c, t, i in
            c.readableCell(i.indicator.weight, "分值", of: i, in: t)
            c.readableCell(i.indicator.score, "得分", of: i, in: t)
        }
    }

    /// A finding when the indicator's cell `name` holds text that is no number.
    private mutating func readableCell(_ figure: Figure, _ name: String, of i: IndicatorInTable, in t: CheckedTable) {
        guard figure.isBlank, !Labels.isPlaceholder(figure.text) else { return }
        let (label, text) = (i.label, figure.text)
        add(figure.line ?? i.line, t.target, "\(label): \(name) is unreadable, holds '\(text)'")
    }

    static func layoutFundRows(_ c: inout Checker) {
        c.eachTable { c, t in
            guard t.project != nil, let amounts = t.funds.amountRow, let scoring = t.funds.scoringRow,
                amounts.line != scoring.line
            else { return }
            let (name, amountsLabel, amountsLine, scoringLabel) = (t.name, amounts.label, amounts.line, scoring.label)
            c.add(
                scoring.line, t.target,
                "\(name): amounts are on the \(Labels.bareName(amountsLabel)) row (line \(amountsLine)) but "
                    + "分值/执行率/得分 on the \(Labels.bareName(scoringLabel)) row")
        }
    }

    /// A table titled `（2021年度）` inside a 2022 filing: copied from last year's form.
    static func tableYear(_ c: inout Checker) {
        guard let year = c.filing.year else { return }
        c.eachTable { c, t in
            guard let titled = t.table.titleYear, titled != year else { return }
            let name = t.name
            c.add(t.table.line, t.target, "\(name): the table is titled \(titled)年度 in a \(year)年度 filing")
        }
    }

    /// 全年预算数 above 年初预算数 with nothing that explains the adjustment: no 偏差原因 in the fund
    /// block, no filled 预算调整 row in the 基础数据表 (for the department), and no sentence of the
    /// table's report that speaks of 调整, 追加 or 调增.
    static func budgetAdjusted(_ c: inout Checker) {
        let adjustmentRow = c.filing.basic?.total(.adjustment)
        c.eachTable { c, t in
            let funds = t.funds
            guard let initial = funds.initial.value, let full = funds.fullYear.value, full.exceeds(initial),
                initial.isPositive,
                funds.deviation == nil
            else { return }
            if t.project == nil, let row = adjustmentRow, !row.budget.isBlank || !row.actual.isBlank { return }
            if let report = t.report, report.has(Self.adjustmentWords) { return }
            let (name, label, rate) = (
                t.name, funds.budgetLabel, (funds.executed.value ?? 0).dividedExactly(by: initial)
            )
            let blankRow =
                t.project == nil && adjustmentRow != nil
                ? "; the 基础数据表's 预算调整 row is bl"
                    + "ank" : ""
            c.add(
                funds.amountRow?.line ?? t.fundLine, t.target,
                "\(name): \(label) \(amount(full)) above 年初预算数 \(amount(initial)) ("
                    + "+\(amount(full - initial))) "
                    + "with no adjustment explained; against 年初 the rate would be \(rate.percent)" + blankRow)
        }
    }

    static let adjustmentWords = WordList(["预算调整", "调整预算", "追加", "调增", "调减", "追减"])
}

/// The indicators under one 一级指标, with the weight its title gives (`产出指标（20分）`).
struct FirstLevelGroup {
    var name: String
    var weight: Decimal?
    /// The line of its first indicator.
    var line: Int?
    /// Its indicators' 分值 added up.
    var weightSum = Decimal(0)

    static func groups(of indicators: [Indicator]) -> [FirstLevelGroup] {
        // The indicators are read in place: copying each into its group retained its eight strings.
        // Names are unique among the groups, so the search may run from either end.
        var groups: [FirstLevelGroup] = []
        groups.reserveCapacity(4)  // a table has three or four: room made once, not grown
        for i in indicators.indices {
            let level1 = indicators[i].level1
            // From the last group: an indicator mostly follows its group's last. `isSameText` is `==`
            // answered from the bytes where that is the same (two Chinese names that differ went
            // through String's normalising comparison). By index: a closure was handed a copy of each.
            let g = groups.indices.last { groups[$0].name.isSameText(as: level1) } ?? groups.endIndex
            if g == groups.endIndex {
                groups.append(
                    FirstLevelGroup(name: level1, weight: indicators[i].level1Weight, line: indicators[i].line))
            }
            if let weight = indicators[i].weight.value { groups[g].weightSum = groups[g].weightSum.plus(weight) }
        }
        return groups
    }
}
