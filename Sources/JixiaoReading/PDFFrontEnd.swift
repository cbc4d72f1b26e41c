import Foundation
import JixiaoModel

/// The front end for PDFs with a text layer. poppler does the PDF: `pdftotext -bbox-layout` gives
/// each page's words with their boxes, `pdftocairo -svg` its drawing, whose straight lines are the
/// tables' rules (`PDFDrawing`). The shell runs both and hands their output here, as `Made.pdf`.
///
/// Each page's ruled tables are rebuilt from positions (`PDFTables`); the words outside them are
/// prose lines. A PDF that draws no rules at all has its tables rebuilt from word positions alone
/// (`PDFStream`), with a warning that says so. A table that goes on over a page break is one
/// table, and a row Writer split there is put back together. Running heads and page numbers are
/// dropped. Each cell and prose line is a line of the layout text, placed at its page and the line
/// it starts on there (`p4:12`).
package enum PDFFrontEnd: FrontEnd {
    package static func claims(_ file: FileBytes) -> Bool { file.isPDF }

    package static func outsideProgram(for file: FileBytes) -> OutsideProgram? { .poppler }

    package static func read(_ file: FileBytes) throws(ReadError) -> FrontEndResult {
        guard case .pdf(let words, let rules)? = file.made else { throw .needsProgram(.poppler) }
        return try read(words: words, rules: rules)
    }

    /// Said of every PDF whose tables were rebuilt from positions alone: borders are certain,
    /// positions are the best there is.
    static let byPositionNote =
        "this PDF draws no cell borders: its tables were rebuilt from the words' positions alone; "
        + "hold what matters against the PDF"

    /// Reads poppler's word list and the rules `PDFDrawing.encode` wrote of its drawing.
    package static func read(words: Data, rules: String) throws(ReadError) -> FrontEndResult {
        var pages = try PDFWordList.pages(words)
        guard !pages.isEmpty else { throw .notPDF("poppler found no pages in it") }
        guard pages.contains(where: { !$0.words.isEmpty }) else { throw .scannedPDF(pages: pages.count) }
        guard let drawn = PDFDrawing.decode(rules) else { throw .notPDF("its rules cannot be read") }
        for (index, pageRules) in drawn.enumerated() where index < pages.count { pages[index].rules = pageRules }
        var layout = PDFLayout()
        let running = RunningLines(pages)
        // A producer that draws borders draws them for every table; a PDF with none at all is
        // read by position alone.
        let byPosition = pages.allSatisfy { $0.rules.isEmpty }
        if byPosition {
            layout.addByPosition(pages, dropping: running)
        } else {
            for page in pages { layout.add(page, dropping: running) }
        }
        layout.finish()
        guard layout.tableCount > 0 else { throw .noTableInPDF(pages: pages.count) }
        var result = FrontEndResult(
            layout: Layout.Result(sections: layout.builder.sections, lineCount: layout.lines.count, family: .pdf),
            encoding: .pdf, format: .pdf, text: layout.lines.joined(separator: "\n") + "\n", places: layout.places)
        if byPosition { result.notes = [ReadWarning(line: 1, message: Self.byPositionNote)] }
        return result
    }
}

/// Lines in a page's top or bottom margin that recur on other pages (a running head, `第 2 页 共 6 页`).
struct RunningLines {
    private var repeated: Set<String> = []
    /// The share of the page's height, at its top and its bottom, where running lines stand.
    static let margin = 0.08

    init(_ pages: [PDFPage]) {
        var seen: [String: Int] = [:]
        for page in pages {
            for line in Set(Self.marginal(page).map(Self.shape)) { seen[line, default: 0] += 1 }
        }
        repeated = Set(seen.filter { $0.value >= 2 }.keys)
    }

    static func marginal(_ page: PDFPage) -> [String] {
        PDFLine.lines(page.words).filter { isMarginal($0, on: page) }.map(\.text)
    }

    static func isMarginal(_ line: PDFLine, on page: PDFPage) -> Bool {
        page.height > 0 && (line.box.bottom < page.height * margin || line.box.top > page.height * (1 - margin))
    }

    /// A line with its digits made alike, so `第 2 页` and `第 3 页` are one running line.
    static func shape(_ text: String) -> String { String(text.map { $0.isASCII && $0.isNumber ? "#" : $0 }) }

    func drops(_ line: PDFLine, on page: PDFPage) -> Bool {
        guard Self.isMarginal(line, on: page) else { return false }
        return repeated.contains(Self.shape(line.text)) || Layout.isPageMarker(Labels.trim(line.text))
    }
}

/// The PDF's pages as sections, layout text and places, built page by page.
struct PDFLayout {
    var builder = SectionBuilder()
    var lines: [String] = []
    var places: [String] = []
    private(set) var tableCount = 0
    /// The rows of the table being read, held until it ends: a table that goes on over a page
    /// break is one table, and the new page may complete cells of its rows.
    private var open: [(slots: [PDFSlot], place: String)] = []
    /// The paragraph being read: prose lines that wrap into each other.
    private var paragraph: [PDFLine] = []

    private enum Item {
        case line(PDFLine)
        case table(PDFTable)
        var line: PDFLine? {
            if case .line(let line) = self { return line }
            return nil
        }
        var top: Double {
            switch self {
            case .line(let line): return line.box.top
            case .table(let table): return table.box.top
            }
        }
    }

    /// Adds a page: its ruled tables, and its other lines as prose.
    mutating func add(_ page: PDFPage, dropping running: RunningLines) {
        let (found, loose) = PDFTables.find(on: page)
        tableCount += found.count
        let place = Self.placer(page)
        var items = found.map { Item.table(Self.placed($0, place)) }
        for var line in PDFLine.lines(loose) where !running.drops(line, on: page) {
            line.place = place(line.box.top)
            items.append(.line(line))
        }
        items.sort { $0.top < $1.top }
        let right = items.compactMap(\.line).map(\.box.right).max() ?? page.width
        for (index, item) in items.enumerated() {
            switch item {
            case .line(let line): add(line, right: right)
            case .table(let table):
                closeParagraph()
                if index == 0, let last = open.last, Self.sameEdges(last.slots, table.rows.first) {
                    goOn(with: table, place: place)
                } else {
                    closeTable()
                    append(table.rows, place: place)
                }
            }
        }
    }

    /// Adds the pages of a PDF that draws no rules, its tables rebuilt from word positions over
    /// the whole document at once, so a table goes on over page breaks with the same columns.
    mutating func addByPosition(_ pages: [PDFPage], dropping running: RunningLines) {
        var lines: [PDFLine] = []
        for page in pages {
            let place = Self.placer(page)
            for var line in PDFLine.lines(page.words) where !running.drops(line, on: page) {
                (line.page, line.place) = (page.number, place(line.box.top))
                lines.append(line)
            }
        }
        let (tables, prose) = PDFStream.find(lines, width: pages.map(\.width).max() ?? 0)
        tableCount += tables.count
        var items = tables.map { (at: $0.start, item: Item.table($0.table)) }
        items += prose.map { (at: [Double($0.page), $0.box.top], item: Item.line($0)) }
        items.sort { $0.at.lexicographicallyPrecedes($1.at) }
        let right = prose.map(\.box.right).max() ?? 0
        for (_, item) in items {
            switch item {
            case .line(let line): add(line, right: right)
            case .table(let table):
                closeParagraph()
                closeTable()
                append(table.rows) { _ in table.rows.first?.flatMap(\.lines).first?.place ?? "" }
            }
        }
    }

    /// A prose line: the paragraph it goes on, or the start of the next.
    private mutating func add(_ line: PDFLine, right: Double) {
        closeTable()
        if let last = paragraph.last, !Self.continues(last, with: line, right: right) { closeParagraph() }
        paragraph.append(line)
    }

    /// Where a text at a height on `page` is: `p4:12`.
    static func placer(_ page: PDFPage) -> (Double) -> String {
        let visual = PDFTables.boundaries(page.words.map(\.box.top))
        return { top in place(page.number, top, visual) }
    }

    /// Emits what is still open; call once the last page is added.
    mutating func finish() {
        closeParagraph()
        closeTable()
    }

    /// Whether a prose line goes on from the one above: that one ran to the right margin, and
    /// this one follows it at once and starts no heading, title or page number of its own.
    static func continues(_ above: PDFLine, with line: PDFLine, right: Double) -> Bool {
        guard above.box.right >= right - above.box.height * 1.5, line.box.top - above.box.bottom < line.box.height
        else { return false }
        let text = Labels.trim(line.text)
        return !Narratives.isHeading(text) && !Layout.isPageMarker(text) && SectionKind.of(title: text) == nil
    }

    private mutating func closeParagraph() {
        guard let first = paragraph.first else { return }
        let text = paragraph.map(\.text).joined()
        paragraph = []
        builder.prose(text, line: add(text, at: first.place))
    }

    // MARK: Tables

    private mutating func append(_ rows: [[PDFSlot]], place: (Double) -> String) {
        let base = open.count
        for var slots in rows {
            for index in slots.indices {
                slots[index].origin += base
                // A cell that began in a row whose own cell there began higher up begins up there.
                let origin = slots[index].origin
                if slots[index].isCovered, origin < open.count, let at = column(of: slots[index], in: origin),
                    open[origin].slots[at].isCovered
                {
                    slots[index].origin = open[origin].slots[at].origin
                }
            }
            let first = slots.flatMap(\.lines).min { $0.box.top < $1.box.top }
            open.append((slots, first.map(\.place) ?? place(0)))
        }
    }

    /// The index of the open row's cell that stands where `slot` does.
    private func column(of slot: PDFSlot, in row: Int) -> Int? {
        open[row].slots.firstIndex { abs($0.left - slot.left) <= 3 }
    }

    /// Carries the open table over a page break. The new page's first row may hold what belongs
    /// above: the text of a merged cell that began on the page before (Writer centres it in the
    /// whole cell, so it can land on the later page), and the rest of a row, or of a merged cell,
    /// that Writer split at the break (`在园幼儿` | `人数`). The row is that rest only when every
    /// text in it goes on from the cell above: a row of its own has text where the row above ended.
    private mutating func goOn(with table: PDFTable, place: (Double) -> String) {
        var rows = table.rows
        let last = open.count - 1
        guard Self.sameColumns(open[last].slots, rows.first) else { return append(rows, place: place) }
        var rest: [(column: Int, row: Int, at: Int)] = []
        var isRest = true
        for (column, slot) in rows[0].enumerated() where !slot.lines.isEmpty {
            let above = open[last].slots[column]
            guard above.reachesBottom, let at = self.column(of: above, in: above.origin) else {
                isRest = false
                continue
            }
            let target = open[above.origin].slots[at]
            if target.lines.isEmpty, above.isCovered || slot.spansRows {
                open[above.origin].slots[at].lines = slot.lines  // a merged cell's centred text
                rows[0][column].lines = []
            } else if target.lines.isEmpty || target.spansRows
                || Self.runsToEdge(target.lines[target.lines.count - 1], of: target)
            {
                // The page cut the row: a cell empty above had its text start lower; a merged
                // cell's text runs on wherever its line ends; a cell of one row's where it is full.
                rest.append((column, above.origin, at))
            } else {
                isRest = false
            }
        }
        if isRest, !rest.isEmpty {
            for (column, row, at) in rest { open[row].slots[at].lines += rows[0][column].lines }
            rows.removeFirst()
            // One row fewer on this page: a cell that began in the row now joined above begins
            // there (origin -1 is the last open row once `append` adds the open rows' count).
            for row in rows.indices { for index in rows[row].indices { rows[row][index].origin -= 1 } }
        }
        append(rows, place: place)
    }

    private mutating func closeTable() {
        for (slots, place) in open {
            _ = add("", at: place)
            var cells: [Cell] = []
            for slot in slots {
                let first = add("\t" + (slot.lines.first?.text ?? ""), at: slot.lines.first?.place ?? place)
                for line in slot.lines.dropFirst() { _ = add(line.text, at: line.place) }
                cells.append(Cell(text: Labels.trim(slot.text), line: first))
            }
            builder.row(cells)
        }
        open = []
    }

    private mutating func add(_ text: String, at place: String) -> Int {
        lines.append(text)
        places.append(place)
        return lines.count
    }

    /// The table with each of its lines' places set.
    static func placed(_ table: PDFTable, _ place: (Double) -> String) -> PDFTable {
        var table = table
        for row in table.rows.indices {
            for slot in table.rows[row].indices {
                for line in table.rows[row][slot].lines.indices {
                    table.rows[row][slot].lines[line].place = place(table.rows[row][slot].lines[line].box.top)
                }
            }
        }
        return table
    }

    /// `p4:12`: the page, and the line a reader counts down it to the text at `top`.
    static func place(_ page: Int, _ top: Double, _ visual: [Double]) -> String {
        let line = visual.firstIndex { $0 >= top - PDFTables.tolerance } ?? max(0, visual.count - 1)
        return "p\(page):\(line + 1)"
    }

    /// Whether a table on a new page has the outer edges of the one the page before ended with.
    static func sameEdges(_ above: [PDFSlot], _ below: [PDFSlot]?) -> Bool {
        guard let below, let a = above.first, let b = below.first, let c = above.last, let d = below.last else {
            return false
        }
        return abs(a.left - b.left) <= 3 && abs(c.right - d.right) <= 3
    }

    static func sameColumns(_ above: [PDFSlot], _ below: [PDFSlot]?) -> Bool {
        guard let below, above.count == below.count else { return false }
        return zip(above, below).allSatisfy { abs($0.left - $1.left) <= 3 && abs($0.right - $1.right) <= 3 }
    }

    /// Whether a cell's line reaches its right edge, as a line that wrapped does: less than a
    /// character's width from it, allowing for the cell's padding.
    static func runsToEdge(_ line: PDFLine, of slot: PDFSlot) -> Bool {
        slot.right - line.box.right <= line.box.height * 0.8 + 3
    }
}
