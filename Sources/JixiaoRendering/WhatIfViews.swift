import Foundation
import JixiaoModel

/// One scored table as the baseline and as the scenario leave it, each with its score card.
package struct TableChange {
    package var name: String
    package var before: ScoredTable
    package var after: ScoredTable
    package var cardBefore: ScoreCard
    package var cardAfter: ScoreCard

    package init(name: String, before: ScoredTable, after: ScoredTable, cardBefore: ScoreCard, cardAfter: ScoreCard) {
        self.name = name
        self.before = before
        self.after = after
        self.cardBefore = cardBefore
        self.cardAfter = cardAfter
    }
}

/// What an edit moved, the list of edits, and the baseline–scenario diff.
package enum WhatIfViews {
    /// The edited value's old and new text, then every figure the edit moved.
    package static func effect(of edit: Edit, _ change: TableChange, rules: String) -> String {
        let (a, b) = (change.cardBefore, change.cardAfter)
        var lines: [String] = []
        if let n = edit.indicator {
            lines += indicatorEffect(edit, number: n, change)
        } else {
            let (old, new) = (change.before.funds, change.after.funds)
            let executed = edit.field == .executed
            let (x, y) = executed ? (old.executed.value, new.executed.value) : (old.fullYear.value, new.fullYear.value)
            lines.append(
                "\(change.name): \(executed ? "全年执行数" : new.budgetLabel) \(money(x)) → \(money(y))")
            lines.append("  执行率 \(rateText(a.execution.rate)) → \(rateText(b.execution.rate))")
            lines.append("  执行得分 \(scoreText(a.execution.score)) → \(scoreText(b.execution.score))")
        }
        let grades = "等级 \(a.grade ?? "—") → \(b.grade ?? "—")"
        lines.append("  总分 \(points(a.total)) → \(points(b.total)), \(grades)  (rules \(rules))")
        return lines.joined(separator: "\n") + "\n"
    }

    static func indicatorEffect(_ edit: Edit, number n: Int, _ change: TableChange) -> [String] {
        let old = change.before.indicators[n - 1]
        let new = change.after.indicators[n - 1]
        let (x, y): (String, String)
        switch edit.field {
        case .score: (x, y) = (points(old.score.value), points(new.score.value))
        case .weight: (x, y) = (points(old.weight.value), points(new.weight.value))
        default: (x, y) = (old.actual ?? "blank", new.actual ?? "blank")
        }
        var lines = ["\(change.name) indicator \(n) \(new.level3): \(edit.field.label) \(x) → \(y)"]
        let (a, b) = (change.cardBefore, change.cardAfter)
        let effOld = a.indicators[n - 1].effective
        let effNew = b.indicators[n - 1].effective
        if effOld != effNew { lines.append("  indicator score \(points(effOld)) → \(points(effNew))") }
        if a.indicatorTotal != b.indicatorTotal {
            lines.append("  指标得分 \(points(a.indicatorTotal)) → \(points(b.indicatorTotal))")
        }
        return lines
    }

    static func rateText(_ rate: Decimal?) -> String { rate.map { $0.percent } ?? "n/a" }
    static func scoreText(_ score: Decimal?) -> String { score.map(points) ?? "n/a" }

    package static func edits(_ s: Scenario, commands: [String]) -> String {
        var out = "scenario \(s.name): \(s.editCount) edit\(s.editCount == 1 ? "" : "s")"
        if let saved = s.savedAs { out += ", saved as \(saved)" }
        if s.isDirty && s.editCount > 0 { out += ", unsaved changes" }
        out += "\n"
        for (i, command) in commands.enumerated() { out += "  \(i + 1). \(command)\n" }
        let redo = s.undone.count
        if redo > 0 { out += "  (\(redo) to redo)\n" }
        return out
    }

    /// Baseline (as filed, scored under the rules) beside the scenario, only where they differ.
    package static func diff(_ changes: [TableChange], scenario name: String, rules: String) -> String {
        var out = ""
        for change in changes {
            let rows = rows(change)
            guard !rows.isEmpty else { continue }
            var table = Table(["figure", "baseline", name], align: [.left, .right, .right])
            table.footer = false
            for r in rows {
                if r.first?.hasPrefix("等级") == true { table.marked.insert(table.rows.count) }
                table.add(r)
            }
            out += change.name + "\n" + table.render()
        }
        guard !out.isEmpty else { return "scenario \(name) does not differ from the filing\n" }
        return "baseline (as filed) and scenario \(name), under \(rules)\n" + out
    }

    static func rows(_ change: TableChange) -> [[String]] {
        let (f, g) = (change.before.funds, change.after.funds)
        let (x, y) = (change.cardBefore, change.cardAfter)
        var rows: [[String]] = []
        func add(_ label: String, _ l: String, _ r: String) { if l != r { rows.append([label, l, r]) } }
        add(f.budgetLabel, money(f.fullYear.value), money(g.fullYear.value))
        add("全年执行数", money(f.executed.value), money(g.executed.value))
        for (i, (p, q)) in zip(change.before.indicators, change.after.indicators).enumerated() {
            add("\(i + 1) \(p.level3) 分值", points(p.weight.value), points(q.weight.value))
            add("\(i + 1) \(p.level3) 实际完成值", p.actual ?? "", q.actual ?? "")
            add("\(i + 1) \(p.level3) 得分", points(x.indicators[i].effective), points(y.indicators[i].effective))
        }
        add("执行率", rateText(x.execution.rate), rateText(y.execution.rate))
        add("执行得分", scoreText(x.execution.score), scoreText(y.execution.score))
        add("总分", points(x.total), points(y.total))
        add("等级", x.grade ?? "—", y.grade ?? "—")
        return rows
    }
}
