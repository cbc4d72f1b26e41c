import Foundation
import JixiaoModel

/// Scores under a rule set. Pure functions of the model: no state, no I/O.
public enum Scorer {
    /// A project's or the department's table scored under `rules`.
    public static func score(_ table: ScoredTable, rules: RuleSet) -> ScoreCard {
        score(table, rules: rules, read: Quantity.Read.each(table))
    }

    /// `score` with the table's indicators already read as quantities, one `read` each.
    static func score(_ table: ScoredTable, rules: RuleSet, read: [Quantity.Read]) -> ScoreCard {
        let execution = self.execution(table.funds, denominator: rules.denominator(for: table.kind), rules: rules)
        // The cells scoring reads, taken from each indicator where it stands: handed whole (or
        // zipped), each indicator was copied, its strings retained and released.
        let indicators = table.indicators
        let scores = (0..<min(indicators.count, read.count)).map { i in
            let cells = ScoringCells(
                weight: indicators[i].weight.value, reported: indicators[i].score.value,
                isFixed: indicators[i].scoreIsFixed, hasActual: indicators[i].actual != nil,
                target: indicators[i].target)
            return indicator(cells, rules: rules, read: read[i])
        }
        let reportedTotal = table.reportedTotal.value
        let rescaled = rescaling(table, rules: rules)
        var indicatorTotal = Decimal(0)
        for i in scores.indices {  // by index: `enumerated()` copied each score to read one figure
            // Most rule sets rescale nothing: the search's closure is not even made then (2 M
            // instructions on 300 filings).
            let scale = rescaled.isEmpty ? nil : rescaled.first { group($0.group, holds: indicators[i].level1) }
            let effective = scores[i].effective
            indicatorTotal = indicatorTotal.plus(
                scale.map { (effective * $0.rule).dividedExactly(by: $0.filed) } ?? effective)
        }
        indicatorTotal = indicatorTotal.rounded(rules.rounding)
        var total = (execution.score ?? 0).plus(indicatorTotal)
        var capped = false
        if let cap = rules.totalCap, total.exceeds(cap) {
            total = cap
            capped = true
        }
        total = total.rounded(rules.rounding)
        var card = ScoreCard(
            rules: rules.name, execution: execution, indicators: scores, indicatorTotal: indicatorTotal,
            total: total, grade: rules.grade(total), reportedTotal: reportedTotal,
            reportedGrade: reportedTotal.flatMap(rules.grade), capped: capped)
        card.rescaled = rescaled
        return card
    }

    /// Whether a rescale group (`效益指标+满意度指标`, or empty for all) holds a first-level name.
    static func group(_ group: String, holds level1: String) -> Bool {
        group.isEmpty || group.split(separator: "+").contains { $0 == level1 }
    }

    /// How a table's indicator points map onto the rules' when the two differ: a filing built
    /// for 90 indicator points (10 for execution) scored under rules that give indicators 80
    /// has each score × 80/90, per first-level group where the rules weigh the groups. Weights
    /// that do not add up to a template's total are left alone: the checks report them.
    static func rescaling(_ table: ScoredTable, rules: RuleSet) -> [Rescale] {
        let ruleTotal = (rules.totalCap ?? 100).minus(rules.executionWeight)
        // The indicators' cells read by index: the sums and tests over the array copied each indicator.
        let indicators = table.indicators
        let filed = indicators.indices.sum { indicators[$0].weight.value }
        guard filed.isPositive, filed != ruleTotal else { return [] }
        let filedExecution = table.funds.weight.value
        guard filed.plus(filedExecution ?? Decimal(100).minus(filed)) == 100,
            filed == 90 || filed == 80 || filedExecution != nil
        else { return [] }
        let weights = table.kind == .project ? rules.projectWeights : rules.departmentWeights
        let everyGrouped = indicators.indices.allSatisfy { i in
            weights.keys.contains { $0 != "" && group($0, holds: indicators[i].level1) }
        }
        guard everyGrouped, !weights.isEmpty else { return [Rescale(group: "", filed: filed, rule: ruleTotal)] }
        return weights.keys.sorted().compactMap { name in
            let groupFiled = indicators.indices.filter { group(name, holds: indicators[$0].level1) }
                .sum { indicators[$0].weight.value }
            guard let rule = weights[name], groupFiled.isPositive, groupFiled != rule else { return nil }
            return Rescale(group: name, filed: groupFiled, rule: rule)
        }
    }

    /// 执行率 = 全年执行数 / the rule's denominator; score = weight × rate (capped at the weight).
    public static func execution(_ funds: Funds, denominator: RuleSet.Denominator, rules: RuleSet) -> ExecutionScore {
        var base = denominator == .fullYear ? funds.fullYear.value : funds.initial.value
        var label = denominator == .fullYear ? funds.budgetLabel : "年初预算数"
        var fallback: String?
        // An undefined 年初 basis is never a silent 0: the rate falls back to 全年预算数, said so.
        if denominator == .initial, base == nil || base == 0, rules.initialFallsBackToFullYear,
            let full = funds.fullYear.value, full != 0
        {
            fallback = base == nil ? "年初预算数 is blank" : "年初预算数 is 0"
            (base, label) = (full, funds.budgetLabel)
        }
        var result = ExecutionScore(
            executed: funds.executed.value, denominator: base, denominatorLabel: label, weight: rules.executionWeight,
            reportedRate: funds.reportedRate.value, reportedScore: funds.reportedScore.value,
            reportedWeight: funds.weight.value)
        result.fallback = fallback
        guard let executed = funds.executed.value, let base, base != 0 else { return result }
        let rate = executed.dividedExactly(by: base)
        result.rate = rate
        func score(roundingFirst: Bool) -> Decimal {
            let used = roundingFirst ? rate.rounded(4) : rate
            let counted = rules.capExecution && used.exceeds(1) ? 1 : used  // min(used, 1)
            return rules.executionWeight.times(counted).rounded(rules.rounding)
        }
        // A rate is rounded first only where the table shows one: without it, nothing was multiplied.
        let roundFirst = rules.roundRateFirst && funds.reportedRate.value != nil
        result.score = score(roundingFirst: roundFirst)
        let other = score(roundingFirst: !roundFirst)
        if other != result.score { result.otherOrderScore = other }
        return result
    }

    /// A quantitative indicator: full marks when the target is met, else actual/target × weight;
    /// a ≤ indicator the other way. Text actuals keep their reported score.
    public static func indicator(_ ind: Indicator, rules: RuleSet) -> IndicatorScore {
        indicator(ind, rules: rules, read: Quantity.Read(ind))
    }

    /// What scoring reads of an indicator besides its quantities.
    struct ScoringCells {
        var weight: Decimal?
        var reported: Decimal?
        var isFixed: Bool
        var hasActual: Bool
        var target: String?
    }

    /// `indicator` with its 指标值 and 实际完成值 already read as quantities.
    static func indicator(_ ind: Indicator, rules: RuleSet, read: Quantity.Read) -> IndicatorScore {
        indicator(ScoringCells(ind), rules: rules, read: read)
    }

    static func indicator(_ ind: ScoringCells, rules: RuleSet, read: Quantity.Read) -> IndicatorScore {
        var result = IndicatorScore(weight: ind.weight, reported: ind.reported, basis: .notVerifiable(""))
        if ind.isFixed {
            result.basis = .notVerifiable("set in the scenario")
            return result
        }
        guard let w = ind.weight else {
            result.basis = .notVerifiable("分值 is blank")
            return result
        }
        guard let actual = read.actual else {
            result.basis = .notVerifiable(ind.hasActual ? "text 实际完成值" : "实际完成值 is blank")
            return result
        }
        if let rule = DeductionRule.parse(ind.target) {
            let short = max(0, rule.target - actual.value)
            result.computed = max(0, w - rule.perUnit * short).rounded(rules.rounding)
            result.basis = .computed("target rule: −\(rule.perUnit.plain) per unit below \(rule.target.plain)")
            return result
        }
        guard let target = read.target else {
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
            if t.isAtMost(a) {
                score = w
                basis = "≥ met"
            } else if t == 0 {
                score = w
                basis = "≥ 0"
            } else {
                score = (w * a).dividedExactly(by: t)
                basis = "\(a.plain)/\(t.plain) × \(w.plain)"
            }
        case .atMost:
            if a.isAtMost(t) {
                score = w
                basis = "≤ met"
            } else if rules.reverse == .mirror {
                score = (w * t).dividedExactly(by: a)
                basis = "≤ missed: \(t.plain)/\(a.plain) × \(w.plain)"
            } else if t == 0 {
                score = 0
                basis = "≤ 0 missed"
            } else {
                score = max(0, w * (1 - (a - t).dividedExactly(by: t)))
                basis = "≤ missed: linear deduction"
            }
        case .equal:
            if a == t {
                score = w
                basis = "= met"
            } else {
                score = (w * min(a, t)).dividedExactly(by: max(a, t))
                basis = "= missed: \(min(a, t).plain)/\(max(a, t).plain) × \(w.plain)"
            }
        }
        result.computed = score.rounded(rules.rounding)
        result.basis = .computed(basis)
        return result
    }
}

extension Scorer.ScoringCells {
    init(_ ind: Indicator) {
        self.init(
            weight: ind.weight.value, reported: ind.score.value, isFixed: ind.scoreIsFixed,
            hasActual: ind.actual != nil, target: ind.target)
    }
}
