import Foundation
import JixiaoModel

/// Checks of the indicator tree: first-level weights against the table's template, each
/// indicator's cells and score, and full marks beside a reported shortfall.
extension Checker {
    mutating func indicatorChecks(
        name: String, _ indicators: [Indicator], card: ScoreCard, levelWeights: [String: Decimal],
        templateName: String, project: Target
    ) {
        let rulesName = rules.name
        var groups: [(String, Decimal?, [Indicator])] = []
        for ind in indicators {
            if let i = groups.firstIndex(where: { $0.0 == ind.level1 }) {
                groups[i].2.append(ind)
            } else {
                groups.append((ind.level1, ind.level1Weight, [ind]))
            }
        }
        for (level1, weight, members) in groups {
            let sum = members.reduce(Decimal(0)) { $0 + ($1.weight.value ?? 0) }
            if let weight, sum != weight {
                add(
                    .weightLevel1, .error, members.first?.line, project,
                    "\(name): \(level1) is worth \(points(weight)) but its indicators' 分值 add to \(points(sum))")
            }
            if let expected = levelWeights[level1], let weight, expected != weight {
                add(
                    .weightRules, .info, members.first?.line, project,
                    "\(name): \(level1) weighs \(points(weight)); \(templateName) expects \(points(expected))"
                        + (templateName == rulesName ? "" : " (this table's template)"))
            }
        }
        for (i, (ind, score)) in zip(indicators, card.indicators).enumerated() {
            let label = IndicatorLabel(table: name, number: i + 1, level3: ind.level3)
            for (figure, name) in [(ind.weight, "分值"), (ind.score, "得分")] where figure.isBlank {
                if Labels.isPlaceholder(figure.text) {
                    add(.cellMissing, .warning, ind.line, project, "\(label): \(name) is blank")
                } else {
                    let text = figure.text
                    add(
                        .cellUnreadable, .warning, figure.line ?? ind.line, project,
                        "\(label): \(name) is unreadable, holds '\(text)'")
                }
            }
            shortfallChecks(label: label, ind, card: card, project: project)
            if let s = ind.score.value, let w = ind.weight.value, s > w {
                add(
                    .scoreOverWeight, .error, ind.score.line ?? ind.line, project,
                    "\(label): 得分 \(points(s)) above its 分值 \(points(w))")
            }
            if score.differs, let computed = score.computed, case .computed(let basis) = score.basis {
                let full = ind.score.value == ind.weight.value
                let (target, actual, reported) = (ind.target ?? "", ind.actual ?? "", ind.score.value)
                add(
                    full ? .scoreFullDespiteShortfall : .scoreDiffers, full ? .error : .warning,
                    ind.score.line ?? ind.line, project,
                    "\(label): 指标值 \(target) vs 实际 \(actual): scored \(points(reported)), "
                        + "computed \(points(computed)) (\(basis))"
                )
            }
            if let s = ind.score.value, let w = ind.weight.value, s < w, ind.deviation == nil {
                add(
                    .deviationMissing, .warning, ind.line, project,
                    "\(label): scored \(points(s)) of \(points(w)) with no 偏差原因分析及改进措施")
            }
            if let year = filing.year, let target = ind.target, target.has("年") {
                for m in target.matches(of: Patterns.foreignYear) where Int(m.1) != year {
                    let named = String(m.1)
                    add(
                        .dateYear, .warning, ind.line, project,
                        "\(label): 指标值 '\(target)' names \(named) in a \(year)年度 filing")
                }
            }
        }
        let quantitativeText = zip(indicators, card.indicators).filter {
            Quantity.parse($0.0.target) != nil && !$0.1.isVerifiable && !Labels.isPlaceholder($0.0.actual ?? "")
        }
        if !quantitativeText.isEmpty {
            let names = quantitativeText.map { "\($0.0.level3) (\($0.0.target ?? "") → \($0.0.actual ?? ""))" }
                .joined(
                    separator: "; ")
            add(
                .actualText, .info, quantitativeText.first?.0.line, project,
                "\(name): \(quantitativeText.count) quantitative indicator(s) have a text 实际完成值 and cannot "
                    + "be "
                    + "verified: \(names)"
            )
        }
    }

    /// The rules whose first-level weights a table is judged by: the rules in force, unless the
    /// table itself follows the other template (成本指标 as a first-level indicator, or not).
    /// One filing may use the four-group template in its department table and the 2020 one in
    /// its project tables; each is judged by its own.
    static func template(of table: ScoredTable, rules: RuleSet) -> RuleSet {
        let weights = rules.levelWeights(for: table.kind)
        let tableHasCost = table.indicators.contains { $0.level1 == "成本指标" }
        let rulesHaveCost = weights.keys.contains("成本指标")
        guard !weights.isEmpty, !table.indicators.isEmpty, tableHasCost != rulesHaveCost else { return rules }
        return tableHasCost ? .hunanHengyang2023 : .cn2020
    }

    /// Words in a text 实际完成值 that report a shortfall.
    static let shortfallWords = ["超支", "超出", "未完成", "未达到", "延期", "滞后", "部分完成"]
    /// Words that show a 满意度 figure was measured.
    static let surveyWords = ["问卷", "调查", "调研", "抽样", "抽查", "回收", "测评", "访谈", "样本"]
    static let shortfallList = WordList(shortfallWords)
    static let surveyList = WordList(surveyWords)

    /// Full marks beside a text actual that reports a shortfall, a 成本指标 at full marks in a
    /// table that overspent, and a 满意度 claimed with no survey behind it.
    mutating func shortfallChecks(label: IndicatorLabel, _ ind: Indicator, card: ScoreCard, project: Target) {
        guard let w = ind.weight.value, ind.score.value == w else { return }
        let actual = ind.actual ?? ""
        let isCost = ind.level1.has("成本") || ind.level2.has("成本")
        if Self.shortfallList.occurs(in: actual),
            let word = Self.shortfallWords.first(where: { actual.has($0) && !actual.has("无" + $0) })
        {
            let overspent = card.execution.rate.map { isCost && $0 > 1 ? ", in a table that spent \($0.percent)" : "" }
            add(
                .actualShortfall, .warning, ind.score.line ?? ind.line, project,
                "\(label): 实际完成值 '\(actual)' reports a shortfall (\(word)) yet scores full marks "
                    + points(w)
                    + (overspent ?? ""))
        } else if isCost, let rate = card.execution.rate, rate > 1 {
            add(
                .actualShortfall, .warning, ind.score.line ?? ind.line, project,
                "\(label): a 成本指标 at full marks \(points(w)) while the table spent \(rate.percent) "
                    + "of its budget"
            )
        }
        let isSatisfaction = ind.level1.has("满意") || ind.level2.has("满意") || ind.level3.has("满意")
        let evidence = actual + (ind.deviation ?? "") + (ind.target ?? "")
        if isSatisfaction, !Self.surveyList.occurs(in: evidence),
            !reportsNameASurvey, Quantity.numberCount(Labels.norm(actual)) == 0 || actual.has("100")
        {
            add(
                .satisfactionUnsurveyed, .info, ind.line, project,
                "\(label): 满意度 '\(actual)' at full marks, but neither the table nor the reports say how it was "
                    + "surveyed or how many answered")
        }
    }
}

/// `劳模服务 indicator 3 及时开展`, as a finding names an indicator: kept as its parts and written
/// only when the finding's message is.
struct IndicatorLabel: CustomStringConvertible, Sendable {
    var table: String
    var number: Int
    var level3: String

    var description: String { "\(table) indicator \(number) \(level3)" }
}
