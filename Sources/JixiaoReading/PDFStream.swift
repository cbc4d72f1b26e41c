import JixiaoModel

/// Rebuilds tables a PDF prints without borders (Word's borderless tables), from word positions
/// alone. A line's words fall into cells where a gap is wider than a space; a column starts where
/// cells' text starts on two lines or more; a row starts after a gap wider than the lines of one
/// cell keep, or where a column gets a second text while its first ended short of the column's
/// edge (a text that ran to the edge was wrapped, and goes on in the same row).
///
/// Used only for a PDF with no rules at all: where a producer draws borders they decide, and text
/// set apart between ruled tables is never taken for a table.
enum PDFStream {
    /// A gap this many line heights wide or wider ends a cell: wider than a space, narrower than
    /// two cells' padding.
    static let cellGap = 0.3

    /// The tables among a page's lines (top to bottom), and the lines that are prose. A wide line
    /// of one cell (a paragraph) or a title ends a run of lines; a run with two lines of several
    /// cells is a table, its one-cell lines (a label centred beside others, a wrapped cell) in it.
    static func find(
        _ lines: [PDFLine], width: Double
    ) -> (tables: [(start: [Double], table: PDFTable)], prose: [PDFLine]) {
        let left = lines.map(\.box.left).min() ?? 0
        let right = lines.map(\.box.right).max() ?? width
        var tables: [(start: [Double], table: PDFTable)] = []
        var prose: [PDFLine] = []
        var run: [PDFLine] = []
        let rowGap = usualRowGap(lines)
        func close() {
            if run.filter({ segments($0).count >= 2 }).count >= 2, let table = table(run, rowGap: rowGap),
                let first = run.first
            {
                tables.append(([Double(first.page), first.box.top], table))
            } else {
                prose += run
            }
            run = []
        }
        for line in lines {
            if segments(line).count == 1, line.box.width >= (right - left) * 0.45 || isStandalone(line) {
                close()
                prose.append(line)
            } else {
                run.append(line)
            }
        }
        close()
        return (tables, prose)
    }

    /// The gap producers leave between rows, as the commonest of the gaps wider than a third of a
    /// line: Writer leaves a little less than a line, python-docx's empty paragraphs four lines.
    /// A gap well short of it (a line break inside a cell) is no row's end.
    static func usualRowGap(_ lines: [PDFLine]) -> Double {
        var counts: [Int: Int] = [:]
        for (above, below) in zip(lines, lines.dropFirst()) where above.page == below.page {
            let gap = below.box.top - above.box.bottom
            if gap >= below.box.height * 0.35 { counts[Int(gap.rounded()), default: 0] += 1 }
        }
        return Double(counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key ?? 0)
    }

    /// A title, a heading, a page number, a unit line: never a table's cell.
    static func isStandalone(_ line: PDFLine) -> Bool {
        let text = Labels.trim(line.text)
        return SectionKind.of(title: text) != nil || Narratives.isHeading(text) || Layout.isPageMarker(text)
            || Layout.amountUnit(text) != nil
    }

    /// A line's words grouped into cells at the gaps wider than a space.
    static func segments(_ line: PDFLine) -> [PDFLine] {
        var result: [PDFLine] = []
        for word in line.words {
            if var last = result.last, word.box.left - last.box.right < max(word.box.height, 1) * cellGap {
                last.words.append(word)
                last.box.right = max(last.box.right, word.box.right)
                result[result.count - 1] = last
            } else {
                result.append(PDFLine(words: [word], box: word.box, place: line.place, page: line.page))
            }
        }
        return result
    }

    /// Where columns start: the left edges of the cells of text, those within a few points of each
    /// other one; a number's edge only where no text starts near it, since a number may stand
    /// centred or right-aligned in its column.
    static func columns(_ block: [PDFLine]) -> [Double] {
        let cells = block.flatMap(segments)
        var edges = clusters(cells.filter { !isNumber($0.text) }.map(\.box.left))
        for edge in clusters(cells.filter { isNumber($0.text) }.map(\.box.left))
        where !edges.contains(where: { abs($0 - edge) <= 12 }) {
            edges.append(edge)
        }
        return edges.sorted()
    }

    static func clusters(_ positions: [Double]) -> [Double] {
        var result: [Double] = []
        for position in positions.sorted() where result.last.map({ position - $0 > 4 }) ?? true {
            result.append(position)
        }
        return result
    }

    static func isNumber(_ text: String) -> Bool {
        !text.isEmpty
            && text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ".,%-".unicodeScalars.contains($0) }
    }

    /// The block as rows, a slot per column.
    static func table(_ block: [PDFLine], rowGap: Double) -> PDFTable? {
        let edges = columns(block)
        guard edges.count >= 2 else { return nil }
        let right = (block.map(\.box.right).max() ?? 0) + 1
        let bounds = Array(zip(edges, Array(edges.dropFirst()) + [right]))
        var rows: [[PDFSlot]] = []
        var row: [PDFSlot] = []
        var previous: PDFLine?
        for line in block {
            let cells = segments(line).map { segment in
                (column: edges.lastIndex { $0 <= segment.box.left + 2 } ?? 0, segment: segment)
            }
            if row.isEmpty || startsRow(line, cells, after: previous, in: row, rowGap: rowGap) {
                if !row.isEmpty { rows.append(row) }
                row = bounds.map { PDFSlot(left: $0.0, right: $0.1, lines: []) }
            }
            for (column, segment) in cells { row[column].lines.append(segment) }
            previous = line
        }
        if !row.isEmpty { rows.append(row) }
        rows = underHeaders(rows)
        let box = PDFBox(
            left: edges[0], top: block.map(\.box.top).min() ?? 0, right: right,
            bottom: block.map(\.box.bottom).max() ?? 0)
        return PDFTable(box: box, columns: edges, rows: rows)
    }

    /// The rows with the columns of the header above them: a header (four cells or more, none a
    /// number) names its table's columns, and each row below it has a cell per header column, with
    /// a cell before them for a label left of the header (`项目资金(万元)`). A row above any header
    /// keeps its cells of text in order (`项目名称` and its value). So the columns one part of a
    /// table starts at (a fund table's) make no empty cells in another (the indicators').
    static func underHeaders(_ rows: [[PDFSlot]]) -> [[PDFSlot]] {
        var header: [Double]?
        return rows.map { row in
            let filled = row.filter { !$0.lines.isEmpty }
            if filled.count >= 4, !filled.contains(where: { isNumber($0.text) }) { header = filled.map(\.left) }
            guard let header, let first = header.first else { return filled }
            let rights = Array(header.dropFirst()) + [row.last?.right ?? 0]
            var slots = [PDFSlot(left: row.first?.left ?? 0, right: first, lines: [])]
            slots += zip(header, rights).map { PDFSlot(left: $0, right: $1, lines: []) }
            for slot in filled {
                let index = header.lastIndex { $0 <= slot.left + 2 }.map { $0 + 1 } ?? 0
                slots[index].lines += slot.lines
            }
            for index in slots.indices {
                slots[index].lines.sort { ($0.page, $0.box.top, $0.box.left) < ($1.page, $1.box.top, $1.box.left) }
            }
            return slots
        }
    }

    /// Whether `line` begins a new row: after a gap the lines of one cell do not leave, or with a
    /// cell whose column's text in the row does not go on into it. A cell's text goes on onto the
    /// very next line, and only when it ran to the column's edge (wrapped) or the new piece is a
    /// fragment a cell breaks onto a line of its own (`(万元)`, `（40分）`, `数`); a number only
    /// from a number.
    static func startsRow(
        _ line: PDFLine, _ cells: [(column: Int, segment: PDFLine)], after previous: PDFLine?, in row: [PDFSlot],
        rowGap: Double
    ) -> Bool {
        guard let previous else { return false }
        let gap = line.box.top - previous.box.bottom
        if previous.page == line.page, gap >= max(line.box.height * 0.35, rowGap * 0.6) { return true }
        // Where rows stand two lines apart or more (python-docx's empty paragraphs), the space
        // alone tells them apart on a page; the cells' texts decide where rows stand close, and
        // over a page break.
        if rowGap >= line.box.height * 2, previous.page == line.page { return false }
        return cells.contains { column, segment in
            guard let last = row[column].lines.last else { return false }
            let isNext = last.page != line.page || last.box.top >= previous.box.top - 1
            let wrapped = row[column].right - last.box.right <= last.box.height * 1.2 + 6
            // A number goes on only from a number (`56.67` | `%`), never from a label.
            let fits = !isNumber(segment.text) || isNumber(last.text)
            return !isNext || !fits || !(wrapped || isFragment(segment.text))
        }
    }

    /// A unit in brackets, or a character or two that is neither a number nor a placeholder (`无`):
    /// the end of a header cell, never a row's start.
    static func isFragment(_ text: String) -> Bool {
        let trimmed = Labels.trim(text)
        guard let first = trimmed.first, let last = trimmed.last else { return true }
        if "(（".contains(first) && ")）".contains(last) && trimmed.count <= 6 { return true }
        return trimmed.count <= 2 && !Labels.isPlaceholderKey(Labels.norm(trimmed)) && !first.isNumber
    }
}
