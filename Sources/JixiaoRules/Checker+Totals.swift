import Foundation
import JixiaoModel

/// Checks of a table's totals: weights adding up, 总分 against the scores and the recomputed
/// total, and full marks beside unspent money.
extension Checker {
    static func weightTotal(_ c: inout Checker) {
        let ruleWeight = c.rules.executionWeight
        c.eachTable { c, t in
            guard !t.indicators.isEmpty else { return }
            let indicators = t.indicators
            let weights = indicators.indices.sum { indicators[$0].weight.value }  // by index: not copied
            let execution = t.execution.reportedWeight ?? ruleWeight
            guard weights.plus(execution) != 100 else { return }
            let name = t.name
            c.add(
                t.indicators.first?.line, t.target,
                "\(name): weights add to \(points(weights + execution)) (indicators \(points(weights)) + execution "
                    + "\(points(execution))), not 100")
        }
    }

    /// The open intervals the 预算司 integer bands leave between them: (59, 60), (79, 80), (89, 90).
    static let bandGaps: [(Decimal, Decimal)] = [60, 80, 90].map { (Decimal($0 - 1), Decimal($0)) }

    static func gradeBoundary(_ c: inout Checker) {
        guard !c.rules.grades.isEmpty else { return }
        c.eachTable { c, t in
            let total = t.card.total
            guard !total.equals(total.rounded(0)),
                Self.bandGaps.contains(where: { total.exceeds($0) && total.isBelow($1) })
            else { return }
            let (name, grade) = (t.name, t.card.grade)
            c.add(
                t.table.reportedTotal.line ?? t.table.line, t.target,
                "\(name): computed total \(points(total)) falls between the 预算司 integer bands (优 90–100, "
                    + "良 80–89, 中 60–79); under the half-open bands it is \(grade ?? "—")")
        }
    }

    static func totalSum(_ c: inout Checker) {
        c.eachTable { c, t in
            guard let reported = t.table.reportedTotal.value else { return }
            let execution = t.execution.reportedScore ?? 0
            let indicators = t.indicators
            let sum = execution.plus(indicators.indices.sum { indicators[$0].score.value })  // by index: not copied
            guard !sum.equals(reported) else { return }
            let name = t.name
            c.add(
                t.table.reportedTotal.line, t.target,
                "\(name): 总分 \(points(reported)) ≠ \(points(sum)), the sum of the reported 得分 "
                    + "(execution \(points(execution)) + indicators \(points(sum - execution)))")
        }
    }

    static func totalDiffers(_ c: inout Checker) {
        let rulesName = c.rules.name
        c.eachTable { c, t in
            guard let reported = t.table.reportedTotal.value, !reported.equals(t.card.total),
                c.roundingExplanation(of: reported, in: t) == nil
            else { return }
            let (name, total, grade, reportedGrade) = (t.name, t.card.total, t.card.grade, t.card.reportedGrade)
            let grades = grade != reportedGrade ? "; grade \(reportedGrade ?? "—") → \(grade ?? "—")" : ""
            c.add(
                t.table.reportedTotal.line, t.target,
                "\(name): 总分 reported \(points(reported)), computed \(points(total)) under \(rulesName)\(grades)")
        }
    }

    static func totalRounding(_ c: inout Checker) {
        let rulesName = c.rules.name
        c.eachTable { c, t in
            guard let reported = t.table.reportedTotal.value, !reported.equals(t.card.total),
                let why = c.roundingExplanation(of: reported, in: t)
            else { return }
            let (name, total) = (t.name, t.card.total)
            c.add(
                t.table.reportedTotal.line, t.target,
                "\(name): 总分 \(points(reported)) against \(points(total)) under \(rulesName): \(why)")
        }
    }

    /// Why a reported total that differs from the computed one is still right by the filing's own
    /// arithmetic: the other rounding order of the execution score, or the filing's coarser
    /// precision (each score, or the total, rounded to the decimals the filing writes them in).
    func roundingExplanation(of reported: Decimal, in t: CheckedTable) -> String? {
        let card = t.card
        if let other = card.execution.otherOrderScore,
            (card.total - (card.execution.score ?? 0) + other).equals(reported)
        {
            return "it follows the other rounding order of the execution score"
        }
        guard card.rescaled.isEmpty, !card.capped, let places = t.scorePlaces, places >= 1, places < rules.rounding
        else { return nil }
        let each = card.indicators.reduce((card.execution.score ?? 0).rounded(places)) {
            $0.plus($1.effective.rounded(places))
        }
        guard each.equals(reported) || card.total.rounded(places).equals(reported) else { return nil }
        let step = Decimal(sign: .plus, exponent: -places, significand: 1)
        return "the filing rounds scores to \(step.plain)"
    }

    /// Execution below the rule set's threshold while every indicator has full marks and no
    /// 偏差原因 is given anywhere in the table.
    static func deviationShortfall(_ c: inout Checker) {
        let threshold = c.rules.deviationRate
        c.eachTable { c, t in
            guard let rate = t.execution.rate, rate.isBelow(threshold), !t.indicators.isEmpty else { return }
            // By index: `allSatisfy` and `contains` copied each indicator to look at two of its cells.
            let indicators = t.indicators
            let allFull = indicators.indices.allSatisfy { i in
                indicators[i].score.value != nil && indicators[i].score.value == indicators[i].weight.value
            }
            let explained = indicators.indices.contains { indicators[$0].deviation != nil } || t.funds.deviation != nil
            guard allFull, !explained else { return }
            let unspent = (t.execution.denominator ?? 0).minus(t.execution.executed ?? 0)
            let name = t.name
            c.add(
                t.fundLine, t.target,
                "\(name): 执行率 \(rate.percent) (\(amount(unspent)) unspent), below \(threshold.percent), yet eve"
                    + "ry "
                    + "indicator has full marks and no 偏差原因 is given")
        }
    }
}
