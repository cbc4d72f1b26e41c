import JixiaoModel

/// Every consistency check, in the order they run and `help check` lists them. A new check is a
/// function in one of the `Checker+*.swift` files, its id below and one line in `all`.
public enum Checks {
    public static let all: [Check] = tables + indicators + department + basic + reports + county

    static let tables: [Check] = [
        Check(
            .fundsSum, .error, reads: [.projects, .department],
            "年度资金总额 ≠ the sum of its source rows, "
                + "column by column (a 0 total beside amounts in its 其中 rows too)", Checker.fundsSum),
        Check(
            .rateDiffers, .error, reads: [.projects, .department],
            "reported 执行率 ≠ 全年执行数 / the rule set's budget column", Checker.rateDiffers),
        Check(
            .rateUndefined, .warning, reads: [.projects, .department],
            "执行率 cannot be computed: 全年执行数 or the budget blank or 0", Checker.rateUndefined),
        Check(
            .rateBasis, .info, reads: [.projects, .department],
            "the rule set's basis 年初预算数 is 0 or blank: 全年预算数 was used", Checker.rateBasis),
        Check(
            .rateOver, .warning, reads: [.projects, .department],
            "spending above the budget (执行率 over 100%)", Checker.rateOver),
        Check(
            .scoreDiffers, .error, reads: [.projects, .department],
            "reported execution 得分 ≠ 分值 × 执行率 under the rule set", Checker.scoreDiffers),
        Check(
            .scoreOrder, .info, reads: [.projects, .department],
            "execution 得分 that multiplies the rate in the other rounding order", Checker.scoreOrder),
        Check(
            .scoreMissing, .error, reads: [.projects, .department],
            "execution 分值/得分 blank, with the score the rule set gives", Checker.scoreMissing),
        Check(
            .scoreOverWeight, .error, reads: [.projects, .department],
            "a 得分 above its 分值 (execution or indicator)", Checker.scoreOverWeight),
        Check(
            .weightRules, .info, reads: [.projects, .department],
            "execution or first-level weights unlike the rule set's (or the table's template)", Checker.weightRules),
        Check(
            .weightLevel1, .error, reads: [.projects, .department],
            "an 一级指标's weight ≠ the sum of its indicators' 分值", Checker.weightLevel1),
        Check(
            .weightTotal, .warning, reads: [.projects, .department],
            "indicator and execution weights that do not make 100", Checker.weightTotal),
        Check(
            .totalSum, .error, reads: [.projects, .department],
            "总分 ≠ the sum of the reported 得分", Checker.totalSum),
        Check(
            .totalDiffers, .error, reads: [.projects, .department],
            "总分 ≠ the recomputed total, by more than the filing's rounding explains", Checker.totalDiffers),
        Check(
            .totalRounding, .info, reads: [.projects, .department],
            "总分 that differs from the recomputed total only by the filing's own rounding", Checker.totalRounding),
        Check(
            .gradeBoundary, .info, reads: [.projects, .department],
            "a total such as 89.5 that the 预算司 integer bands leave undefined", Checker.gradeBoundary),
        Check(
            .deviationShortfall, .warning, reads: [.projects, .department],
            "执行率 below the rule set's threshold, every indicator at full marks, no 偏差原因",
            Checker.deviationShortfall),
        Check(
            .budgetAdjusted, .warning, reads: [.projects, .department, .basic, .narrative],
            "全年预算数 above 年初预算数 with no adjustment explained", Checker.budgetAdjusted),
        Check(
            .cellRequired, .warning, reads: [.projects, .department],
            "a required cell blank: 分值, 得分, 主管部门, a project's 总分", Checker.cellRequired),
        Check(
            .cellMissing, .info, reads: [.projects, .department, .basic, .narrative],
            "a blank cell the checks can do without: 执行率, 实施单位, 控制率, 部门 总分, 签字",
            Checker.cellMissing),
        Check(
            .cellUnreadable, .warning, reads: [.projects, .department],
            "a 分值, 得分 or 总分 holding text that is no number", Checker.cellUnreadable),
        Check(
            .layoutFundRows, .info, reads: [.projects],
            "amounts on one fund row, 分值/执行率/得分 on another", Checker.layoutFundRows),
        Check(
            .tableYear, .warning, reads: [.projects, .department],
            "a table titled for another year than the filing's", Checker.tableYear),
    ]

    static let indicators: [Check] = [
        Check(
            .scoreIndicator, .warning, reads: [.projects, .department],
            "a quantitative indicator scored otherwise than its rule computes", Checker.scoreIndicator),
        Check(
            .scoreFullDespiteShortfall, .error, reads: [.projects, .department],
            "full marks for a quantitative target that was missed", Checker.scoreFullDespiteShortfall),
        Check(
            .deviationMissing, .warning, reads: [.projects, .department],
            "a deduction above the threshold, or a result below it, with no 偏差原因", Checker.deviationMissing),
        Check(
            .deviationEmpty, .warning, reads: [.projects, .department],
            "a deduction explained by nothing (略, 无, 已完成) or with no 改进措施", Checker.deviationEmpty),
        Check(
            .dateYear, .warning, reads: [.projects, .department],
            "a target date in another year than the filing's", Checker.dateYear),
        Check(
            .actualText, .info, reads: [.projects, .department],
            "quantitative targets with a text 实际完成值, which cannot be verified", Checker.actualText),
        Check(
            .actualShortfall, .warning, reads: [.projects, .department],
            "full marks beside a text 实际完成值 reporting a shortfall, or a 成本指标 in a table that oversp"
                + "ent",
            Checker.actualShortfall),
        Check(
            .satisfactionUnsurveyed, .info, reads: [.projects, .department, .narrative],
            "a 满意度 at full marks with no survey of its subject named", Checker.satisfactionUnsurveyed),
        Check(
            .targetTooEasy, .info, reads: [.projects, .department],
            "a result far beyond its target: a target set too low", Checker.targetTooEasy),
        Check(
            .costUnquantified, .warning, reads: [.projects, .department],
            "a 成本指标 with no amount, or a ceiling as large as the budget itself", Checker.costUnquantified),
        Check(
            .deviationCarryOver, .info, reads: [.projects],
            "上年结转资金 spent and no deviation explained", Checker.deviationCarryOver),
    ]

    static let department: [Check] = [
        Check(
            .deptExpenditure, .error, reads: [.department],
            "基本支出 + 项目支出 ≠ 全年执行数", Checker.deptExpenditure),
        Check(
            .deptIncome, .error, reads: [.department],
            "income by source that adds to neither the budget nor the spending", Checker.deptIncome),
        Check(
            .deptProjects, .info, reads: [.department, .projects, .basic],
            "项目支出 the project tables and the 基础数据表's other rows leave unaccounted for",
            Checker.deptProjects),
        Check(
            .deptProjectsOver, .warning, reads: [.department, .projects],
            "project tables that spent more than the department's 项目支出", Checker.deptProjectsOver),
        Check(
            .deptBasicOverspend, .warning, reads: [.department, .basic],
            "基本支出 above its implied budget (全年预算数 less 项目支出 预算)",
            Checker.deptBasicOverspend),
        Check(
            .costClaim, .warning, reads: [.department, .basic],
            "a 成本指标 claiming no overrun at full marks while 公用经费 ran over", Checker.costClaim),
        Check(
            .layoutDuplicate, .info, reads: [.department],
            "a label that appears twice in the funds breakdown", Checker.layoutDuplicate),
    ]

    static let basic: [Check] = [
        Check(.basicSum, .error, reads: [.basic], "基础数据表 groups against their rows", Checker.basicSum),
        Check(
            .controlRate, .error, reads: [.basic],
            "a reported 控制率 ≠ 在职 / 编制", Checker.controlRate),
        Check(.controlStaff, .warning, reads: [.basic], "在职人数 above 编制数", Checker.controlStaff),
        Check(
            .controlSpend, .warning, reads: [.basic],
            "公用经费 or 三公经费 决算 above 预算", Checker.controlSpend),
        Check(
            .controlProcurement, .warning, reads: [.basic],
            "政府采购 决算 above 预算", Checker.controlProcurement),
        Check(
            .controlUnbudgeted, .warning, reads: [.basic],
            "a 决算 with no 预算: the control rate is undefined", Checker.controlUnbudgeted),
        Check(
            .controlChange, .info, reads: [.basic],
            "三公经费变动率 undefined: the prior year's 决算 is 0", Checker.controlChange),
        Check(
            .nameMismatch, .warning, reads: [.basic, .projects],
            "one project named two ways in the 基础数据表 and its table", Checker.nameMismatch),
        Check(
            .basicMissingProject, .warning, reads: [.basic, .projects],
            "a project table with no row in the 基础数据表's 项目支出", Checker.basicMissingProject),
        Check(
            .basicProject, .warning, reads: [.basic, .projects],
            "a 基础数据表 project row's 预算 or 决算 ≠ the project table's", Checker.basicProject),
        Check(
            .summaryRow, .error, reads: [.summary, .projects],
            "an 汇总表 row's amounts, 执行率 or 自评得分 ≠ its project table's", Checker.summaryRow),
        Check(
            .summaryNoTable, .info, reads: [.summary, .projects],
            "an 汇总表 row with no project table", Checker.summaryNoTable),
        Check(
            .summaryTotal, .error, reads: [.summary], "an 汇总表's 合计 ≠ the sum of its rows",
            Checker.summaryTotal),
    ]

    static let reports: [Check] = [
        Check(
            .narrativeFigure, .warning, reads: [.narrative, .projects, .department],
            "an amount, rate or score in a report that its table contradicts", Checker.narrativeFigure),
        Check(
            .staffNarrative, .warning, reads: [.narrative, .basic],
            "编制 or 在职 in the narrative ≠ the 基础数据表", Checker.staffNarrative),
        Check(
            .narrativeBasicSpend, .warning, reads: [.narrative, .department],
            "a 基本支出 paragraph that quotes the whole year's spending", Checker.narrativeBasicSpend),
        Check(
            .narrativeClaim, .warning, reads: [.narrative, .projects],
            "a report that claims 100% while the projects fell short", Checker.narrativeClaim),
        Check(
            .templateText, .warning, reads: [.narrative, .projects, .department],
            "prompt text of the blank form left in (请简要说明…, （如有）, XX万元)", Checker.templateText),
        // Last: it asks whether the checks before it found anything.
        Check(
            .narrativeNoProblems, .info, reads: [.narrative],
            "存在的问题 says 无 although the checks run find problems", Checker.narrativeNoProblems),
    ]

    /// Checks of the loaded county rather than of one filing: the shell runs them.
    static let county: [Check] = [
        Check(
            .filingDuplicateUnitYear, .warning, reads: [.county],
            "one unit filing more than once for one year among the loaded filings", { _ in })
    ]
}

extension CheckID {
    static let fundsSum = CheckID("funds.sum")
    static let rateDiffers = CheckID("rate.differs")
    static let rateUndefined = CheckID("rate.undefined")
    static let rateBasis = CheckID("rate.basis")
    static let rateOver = CheckID("rate.over")
    static let scoreDiffers = CheckID("score.differs")
    static let scoreOrder = CheckID("score.order")
    static let scoreMissing = CheckID("score.missing")
    static let scoreOverWeight = CheckID("score.overWeight")
    static let weightRules = CheckID("weight.rules")
    static let weightLevel1 = CheckID("weight.level1")
    static let weightTotal = CheckID("weight.total")
    static let totalSum = CheckID("total.sum")
    static let totalDiffers = CheckID("total.differs")
    static let totalRounding = CheckID("total.rounding")
    static let gradeBoundary = CheckID("grade.boundary")
    static let deviationShortfall = CheckID("deviation.shortfall")
    static let budgetAdjusted = CheckID("budget.adjusted")
    static let cellRequired = CheckID("cell.required")
    static let cellMissing = CheckID("cell.missing")
    static let cellUnreadable = CheckID("cell.unreadable")
    static let layoutFundRows = CheckID("layout.fundRows")
    static let tableYear = CheckID("table.year")
    static let scoreIndicator = CheckID("score.indicator")
    static let scoreFullDespiteShortfall = CheckID("score.fullDespiteShortfall")
    static let deviationMissing = CheckID("deviation.missing")
    static let deviationEmpty = CheckID("deviation.empty")
    static let dateYear = CheckID("date.year")
    static let actualText = CheckID("actual.text")
    static let actualShortfall = CheckID("actual.shortfall")
    static let satisfactionUnsurveyed = CheckID("satisfaction.unsurveyed")
    static let targetTooEasy = CheckID("target.tooEasy")
    static let costUnquantified = CheckID("cost.unquantified")
    static let deviationCarryOver = CheckID("deviation.carryOver")
    static let deptExpenditure = CheckID("dept.expenditure")
    static let deptIncome = CheckID("dept.income")
    static let deptProjects = CheckID("dept.projects")
    static let deptProjectsOver = CheckID("dept.projectsOver")
    static let deptBasicOverspend = CheckID("dept.basicOverspend")
    static let costClaim = CheckID("cost.claim")
    static let layoutDuplicate = CheckID("layout.duplicate")
    static let basicSum = CheckID("basic.sum")
    static let controlRate = CheckID("control.rate")
    static let controlStaff = CheckID("control.staff")
    static let controlSpend = CheckID("control.spend")
    static let controlProcurement = CheckID("control.procurement")
    static let controlUnbudgeted = CheckID("control.unbudgeted")
    static let controlChange = CheckID("control.change")
    static let nameMismatch = CheckID("name.mismatch")
    static let basicMissingProject = CheckID("basic.missingProject")
    static let basicProject = CheckID("basic.project")
    static let summaryRow = CheckID("summary.row")
    static let summaryNoTable = CheckID("summary.noTable")
    static let summaryTotal = CheckID("summary.total")
    static let narrativeFigure = CheckID("narrative.figure")
    static let staffNarrative = CheckID("staff.narrative")
    static let narrativeBasicSpend = CheckID("narrative.basicSpend")
    static let narrativeClaim = CheckID("narrative.claim")
    static let templateText = CheckID("template.text")
    static let narrativeNoProblems = CheckID("narrative.noProblems")
    public static let filingDuplicateUnitYear = CheckID("filing.duplicateUnitYear")
}
