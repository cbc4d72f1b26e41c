import Foundation
import JixiaoModel

/// Checks of a table's totals: weights adding up, 总分 against the scores, full marks
/// beside unspent money.
extension Checker {
    /// 总分: reported against the sum of the reported scores, and against the computed total.
    mutating func totals(
        name: String, indicators: [Indicator], reportedTotal: Figure, card: ScoreCard, project: Target, line: Int
    ) {
        let (rulesName, total, grade) = (rules.name, card.total, card.grade)
        let weights = indicators.reduce(Decimal(0)) { $0 + ($1.weight.value ?? 0) }
        let execWeight = card.execution.reportedWeight ?? rules.executionWeight
        if weights + execWeight != 100 && !indicators.isEmpty {
            add(
                .weightTotal, .warning, indicators.first?.line, project,
                "\(name): weights add to \(points(weights + execWeight)) (indicators \(points(weights)) + execution "
                    + "\(points(execWeight))), not 100"
            )
        }
        let whole = card.total.rounded(0)
        if card.total != whole, [Decimal(60), 80, 90].contains(where: { card.total > $0 - 1 && card.total < $0 }),
            !rules.grades.isEmpty
        {
            add(
                .gradeBoundary, .info, reportedTotal.line ?? line, project,
                "\(name): computed total \(points(total)) falls between the 预算司 integer bands (优 90–100, "
                    + "良 80–89, 中 60–79); under the half-open bands it is \(grade ?? "—")"
            )
        }
        guard let reported = reportedTotal.value else {
            let (text, what) = (reportedTotal.text, reportedTotal.line == nil ? "row" : "value")
            if !Labels.isPlaceholder(text) {
                add(
                    .cellUnreadable, .warning, reportedTotal.line ?? line, project,
                    "\(name): 总分 is unreadable, holds '\(text)'; total.sum and total.differs could "
                        + "not run (computed total \(points(total)))")
                return
            }
            add(
                .cellMissing, project == .department ? .info : .warning, reportedTotal.line ?? line, project,
                "\(name): no 总分 \(what); computed total \(points(total))\(grade.map { " (\($0))" } ?? "")"
            )
            return
        }
        let execution = card.execution.reportedScore ?? 0
        let reportedSum = execution + indicators.reduce(Decimal(0)) { $0 + ($1.score.value ?? 0) }
        if reportedSum != reported {
            add(
                .totalSum, .error, reportedTotal.line, project,
                "\(name): 总分 \(points(reported)) ≠ \(points(reportedSum)), the sum of the reported 得分 "
                    + "(execution \(points(execution)) + indicators \(points(reportedSum - execution)))"
            )
        }
        let otherOrderTotal = card.execution.otherOrderScore.map { card.total - (card.execution.score ?? 0) + $0 }
        if total != reported, reported == otherOrderTotal {
            add(
                .totalDiffers, .info, reportedTotal.line, project,
                "\(name): 总分 \(points(reported)) follows the other rounding order of the execution score; "
                    + "\(rulesName) computes \(points(total))")
        } else if total != reported {
            let reportedGrade = card.reportedGrade
            let grades = grade != reportedGrade ? "; grade \(reportedGrade ?? "—") → \(grade ?? "—")" : ""
            add(
                .totalDiffers, .error, reportedTotal.line, project,
                "\(name): 总分 reported \(points(reported)), computed \(points(total)) under \(rulesName)\(grades)")
        }
    }

    /// Full marks beside a shortfall: execution below 100% or money carried over, every
    /// indicator at full marks and no 偏差原因 anywhere.
    mutating func shortfall(
        name: String, funds: Funds, indicators: [Indicator], card: ScoreCard, project: Target, line: Int
    ) {
        guard let rate = card.execution.rate, rate < 1, !indicators.isEmpty else { return }
        let allFull = indicators.allSatisfy { $0.score.value != nil && $0.score.value == $0.weight.value }
        let explained = indicators.contains { $0.deviation != nil } || funds.deviation != nil
        if allFull && !explained {
            let unspent = (card.execution.denominator ?? 0) - (card.execution.executed ?? 0)
            add(
                .deviationShortfall, .warning, line, project,
                "\(name): 执行率 \(rate.percent) (\(money(unspent)) unspent) yet every indicator has full marks and "
                    + "no "
                    + "偏差原因 is given"
            )
        }
    }
}
