import JixiaoModel

/// A plain-text table in psql's aligned style, measured by display width so Chinese
/// columns line up: ` # | 项目名称 | 执行率`, a rule, the rows, and a `(N rows)` footer.
package struct Table {
    package enum Alignment: Sendable { case left, right }

    package var headers: [String]
    package var alignments: [Alignment]
    package var rows: [[String]] = []
    /// Cells wider than this many columns are cut with `…` (0 = never).
    package var maxCellWidth = 0
    /// Columns exempt from `maxCellWidth` (e.g. an explanation that should be read whole).
    package var unlimited: Set<Int> = []
    package var footer = true

    package init(_ headers: [String], align: [Alignment]? = nil) {
        self.headers = headers
        self.alignments = align ?? Array(repeating: .left, count: headers.count)
    }

    package mutating func add(_ row: [String]) { rows.append(row) }

    package func render() -> String {
        let count = headers.count
        let cells = rows.map { row in
            (0..<count).map { i -> String in
                let text = i < row.count ? row[i] : ""
                return maxCellWidth > 0 && !unlimited.contains(i) ? DisplayWidth.truncate(text, to: maxCellWidth) : text
            }
        }
        var widths = headers.map(DisplayWidth.of)
        for row in cells {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(cell)) }
        }
        func line(_ row: [String], header: Bool) -> String {
            var parts: [String] = []
            for (i, cell) in row.enumerated() {
                let right = !header && alignments[i] == .right
                parts.append(DisplayWidth.pad(cell, to: widths[i], right: right))
            }
            var text = " " + parts.joined(separator: " | ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        var out = line(headers.map { $0 }, header: true) + "\n"
        out += widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "+") + "\n"
        for row in cells { out += line(row, header: false) + "\n" }
        if footer { out += rows.count == 1 ? "(1 row)\n" : "(\(rows.count) rows)\n" }
        return out
    }
}

/// Label/value lines (`  全年预算数   6.00`), the label column padded by display width.
package func keyValues(_ pairs: [(String, String)], indent: Int = 2) -> String {
    let width = pairs.map { DisplayWidth.of($0.0) }.max() ?? 0
    let lead = String(repeating: " ", count: indent)
    return pairs.map { pair -> String in
        var text = lead + DisplayWidth.pad(pair.0, to: width) + "  " + pair.1
        while text.hasSuffix(" ") { text.removeLast() }
        return text + "\n"
    }.joined()
}
