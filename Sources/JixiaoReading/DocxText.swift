import Foundation
import JixiaoModel

/// The front end for .docx: it hands the reader Word's own rows and cells, so an empty
/// paragraph, a line break or a blank line inside a cell cannot move a cell. Only the body
/// is read: headers, footers and text boxes are not part of it. A nested table's text joins
/// the cell it sits in. Alongside, it writes the document as the text layout (a tab-led line
/// per cell, a blank line per row), which `export text` shows and line numbers point into.
package enum DocxText {
    static func read(_ zip: ZipArchive) throws(ReadError) -> (layout: Layout.Result, text: String) {
        var walker = Walker()
        let xml = [UInt8](try documentXML(zip))
        do throws(XMLScanner.Malformed) {
            try XMLScanner.scan(xml) { walker.take($0) }
        } catch {
            throw .notDocx("word/document.xml is not well-formed XML (line \(error.line))")
        }
        let layout = Layout.Result(sections: walker.builder.sections, lineCount: walker.lines.count, family: .docx)
        return (layout, walker.lines.joined(separator: "\n") + "\n")
    }

    /// The body of the .docx in `data`.
    static func documentXML(_ data: Data) throws(ReadError) -> Data {
        let zip: ZipArchive
        do { zip = try ZipArchive(data) } catch { throw .notDocx("the zip archive cannot be opened") }
        return try documentXML(zip)
    }

    static func documentXML(_ zip: ZipArchive) throws(ReadError) -> Data {
        let xml: Data
        do { xml = try zip.extract("word/document.xml") } catch {
            switch error {
            case .notAnArchive: throw .notDocx("the zip archive cannot be opened")
            case .missing: throw .notDocx("a zip archive without word/document.xml is not a .docx")
            case .damaged: throw .notDocx("word/document.xml cannot be extracted")
            case .tooLarge(let size):
                throw .notDocx(
                    "word/document.xml would expand to \(size >> 20) MB, above the "
                        + "\(ZipArchive.largestMember >> 20) MB jixiao reads")
            }
        }
        // Word, LibreOffice and python-docx all write UTF-8; the scanner takes nothing else.
        guard String(validating: xml, as: UTF8.self) != nil else {
            throw .notDocx("word/document.xml is not UTF-8 text")
        }
        return xml
    }

    /// Walks WordprocessingML: paragraphs outside tables are prose, rows of the outermost
    /// tables are rows, and everything inside a cell is that cell's text.
    struct Walker {
        var builder = SectionBuilder()
        /// The text layout, one entry per line.
        var lines: [String] = []
        var paragraph = ""
        var inText = false
        var tableDepth = 0
        /// Inside a text box or a fallback copy of one, whose text is not body text.
        var skipDepth = 0
        var row: [Cell] = []
        var cellText = ""
        var cellLine: Int? = nil
        var cellStart = 0
        var firstInCell = false

        mutating func take(_ event: XMLScanner.Event) {
            switch event {
            case .start(let name, _): start(name)
            case .end(let name): end(name)
            case .text(let text): if inText && skipDepth == 0 { paragraph += text }
            }
        }

        mutating func start(_ name: String) {
            if name == "w:txbxContent" || name == "mc:Fallback" { skipDepth += 1 }
            guard skipDepth == 0 else { return }
            switch name {
            case "w:tbl": tableDepth += 1
            case "w:tr" where tableDepth == 1:
                lines.append("")
                row = []
            case "w:tc" where tableDepth == 1:
                cellText = ""
                cellLine = nil
                cellStart = lines.count + 1
                firstInCell = true
            case "w:p": paragraph = ""
            case "w:t": inText = true
            case "w:tab": paragraph += " "
            case "w:br", "w:cr": endParagraph()
            default: break
            }
        }

        mutating func end(_ name: String) {
            if name == "w:txbxContent" || name == "mc:Fallback" {
                skipDepth = max(0, skipDepth - 1)
                return
            }
            guard skipDepth == 0 else { return }
            switch name {
            case "w:t": inText = false
            case "w:p": endParagraph()
            case "w:tc" where tableDepth == 1: endCell()
            case "w:tc" where tableDepth > 1: if !cellText.isEmpty && !cellText.hasSuffix(" ") { cellText += " " }
            case "w:tr" where tableDepth == 1: builder.row(row)
            case "w:tbl": tableDepth = max(0, tableDepth - 1)
            default: break
            }
        }

        mutating func endParagraph() {
            defer { paragraph = "" }
            guard tableDepth > 0 else {
                lines.append(paragraph)
                builder.prose(paragraph, line: lines.count)
                return
            }
            lines.append(firstInCell ? "\t" + paragraph : paragraph)
            firstInCell = false
            let text = Labels.trim(paragraph)
            guard !text.isEmpty else { return }
            if cellLine == nil { cellLine = lines.count }
            cellText += text
        }

        mutating func endCell() {
            if firstInCell { lines.append("\t") }  // a cell with no paragraph at all
            firstInCell = false
            row.append(Cell(text: Labels.trim(cellText), line: cellLine ?? cellStart))
        }
    }
}
