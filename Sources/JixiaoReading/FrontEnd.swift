import Foundation
import JixiaoModel

/// What a front end hands the reader: the file as titled sections of rows and prose, and what the
/// filing keeps of how it was read.
package struct FrontEndResult {
    package var layout: Layout.Result
    package var encoding: TextEncoding
    package var format: FileFormat
    /// The layout as text, which `export text` writes; nil where the file is text already.
    package var text: String? = nil
    /// A workbook's place (sheet and cell) of each line of `text`.
    package var places: [String] = []
    /// What the front end passed over, for the filing's warnings (a hidden sheet).
    package var notes: [ReadWarning] = []
}

/// A kind of file the reader takes. Each front end turns its files into the same sections of rows
/// and prose, so labels, fund columns and indicator alignment are read once, whatever the format.
/// A new format is a type that conforms, added to `FrontEnds.all`.
package protocol FrontEnd: Sendable {
    /// Whether `data` is this front end's kind of file, judged from its bytes, never its name.
    static func claims(_ data: Data) -> Bool
    static func read(_ data: Data) throws(ReadError) -> FrontEndResult
}

/// The one registry of front ends, asked in order: the first that claims a file reads it. Text
/// comes last and claims what no other does, so a file is never read as something it is not: a
/// binary file reaches it and is refused there.
package enum FrontEnds {
    package static let all: [any FrontEnd.Type] = [
        DocxFrontEnd.self, WorkbookFrontEnd.self, OtherZipFrontEnd.self, HTMLFrontEnd.self, TextFrontEnd.self,
    ]

    package static func read(_ data: Data) throws(ReadError) -> FrontEndResult {
        if data.isEmpty { throw .empty }
        for frontEnd in all where frontEnd.claims(data) { return try frontEnd.read(data) }
        return try TextFrontEnd.read(data)
    }
}

/// Text dumps in their layouts (tab-led cells, pipe-ended cells, markdown rows), in any of the
/// encodings `TextDecoding` knows.
enum TextFrontEnd: FrontEnd {
    static func claims(_ data: Data) -> Bool { true }

    static func read(_ data: Data) throws(ReadError) -> FrontEndResult {
        let (text, encoding) = try TextDecoding.decode(data)
        return FrontEndResult(layout: Layout.sections(of: text), encoding: encoding, format: .text)
    }
}

/// A Word document: a zip archive with `word/document.xml`.
enum DocxFrontEnd: FrontEnd {
    static func claims(_ data: Data) -> Bool {
        DocxText.isZip(data) && ZipMember.contains("word/document.xml", in: data)
    }

    static func read(_ data: Data) throws(ReadError) -> FrontEndResult {
        let docx = try DocxText.read(data)
        return FrontEndResult(layout: docx.layout, encoding: .docx, format: .docx, text: docx.text)
    }
}

/// A zip archive no other front end claims: damaged, or neither a .docx nor a workbook.
enum OtherZipFrontEnd: FrontEnd {
    static func claims(_ data: Data) -> Bool { DocxText.isZip(data) }

    static func read(_ data: Data) throws(ReadError) -> FrontEndResult {
        guard ZipMember.canOpen(data) else { throw .notDocx("the zip archive cannot be opened") }
        throw .notOfficeFile("the zip archive holds neither word/document.xml nor xl/workbook.xml")
    }
}
