import Foundation

/// The tables `export csv|md|json` writes: a header and rows of text, reported beside computed.
package enum TableExport {
    package struct Grid { var header: [String]; var rows: [[String]] }

    package static func grid(_ name: String, loaded: LoadedFiling, rules: RuleSet) -> Grid {
        let filing = loaded.edited
        switch name {
        case "indicators":
            var rows: [[String]] = []
            let owners = filing.projects.map { ($0.name, $0.indicators, Scorer.score($0, rules: rules)) }
                + (filing.department.map { [("部门整体", $0.indicators, Scorer.score($0, rules: rules))] } ?? [])
            for (owner, indicators, card) in owners {
                for (i, (ind, s)) in zip(indicators, card.indicators).enumerated() {
                    let basis: String
                    switch s.basis { case .computed(let b): basis = b; case .notVerifiable(let w): basis = "not verifiable: " + w }
                    rows.append([owner, "\(i + 1)", ind.level1, ind.level2, ind.level3, ind.target ?? "", ind.actual ?? "",
                                 points(ind.weight.value), points(ind.score.value), s.computed.map(points) ?? "", basis, ind.deviation ?? "", "\(ind.line)"])
                }
            }
            return Grid(header: ["项目", "#", "一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分", "得分(计算)", "basis", "偏差原因分析及改进措施", "line"], rows: rows)
        case "findings":
            let findings = Checker.check(filing, rules: rules).sorted { ($0.severity, $0.line ?? 0) < ($1.severity, $1.line ?? 0) }
            return Grid(header: ["id", "severity", "line", "check", "finding"],
                        rows: findings.enumerated().map { ["F\($0.offset + 1)", $0.element.severity.rawValue, $0.element.line.map(String.init) ?? "", $0.element.check, $0.element.message] })
        default:
            var rows: [[String]] = []
            for p in filing.projects {
                let c = Scorer.score(p, rules: rules)
                rows.append([p.name, money(p.funds.initial.value), money(p.funds.fullYear.value), money(p.funds.executed.value),
                             rate(p.funds.reportedRate.value), points(p.funds.weight.value), points(p.funds.reportedScore.value), points(p.reportedTotal.value),
                             c.execution.rate.map { $0.percent } ?? "", c.execution.score.map(points) ?? "", points(c.total), c.grade ?? ""])
            }
            return Grid(header: ["项目名称", "年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分", "总分",
                                 "执行率(计算)", "得分(计算)", "总分(计算)", "等级(\(rules.name))"], rows: rows)
        }
    }

    /// RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled, CRLF
    /// line ends; a UTF-8 byte-order mark first so spreadsheet programs read the Chinese.
    package static func csv(_ grid: Grid) -> String {
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        return "\u{FEFF}" + ([grid.header] + grid.rows).map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    package static func markdown(_ grid: Grid) -> String {
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var out = "| " + grid.header.map(cell).joined(separator: " | ") + " |\n"
        out += "|" + grid.header.map { _ in " --- |" }.joined() + "\n"
        for row in grid.rows { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
        return out
    }

    package static func json(_ grid: Grid) -> JSON {
        .array(grid.rows.map { row in .object(zip(grid.header, row).map { ($0, .string($1)) }) })
    }
}
