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
    /// Whether `file` is this front end's kind of file, judged from its bytes, never its name.
    static func claims(_ file: FileBytes) -> Bool
    static func read(_ file: FileBytes) throws(ReadError) -> FrontEndResult
}

/// A file's bytes, with what several front ends ask of them worked out once: a .docx and a
/// workbook are both zip archives, and each claim and each member read would otherwise copy the
/// bytes and read the central directory again.
package final class FileBytes {
    package let data: Data
    /// The zip archive the bytes are, opened on first use; nil when they are not a readable one.
    private(set) lazy var zip: ZipArchive? = isZip ? try? ZipArchive(data) : nil
    var isZip: Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    package init(_ data: Data) { self.data = data }
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
        let file = FileBytes(data)
        for frontEnd in all where frontEnd.claims(file) { return try frontEnd.read(file) }
        return try TextFrontEnd.read(file)  // not reached: text claims every file
    }
}

/// Text dumps in their layouts (tab-led cells, pipe-ended cells, markdown rows), in any of the
/// encodings `TextDecoding` knows.
enum TextFrontEnd: FrontEnd {
    static func claims(_ file: FileBytes) -> Bool { true }

    static func read(_ file: FileBytes) throws(ReadError) -> FrontEndResult {
        let (text, encoding) = try TextDecoding.decode(file.data)
        return FrontEndResult(layout: Layout.sections(of: text), encoding: encoding, format: .text)
    }
}

/// A Word document: a zip archive with `word/document.xml`.
enum DocxFrontEnd: FrontEnd {
    static func claims(_ file: FileBytes) -> Bool { file.zip?.contains("word/document.xml") == true }

    static func read(_ file: FileBytes) throws(ReadError) -> FrontEndResult {
        guard let zip = file.zip else { throw .notDocx("the zip archive cannot be opened") }
        let docx = try DocxText.read(zip)
        return FrontEndResult(layout: docx.layout, encoding: .docx, format: .docx, text: docx.text)
    }
}

/// A zip archive no other front end claims: damaged, or neither a .docx nor a workbook.
enum OtherZipFrontEnd: FrontEnd {
    static func claims(_ file: FileBytes) -> Bool { file.isZip }

    static func read(_ file: FileBytes) throws(ReadError) -> FrontEndResult {
        guard file.zip != nil else { throw .notDocx("the zip archive cannot be opened") }
        throw .notOfficeFile("the zip archive holds neither word/document.xml nor xl/workbook.xml")
    }
}
