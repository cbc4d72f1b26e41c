import Foundation

/// What an edit moved, the list of edits, and the baseline–scenario diff.
package enum WhatIfViews {
    package static func effect(of edit: Edit, before: Filing, after: Filing, rules: RuleSet) -> String {
        let (a, b, owner) = cards(edit.project, before, after, rules)
        var lines: [String] = []
        if let n = edit.indicator {
            let old = indicators(edit.project, before)[n - 1], new = indicators(edit.project, after)[n - 1]
            let (x, y): (String, String)
            switch edit.field {
            case .score: (x, y) = (points(old.score.value), points(new.score.value))
            case .weight: (x, y) = (points(old.weight.value), points(new.weight.value))
            default: (x, y) = (old.actual ?? "blank", new.actual ?? "blank")
            }
            lines.append("\(owner) indicator \(n) \(new.level3): \(edit.field.label) \(x) → \(y)")
            let effOld = a.indicators[n - 1].effective, effNew = b.indicators[n - 1].effective
            if effOld != effNew { lines.append("  indicator score \(points(effOld)) → \(points(effNew))") }
            if a.indicatorTotal != b.indicatorTotal { lines.append("  指标得分 \(points(a.indicatorTotal)) → \(points(b.indicatorTotal))") }
        } else {
            let oldFunds = funds(edit.project, before), newFunds = funds(edit.project, after)
            let (x, y) = edit.field == .executed ? (oldFunds.executed.value, newFunds.executed.value) : (oldFunds.fullYear.value, newFunds.fullYear.value)
            lines.append("\(owner): \(edit.field == .executed ? "全年执行数" : newFunds.budgetLabel) \(money(x)) → \(money(y))")
            lines.append("  执行率 \(a.execution.rate.map { $0.percent } ?? "n/a") → \(b.execution.rate.map { $0.percent } ?? "n/a")")
            lines.append("  执行得分 \(a.execution.score.map(points) ?? "n/a") → \(b.execution.score.map(points) ?? "n/a")")
        }
        lines.append("  总分 \(points(a.total)) → \(points(b.total)), 等级 \(a.grade ?? "—") → \(b.grade ?? "—")  (rules \(rules.name))")
        return lines.joined(separator: "\n") + "\n"
    }

    static func cards(_ project: String?, _ before: Filing, _ after: Filing, _ rules: RuleSet) -> (ScoreCard, ScoreCard, String) {
        if let project, let p = before.projects.first(where: { $0.name == project }), let q = after.projects.first(where: { $0.name == project }) {
            return (Scorer.score(p, rules: rules), Scorer.score(q, rules: rules), project)
        }
        if let d = before.department, let e = after.department {
            return (Scorer.score(d, rules: rules), Scorer.score(e, rules: rules), "部门整体")
        }
        let empty = Scorer.card(funds: Funds(), indicators: [], reportedTotal: nil, denominator: .fullYear, rules: rules)
        return (empty, empty, project ?? "部门整体")
    }

    static func indicators(_ project: String?, _ filing: Filing) -> [Indicator] {
        project.flatMap { name in filing.projects.first { $0.name == name }?.indicators } ?? filing.department?.indicators ?? []
    }

    static func funds(_ project: String?, _ filing: Filing) -> Funds {
        project.flatMap { name in filing.projects.first { $0.name == name }?.funds } ?? filing.department?.funds ?? Funds()
    }

    package static func edits(_ s: Scenario) -> String {
        var out = "scenario \(s.name): \(s.edits.count) edit\(s.edits.count == 1 ? "" : "s")"
        if let saved = s.savedAs { out += ", saved as \(saved)" }
        if s.isDirty && !s.edits.isEmpty { out += ", unsaved changes" }
        out += "\n"
        for (i, e) in s.edits.enumerated() { out += "  \(i + 1). \(e.command)\n" }
        if !s.undone.isEmpty { out += "  (\(s.undone.count) to redo)\n" }
        return out
    }

    /// Baseline (as filed, scored under the rules) beside the scenario, only where they differ.
    package static func diff(baseline: Filing, scenario: Filing, name: String, rules: RuleSet) -> String {
        var out = ""
        var items: [(String, [[String]])] = []
        for (p, q) in zip(baseline.projects, scenario.projects) {
            items.append((p.name, rows(p.funds, q.funds, p.indicators, q.indicators, Scorer.score(p, rules: rules), Scorer.score(q, rules: rules))))
        }
        if let d = baseline.department, let e = scenario.department {
            items.append(("部门整体", rows(d.funds, e.funds, d.indicators, e.indicators, Scorer.score(d, rules: rules), Scorer.score(e, rules: rules))))
        }
        for (title, rows) in items where !rows.isEmpty {
            var table = Table(["figure", "baseline", name], align: [.left, .right, .right])
            table.footer = false
            for r in rows { table.add(r) }
            out += title + "\n" + table.render()
        }
        return out.isEmpty ? "scenario \(name) does not differ from the filing\n" : "baseline (as filed) and scenario \(name), under \(rules.name)\n" + out
    }

    static func rows(_ f: Funds, _ g: Funds, _ a: [Indicator], _ b: [Indicator], _ x: ScoreCard, _ y: ScoreCard) -> [[String]] {
        var rows: [[String]] = []
        func add(_ label: String, _ l: String, _ r: String) { if l != r { rows.append([label, l, r]) } }
        add(f.budgetLabel, money(f.fullYear.value), money(g.fullYear.value))
        add("全年执行数", money(f.executed.value), money(g.executed.value))
        for (i, (p, q)) in zip(a, b).enumerated() {
            add("\(i + 1) \(p.level3) 分值", points(p.weight.value), points(q.weight.value))
            add("\(i + 1) \(p.level3) 实际完成值", p.actual ?? "", q.actual ?? "")
            add("\(i + 1) \(p.level3) 得分", points(x.indicators[i].effective), points(y.indicators[i].effective))
        }
        add("执行率", x.execution.rate.map { $0.percent } ?? "n/a", y.execution.rate.map { $0.percent } ?? "n/a")
        add("执行得分", x.execution.score.map(points) ?? "n/a", y.execution.score.map(points) ?? "n/a")
        add("总分", points(x.total), points(y.total))
        add("等级", x.grade ?? "—", y.grade ?? "—")
        return rows
    }
}
