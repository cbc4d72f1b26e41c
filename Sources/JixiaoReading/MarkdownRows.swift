import JixiaoModel

/// The front end for documents converted to markdown: a table row per line (`| a | b |`),
/// a `|---|` separator under each table's first row, `<br>` for a line break inside a
/// cell, `||` for an empty cell; headings marked with `#`.
enum MarkdownRows {
    static func read(_ lines: [Substring], into builder: inout SectionBuilder) {
        for (index, raw) in lines.enumerated() {
            let number = index + 1
            let line = Labels.trim(String(raw))
            if isRow(line) {
                if !isSeparator(line) { builder.row(cells(of: line, at: number)) }
            } else {
                builder.prose(withoutHeadingMarks(line), line: number)
            }
        }
    }

    static func isRow(_ line: String) -> Bool {
        let utf8 = line.utf8
        return utf8.count >= 2 && utf8.first == UInt8(ascii: "|") && utf8.last == UInt8(ascii: "|")
    }

    /// `|---|:--:|`: only pipes, dashes, colons and spaces.
    static func isSeparator(_ line: String) -> Bool {
        line.utf8.allSatisfy { "|-: ".utf8.contains($0) } && line.utf8.contains(UInt8(ascii: "-"))
    }

    /// The cells between the outer pipes, `<br>` removed (the lines of a cell join with no
    /// separator, as in the other layouts). `\|` is a pipe inside a cell.
    static func cells(of line: String, at number: Int) -> [Cell] {
        let inner = line.dropFirst().dropLast()
        var cells: [Cell] = []
        var text = ""
        var escaped = false
        for scalar in inner.unicodeScalars {
            if escaped {
                if scalar != "|" { text.unicodeScalars.append("\\") }
                text.unicodeScalars.append(scalar)
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else if scalar == "|" {
                cells.append(cell(text, at: number))
                text = ""
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        if escaped { text.unicodeScalars.append("\\") }
        cells.append(cell(text, at: number))
        return cells
    }

    private static func cell(_ text: String, at number: Int) -> Cell {
        Cell(text: String(Labels.trim(Layout.clean(Substring(text)))), line: number)
    }

    /// `## 一、部门基本情况` → `一、部门基本情况`.
    static func withoutHeadingMarks(_ line: String) -> String {
        guard line.utf8.first == UInt8(ascii: "#") else { return line }
        return Labels.trim(String(line.drop { $0 == "#" }))
    }
}
