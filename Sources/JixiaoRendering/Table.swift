import JixiaoModel

/// A table of text cells, rendered in the presentation's format: psql's aligned style measured by
/// display width so Chinese columns line up (` # | 项目名称 | 执行率`, a rule, the rows, a
/// `(N rows)` footer), fitted to a width by wrapping or as records, or as CSV, Markdown or JSON.
package struct Table {
    package enum Alignment: Sendable { case left, right }

    package var headers: [String]
    package var alignments: [Alignment]
    package var rows: [[String]] = []
    /// In the aligned format, cells wider than this many columns are cut with `…` (0 = never).
    /// A fitted table uses the room there is instead.
    package var maxCellWidth = 0
    /// Columns exempt from `maxCellWidth` (e.g. an explanation that should be read whole).
    package var unlimited: Set<Int> = []
    package var footer = true
    /// Rows to colour as differences, besides those with a `*` cell.
    package var marked: Set<Int> = []
    /// Columns of file paths: squeezed, a path shows its tail (`…/county/f0019.txt`), never wrapped.
    package var paths: Set<Int> = []

    package init(_ headers: [String], align: [Alignment]? = nil) {
        self.headers = headers
        self.alignments = align ?? Array(repeating: .left, count: headers.count)
    }

    package mutating func add(_ row: [String]) { rows.append(row) }

    package func render(_ style: Presentation = Presentation.current) -> String {
        let marks = Set(names.indices.filter { names[$0] == "Δ" })  // a blank mark is no blank figure
        let cells = rows.map { row in
            headers.indices.map { i in
                let text = i < row.count ? row[i] : ""
                return text.isEmpty && !marks.contains(i) ? style.null : text
            }
        }
        switch style.format {
        case .aligned: return aligned(cells, style)
        case .wrapped: return fitted(cells, style)
        case .records: return records(cells, style)
        case .csv: return TableExport.csv(grid(cells), byteOrderMark: false, lineEnd: "\n")
        case .markdown: return TableExport.markdown(grid(cells), alignments: alignments)
        case .json: return TableExport.json(grid(cells)).rendered()
        }
    }

    /// The table as data: a blank header over `*` marks is named `Δ`, any other `?column?`, as psql
    /// names an unnamed column.
    func grid(_ cells: [[String]]) -> TableExport.Grid {
        TableExport.Grid(header: names, rows: cells)
    }

    var names: [String] {
        headers.enumerated().map { i, header in
            guard header.isEmpty else { return header }
            return rows.allSatisfy { i >= $0.count || $0[i].isEmpty || $0[i] == "*" } ? "Δ" : "?column?"
        }
    }

    func isMarked(_ row: Int) -> Bool { marked.contains(row) || rows[row].contains("*") }

    // MARK: Aligned and wrapped

    func aligned(_ cells: [[String]], _ style: Presentation) -> String {
        let cut = cells.map { row in
            row.enumerated().map { i, text in
                maxCellWidth > 0 && !unlimited.contains(i) ? DisplayWidth.truncate(text, to: maxCellWidth) : text
            }
        }
        return drawn(cut, widths: naturalWidths(cut), style)
    }

    /// Fits the width: numbers give up what their headers do not need (a header wraps before a
    /// text squeezes), then text columns give up room, widest first, down to a floor; the table
    /// shows as records when even that is too wide. Without a width it is the aligned table, uncut.
    func fitted(_ cells: [[String]], _ style: Presentation) -> String {
        var widths = naturalWidths(cells)
        guard let width = style.width else { return drawn(cells, widths: widths, style) }
        let floors = headers.indices.map { floor(of: $0, cells, natural: widths[$0]) }
        var excess = lineWidth(widths) - width
        for alignment in [Alignment.right, .left] {
            let columns = widths.indices.filter { alignments[$0] == alignment }
            while excess > 0,
                let widest = columns.filter({ widths[$0] > floors[$0] }).max(by: { widths[$0] < widths[$1] })
            {
                widths[widest] -= 1
                excess -= 1
            }
        }
        guard excess <= 0 else { return records(cells, style) }
        let shown = cells.map { row in
            row.enumerated().map { i, cell in paths.contains(i) ? Self.tail(of: cell, width: widths[i]) : cell }
        }
        return drawn(shown, widths: widths, style)
    }

    /// The narrowest a column may get: its header on at most two lines; a number whole; a path
    /// down to `…/` and its file name; text down to six columns, but never inside a Latin word
    /// (a line breaks after a `/`, so a path in text breaks between its folders).
    func floor(of column: Int, _ cells: [[String]], natural: Int) -> Int {
        let header = headers[column]
        var headerFloor = max(1, Prose.units(of: Substring(header)).map(\.width).max() ?? 1)
        while Prose.cell(header, width: headerFloor).count > 2 { headerFloor += 1 }
        let contents: Int
        if alignments[column] == .right {
            contents = cells.map { DisplayWidth.of($0[column]) }.max() ?? 0
        } else if paths.contains(column) {
            contents = cells.map { DisplayWidth.of(Self.tail(of: $0[column], width: 0)) }.max() ?? 0
        } else {
            let words = cells.lazy.flatMap { Prose.units(of: Substring($0[column])) }
            contents = max(6, words.map(\.width).max() ?? 0)
        }
        return min(natural, max(contents, headerFloor))
    }

    /// A path cut from the left to fit `width` columns: `…/county/f0019.txt`, whole folders
    /// kept; at least `…/` and the file name, whatever the width.
    static func tail(of path: String, width: Int) -> String {
        guard DisplayWidth.of(path) > width, path.contains("/") else { return path }
        var parts = path.split(separator: "/", omittingEmptySubsequences: false)
        var kept = String(parts.removeLast())
        while let folder = parts.last, DisplayWidth.of("…/" + folder + "/" + kept) <= width {
            kept = folder + "/" + kept
            parts.removeLast()
        }
        return "…/" + kept
    }

    func naturalWidths(_ cells: [[String]]) -> [Int] {
        var widths = headers.map(DisplayWidth.of)
        for row in cells {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.width) }
        }
        return widths
    }

    /// The rule under the header, the widest line: each column and a space either side, `+` between.
    func lineWidth(_ widths: [Int]) -> Int { widths.reduce(0, +) + 3 * widths.count - 1 }

    /// The table drawn with each column `widths` wide: header, rule, rows (marked ones coloured).
    func drawn(_ cells: [[String]], widths: [Int], _ style: Presentation) -> String {
        var out = physicalLines(headers, widths: widths, header: true).joined()
        out += widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "+") + "\n"
        for (index, row) in cells.enumerated() {
            let lines = physicalLines(row, widths: widths, header: false)
            out +=
                isMarked(index)
                ? lines.map { style.paint(String($0.dropLast()), .difference) + "\n" }.joined()
                : lines.joined()
        }
        return out + footerLine
    }

    /// One row as the lines it takes when its cells wrap to their columns' widths.
    func physicalLines(_ row: [String], widths: [Int], header: Bool) -> [String] {
        let measured = row.map(DisplayWidth.of)
        if row.indices.allSatisfy({ measured[$0] <= widths[$0] && !row[$0].utf8.contains(0x0A) }) {
            // The common case, every cell on one line: each is measured once.
            let parts = row.indices.map { i in
                DisplayWidth.pad(
                    row[i], measuring: measured[i], to: widths[i], right: !header && alignments[i] == .right)
            }
            return [Prose.trimmingTrailingSpaces(" " + parts.joined(separator: " | ")) + "\n"]
        }
        let wrapped = row.enumerated().map { i, cell in Prose.cell(cell, width: widths[i]) }
        let height = wrapped.map(\.count).max() ?? 1
        return (0..<height).map { lineIndex in
            var parts: [String] = []
            for (i, lines) in wrapped.enumerated() {
                let text = lineIndex < lines.count ? lines[lineIndex] : ""
                parts.append(DisplayWidth.pad(text, to: widths[i], right: !header && alignments[i] == .right))
            }
            return Prose.trimmingTrailingSpaces(" " + parts.joined(separator: " | ")) + "\n"
        }
    }

    var footerLine: String {
        guard footer else { return "" }
        return rows.count == 1 ? "(1 row)\n" : "(\(rows.count) rows)\n"
    }

    // MARK: Records

    /// psql's expanded display: `-[ RECORD 1 ]---`, then `header | value` a line, the values
    /// wrapped to the width when there is one.
    func records(_ cells: [[String]], _ style: Presentation) -> String {
        let labelWidth = names.map(DisplayWidth.of).max() ?? 0
        let valueWidth = style.width.map { max(10, $0 - labelWidth - 3) }
        var out = ""
        for (index, row) in cells.enumerated() {
            let banner = "-[ RECORD \(index + 1) ]"
            let ruleWidth = style.width.map { min($0, labelWidth + 3 + 30) } ?? labelWidth + 3 + 30
            out += banner + String(repeating: "-", count: max(3, ruleWidth - banner.count)) + "\n"
            for (i, value) in row.enumerated() {
                let lines = valueWidth.map { Prose.cell(value, width: $0) } ?? value.lines
                for (k, line) in lines.enumerated() {
                    let label = DisplayWidth.pad(k == 0 ? names[i] : "", to: labelWidth)
                    let text = Prose.trimmingTrailingSpaces(label + " | " + line)
                    out += (isMarked(index) ? style.paint(text, .difference) : text) + "\n"
                }
            }
        }
        if cells.isEmpty { out += "(0 rows)\n" } else if footer { out += footerLine }
        return out
    }
}

extension String {
    /// The text's lines; one empty line for empty text.
    fileprivate var lines: [String] {
        utf8.contains(0x0A) ? split(separator: "\n", omittingEmptySubsequences: false).map(String.init) : [self]
    }

    /// Display columns of the widest line.
    fileprivate var width: Int { lines.map(DisplayWidth.of).max() ?? 0 }
}

/// Label/value lines (`  全年预算数   6.00`), the label column padded by display width. With a
/// width to fit, a long value wraps under itself.
package func keyValues(_ pairs: [(String, String)], indent: Int = 2) -> String {
    let width = pairs.map { DisplayWidth.of($0.0) }.max() ?? 0
    let lead = String(repeating: " ", count: indent)
    let fit = Presentation.current.width
    return pairs.map { pair -> String in
        let text = Prose.trimmingTrailingSpaces(lead + DisplayWidth.pad(pair.0, to: width) + "  " + pair.1)
        guard let fit, DisplayWidth.of(text) > fit else { return text + "\n" }
        return Prose.wrap(text, width: fit, hang: indent + width + 2).joined(separator: "\n") + "\n"
    }.joined()
}
