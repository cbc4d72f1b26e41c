import Foundation

/// The execution part of a score: 执行率 from the amounts and its points.
public struct ExecutionScore: Equatable, Sendable {
    public var executed: Decimal?
    public var denominator: Decimal?
    public var denominatorLabel: String
    /// nil when the denominator is zero or missing: shown as such, never NaN.
    public var rate: Decimal?
    public var weight: Decimal
    public var score: Decimal?
    public var reportedRate: Decimal?
    public var reportedScore: Decimal?
    public var reportedWeight: Decimal?

    public var problem: String? {
        if executed == nil { return "全年执行数 is blank" }
        if denominator == nil { return "\(denominatorLabel) is blank" }
        if denominator == 0 { return "\(denominatorLabel) is 0" }
        return nil
    }
}

/// How one indicator was scored.
public struct IndicatorScore: Equatable, Sendable {
    public enum Basis: Equatable, Sendable {
        /// Target and actual are numbers: scored by the rule.
        case computed(String)
        /// The actual (or target) is text such as 完成: the reported score is kept.
        case notVerifiable(String)
    }
    public var weight: Decimal?
    public var reported: Decimal?
    public var computed: Decimal?
    public var basis: Basis
    /// What the total counts: the computed score, else the reported one, else 0.
    public var effective: Decimal { computed ?? reported ?? 0 }
    public var isVerifiable: Bool { if case .computed = basis { return true }; return false }
    public var differs: Bool { computed != nil && computed != reported }
}

/// A project's or the department's recomputed score beside what was reported.
public struct ScoreCard: Equatable, Sendable {
    public var rules: String
    public var execution: ExecutionScore
    public var indicators: [IndicatorScore]
    public var indicatorTotal: Decimal
    public var total: Decimal
    public var grade: String?
    public var reportedTotal: Decimal?
    public var reportedGrade: String?
    public var capped: Bool
}

/// Scores under a rule set. Pure functions of the model: no state, no I/O.
public enum Scorer {
    public static func score(_ project: Project, rules: RuleSet) -> ScoreCard {
        card(funds: project.funds, indicators: project.indicators, reportedTotal: project.reportedTotal.value,
             denominator: rules.projectDenominator, rules: rules)
    }

    public static func score(_ department: Department, rules: RuleSet) -> ScoreCard {
        card(funds: department.funds, indicators: department.indicators, reportedTotal: department.reportedTotal.value,
             denominator: rules.departmentDenominator, rules: rules)
    }

    static func card(funds: Funds, indicators: [Indicator], reportedTotal: Decimal?, denominator: RuleSet.Denominator, rules: RuleSet) -> ScoreCard {
        let execution = self.execution(funds, denominator: denominator, rules: rules)
        let scores = indicators.map { indicator($0, rules: rules) }
        let indicatorTotal = scores.reduce(Decimal(0)) { $0 + $1.effective }
        var total = (execution.score ?? 0) + indicatorTotal
        var capped = false
        if let cap = rules.totalCap, total > cap { total = cap; capped = true }
        total = total.rounded(rules.rounding)
        return ScoreCard(rules: rules.name, execution: execution, indicators: scores, indicatorTotal: indicatorTotal,
                         total: total, grade: rules.grade(total), reportedTotal: reportedTotal,
                         reportedGrade: reportedTotal.flatMap(rules.grade), capped: capped)
    }

    /// 执行率 = 全年执行数 / the rule's denominator; score = weight × rate (capped at the weight).
    public static func execution(_ funds: Funds, denominator: RuleSet.Denominator, rules: RuleSet) -> ExecutionScore {
        let base = denominator == .fullYear ? funds.fullYear.value : funds.initial.value
        let label = denominator == .fullYear ? funds.budgetLabel : "年初预算数"
        var result = ExecutionScore(executed: funds.executed.value, denominator: base, denominatorLabel: label, rate: nil,
                                    weight: rules.executionWeight, score: nil, reportedRate: funds.reportedRate.value,
                                    reportedScore: funds.reportedScore.value, reportedWeight: funds.weight.value)
        guard let executed = funds.executed.value, let base, base != 0 else { return result }
        let rate = executed / base
        result.rate = rate
        let counted = rules.capExecution ? min(rate, 1) : rate
        result.score = (rules.executionWeight * counted).rounded(rules.rounding)
        return result
    }

    /// A quantitative indicator: full marks when the target is met, else actual/target × weight;
    /// a ≤ indicator the other way. Text actuals keep their reported score.
    public static func indicator(_ ind: Indicator, rules: RuleSet) -> IndicatorScore {
        var result = IndicatorScore(weight: ind.weight.value, reported: ind.score.value, computed: nil, basis: .notVerifiable(""))
        if ind.scoreIsFixed {
            result.basis = .notVerifiable("set in the scenario")
            return result
        }
        guard let w = ind.weight.value else {
            result.basis = .notVerifiable("分值 is blank")
            return result
        }
        guard let actual = Quantity.parse(ind.actual) else {
            result.basis = .notVerifiable(ind.actual == nil ? "实际完成值 is blank" : "text 实际完成值")
            return result
        }
        if let rule = DeductionRule.parse(ind.target) {
            let short = max(0, rule.target - actual.value)
            result.computed = max(0, w - rule.perUnit * short).rounded(rules.rounding)
            result.basis = .computed("target rule: −\(rule.perUnit.plain) per unit below \(rule.target.plain)")
            return result
        }
        guard let target = Quantity.parse(ind.target) else {
            result.basis = .notVerifiable("指标值 is text")
            return result
        }
        guard let a = actual.value(in: target.unit) else {
            result.basis = .notVerifiable("units differ (\(target.unit) / \(actual.unit))")
            return result
        }
        let t = target.value
        let score: Decimal
        let basis: String
        switch target.comparison {
        case .atLeast:
            if a >= t { score = w; basis = "≥ met" }
            else if t == 0 { score = w; basis = "≥ 0" }
            else { score = w * a / t; basis = "\(a.plain)/\(t.plain) × \(w.plain)" }
        case .atMost:
            if a <= t { score = w; basis = "≤ met" }
            else if rules.reverse == .mirror { score = w * t / a; basis = "≤ missed: \(t.plain)/\(a.plain) × \(w.plain)" }
            else { score = max(0, w * (1 - (a - t) / t)); basis = "≤ missed: linear deduction" }
        case .equal:
            if a == t { score = w; basis = "= met" }
            else { score = w * min(a, t) / max(a, t); basis = "= missed: \(min(a, t).plain)/\(max(a, t).plain) × \(w.plain)" }
        }
        result.computed = score.rounded(rules.rounding)
        result.basis = .computed(basis)
        return result
    }
}
