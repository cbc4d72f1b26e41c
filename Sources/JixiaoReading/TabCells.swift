import JixiaoModel

/// The front end for the layout of a .docx saved or dumped as text: a tab starts a cell,
/// an untabbed line continues the cell before it, a blank line before a tab starts a new
/// row, and a title line (…自评表, …基础数据表, …报告, 附件N, 附表N) ends whatever came before.
enum TabCells {
    static func read(_ lines: [Substring], into builder: inout SectionBuilder) {
        var reader = State(lines: lines)
        for index in lines.indices { reader.take(index, into: &builder) }
        reader.closeRow(into: &builder)
    }

    private struct State {
        let lines: [Substring]
        var row: [Cell] = []
        var cell: (text: String, line: Int)? = nil
        var blankBefore = false

        mutating func take(_ index: Int, into builder: inout SectionBuilder) {
            let number = index + 1
            let line = Layout.clean(lines[index])
            if line.utf8.first == UInt8(ascii: "\t") {
                closeCell()
                if blankBefore || row.isEmpty { closeRow(into: &builder) }
                cell = (Labels.trim(String(line[line.index(after: line.startIndex)...])), number)
                blankBefore = false
                return
            }
            let trimmed = Labels.trim(line)
            if trimmed.isEmpty {
                blankBefore = true
                return
            }
            if Layout.isPageMarker(trimmed) { return }
            if cell != nil, SectionKind.of(title: trimmed) == nil, continuesCell(trimmed, at: index) {
                cell?.text += trimmed
                blankBefore = false
                return
            }
            closeRow(into: &builder)
            blankBefore = false
            builder.prose(trimmed, line: number)
        }

        /// An untabbed line continues the open cell, unless a blank line came between and
        /// the table does not go on after it: then it is what follows the table (`附表2`,
        /// `填表人：…`, a note, a narrative heading), not more of its last cell.
        func continuesCell(_ text: String, at index: Int) -> Bool {
            guard blankBefore else { return true }
            if Layout.isNarrativeHeading(text) { return false }
            var next = index + 1
            while next < lines.count {
                let line = lines[next]
                if line.utf8.first == UInt8(ascii: "\t") { return true }
                let trimmed = Labels.trim(String(line))
                if trimmed.isEmpty || SectionKind.of(title: trimmed) != nil { return false }
                next += 1
            }
            return false
        }

        mutating func closeCell() {
            if let open = cell {
                row.append(Cell(text: open.text, line: open.line))
                cell = nil
            }
        }

        mutating func closeRow(into builder: inout SectionBuilder) {
            closeCell()
            builder.row(row)
            row = []
        }
    }
}
