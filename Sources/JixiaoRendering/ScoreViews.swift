import Foundation
import JixiaoModel

/// Views of recomputed scores and findings.
package enum ScoreViews {
    static func mark(_ differs: Bool) -> String { differs ? "*" : "" }
    static func shown(_ value: Decimal?) -> String { value.map(points) ?? "blank" }

    /// One project's or the department's card: reported beside computed, differences marked `*`.
    package static func card(
        _ card: ScoreCard, title: String, rules: RuleSet, indicators: [Indicator], detailed: Bool
    ) -> String {
        let e = card.execution
        var out = "\(title), rules \(card.rules)\n"
        var table = Table(["", "", "reported", "computed", "basis"], align: [.left, .left, .right, .right, .left])
        table.footer = false
        let rateText = e.rate.map { $0.percent } ?? "n/a"
        let rateBasis = e.problem ?? "\(money(e.executed)) / \(money(e.denominator)) \(e.denominatorLabel)"
        let rateDiffers = e.rate != nil && e.reportedRate != nil && e.reportedRate?.rounded(4) != e.rate?.rounded(4)
        table.add([mark(rateDiffers), "执行率", e.reportedRate.map { $0.percent } ?? "blank", rateText, rateBasis])
        let scoreBasis =
            e.score == nil
            ? "n/a"
            : "\(points(e.weight)) × \((rules.capExecution ? min(e.rate ?? 0, 1) : e.rate ?? 0).percent)"
                + (e.reportedWeight.map { $0 != e.weight ? " (filed 分值 \(points($0)))" : "" }
                    ?? " (分值 blank: the rules' \(points(e.weight)))")
        table.add([
            mark(e.score != e.reportedScore), "执行得分", shown(e.reportedScore), e.score.map(points) ?? "n/a",
            scoreBasis,
        ])
        let verifiable = card.indicators.filter(\.isVerifiable).count
        let reportedIndicators = indicators.reduce(Decimal(0)) { $0 + ($1.score.value ?? 0) }
        var indicatorBasis =
            "\(card.indicators.count) indicators: \(verifiable) recomputed, \(card.indicators.count - verifiable) kept "
            + "as reported"
        if !card.rescaled.isEmpty {
            let parts = card.rescaled.map { r in
                (r.group.isEmpty ? "" : r.group + " ") + "\(points(r.filed)) → \(points(r.rule))"
            }
            indicatorBasis += "; rescaled to the rules' points: " + parts.joined(separator: ", ")
        }
        table.add([
            mark(reportedIndicators != card.indicatorTotal), "指标得分", points(reportedIndicators),
            points(card.indicatorTotal), indicatorBasis,
        ])
        table.add([
            mark(card.total != card.reportedTotal), "总分", shown(card.reportedTotal), points(card.total),
            card.capped ? "capped at the rules' maximum" : "执行得分 + 指标得分",
        ])
        table.add([
            mark(card.grade != card.reportedGrade), "等级", card.reportedGrade ?? "—", card.grade ?? "—",
            card.grade == nil ? "these rules set no grades" : bands(rules.grades),
        ])
        out += table.render()
        guard detailed, !indicators.isEmpty else { return out }
        var rows = Table(
            ["", "#", "三级指标", "指标值", "实际完成值", "分值", "得分", "computed", "basis"],
            align: [.left, .right, .left, .left, .left, .right, .right, .right, .left])
        rows.maxCellWidth = 24
        rows.unlimited = [8]
        rows.footer = false
        for (i, (ind, score)) in zip(indicators, card.indicators).enumerated() {
            let basis: String
            switch score.basis {
            case .computed(let b): basis = b
            case .notVerifiable(let why): basis = "not verifiable: " + why
            }
            rows.add([
                mark(score.differs), "\(i + 1)", ind.level3, ind.target ?? "", ind.actual ?? "",
                points(ind.weight.value),
                shown(ind.score.value), score.computed.map(points) ?? "kept", basis,
            ])
        }
        return out + "\n" + rows.render()
    }

    /// `recompute all`: one row per project and the department.
    package static func summary(_ cards: [(target: Target, name: String, card: ScoreCard)], rules: String) -> String {
        var table = Table(
            ["", "#", "项目", "执行率", "执行得分", "总分 reported", "总分 computed", "等级"],
            align: [.left, .right, .left, .right, .right, .right, .right, .left])
        for (i, (target, name, card)) in cards.enumerated() {
            let differs = card.total != card.reportedTotal || card.execution.score != card.execution.reportedScore
            table.add([
                mark(differs), target == .department ? "dept" : "\(i + 1)", name,
                card.execution.rate.map { $0.percent } ?? "n/a",
                card.execution.score.map(points) ?? "n/a", shown(card.reportedTotal), points(card.total),
                [card.reportedGrade ?? "—", card.grade ?? "—"].joined(separator: " → "),
            ])
        }
        return "rules \(rules); * marks a figure that differs from the filing\n" + table.render()
    }

    /// `place` names where a line is (`Filing.place`): the line itself, or a workbook's sheet and cell.
    /// Findings as a table with their ids (`F3`) as `check` numbered them, for filters and exports.
    package static func findingListing(
        _ findings: [(offset: Int, element: Finding)], file: String, place: FilingViews.Place
    ) -> Listing {
        var listing = Listing([
            .init("id"), .init("severity"), .init("line", [], .right, kind: .integer), .init("位置", ["location"]),
            .init("check", ["check_id"]), .init("说明", ["finding", "message"]),
        ])
        listing.columns[2].onScreen = false
        for (i, f) in findings {
            let rank = Decimal(f.severity == .error ? 0 : f.severity == .warning ? 1 : 2)
            let line = Listing.Cell(f.line.map(String.init) ?? "", number: f.line.map { Decimal($0) })
            let location = f.line.map { "\(file):\(place($0))" } ?? file
            listing.rows.append([
                .init("F\(i + 1)"), .init(f.severity.rawValue, number: rank), line, .init(location),
                .init(f.check.rawValue), .init(f.message),
            ])
        }
        return listing
    }

    package static func findings(
        _ numbered: [(offset: Int, element: Finding)], file: String, heading: String,
        place: FilingViews.Place = FilingViews.lineNumber, filtered: Bool = false
    ) -> String {
        let findings = numbered.map(\.element)
        if findings.isEmpty, filtered { return "\(heading): no findings of those asked for\n" }
        if findings.isEmpty { return "\(heading): no findings, the filing is consistent under these checks\n" }
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        var out =
            "\(heading): \(findings.count) finding\(findings.count == 1 ? "" : "s") (\(errors) "
            + "error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s"), "
            + "\(findings.count - errors - warnings) info)\n"
        let style = Presentation.current
        for (i, f) in numbered {
            let location = f.line.map { "\(file):\(place($0))" } ?? file
            let severity: String
            switch f.severity {
            case .error: severity = style.paint(f.severity.rawValue, .error)
            case .warning: severity = style.paint(f.severity.rawValue, .warning)
            default: severity = f.severity.rawValue
            }
            let line = "F\(i + 1) \(severity) \(location) [\(f.check.rawValue)] \(f.message)"
            let lines = style.width.map { Prose.wrap(line, width: $0, hang: 4) } ?? [line]
            out += lines.joined(separator: "\n") + "\n"
        }
        return out
    }

    package static func ruleSet(_ r: RuleSet) -> String {
        var pairs: [(String, String)] = [
            ("name", r.name), ("title", r.title), ("source", r.source),
            ("execution weight", points(r.executionWeight)),
            (
                "execution rate",
                "全年执行数 / \(r.projectDenominator.label) (projects), / \(r.departmentDenominator.label) "
                    + "(department)"
            ),
            ("cap at 100%", r.capExecution ? "yes" : "no"),
            ("rate rounded before ×", r.roundRateFirst ? "yes (to 0.01%, as filers multiply it)" : "no"),
            ("project weights", weights(r.projectWeights)), ("department weights", weights(r.departmentWeights)),
            ("quantitative", "full marks when the target is met, else actual/target × weight"),
            (
                "reversed (≤)",
                r.reverse == .mirror ? "mirror: weight × target/actual" : "linear: weight × (1 − overshoot/target)"
            ),
            (
                "qualitative tiers",
                r.qualitativeTiers.map { $0.percent }.joined(separator: " / ")
                    + " of the weight (达成 / 部分达成 / 未达成), in bands " + tierBands(r.qualitativeBands)
            ),
            ("deviation needed", "执行率 below \(r.deviationRate.percent) beside full marks everywhere"),
            ("target too easy", "a result \(r.easyTargetRatio.plain) times its target or more"),
            ("年初预算数 0 or blank", r.initialFallsBackToFullYear ? "use 全年预算数, noted" : "undefined"),
            ("other templates", r.templates.map(\.name).joined(separator: ", ")),
            ("rounding", "\(r.rounding) decimals, half up"),
            (
                "grades",
                r.grades.isEmpty
                    ? "none" : r.grades.map { "\($0.name) ≥ \(points($0.minimum))" }.joined(separator: ", ")
            ),
            ("total cap", r.totalCap.map(points) ?? "none"),
        ]
        pairs = pairs.filter { !$0.1.isEmpty }
        return keyValues(pairs)
    }

    /// `100–80%（含）, 80–60%（含）, 60–0%`, as the rule texts write the bands.
    static func tierBands(_ bands: [Decimal]) -> String {
        let tops = [Decimal(1)] + bands.dropLast()
        return zip(tops, bands).map { top, bottom in
            let (high, low) = ((top * 100).plain, (bottom * 100).plain)
            return bottom > 0 ? "\(high)–\(low)%（含）" : "\(high)–0%"
        }.joined(separator: ", ")
    }

    static func weights(_ w: [String: Decimal]) -> String {
        w.isEmpty ? "—" : w.sorted { $0.key < $1.key }.map { "\($0.key) \(points($0.value))" }.joined(separator: ", ")
    }

    /// The grade bands as the rules set them: `优 ≥ 90 > 良 ≥ 80 > 中 ≥ 60 > 差`.
    static func bands(_ grades: [RuleSet.Grade]) -> String {
        let ordered = grades.sorted { $0.minimum > $1.minimum }
        let bands = ordered.map { $0.minimum > 0 ? "\($0.name) ≥ \(points($0.minimum))" : $0.name }
        return bands.joined(separator: " > ")
    }
}
