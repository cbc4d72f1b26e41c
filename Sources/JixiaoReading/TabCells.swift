import JixiaoModel

/// The front end for the layout of a .docx saved or dumped as text: a tab starts a cell,
/// an untabbed line continues the cell before it, a blank line before a tab starts a new
/// row, and a title line (…自评表, …基础数据表, …报告, 附件N, 附表N) ends whatever came before.
///
/// It reads the file's UTF-8 bytes line by line and makes a string only of what it keeps (a
/// cell's text, a prose line): cutting every line out as a `Substring`, cleaning and trimming
/// it cost more than the rest of the front end.
enum TabCells {
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, lines: [Range<Int>], into builder: inout SectionBuilder) {
        var reader = State(bytes: bytes, lines: lines)
        for index in lines.indices { reader.take(index, into: &builder) }
        reader.closeRow(into: &builder)
    }

    /// The text of bytes cut from a valid UTF-8 buffer at character boundaries.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String { String(validUTF8: bytes) }

    static func string(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        string(UnsafeBufferPointer(rebasing: bytes))
    }

    /// The bytes between the blank characters at either end of `bytes`.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> Slice<UnsafeBufferPointer<UInt8>> {
        let kept = Labels.unblanked(bytes)
        return bytes[kept.lowerBound..<kept.upperBound]
    }

    private struct State {
        /// The file, valid UTF-8, and its lines as offsets into it.
        let bytes: UnsafeBufferPointer<UInt8>
        let lines: [Range<Int>]
        var row: [Cell] = []
        var cell: (text: String, line: Int)? = nil
        var blankBefore = false

        init(bytes: UnsafeBufferPointer<UInt8>, lines: [Range<Int>]) {
            (self.bytes, self.lines) = (bytes, lines)
            row.reserveCapacity(rowCapacity)
        }

        /// Room for a row's cells made once, not grown cell by cell: rows are read and dropped. An
        /// indicator row has nine or ten cells, so room for eight grew (and copied) nearly every one.
        let rowCapacity = 16

        mutating func take(_ index: Int, into builder: inout SectionBuilder) {
            let line = UnsafeBufferPointer(rebasing: bytes[lines[index]])
            guard Layout.mayHoldDebris(line) else { return take(line, number: index + 1, into: &builder) }
            var cleaned = String(Layout.clean(Substring(TabCells.string(line))))
            cleaned.withUTF8 { take($0, number: index + 1, into: &builder) }
        }

        private mutating func take(_ line: UnsafeBufferPointer<UInt8>, number: Int, into builder: inout SectionBuilder)
        {
            if line.first == UInt8(ascii: "\t") {
                closeCell()
                if blankBefore || row.isEmpty { closeRow(into: &builder) }
                cell = (TabCells.string(TabCells.trimmed(UnsafeBufferPointer(rebasing: line.dropFirst()))), number)
                blankBefore = false
                return
            }
            let kept = TabCells.trimmed(line)
            if kept.isEmpty {
                blankBefore = true
                return
            }
            let trimmed = TabCells.string(kept)
            if Layout.isPageMarker(trimmed) { return }
            if cell != nil, SectionKind.of(title: trimmed) == nil, continuesCell(trimmed, at: number - 1) {
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
            for next in lines[(index + 1)...] {
                let line = UnsafeBufferPointer(rebasing: bytes[next])
                if line.first == UInt8(ascii: "\t") { return true }
                let kept = TabCells.trimmed(line)
                if kept.isEmpty || SectionKind.of(title: TabCells.string(kept)) != nil { return false }
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
            guard !row.isEmpty else { return }
            builder.row(row)
            row = []
            row.reserveCapacity(rowCapacity)
        }
    }
}
