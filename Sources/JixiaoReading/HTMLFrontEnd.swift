import CHTML
import Foundation
import JixiaoModel

/// The front end for web pages (.html, .htm, .shtml, an .xls that is really a page): libxml2's
/// HTML parser reads the tag soup as browsers do (unclosed `<p>`, `<td>` and `<tr>`, upper-case
/// tags, unquoted attributes, Word's HTML), and the walk below hands the reader the tables' rows
/// and the article's paragraphs. `rowspan` continues a cell as an empty cell in the rows below
/// (as Word's vertical merges do), a `colspan` cell is one cell; `<p>`, `<br>` and `<div>` break
/// a cell's lines. Page chrome is not the filing: scripts, styles, navigation, breadcrumbs,
/// footers, share buttons and a portal's metadata table (索引号, 发布机构) are passed over.
/// Lines are the page's own source lines, so a finding points where the page can be opened.
enum HTMLFrontEnd: FrontEnd {
    static func claims(_ file: FileBytes) -> Bool { HTMLText.looksLikeHTML(file.data) }

    static func read(_ file: FileBytes) throws(ReadError) -> FrontEndResult {
        let (utf8, encoding) = try HTMLText.decode(file.data)
        let document = utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { jx_html_parse($0.baseAddress, Int32($0.count)) }
        }
        guard let document else { throw .notWebPage("libxml2 could not parse it") }
        defer { jx_html_free(document) }
        var walker = HTMLWalker()
        walker.walk(jx_root(document))
        let lineCount = utf8.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        return FrontEndResult(
            layout: Layout.Result(sections: walker.builder.sections, lineCount: lineCount, family: .html),
            encoding: encoding, format: .html, text: walker.lines.joined(separator: "\n") + "\n")
    }
}

/// Sniffing and decoding of a page's bytes.
enum HTMLText {
    /// A page starts (after a BOM, white space and an XML declaration, as XHTML has) with
    /// `<!DOCTYPE html`, `<html`, `<head`, `<body`, `<meta`, `<table` or a comment, in any case.
    static func looksLikeHTML(_ data: Data) -> Bool {
        var bytes = [UInt8](data.prefix(1024))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let start = Substring(String(decoding: bytes, as: UTF8.self)).drop { $0.isWhitespace }
        // Every page begins with `<`: a text filing is turned away before its first kilobyte is
        // lower-cased, which took more time than reading some of its tables.
        guard start.first == "<" else { return false }
        var text = Substring(start.lowercased())
        if text.hasPrefix("<?xml"), let end = text.firstRange(of: "?>") {
            text = text[end.upperBound...].drop { $0.isWhitespace }
        }
        return ["<!doctype html", "<html", "<head", "<body", "<meta", "<table", "<!--"].contains {
            text.hasPrefix($0)
        }
    }

    /// The page as UTF-8: the charset of its BOM, else of its `<meta charset>` or `<meta
    /// http-equiv="Content-Type" content="…; charset=…">`, else sniffed as a text filing is.
    /// GB2312 and GBK are read as GB18030, which contains both.
    static func decode(_ data: Data) throws(ReadError) -> ([UInt8], TextEncoding) {
        let hasBOM = [[0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF]].contains { data.starts(with: $0) }
        switch hasBOM ? nil : declaredCharset(data) {
        case let label? where ["gb2312", "gbk", "gb18030", "x-gbk", "cp936"].contains(label):
            guard let text = String(data: data, encoding: TextDecoding.gb18030) else { throw .undecodable }
            return (Array(text.utf8), .gb18030)
        case "utf-8"?, "utf8"?:
            if String(validating: data, as: UTF8.self) != nil { return ([UInt8](data), .utf8) }
        default: break
        }
        let (text, encoding) = try TextDecoding.decode(data)
        return (Array(text.utf8), encoding)
    }

    /// The lower-cased charset a `<meta>` in the first 4 KB declares.
    static func declaredCharset(_ data: Data) -> String? {
        let head = String(decoding: data.prefix(4096), as: UTF8.self).lowercased()
        guard let match = head.firstMatch(of: /<meta[^>]*charset\s*=\s*["']?([a-z0-9_\-]+)/) else { return nil }
        return String(match.output.1)
    }
}

/// Walks the parsed page without recursion (a page may nest tags 100,000 deep): prose outside
/// tables, rows and cells of the outermost tables; a nested table's text joins its cell.
struct HTMLWalker {
    var builder = SectionBuilder()
    /// The layout text, one entry per line: a tab-led line per cell, a blank line per row.
    var lines: [String] = []
    var paragraph = ""
    var paragraphLine = 0
    var tableDepth = 0
    var preDepth = 0
    var row: [Cell] = []
    var cellText = ""
    var cellLine: Int? = nil
    var inCell = false
    /// The columns still covered by a `rowspan` from a row above: column → rows left, width.
    var spans: [Int: (rows: Int, width: Int)] = [:]
    var column = 0

    static let skipped: Set<String> = [
        "script", "style", "noscript", "head", "title", "nav", "header", "footer", "aside", "select", "button",
        "iframe", "object", "svg", "form", "template",
    ]
    static let blocks: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "blockquote", "center", "section", "article",
        "dd", "dt", "address", "caption",
    ]
    /// Class and id words that mark a page's chrome rather than its article.
    static let chromeWords = [
        "nav", "menu", "breadcrumb", "crumb", "foot", "header", "top", "share", "sidebar", "banner", "copyright",
        "toolbar", "print", "location", "position", "navigation", "navbar",
    ]

    mutating func walk(_ root: OpaquePointer?) {
        var node = root
        while let current = node {
            let entered = enter(current)
            if entered, let child = jx_first_child(current) {
                node = child
                continue
            }
            if entered { leave(current) }
            // Up until a node has a next sibling, leaving each element on the way.
            var up: OpaquePointer? = current
            node = nil
            while let at = up {
                if let next = jx_next(at) {
                    node = next
                    break
                }
                up = jx_parent(at)
                if let parent = up, jx_kind(parent) == Int32(JX_ELEMENT.rawValue) { leave(parent) }
                if up == root.flatMap(jx_parent) { break }
            }
        }
        endParagraph()
    }

    static func name(_ node: OpaquePointer) -> String {
        jx_name(node).map { String(cString: $0) } ?? ""  // libxml2 lower-cases HTML names
    }

    static func attribute(_ node: OpaquePointer, _ name: String) -> String? {
        guard let value = jx_attribute(node, name) else { return nil }
        defer { jx_free(value) }
        return String(cString: value)
    }

    static func line(_ node: OpaquePointer) -> Int { max(1, jx_line(node)) }

    /// Takes a node on the way down; false when its children are not to be visited.
    mutating func enter(_ node: OpaquePointer) -> Bool {
        switch jx_kind(node) {
        case Int32(JX_TEXT.rawValue):
            text(node)
            return false
        case Int32(JX_ELEMENT.rawValue): break
        default: return false
        }
        let name = Self.name(node)
        if Self.skipped.contains(name) || isChrome(node) || (name == "table" && tableDepth == 0 && isMetadata(node)) {
            return false
        }
        switch name {
        case "table":
            if tableDepth == 0 {
                endParagraph()
                spans = [:]
            }
            tableDepth += 1
        case "tr" where tableDepth == 1: startRow()
        case "td" where tableDepth == 1, "th" where tableDepth == 1: startCell(node)
        case "br": endParagraph()
        case "pre": preDepth += 1
        default: if Self.blocks.contains(name) { endParagraph() }
        }
        return true
    }

    /// Takes an element on the way up, after its children.
    mutating func leave(_ node: OpaquePointer) {
        let name = Self.name(node)
        switch name {
        case "table":
            tableDepth = max(0, tableDepth - 1)
            if tableDepth == 0 { endRow() }
        case "tr" where tableDepth == 1: endRow()
        case "td" where tableDepth == 1, "th" where tableDepth == 1: endCell()
        case "td" where tableDepth > 1, "th" where tableDepth > 1:
            if !cellText.isEmpty && !cellText.hasSuffix(" ") { cellText += " " }
        case "pre": preDepth = max(0, preDepth - 1)
        default: if Self.blocks.contains(name) { endParagraph() }
        }
    }

    /// Text, its white space collapsed as a browser shows it, except inside `<pre>`.
    mutating func text(_ node: OpaquePointer) {
        guard let content = jx_text(node) else { return }
        let text = preDepth == 0 ? Self.collapsingWhiteSpace(content) : String(cString: content)
        let parts = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, part) in parts.enumerated() {
            if i > 0 { endParagraph() }
            if paragraph.isEmpty { paragraphLine = Self.line(node) + i }
            paragraph += part
        }
    }

    /// Runs of spaces, tabs and line breaks as one space, as a browser shows them. Over the bytes: a
    /// Regex here was three quarters of a page's reading time.
    static func collapsingWhiteSpace(_ text: UnsafePointer<CChar>) -> String {
        var out: [UInt8] = []
        var pointer = UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self)
        var inSpace = false
        while pointer.pointee != 0 {
            let byte = pointer.pointee
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                if !inSpace { out.append(0x20) }
                inSpace = true
            } else {
                out.append(byte)
                inSpace = false
            }
            pointer += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Ends the line being gathered: a line of a cell, or a paragraph of prose.
    mutating func endParagraph() {
        defer { paragraph = "" }
        let text = Labels.trim(paragraph)
        guard !text.isEmpty else { return }
        if tableDepth == 0 {
            lines.append(paragraph)
            builder.prose(paragraph, line: paragraphLine)
        } else if inCell {
            lines.append((cellText.isEmpty ? "\t" : "") + paragraph)
            if cellLine == nil { cellLine = paragraphLine }
            cellText += text
        }
    }

    mutating func startRow() {
        endRow()
        lines.append("")
        column = 0
    }

    mutating func placeContinuations() {
        while let span = spans[column] {
            row.append(Cell(text: "", line: row.last?.line ?? paragraphLine))
            spans[column] = span.rows > 1 ? (span.rows - 1, span.width) : nil
            column += span.width
        }
    }

    mutating func startCell(_ node: OpaquePointer) {
        if inCell { endCell() }
        placeContinuations()
        endParagraph()
        let rowspan = Self.attribute(node, "rowspan").flatMap { Int($0) } ?? 1
        let colspan = min(max(Self.attribute(node, "colspan").flatMap { Int($0) } ?? 1, 1), 1_000)
        if rowspan > 1 { spans[column] = (min(rowspan, 100_000) - 1, colspan) }
        column += colspan
        inCell = true
        cellText = ""
        cellLine = nil
        paragraphLine = Self.line(node)
    }

    mutating func endCell() {
        guard inCell else { return }
        endParagraph()
        if cellLine == nil { lines.append("\t") }
        row.append(Cell(text: Labels.trim(cellText), line: cellLine ?? paragraphLine))
        inCell = false
    }

    mutating func endRow() {
        if inCell { endCell() }
        guard !row.isEmpty || !spans.isEmpty else { return }
        let width = spans.keys.max().map { $0 + 1 } ?? 0
        while column < width {
            if spans[column] != nil { placeContinuations() } else { column += 1 }
        }
        builder.row(row)
        row = []
    }

    /// An element whose class or id names page chrome: `nav`, `breadcrumb`, `footer`, `share` ….
    func isChrome(_ node: OpaquePointer) -> Bool {
        let words = [Self.attribute(node, "class"), Self.attribute(node, "id")].compactMap { $0?.lowercased() }
        guard !words.isEmpty else { return false }
        return words.contains { word in
            word.split(whereSeparator: { !$0.isLetter }).contains { token in
                Self.chromeWords.contains { token == $0 || token.hasPrefix($0) && token.count <= $0.count + 4 }
            }
        }
    }

    static let metadataLabels = ["索引号", "发布机构", "发布日期", "信息来源", "成文日期"]

    /// A portal's metadata table (索引号, 发布机构, 发布日期) with no filing label in it.
    func isMetadata(_ table: OpaquePointer) -> Bool {
        guard let content = jx_all_text(table) else { return false }
        defer { jx_free(content) }
        let text = String(cString: content)
        let portal = Self.metadataLabels.filter { text.contains($0) }.count >= 2
        return portal && !text.contains("项目名称") && !text.contains("一级指标") && !text.contains("预算")
    }
}
