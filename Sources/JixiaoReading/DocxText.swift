import Foundation
import JixiaoModel
import ZIPFoundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Turns a .docx into the text layout the reader knows (the layout of a .docx dumped to
/// text): a paragraph is a line; a table row starts after a blank line; a cell's first
/// paragraph is a tab-led line and its further paragraphs follow untabbed.
package enum DocxText {
    static func isZip(_ data: Data) -> Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }
    static func isOldWord(_ data: Data) -> Bool { data.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) }

    package static func text(from data: Data) throws(ReadError) -> String {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw .notDocx("the zip archive cannot be opened")
        }
        guard let entry = archive["word/document.xml"] else {
            throw .notDocx("a zip archive without word/document.xml is not a .docx")
        }
        var xml = Data()
        do { _ = try archive.extract(entry, skipCRC32: false) { xml.append($0) } } catch {
            throw .notDocx("word/document.xml cannot be extracted")
        }
        let walker = Walker()
        let parser = XMLParser(data: xml)
        parser.delegate = walker
        guard parser.parse() else {
            throw .notDocx("word/document.xml is not well-formed XML (line \(parser.lineNumber))")
        }
        return walker.lines.joined(separator: "\n") + "\n"
    }

    /// Walks WordprocessingML, writing lines as it closes paragraphs.
    final class Walker: NSObject, XMLParserDelegate {
        var lines: [String] = []
        var paragraph = ""
        var inText = false
        var cellDepth = 0
        var firstInCell = false

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            switch name {
            case "w:tr": lines.append("")
            case "w:tc":
                cellDepth += 1
                firstInCell = true
            case "w:p": paragraph = ""
            case "w:t": inText = true
            case "w:tab": paragraph += " "
            case "w:br", "w:cr": endLine()
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "w:t": inText = false
            case "w:p": endLine()
            case "w:tc":
                if firstInCell { lines.append("\t") }  // a cell with no paragraph at all
                cellDepth -= 1
                firstInCell = false
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { paragraph += string } }

        func endLine() {
            if cellDepth > 0 && firstInCell {
                lines.append("\t" + paragraph)
                firstInCell = false
            } else {
                lines.append(paragraph)
            }
            paragraph = ""
        }
    }
}
