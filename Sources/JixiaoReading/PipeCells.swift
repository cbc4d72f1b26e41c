import JixiaoModel

/// The front end for pages converted one cell per line, each ending in ` |` (an empty cell
/// is a bare `|`), with nothing between rows, as Sichuan publishes its 自评表. A cell may run
/// over several lines: unpiped lines directly before a piped one are its beginning. A title
/// may be a cell (`部门整体支出绩效自评表(2023年度) |`) or a line (`附表2`). The rows are
/// rebuilt from the cells of each section by `RowRebuilder`.
enum PipeCells {
    static func read(_ lines: [Substring], into builder: inout SectionBuilder) {
        var cells: [Cell] = []
        // Unpiped lines not yet placed: the start of a cell if a piped line follows, else prose.
        var pending: [(text: String, line: Int)] = []

        func flushCells() {
            for row in RowRebuilder.rows(from: cells) { builder.row(row.cells) }
            cells = []
        }
        func flushPending() {
            for open in pending { builder.prose(open.text, line: open.line) }
            pending = []
        }

        for (index, raw) in lines.enumerated() {
            let number = index + 1
            let line = String(Labels.trim(Layout.clean(raw)))
            guard !line.isEmpty else {
                flushPending()
                continue
            }
            guard line.utf8.last == UInt8(ascii: "|") else {
                if Layout.isPageMarker(line) { continue }
                if SectionKind.of(title: line) != nil {
                    flushPending()
                    flushCells()
                    builder.prose(line, line: number)
                } else {
                    pending.append((line, number))
                }
                continue
            }
            let body = Labels.trim(String(line.dropLast()))
            let text = pending.map(\.text).joined() + body
            let start = pending.first?.line ?? number
            pending = []
            if let kind = SectionKind.of(title: text), kind != .attachment {
                flushCells()
                builder.title(kind, text, line: start)
            } else if !isFormCode(text) {
                cells.append(Cell(text: text, line: start))
            }
        }
        flushPending()
        flushCells()
    }

    /// `报表编号:510000_0013zp`: the form's code, not part of any table.
    static func isFormCode(_ text: String) -> Bool { Labels.norm(text).begins(with: "报表编号") }
}
