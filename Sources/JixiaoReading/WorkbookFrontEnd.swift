import Foundation
import JixiaoModel

/// The front end for workbooks (.xlsx, .xlsm): every visible sheet in workbook order, read as the
/// rows of a table or as prose. A budget system's export puts one table on a sheet named after its
/// title (`3-项目支出绩效自评表`) and the prose on a sheet of its own; an office suite's import
/// stacks every table on one sheet with the prose as one-cell rows between them. Both read.
///
/// A merged range is one cell of the row it starts in, holding the top-left cell's value; in the
/// rows below, it is one empty cell, as Word's vertically merged cells are. Each cell and prose row
/// is a line of the layout text (`export text`), and its place (`3-项目支出绩效自评表!H7`) is what
/// warnings and findings name.
enum WorkbookFrontEnd: FrontEnd {
    static func claims(_ file: FileBytes) -> Bool { file.zip?.contains("xl/workbook.xml") == true }

    static func read(_ file: FileBytes) throws(ReadError) -> FrontEndResult {
        guard let zip = file.zip else { throw .notWorkbook("the zip archive cannot be opened") }
        let workbook = try Workbook.read(zip)
        var layout = SheetLayout(multipleSheets: workbook.sheets.count > 1)
        for sheet in workbook.sheets { try layout.add(sheet) }
        var result = FrontEndResult(
            layout: JixiaoReading.Layout.Result(
                sections: layout.builder.sections, lineCount: layout.lines.count, family: .workbook),
            encoding: .xlsx, format: .xlsx, text: layout.lines.joined(separator: "\n") + "\n", places: layout.places)
        result.notes = workbook.hidden.map { ReadWarning(line: 1, message: "sheet '\($0)' is hidden and was skipped") }
        return result
    }

    /// The sections, the layout text and each line's place, built sheet by sheet.
    struct SheetLayout {
        let multipleSheets: Bool
        var builder = SectionBuilder()
        var lines: [String] = []
        var places: [String] = []

        mutating func line(_ text: String, at place: String) -> Int {
            lines.append(text)
            places.append(place)
            return lines.count
        }

        mutating func add(_ sheet: Workbook.Sheet) throws(ReadError) {
            let grid = Grid(sheet)
            guard grid.width * grid.rows.count <= Workbook.largestGrid else {
                throw .notWorkbook("sheet '\(sheet.name)' spans \(grid.width) columns by \(grid.rows.count) rows")
            }
            // A sheet named after a title (`2-部门整体支出绩效自评表`) is that section.
            let title = Self.title(of: sheet.name)
            if multipleSheets, JixiaoReading.SectionKind.of(title: title) != nil {
                builder.prose(title, line: line(title, at: "'\(sheet.name)'"))
            }
            let kinds = grid.rows.map(grid.kind)
            let texts = zip(grid.rows, kinds).map { row, kind in
                if case .single(let column) = kind { return Labels.trim(grid.text(row, column)) }
                return ""
            }
            for (index, row) in grid.rows.enumerated() {
                switch kinds[index] {
                case .blank: continue
                case .single(let column) where isProse(index, kinds: kinds, texts: texts):
                    let text = grid.text(row, column)
                    builder.prose(text, line: line(text, at: place(sheet, row, column)))
                default: addRow(row, in: grid, sheet)
                }
            }
        }

        /// A one-cell row is prose (a title, a paragraph, `附件一`) unless it follows a table's row
        /// and the table goes on after it, or the sheet ends, or a title comes next: then it is a
        /// table row whose other cells are empty (`厉行节约保障措施`, its cell left blank).
        func isProse(_ index: Int, kinds: [Grid.RowKind], texts: [String]) -> Bool {
            if Self.isTitle(texts[index]) { return true }
            guard kinds[..<index].last(where: { $0 != .blank }) == .table else { return true }
            guard let after = kinds.indices.dropFirst(index + 1).first(where: { kinds[$0] != .blank }) else {
                return false
            }
            return kinds[after] != .table && !Self.isTitle(texts[after])
        }

        static func isTitle(_ text: String) -> Bool {
            JixiaoReading.SectionKind.of(title: text) != nil || JixiaoReading.Layout.amountUnit(text) != nil
        }

        /// A table row. A table's title standing in a later cell of the row (an office suite's
        /// import puts the paragraph after a table beside its last row) starts the next section.
        mutating func addRow(_ row: Int, in grid: Grid, _ sheet: Workbook.Sheet) {
            var slots = grid.slots(row)
            let title = slots.indices.dropFirst().last { index in
                JixiaoReading.SectionKind.of(title: Labels.trim(slots[index].text))?.isTable == true
            }
            let titleSlot = title.map { slots[$0] }
            if let title { slots.removeSubrange(title...) }
            builder.row(cells(slots, row: row, in: grid, sheet))
            if let titleSlot {
                let text = Labels.trim(titleSlot.text)
                builder.prose(text, line: line(text, at: place(sheet, row, titleSlot.column)))
            }
        }

        mutating func cells(
            _ slots: [(column: Int, text: String)], row: Int, in grid: Grid, _ sheet: Workbook.Sheet
        ) -> [Cell] {
            _ = line("", at: place(sheet, row, grid.left))
            var cells: [Cell] = []
            for slot in slots {
                let parts = slot.text.split(separator: "\n", omittingEmptySubsequences: false)
                let at = place(sheet, row, slot.column)
                let first = line("\t" + (parts.first.map(String.init) ?? ""), at: at)
                for part in parts.dropFirst() { _ = line(String(part), at: at) }
                let text = parts.map { Labels.trim(String($0)) }.joined()
                cells.append(Cell(text: Labels.trim(text), line: first))
            }
            return cells
        }

        func place(_ sheet: Workbook.Sheet, _ row: Int, _ column: Int) -> String {
            "\(sheet.name)!\(CellReference(row: row, column: column).name)"
        }

        /// `3-项目支出绩效自评表` → `项目支出绩效自评表`.
        static func title(of name: String) -> String {
            let trimmed = name.drop { $0.isNumber }
            guard trimmed.count < name.count, let first = trimmed.first, "-_.、 ".contains(first) else { return name }
            return String(trimmed.dropFirst())
        }
    }

    /// A sheet as rows of slots: the cells between its leftmost and rightmost used columns, a merged
    /// range one slot.
    struct Grid {
        let sheet: Workbook.Sheet
        let rows: [Int]
        let left: Int
        let right: Int
        var width: Int { right - left + 1 }
        /// Merges by their top-left cell, and the rows each covers below its first.
        private var starts: [Int: [Int: Workbook.Merge]] = [:]
        private var covering: [Int: [Workbook.Merge]] = [:]

        init(_ sheet: Workbook.Sheet) {
            self.sheet = sheet
            var rows = Set(sheet.cells.keys)
            var columns = sheet.cells.values.flatMap(\.keys)
            let textRows = rows
            for merge in sheet.merges {
                starts[merge.top, default: [:]][merge.left] = merge
                columns += [merge.left, merge.right]
                // Rows a merge covers count only between the first and last rows with text.
                guard let first = textRows.min(), let last = textRows.max() else { continue }
                let (lower, upper) = (max(merge.top + 1, first), min(merge.bottom, last))
                if lower <= upper {
                    for row in lower...upper {
                        covering[row, default: []].append(merge)
                        rows.insert(row)
                    }
                }
                if merge.top >= first && merge.top <= last { rows.insert(merge.top) }
            }
            self.rows = rows.sorted()
            left = columns.min() ?? 1
            right = columns.max() ?? 1
        }

        enum RowKind: Equatable {
            case blank, table
            case single(column: Int)
        }

        func text(_ row: Int, _ column: Int) -> String { sheet.cells[row]?[column] ?? "" }

        func kind(_ row: Int) -> RowKind {
            let filled = (sheet.cells[row] ?? [:]).filter { !Labels.trim($0.value).isEmpty }
            if filled.isEmpty && covering[row] == nil { return .blank }
            guard filled.count == 1, covering[row] == nil, let column = filled.keys.first else { return .table }
            let merges = starts[row] ?? [:]
            return merges.isEmpty || (merges.count == 1 && merges[column] != nil) ? .single(column: column) : .table
        }

        /// The row's slots left to right: a merge starting here is one slot with its value, a merge
        /// from a row above one empty slot, any other cell a slot of its own.
        func slots(_ row: Int) -> [(column: Int, text: String)] {
            var slots: [(column: Int, text: String)] = []
            var column = left
            while column <= right {
                if let merge = starts[row]?[column] {
                    slots.append((column, text(row, column)))
                    column = merge.right + 1
                } else if let merge = covering[row]?.first(where: { $0.left <= column && column <= $0.right }) {
                    if column == merge.left || column == left { slots.append((column, "")) }
                    column = merge.right + 1
                } else {
                    slots.append((column, text(row, column)))
                    column += 1
                }
            }
            while let last = slots.last, last.text.isEmpty, !isMergeSlot(row, last.column) { slots.removeLast() }
            return slots
        }

        private func isMergeSlot(_ row: Int, _ column: Int) -> Bool {
            starts[row]?[column] != nil || covering[row]?.contains { $0.left == column } == true
        }
    }
}
