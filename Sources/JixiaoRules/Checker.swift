import Foundation
import JixiaoModel

/// Consistency checks over one filing under one rule set. `run` calls each check in turn; a check
/// appends findings and reads the model and the score cards, nothing else.
public struct Checker {
    public let filing: Filing
    public let rules: RuleSet
    var findings: [Finding] = []
    /// Whether any report names a survey: worked out once, on first need.
    lazy var reportsNameASurvey: Bool = {
        func namesASurvey(_ report: Narrative?) -> Bool {
            report?.sections.contains { Self.surveyList.occurs(in: $0.text) } ?? false
        }
        return namesASurvey(filing.report) || filing.projects.contains { namesASurvey($0.report) }
            || filing.otherReports.contains { namesASurvey($0) }
    }()

    public static func check(_ filing: Filing, rules: RuleSet) -> [Finding] {
        var checker = Checker(filing: filing, rules: rules)
        checker.run()
        return checker.findings
    }

    /// The same, reusing score cards already computed under `rules` (the filing's tables in
    /// `Filing.scoredTables` order), so a county's analysis scores each table once.
    public static func check(_ filing: Filing, rules: RuleSet, cards: [ScoreCard]) -> [Finding] {
        var checker = Checker(filing: filing, rules: rules)
        checker.cards = cards
        checker.run()
        return checker.findings
    }

    /// Cards given by the caller, in `Filing.scoredTables` order; empty when each is scored here.
    var cards: [ScoreCard] = []

    /// The card of a table: the caller's, or scored now.
    func card(for table: ScoredTable, at index: Int) -> ScoreCard {
        index < cards.count ? cards[index] : Scorer.score(table, rules: rules)
    }

    init(filing: Filing, rules: RuleSet) {
        self.filing = filing
        self.rules = rules
    }

    /// Records a finding; its message is written only if someone reads it.
    /// A message is written when it is read, from what its closure captured: capture names and
    /// figures (`let total = card.total`), never a whole row, table, card or rule set, which would
    /// be copied into every finding's closure (a county holds over a hundred thousand).
    mutating func add(
        _ check: CheckID, _ severity: Finding.Severity, _ line: Int?, _ target: Target,
        _ message: @autoclosure @escaping @Sendable () -> String
    ) {
        findings.append(Finding(check: check, severity: severity, line: line, target: target, message: message()))
    }

    mutating func run() {
        if let d = filing.department { department(d) }
        for (i, p) in filing.projects.enumerated() { project(p, index: i) }
        if let b = filing.basic { basic(b) }
        if let s = filing.summary { summary(s) }
        narrative()
    }

    // MARK: Shared table checks

    /// Checks common to project and department tables: fund rows, rate, score, weights, totals, deviations.
    mutating func table(_ table: ScoredTable, name: String, target project: Target, index: Int) {
        let rulesName = rules.name
        let card = card(for: table, at: index)
        let funds = table.funds
        let indicators = table.indicators
        fundRows(name: name, funds, project: project)
        let exec = card.execution
        let (executed, denominator, denominatorLabel) = (exec.executed, exec.denominator, exec.denominatorLabel)
        let fundLine = funds.scoringRow?.line ?? funds.amountRow?.line ?? table.line
        if let problem = exec.problem {
            add(.rateUndefined, .warning, fundLine, project, "\(name): 执行率 cannot be computed: \(problem)")
        }
        if let rate = exec.rate {
            if let reported = exec.reportedRate, (reported - rate).rounded(4) != 0,
                reported.rounded(4) != rate.rounded(4)
            {
                add(
                    .rateDiffers, .error, funds.reportedRate.line ?? fundLine, project,
                    "\(name): reported 执行率 \(reported.percent) ≠ \(rate.percent) = \(money(executed)) / "
                        + "\(money(denominator)) (\(denominatorLabel))"
                )
            }
            if rate > 1 {
                add(
                    .rateOver, .info, fundLine, project,
                    "\(name): spending above budget, 执行率 \(rate.percent) (\(money(executed)) against "
                        + "\(money(denominator)))"
                )
            }
        }
        if let score = exec.score {
            let (weight, rate) = (exec.weight, exec.rate ?? 0)
            if let reported = exec.reportedScore {
                if reported != score, reported == exec.otherOrderScore {
                    let order =
                        rules.roundRateFirst && exec.reportedRate != nil
                        ? "unrounded 执行率" : "执行率 as shown, rounded to 0.01%"
                    add(
                        .scoreDiffers, .info, funds.reportedScore.line ?? fundLine, project,
                        "\(name): reported execution 得分 \(points(reported)) multiplies the \(order); "
                            + "\(rulesName) gives \(points(score)) the other way round")
                } else if reported != score {
                    let shown = min(rate, rules.capExecution ? 1 : 99)
                    add(
                        .scoreDiffers, .error, funds.reportedScore.line ?? fundLine, project,
                        "\(name): reported execution 得分 \(points(reported)) ≠ \(points(score)) = "
                            + "\(points(weight)) × \(shown.percent)"
                    )
                }
            } else {
                add(
                    .scoreMissing, .error, fundLine, project,
                    "\(name): execution 分值/得分 blank; under \(rulesName) it scores \(points(score)) "
                        + "(\(points(weight)) × \(rate.percent))"
                )
            }
        }
        let ruleWeight = rules.executionWeight
        if let w = exec.reportedWeight, w != ruleWeight {
            add(
                .weightRules, .info, funds.weight.line ?? fundLine, project,
                "\(name): execution 分值 \(points(w)) but \(rulesName) gives \(points(ruleWeight))")
        }
        if let s = exec.reportedScore, let w = exec.reportedWeight, s > w {
            add(
                .scoreOverWeight, .error, funds.reportedScore.line ?? fundLine, project,
                "\(name): execution 得分 \(points(s)) above its 分值 \(points(w))")
        }
        if exec.reportedRate == nil, let rate = exec.rate {
            add(.cellMissing, .info, fundLine, project, "\(name): 执行率 cell is blank (computed \(rate.percent))")
        }
        let template = Self.template(of: table, rules: rules)
        indicatorChecks(
            name: name, indicators, card: card, levelWeights: template.levelWeights(for: table.kind),
            templateName: template.name, project: project)
        totals(
            name: name, indicators: indicators, reportedTotal: table.reportedTotal, card: card, project: project,
            line: table.line)
        shortfall(name: name, funds: funds, indicators: indicators, card: card, project: project, line: fundLine)
    }

    /// 年度资金总额 = 当年财政拨款 + 上年结转资金 + 其他资金, column by column.
    mutating func fundRows(name: String, _ funds: Funds, project: Target) {
        guard let total = funds.rows.first(where: { $0.kind == .total }), total.hasAmounts else { return }
        let parts = funds.rows.filter { $0.kind != .total }
        guard parts.contains(where: \.hasAmounts) else { return }
        // Functions rather than key paths: a key path is applied through the runtime, slowly.
        let columns: [(String, (FundRow) -> Figure)] = [
            ("年初预算数", { $0.initial }), (funds.budgetLabel, { $0.fullYear }),
            ("全年执行数", { $0.executed }),
        ]
        for (label, get) in columns {
            guard let t = get(total).value else { continue }
            let sum = parts.reduce(Decimal(0)) { $0 + (get($1).value ?? 0) }
            if sum != t {
                add(
                    .fundsSum, .error, total.line, project,
                    "\(name): 年度资金总额 \(label) \(money(t)) ≠ \(money(sum)), the sum of its source rows")
            }
        }
    }

    // MARK: Tables

    mutating func department(_ d: Department) {
        table(d.table, name: Department.displayName, target: .department, index: filing.projects.count)
        let executed = d.funds.executed.value
        let basicSpend = d.expenditure.first { $0.label.has("基本支出") }?.figure.value
        let projectSpend = d.expenditure.first { $0.label.has("项目支出") }
        if let b = basicSpend, let p = projectSpend?.figure.value, let e = executed, b + p != e {
            add(
                .deptExpenditure, .error, projectSpend?.figure.line, .department,
                "部门整体: 基本支出 \(money(b)) + 项目支出 \(money(p)) = \(money(b + p)) ≠ 全年执行"
                    + "数 \(money(e))")
        }
        let incomeParts = d.income.filter { !$0.label.has("性质") }
        let incomeTotal = d.income.first { $0.label.has("性质") }?.figure.value ?? d.funds.fullYear.value
        let incomeSum = incomeParts.reduce(Decimal(0)) { $0 + ($1.figure.value ?? 0) }
        // Filers break down either the year's budget or what was spent; either adds up.
        if let t = incomeTotal, incomeParts.contains(where: { !$0.figure.isBlank }), incomeSum != t,
            incomeSum != d.funds.executed.value
        {
            add(
                .deptIncome, .error, incomeParts.first?.figure.line, .department,
                "部门整体: income by source adds to \(money(incomeSum)), not \(money(t))")
        }
        var seen: Set<String> = []
        for item in d.income + d.expenditure where !seen.insert(item.label).inserted {
            let label = item.label
            add(
                .layoutDuplicate, .info, item.figure.line, .department,
                "部门整体: the label '\(label)' appears twice in the funds breakdown")
        }
        if let p = projectSpend?.figure.value { projectSpending(p, line: projectSpend?.figure.line) }
        if let i = d.funds.initial.value, let a = d.funds.fullYear.value, a > i, i > 0 {
            let unexplained = filing.basic?.total(.adjustment).map { $0.budget.isBlank && $0.actual.isBlank } ?? false
            let (label, rate) = (d.funds.budgetLabel, (d.funds.executed.value ?? 0) / i)
            add(
                .budgetAdjusted, .info, d.funds.amountRow?.line, .department,
                "部门整体: \(label) \(money(a)) above 年初预算数 \(money(i)) (+\(money(a - i))); "
                    + "against 年初 the rate would be \(rate.percent)"
                    + (unexplained ? "; the 基础数据表's 部门基本支出预算调整 row is blank" : ""))
        }
        // 基本支出 implied by the total budget less the project budgets of the 基础数据表.
        if let full = d.funds.fullYear.value, let b = basicSpend,
            let projectBudget = filing.basic?.total(.projects)?.budget.value,
            full - projectBudget > 0, b > full - projectBudget
        {
            let budget = full - projectBudget
            add(
                .deptBasicOverspend, .warning, d.expenditure.first { $0.label.has("基本支出") }?.figure.line,
                .department,
                "部门整体: 基本支出 \(money(b)) against an implied budget of \(money(budget)) (\(money(full)) "
                    + "less 项目支出 预算 "
                    + "\(money(projectBudget))): \((b / budget).percent)"
            )
        }
        // A cost indicator claiming no overrun while 公用经费 ran over its budget.
        if let row = filing.basic?.total(.publicFunds), let budget = row.budget.value, let actual = row.actual.value,
            budget > 0, actual > budget,
            let claim = d.indicators.first(where: {
                $0.level1.has("成本") && ($0.actual ?? "").has("未超") && $0.score.value == $0.weight.value
            })
        {
            let (indicator, says) = (claim.level3, claim.actual ?? "")
            add(
                .costClaim, .warning, claim.line, .department,
                "部门整体: 成本指标 \(indicator) says '\(says)' with full marks, but 公用经费 ran to "
                    + "\((actual / budget).percent) of its budget (\(money(actual)) / \(money(budget)))"
            )
        }
    }

    /// The department's 项目支出 against the project tables. Only some projects are evaluated,
    /// so the 基础数据表's 项目支出 rows without a project table account for part of the gap;
    /// what they do not explain is reported, as info: most filings evaluate only some projects.
    mutating func projectSpending(_ p: Decimal, line: Int?) {
        guard !filing.projects.isEmpty else { return }
        let sum = filing.projects.reduce(Decimal(0)) { $0 + ($1.funds.executed.value ?? 0) }
        guard sum != p else { return }
        let tabled = Set(filing.projects.map { Self.projectKey($0.name) })
        let others = (filing.basic?.members(.projects) ?? []).filter { row in
            guard let spent = row.actual.value, spent != 0 else { return false }
            let key = Self.projectKey(row.name)
            return !tabled.contains(key)
                && !filing.projects.contains { similarity(Self.projectKey($0.name), key) >= 0.5 }
        }
        let tables = "the \(filing.projects.count) project tables spent \(money(sum))"
        guard !others.isEmpty else {
            add(
                .deptProjects, .info, line, .department,
                "部门整体: 项目支出 \(money(p)) but " + tables + "; \(money(p - sum)) is not accounted for")
            return
        }
        let listed = others.reduce(Decimal(0)) { $0 + ($1.actual.value ?? 0) }
        let gap = p - sum - listed
        guard gap != 0 else { return }
        let names = others.map(\.name).joined(separator: ", ")
        let count = others.count
        add(
            .deptProjects, .info, line, .department,
            "部门整体: 项目支出 \(money(p)); " + tables + " and the 基础数据表 lists \(count) more "
                + "(\(names)) spending \(money(listed)); \(money(gap)) is not accounted for")
    }

    mutating func project(_ p: Project, index position: Int) {
        let name = p.name
        let index = Target.project(name)
        if let amounts = p.funds.amountRow, let scoring = p.funds.scoringRow, amounts.line != scoring.line {
            let (amountsLabel, amountsLine, scoringLabel) = (amounts.label, amounts.line, scoring.label)
            add(
                .layoutFundRows, .info, scoring.line, index,
                "\(name): amounts are on the \(Labels.bareName(amountsLabel)) row (line \(amountsLine)) but "
                    + "分值/执行率/得分 on the \(Labels.bareName(scoringLabel)) row"
            )
        }
        table(p.table, name: name, target: index, index: position)
        if let impl = p.implementer, impl.text.isEmpty {
            add(.cellMissing, .info, impl.line, index, "\(name): 实施单位 is blank")
        }
        if p.department?.text.isEmpty ?? true {
            add(.cellMissing, .warning, p.line, index, "\(name): 主管部门 is blank")
        }
        if let carry = p.funds.carriedOver, let amount = carry.executed.value, amount > 0,
            p.indicators.allSatisfy({ $0.deviation == nil })
        {
            add(
                .deviationCarryOver, .info, carry.line, index,
                "\(name): \(money(amount)) 上年结转资金 spent; no deviation explained")
        }
    }
}
