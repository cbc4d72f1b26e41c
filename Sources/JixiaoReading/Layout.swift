import Foundation
import JixiaoModel

/// A table cell: its text (lines of one cell joined with no separator, as the filings'
/// converters split them) and the line it starts on.
package struct Cell: Hashable, Sendable {
    package let text: String
    package let line: Int
    /// The text normalised for label matching, computed once.
    package let key: String
    /// Blank, `——`, `/`, `无`: decided once, as every reader asks.
    package let isEmpty: Bool
    /// Whether the text as read held control characters (now escaped).
    package let hadControls: Bool

    /// `text` as read, with any control character (ESC, BEL, a bidi override) kept as its
    /// visible escape; `hadControls` says there was one, for the reader's warning.
    package init(text: String, line: Int) {
        self.line = line
        if let (key, blank) = Labels.cellKey(text) {
            (self.text, self.key, isEmpty, hadControls) = (text, key, blank, false)
            return
        }
        self.text = ControlCharacters.escaped(text)
        key = Labels.norm(self.text)
        isEmpty = Labels.isPlaceholderKey(key)
        hadControls = true
    }

    /// The cell's value, from its key.
    var value: Labels.Value { Labels.value(text, key: key) }
}

/// A table row, as the front end found it.
package struct Row: Hashable, Sendable {
    package var cells: [Cell]
    package var line: Int { cells.first?.line ?? 0 }
    // The cells read by index, each key where it stands: a closure over the cells was handed a
    // copy of each cell, its two strings retained and released, to read its key.
    package func index(where test: (String) -> Bool) -> Int? { cells.indices.first { test(cells[$0].key) } }
    package func has(_ label: String) -> Bool { cells.indices.contains { cells[$0].key.has(label) } }
    /// Whether a cell holds any of `words`: each cell read once, not once a word.
    package func holds(_ words: WordList) -> Bool { cells.indices.contains { words.occurs(in: cells[$0].key) } }
    package var isBlank: Bool { cells.indices.allSatisfy { cells[$0].isEmpty } }
    package var preview: String {
        let texts = cells.map(\.text).filter { !$0.isEmpty }
        return DisplayWidth.truncate(texts.joined(separator: " | "), to: 60)
    }
}

/// What a title line announces.
package enum SectionKind: Equatable, Sendable {
    case departmentReport, basicData, departmentTable, projectTable, summaryTable, projectReport, summaryReport
    case otherReport
    case attachment  // 附件5, 附表2: a boundary only
    case preamble  // lines before any title

    var isTable: Bool {
        switch self {
        case .basicData, .departmentTable, .projectTable, .summaryTable: true
        default: false
        }
    }

    /// Recognises a title line by its wording, tolerating spaces, a leading unit name or
    /// year, an 附表N prefix and a trailing `(2023年度)`.
    static func of(title text: String) -> SectionKind? {
        // The tests below each turn a line away, so they are asked cheapest first for prose: a
        // sentence is no title (only an attachment's, with its 附, may hold a comma), and a
        // paragraph's first comma comes within a few characters.
        if sentenceMarks.occurs(in: text), !text.has("附") { return nil }
        // A title's normal form is at most 150 bytes, an attachment's (附件N, its first character 附)
        // aside: a paragraph is turned away once 150 bytes of it are read, not searched for each word.
        if Labels.normIsLonger(text, than: 150), !Labels.trimmed(text, begins: "附") { return nil }
        guard titleWords.occurs(in: text) else { return nil }
        var t = Labels.norm(text)
        if t.begins(with: "附件") || t.begins(with: "附表"), isAttachment(t) { return .attachment }
        guard t.utf8.count <= 150, !t.has("，"), !t.has("。"), !t.has(",") else { return nil }
        t = withoutYearSuffix(t)
        for (ending, kind) in endings where t.ends(with: ending) { return kind }
        return nil
    }

    /// The endings of titles and what each announces, the longer before those they end with.
    private static let endings: [(String, SectionKind)] = [
        ("基础数据表", .basicData), ("自评汇总表", .summaryTable),
        ("自评结果汇总表", .summaryTable), ("自评情况汇总表", .summaryTable),
        ("部门整体支出绩效自评表", .departmentTable), ("整体支出绩效自评表", .departmentTable),
        ("项目支出绩效自评表", .projectTable), ("项目绩效自评表", .projectTable),
        ("汇总报告", .summaryReport),
        ("项目支出绩效自评报告", .projectReport), ("项目绩效自评报告", .projectReport),
        ("整体支出绩效自评报告", .departmentReport), ("部门绩效自评报告", .departmentReport),
        ("自评情况说明", .otherReport), ("自评报告", .otherReport),
    ]

    /// `附件3`, `附表二:`: what `Patterns.attachment` matches, read by hand as a filing has one or
    /// two and the regex took thirty thousand instructions for each.
    static func isAttachment(_ key: String) -> Bool {
        var reader = ScalarReader(key)
        let numeral = { (s: Unicode.Scalar) in ("0"..."9").contains(s) || Narratives.isChineseNumeral(s) }
        var matched = reader.take { $0 == "附" } && reader.take { $0 == "件" || $0 == "表" } && reader.take(numeral)
        if matched {
            while reader.take(numeral) {}
            _ = reader.take { $0 == ":" }
            matched = reader.atEnd
        }
        return reader.undecided ? key.firstMatch(of: Patterns.attachment) != nil : matched
    }

    /// A title holds one of these; a line without any is passed over in one look.
    private static let titleWords = WordList(["表", "报告", "说明", "附件"])
    private static let sentenceMarks = WordList(["，", "。", ","])

    /// `部门整体支出绩效自评表(2023年度)` → `部门整体支出绩效自评表`.
    static func withoutYearSuffix(_ key: String) -> String {
        guard key.ends(with: ")"), let open = key.utf8.lastIndex(of: UInt8(ascii: "(")) else { return key }
        let inside = String(Substring(key.utf8[open...]))
        guard inside.has("年"), inside.utf8.count <= 16 else { return key }
        return String(Substring(key.utf8[..<open]))
    }
}

/// A run of the file between two titles: its rows (tables) and its prose lines.
package struct Section: Sendable {
    package var kind: SectionKind
    package var title: String
    package var line: Int
    package var rows: [Row] = []
    package var prose: [Located] = []
    /// `单位：元` written above the table: amounts without a unit in their header are in 元.
    package var amountsInYuan = false
    /// Lines whose text held control characters, kept escaped, for the reader's warnings.
    package var controlLines: [Int] = []
}

/// Collects what a front end finds — titles, prose lines and table rows — into sections.
/// Every layout goes through it, so titles, page markers and unit lines are handled once.
package struct SectionBuilder {
    package private(set) var sections: [Section] = [Section(kind: .preamble, title: "", line: 1)]

    package init() {}

    /// The section being built, changed in place: a `get`/`set` pair would copy the section
    /// and its rows for every row appended, which made reading a filing quadratic in its rows.
    private var current: Section {
        get { sections[sections.count - 1] }
        _modify { yield &sections[sections.count - 1] }
    }

    package mutating func row(_ cells: [Cell]) {
        guard !cells.isEmpty else { return }
        current.rows.append(Row(cells: cells))
        for cell in cells where cell.hadControls { current.controlLines.append(cell.line) }
    }

    /// A line outside any table cell: a title, a unit line, a page marker, or prose.
    package mutating func prose(_ text: String, line: Int) {
        var trimmed = Labels.trim(text)
        if ControlCharacters.occur(in: trimmed) {
            trimmed = ControlCharacters.escaped(trimmed)
            current.controlLines.append(line)
        }
        guard !trimmed.isEmpty, !Layout.isPageMarker(trimmed) else { return }
        if let kind = SectionKind.of(title: trimmed) {
            title(kind, trimmed, line: line)
            return
        }
        if current.kind.isTable, current.rows.isEmpty, current.prose.isEmpty, Layout.isYearSubtitle(trimmed) {
            current.title += trimmed
            return
        }
        if let yuan = Layout.amountUnit(trimmed) {
            current.amountsInYuan = yuan
            return
        }
        current.prose.append(Located(trimmed, line: line))
    }

    package mutating func title(_ kind: SectionKind, _ text: String, line: Int) {
        sections.append(Section(kind: kind, title: text, line: line))
    }
}

/// The text layouts filings arrive in, each read by its own front end into the same
/// sections of rows and prose.
package enum LayoutFamily: String, Sendable {
    /// One tab-led line per cell, untabbed continuation lines, blank lines between rows
    /// (Word's own text export and the dumps made from it).
    case tabCells = "tab-led cells"
    /// One cell per line ending in ` |`, nothing between rows (Sichuan's published pages).
    case pipeCells = "pipe-ended cells"
    /// `| a | b |` rows with a `|---|` separator (converters to markdown).
    case markdownRows = "markdown rows"
    case docx = "Word tables"
    case workbook = "workbook sheets"
    case html = "web page tables"
    case pdf = "PDF tables"
}

/// Splits a document into titled sections of rows and prose, choosing the front end by
/// what its lines look like.
package enum Layout {
    package struct Result {
        package var sections: [Section]
        package var lineCount: Int
        package var family: LayoutFamily
    }

    package static func sections(of text: String) -> Result {
        text.withBytes { sections(ofValidUTF8: $0, text: { text }) }
    }

    /// `sections(of:)` of a file's bytes, known to be valid UTF-8; `text` makes them a string for
    /// the layouts read line by line as strings (pipes, markdown), and is not called for the others.
    package static func sections(ofValidUTF8 bytes: UnsafeBufferPointer<UInt8>, text: () -> String) -> Result {
        var builder = SectionBuilder()
        let lines = TextLines.ranges(bytes)
        let family = Layout.family(of: lines, in: bytes)
        switch family {
        case .tabCells: TabCells.read(bytes, lines: lines, into: &builder)
        case .pipeCells: PipeCells.read(TextLines.split(text()), into: &builder)
        case .markdownRows: MarkdownRows.read(TextLines.split(text()), into: &builder)
        case .docx, .workbook, .html, .pdf: break
        }
        return Result(sections: builder.sections, lineCount: lines.count, family: family)
    }

    /// The family whose table lines are most numerous; tab-led cells when there are none.
    static func family(of lines: [Range<Int>], in bytes: UnsafeBufferPointer<UInt8>) -> LayoutFamily {
        var tabs = 0
        var markdown = 0
        var pipes = 0
        for range in lines where !range.isEmpty {
            let first = bytes[range.lowerBound]
            if first == UInt8(ascii: "\t") {
                tabs += 1
                continue
            }
            let line = bytes[range]
            guard let last = line.last(where: { $0 != 0x20 && $0 != 0x0D }), last == UInt8(ascii: "|") else {
                continue
            }
            if first == UInt8(ascii: "|") && line.count > 1 && line.dropFirst().contains(UInt8(ascii: "|")) {
                markdown += 1
            } else {
                pipes += 1
            }
        }
        if markdown > tabs && markdown >= pipes && markdown > 0 { return .markdownRows }
        if pipes > tabs && pipes > 0 { return .pipeCells }
        return .tabCells
    }

    /// Whether a line may hold what `clean` removes: it has a `[` or a `<`.
    static func mayHoldDebris(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        TextLines.offset(of: 0x5B, in: line, from: 0) != nil || TextLines.offset(of: 0x3C, in: line, from: 0) != nil
    }

    /// Removes dump debris from a line: `[bookmark: …]` tokens and `<br>` tags.
    static func clean(_ line: Substring) -> Substring {
        let marked =
            line.utf8.withContiguousStorageIfAvailable(mayHoldDebris) ?? line.utf8.contains { $0 == 0x5B || $0 == 0x3C }
        guard marked else { return line }
        var out = String(line)
        if out.has("[bookmark:") { out = withoutBookmarks(out) }
        if out.has("<br") { out = out.replacing(Patterns.lineBreakTag, with: "") }
        return Substring(out)
    }

    /// What replacing `Patterns.bookmark` with nothing gives, on bytes: the regex took a quarter
    /// of a million instructions for the one bookmark of a typical filing.
    static func withoutBookmarks(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let marker = Array("[bookmark:".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == marker[0], bytes[i...].starts(with: marker),
                let close = bytes[(i + marker.count)...].firstIndex(of: UInt8(ascii: "]"))
            {
                i = close + 1
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `— 5 —`, `- 12 -`, `第 4 页 共 6 页`: page numbers from the printed document, as
    /// `Patterns.pageMarker` and `Patterns.pageFooter` match them, read by hand: the regex took a
    /// hundred thousand instructions for each marker of a filing.
    static func isPageMarker(_ text: String) -> Bool {
        // Both patterns begin with 第 (E7 AC AC) or a dash (E2 80 94, 2D, EF BC 8D), none of which has
        // another canonical spelling: other lines are answered by their first byte.
        switch text.utf8.first {
        case 0xE7?, 0xE2?, 0x2D?, 0xEF?: break
        default: return false
        }
        var reader = ScalarReader(text)
        let dash = { (s: Unicode.Scalar) in s == "—" || s == "-" || s == "－" }
        let matched =
            reader.take { $0 == "第" }
            ? reader.number() && reader.take { $0 == "页" } && (reader.atEnd || reader.pageCount())
            : reader.take(dash) && reader.number() && reader.take(dash) && reader.atEnd
        guard reader.undecided else { return matched }
        return text.firstMatch(of: Patterns.pageFooter) != nil || text.firstMatch(of: Patterns.pageMarker) != nil
    }

    /// `（2022年度）` on the line under a title.
    static func isYearSubtitle(_ text: String) -> Bool {
        guard text.begins(with: "（") || text.begins(with: "(") else { return false }
        guard !Labels.normIsLonger(text, than: 16) else { return false }
        let key = Labels.norm(text)
        return key.begins(with: "(") && key.ends(with: ")") && key.utf8.count <= 16 && key.has("年")
    }

    /// `单位：元` → true, `单位：万元` → false, anything else → nil.
    static func amountUnit(_ text: String) -> Bool? {
        guard text.utf8.count <= 60, text.has("单位") else { return nil }
        let key = Labels.norm(text)
        guard key.utf8.count <= 24, key.begins(with: "单位:") || key.begins(with: "金额单位:") else { return nil }
        if key.ends(with: "万元") { return false }
        if key.ends(with: ":元") { return true }
        return nil
    }

    /// `一、`, `（二）`, `3、`: a narrative heading, which never continues a table cell.
    static func isNarrativeHeading(_ text: String) -> Bool {
        Narratives.isHeading(text) && text.unicodeScalars.count > 8
    }
}

/// Splits text into lines on its UTF-8 bytes: LF, CRLF, or lone CR where a file has no LF.
/// (Splitting a `String` by `Character` runs grapheme breaking over every byte of the file.)
enum TextLines {
    static func split(_ text: String) -> [Substring] {
        var text = text
        let ranges = text.withUTF8(Self.ranges)
        let utf8 = text.utf8
        // Through the UTF-8 view: `String`'s own subscript rounds to Character boundaries, and a
        // CR LF pair is one Character.
        return ranges.map { range in
            let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
            return Substring(utf8[start..<utf8.index(start, offsetBy: range.count)])
        }
    }

    /// The lines as offsets into the buffer, found on its bytes: stepping the UTF-8 view an index
    /// at a time cost 32 instructions a byte.
    static func ranges(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        let separator: UInt8 = offset(of: 0x0A, in: bytes, from: 0) != nil ? 0x0A : 0x0D
        var ranges: [Range<Int>] = []
        // Room made once for a line every 16 bytes (a filing's lines average about 19): grown by
        // doubling, the list was copied ten times over for a file of a thousand lines.
        ranges.reserveCapacity(bytes.count / 16 + 1)
        var start = 0
        while let end = offset(of: separator, in: bytes, from: start) {
            ranges.append(start..<trimmingCR(bytes, start, end))
            start = end + 1
        }
        if start < bytes.count { ranges.append(start..<trimmingCR(bytes, start, bytes.count)) }
        return ranges
    }

    /// The offset of the first `byte` at or after `start`, by `memchr`, which reads a line's
    /// bytes many at a time where a loop in Swift took seven instructions a byte.
    static func offset(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress,
            let hit = memchr(base + start, Int32(byte), bytes.count - start)
        else { return nil }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
    }

    /// `end`, or the offset before it when a CR ends the line.
    private static func trimmingCR(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        end > start && bytes[end - 1] == 0x0D ? end - 1 : end
    }
}
