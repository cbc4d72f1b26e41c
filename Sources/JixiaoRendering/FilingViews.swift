import JixiaoModel

/// Text views of a filing for `filings`, `projects`, `show`, `report` and `warnings`.
/// They return strings; the shell decides where they go.
package enum FilingViews {
    static let textWidth = 30

    package static func summary(_ number: Int, _ f: Filing, path: String) -> String {
        let year = f.year.map { "\($0)年度" } ?? "year unknown"
        var parts = ["\(f.projects.count) project\(f.projects.count == 1 ? "" : "s")"]
        if f.department != nil { parts.append("部门整体表") }
        if f.basic != nil { parts.append("基础数据表") }
        parts.append("\(f.warnings.count) warning\(f.warnings.count == 1 ? "" : "s")")
        return "[\(number)] \(f.unit), \(year): \(parts.joined(separator: ", ")) (\(FileNames.shown(path)))"
    }

    package static func warnings(_ f: Filing, path raw: String) -> String {
        let path = FileNames.shown(raw)
        if f.warnings.isEmpty { return "\(path): no warnings\n" }
        return f.warnings.map { "\(path):\(f.place($0.line)): warning: \($0.message)\n" }.joined()
    }

    package static func projects(_ filing: Filing) -> Listing {
        var listing = Listing(
            [
                .init("#", ["idx"], .right, kind: .integer), ProjectColumns.name, ProjectColumns.budget,
                ProjectColumns.executed, ProjectColumns.reportedRate, ProjectColumns.weight,
                ProjectColumns.reportedScore, ProjectColumns.reportedTotal,
            ],
            title: "\(filing.unit) \(filing.year.map { "\($0)年度" } ?? "") 项目支出 (万元, as reported)")
        for (i, p) in filing.projects.enumerated() {
            listing.rows.append([
                .count(i + 1), .init(p.name), .amount(p.funds.fullYear.value), .amount(p.funds.executed.value),
                .rate(p.funds.reportedRate.value), .points(p.funds.weight.value), .points(p.funds.reportedScore.value),
                .points(p.reportedTotal.value),
            ])
        }
        return listing
    }

    /// `projects` after `recompute`: the reported columns, then the computed ones; * marks a difference.
    package static func projects(_ filing: Filing, cards: [ScoreCard], rules: String) -> Listing {
        var listing = Listing(
            [
                .init("#", ["idx"], .right, kind: .integer), ProjectColumns.name, ProjectColumns.budget,
                ProjectColumns.executed, ProjectColumns.reportedRate, ProjectColumns.reportedScore,
                ProjectColumns.reportedTotal, ProjectColumns.rate, ProjectColumns.executionScore,
                ProjectColumns.total, ProjectColumns.grade, .init("Δ"),
            ],
            title: "\(filing.unit) \(filing.year.map { "\($0)年度" } ?? "") 项目支出 (万元): "
                + "reported, and computed "
                + "(计算) under \(rules); Δ marks a difference")
        for (i, (p, card)) in zip(filing.projects, cards).enumerated() {
            let differs = card.total != p.reportedTotal.value || card.execution.score != p.funds.reportedScore.value
            listing.rows.append([
                .count(i + 1), .init(p.name), .amount(p.funds.fullYear.value), .amount(p.funds.executed.value),
                .rate(p.funds.reportedRate.value), .points(p.funds.reportedScore.value), .points(p.reportedTotal.value),
                .init(card.execution.rate.map { $0.percent } ?? "n/a", number: card.execution.rate),
                .init(card.execution.score.map(points) ?? "n/a", number: card.execution.score),
                .points(card.total), .init(card.grade ?? "—"), .init(differs ? "*" : ""),
            ])
            if differs { listing.marked.insert(i) }
        }
        return listing
    }

    /// Where a line is, as the views name it: the line number, or a workbook's sheet and cell
    /// (`Filing.place`).
    package typealias Place = @Sendable (Int) -> String
    static let lineNumber: Place = { String($0) }

    /// `line 12`, or `3-项目支出绩效自评表!B2` where the place is a cell.
    static func located(_ line: Int, _ place: Place) -> String {
        let shown = place(line)
        return Int(shown) != nil ? "line \(shown)" : shown
    }

    static func funds(_ funds: Funds, place: Place) -> String {
        var table = Table(
            [
                "资金来源", "年初预算数", funds.budgetLabel, "全年执行数", "分值", "执行率",
                "得分", "line",
            ],
            align: [.left, .right, .right, .right, .right, .right, .right, .right])
        table.footer = false
        for r in funds.rows {
            table.add([
                Labels.bareName(r.label), money(r.initial.value), money(r.fullYear.value), money(r.executed.value),
                points(r.weight.value), rate(r.rate.value), points(r.score.value), place(r.line),
            ])
        }
        let unit = funds.convertedFromYuan ? "万元, converted from 元" : "万元"
        return "Funds (资金, \(unit)):\n" + table.render()
    }

    static func goal(_ goal: Goal?) -> String {
        guard let goal else { return "Goal (年度总体目标): not found\n" }
        return "Goal (年度总体目标):\n"
            + keyValues([("预期目标", goal.expected.text), ("实际完成情况", goal.actual.text)])
    }

    package static func indicators(_ indicators: [Indicator], total: Figure, place: Place = lineNumber) -> String {
        var table = Table(
            [
                "#", "一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分",
                "line",
            ],
            align: [.right, .left, .left, .left, .left, .left, .right, .right, .right])
        table.maxCellWidth = textWidth
        table.footer = false
        for (i, ind) in indicators.enumerated() {
            let l1 = ind.level1 + (ind.level1Weight.map { "(\($0.plain))" } ?? "")
            table.add([
                "\(i + 1)", l1, ind.level2, ind.level3, ind.target ?? "", ind.actual ?? "", points(ind.weight.value),
                points(ind.score.value), place(ind.line),
            ])
        }
        var out = "Indicators (绩效指标):\n" + table.render()
        let deviations = indicators.enumerated().filter { $0.element.deviation != nil }
        for (i, ind) in deviations { out += Prose.fit("  \(i + 1) 偏差原因: \(ind.deviation ?? "")") + "\n" }
        let totalText = total.isBlank ? (total.line == nil ? "no 总分 row" : "blank") : points(total.value)
        out += "总分 (reported): \(totalText)\(total.line.map { " (\(located($0, place)))" } ?? "")\n"
        return out
    }

    package static func project(_ p: Project, number: Int, place: Place = lineNumber) -> String {
        var out = "Project \(number): \(p.name) (\(located(p.line, place)))\n"
        out += keyValues([
            ("主管部门", p.department?.text ?? ""),
            ("实施单位", p.implementer.map { $0.text.isEmpty ? "(blank)" : $0.text } ?? "(no cell)"),
        ])
        out +=
            "\n" + funds(p.funds, place: place) + "\n" + goal(p.goal) + "\n"
            + indicators(p.indicators, total: p.reportedTotal, place: place)
        return out
    }

    package static func indicator(
        _ ind: Indicator, number: Int, of owner: String, place: Place = lineNumber
    ) -> String {
        var pairs: [(String, String)] = [
            ("一级指标", ind.level1 + (ind.level1Weight.map { "（\($0.plain)分）" } ?? "")),
            ("二级指标", ind.level2),
            ("三级指标", ind.level3), ("指标值", ind.target ?? ""), ("实际完成值", ind.actual ?? ""),
            ("分值", points(ind.weight.value)), ("得分", points(ind.score.value)),
            ("偏差原因分析及改进措施", ind.deviation ?? ""),
        ]
        pairs.append(("line", place(ind.line)))
        return "\(owner), indicator \(number):\n" + keyValues(pairs)
    }

    package static func department(_ d: Department, unit: String, place: Place = lineNumber) -> String {
        var out = "部门整体支出绩效自评表: \(d.unit?.text ?? unit) (\(located(d.line, place)))\n\n"
        out += funds(d.funds, place: place)
        if !d.income.isEmpty || !d.expenditure.isEmpty {
            out += "\nBreakdown (按收入性质分 / 按支出性质分, 万元):\n"
            var table = Table(["", "项目", "金额", "line"], align: [.left, .left, .right, .right])
            table.footer = false
            for item in d.income {
                table.add(["收入", item.label, money(item.figure.value), item.figure.line.map(place) ?? ""])
            }
            for item in d.expenditure {
                table.add(["支出", item.label, money(item.figure.value), item.figure.line.map(place) ?? ""])
            }
            out += table.render()
        }
        out += "\n" + goal(d.goal) + "\n" + indicators(d.indicators, total: d.reportedTotal, place: place)
        return out
    }

    package static func basic(_ b: BasicData, place: Place = lineNumber) -> String {
        var out = "部门整体支出绩效评价基础数据表 (\(located(b.line, place)))\n"
        out += keyValues([
            ("编制数", points(b.authorized.value)), ("实际在职人数", points(b.staff.value)),
            ("控制率", b.controlRate.isBlank ? "(blank)" : rate(b.controlRate.value)),
        ])
        let labels =
            b.columnLabels.count >= 3 ? Array(b.columnLabels.prefix(3)) : ["上年决算数", "预算数", "决算数"]
        var table = Table(
            ["经费控制情况 (万元)"] + labels + ["line"], align: [.left, .right, .right, .right, .right])
        table.footer = false
        for r in b.rows {
            let label = r.isGroupTotal ? r.name : "  " + r.name
            table.add([label, money(r.prior.value), money(r.budget.value), money(r.actual.value), place(r.line)])
        }
        return out + "\n" + table.render()
    }

    package static func narrative(_ n: Narrative?, what: String) -> String {
        guard let n, !n.sections.isEmpty else { return "\(what): no 自评报告 text found\n" }
        var out = "\(n.title) (line \(n.line))\n"
        for section in n.sections {
            if section.heading.isEmpty {
                out += "\n" + section.body.map { "  " + $0.text + "\n" }.joined()
            } else {
                out += "\n" + section.heading + "\n" + section.body.map { "  " + $0.text + "\n" }.joined()
            }
        }
        return Prose.fit(out)
    }
}
