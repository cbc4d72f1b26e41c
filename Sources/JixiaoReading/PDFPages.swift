import Foundation
import JixiaoModel

/// A box on a PDF page, in points from the page's top left corner (as poppler gives them).
struct PDFBox: Equatable {
    var left, top, right, bottom: Double
    var midX: Double { (left + right) / 2 }
    var midY: Double { (top + bottom) / 2 }
    var height: Double { bottom - top }
    var width: Double { right - left }
}

/// A word poppler found on a page: a run of text without spaces, often a whole line of a cell.
struct PDFWord: Equatable {
    var text: String
    var box: PDFBox
}

/// A ruled line a PDF draws: a table's cell border, horizontal or vertical.
package struct PDFRule: Equatable, Sendable {
    var isHorizontal: Bool
    /// The y of a horizontal rule, the x of a vertical one.
    var at: Double
    /// Where it starts and ends along its length.
    var from, to: Double
}

/// One page of a PDF as jixiao reads it: its words and its rules.
struct PDFPage: Equatable {
    var number: Int
    var width: Double
    var height: Double
    var words: [PDFWord] = []
    var rules: [PDFRule] = []
}

/// Reads the word list `pdftotext -bbox-layout` writes (XHTML: `<page width height>` holding
/// `<word xMin yMin xMax yMax>TEXT</word>`). poppler finds the words; this only reads its answer.
enum PDFWordList {
    static func pages(_ xhtml: Data) throws(ReadError) -> [PDFPage] {
        var pages: [PDFPage] = []
        var word: PDFBox?
        var text = ""
        var bad = false
        do throws(XMLScanner.Malformed) {
            try XMLScanner.scan([UInt8](xhtml)) { event in
                switch event {
                case .start("page", let attributes):
                    let width = number(attributes, "width") ?? 0
                    let height = number(attributes, "height") ?? 0
                    pages.append(PDFPage(number: pages.count + 1, width: width, height: height))
                case .start("word", let attributes):
                    word = box(attributes)
                    if word == nil || pages.isEmpty { bad = true }
                    text = ""
                case .text(let part) where word != nil: text += part
                case .end("word"):
                    if let box = word, !pages.isEmpty, !Labels.trim(text).isEmpty {
                        pages[pages.count - 1].words.append(PDFWord(text: Labels.trim(text), box: box))
                    }
                    word = nil
                default: break
                }
            }
        } catch {
            throw .notPDF("poppler's word list is not well-formed XML (line \(error.line))")
        }
        if bad { throw .notPDF("poppler's word list has a word without a box") }
        return pages
    }

    static func number(_ attributes: XMLScanner.Attributes, _ name: String) -> Double? {
        attributes.value(name).flatMap(Double.init).flatMap { $0.isFinite ? $0 : nil }
    }

    static func box(_ attributes: XMLScanner.Attributes) -> PDFBox? {
        guard let left = number(attributes, "xMin"), let top = number(attributes, "yMin"),
            let right = number(attributes, "xMax"), let bottom = number(attributes, "yMax"),
            left <= right, top <= bottom
        else { return nil }
        return PDFBox(left: left, top: top, right: right, bottom: bottom)
    }
}
