import Foundation
import JixiaoModel

/// The tables `export csv|md|json` writes: a header and rows of text, reported beside computed.
package enum TableExport {
    package struct Grid {
        package var header: [String]
        package var rows: [[String]]

        package init(header: [String], rows: [[String]]) {
            self.header = header
            self.rows = rows
        }

        /// The grid as a table for the screen, every column left-aligned.
        package var table: Table {
            var table = Table(header)
            table.rows = rows
            return table
        }
    }

    /// The tables there are to export.
    package enum Name: String, CaseIterable, Sendable {
        case projects, indicators, findings
    }

    /// One row per project: reported beside computed under `rules`.
    package static func projects(_ scored: [(project: Project, card: ScoreCard)], rules: String) -> Grid {
        let header = [
            "项目名称", "年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分",
            "总分",
            "执行率(计算)", "得分(计算)", "总分(计算)", "等级(\(rules))",
        ]
        let rows = scored.map { p, c in
            [
                p.name, money(p.funds.initial.value), money(p.funds.fullYear.value), money(p.funds.executed.value),
                rate(p.funds.reportedRate.value), points(p.funds.weight.value), points(p.funds.reportedScore.value),
                points(p.reportedTotal.value), c.execution.rate.map { $0.percent } ?? "",
                c.execution.score.map(points) ?? "", points(c.total), c.grade ?? "",
            ]
        }
        return Grid(header: header, rows: rows)
    }

    /// One row per indicator of every scored table, with its computed score and the basis.
    package static func indicators(_ tables: [(name: String, table: ScoredTable, card: ScoreCard)]) -> Grid {
        let header = [
            "项目", "#", "一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值",
            "得分", "得分(计算)", "basis",
            "偏差原因分析及改进措施", "line",
        ]
        var rows: [[String]] = []
        for (owner, table, card) in tables {
            for (i, (ind, s)) in zip(table.indicators, card.indicators).enumerated() {
                let basis: String
                switch s.basis {
                case .computed(let b): basis = b
                case .notVerifiable(let w): basis = "not verifiable: " + w
                }
                rows.append([
                    owner, "\(i + 1)", ind.level1, ind.level2, ind.level3, ind.target ?? "", ind.actual ?? "",
                    points(ind.weight.value), points(ind.score.value), s.computed.map(points) ?? "", basis,
                    ind.deviation ?? "", "\(ind.line)",
                ])
            }
        }
        return Grid(header: header, rows: rows)
    }

    /// One row per finding, in the order given.
    package static func findings(_ findings: [Finding]) -> Grid {
        let rows = findings.enumerated().map { i, f in
            ["F\(i + 1)", f.severity.rawValue, f.line.map(String.init) ?? "", f.check.rawValue, f.message]
        }
        return Grid(header: ["id", "severity", "line", "check", "finding"], rows: rows)
    }

    /// RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled, CRLF
    /// line ends; a UTF-8 byte-order mark first so spreadsheet programs read the Chinese. On the
    /// screen (`option format csv`) neither: plain lines, as sqlite3's `.mode csv` prints.
    package static func csv(_ grid: Grid, byteOrderMark: Bool = true, lineEnd: String = "\r\n") -> String {
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        let lines = ([grid.header] + grid.rows).map { $0.map(field).joined(separator: ",") + lineEnd }
        return (byteOrderMark ? "\u{FEFF}" : "") + lines.joined()
    }

    /// A Markdown (GFM) table; numbers right-aligned (`---:`) where `alignments` says so.
    package static func markdown(_ grid: Grid, alignments: [Table.Alignment] = []) -> String {
        func cell(_ s: String) -> String {
            s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
        }
        var out = "| " + grid.header.map(cell).joined(separator: " | ") + " |\n"
        out +=
            "|"
            + grid.header.indices.map { i in
                i < alignments.count && alignments[i] == .right ? " ---: |" : " --- |"
            }.joined() + "\n"
        for row in grid.rows { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
        return out
    }

    package static func json(_ grid: Grid) -> JSON {
        .array(grid.rows.map { row in .object(zip(grid.header, row).map { ($0, .string($1)) }) })
    }
}
