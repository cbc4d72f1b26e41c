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
    /// For a file an outside program converted: what it was (`Word 97 .doc`).
    package var convertedFrom: String? = nil
}

/// A kind of file the reader takes. Each front end turns its files into the same sections of rows
/// and prose, so labels, fund columns and indicator alignment are read once, whatever the format.
/// A new format is a type that conforms, added to `FrontEnds.all`.
package protocol FrontEnd: Sendable {
    /// Whether `file` is this front end's kind of file, judged from its bytes, never its name.
    static func claims(_ file: FileBytes) -> Bool
    static func read(_ file: FileBytes) throws(ReadError) -> FrontEndResult
    /// The program outside jixiao that must first turn `file` into what `read` takes (as
    /// `file.made`); nil for the formats read from their bytes alone.
    static func outsideProgram(for file: FileBytes) -> OutsideProgram?
}

extension FrontEnd {
    package static func outsideProgram(for file: FileBytes) -> OutsideProgram? { nil }
}

/// A program outside jixiao that does what no library at hand does: LibreOffice opens the legacy
/// office formats; poppler reads PDF.
public enum OutsideProgram: Hashable, Sendable {
    /// LibreOffice, converting a file to .docx or .xlsx (the extension it is named by).
    case libreOffice(to: String)
    /// poppler's `pdftotext` and `pdftocairo`: a PDF's words and its drawing.
    case poppler

    /// The Debian packages that install it.
    public var packages: String {
        switch self {
        case .libreOffice(let target):
            return target == "xlsx" ? "libreoffice-calc-nogui" : "libreoffice-writer-nogui"
        case .poppler: return "poppler-utils"
        }
    }

    public var name: String {
        switch self {
        case .libreOffice: return "LibreOffice"
        case .poppler: return "poppler"
        }
    }
}

/// What an outside program made of a file, for its front end.
public enum Made: Sendable {
    /// LibreOffice's .docx or .xlsx of a legacy office file.
    case office(Data)
    /// poppler's word list (`pdftotext -bbox-layout`) and the rules of its drawing, as
    /// `PDFDrawing.encode` writes them.
    case pdf(words: Data, rules: String)
}

/// A file's bytes, with what several front ends ask of them worked out once: a .docx and a
/// workbook are both zip archives, and each claim and each member read would otherwise copy the
/// bytes and read the central directory again.
package final class FileBytes {
    package let data: Data
    /// What an outside program made of the file, when its front end needs one.
    package var made: Made?
    /// The zip archive the bytes are, opened on first use; nil when they are not a readable one.
    private(set) lazy var zip: ZipArchive? = isZip ? try? ZipArchive(data) : nil
    var isZip: Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }
    /// `%PDF-` in the first kilobyte, where readers look for it (a few producers put bytes before).
    /// Each `%` found with `memchr`, then the four bytes after it compared: Foundation's generic
    /// `firstRange(of:)` took a sixteenth of the time a text filing takes to read, asked of every
    /// one, and a loop in Swift thirty thousand instructions (callgrind).
    var isPDF: Bool {
        data.prefix(1024).withUnsafeBytes { raw in
            let head = raw.bindMemory(to: UInt8.self)
            var start = 0
            while let percent = TextLines.offset(of: UInt8(ascii: "%"), in: head, from: start) {
                if head[percent...].starts(with: "%PDF-".utf8) { return true }
                start = percent + 1
            }
            return false
        }
    }
    /// An OLE2 compound file: Word 97–2003, Excel 97–2003, WPS and ET files.
    var isCompoundFile: Bool { data.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) }
    /// A zip whose first member is named `mimetype`, as OpenDocument's must be: told from the
    /// first bytes alone, before the archive is read.
    var opensWithMimetype: Bool { isZip && data.count > 38 && data.dropFirst(30).starts(with: Data("mimetype".utf8)) }
    var isRTF: Bool { data.starts(with: Data("{\\rtf".utf8)) }
    /// An OpenDocument file's media type (`application/vnd.oasis.opendocument.text`), from its
    /// `mimetype` member.
    private(set) lazy var openDocumentType: String? = {
        guard let zip, let member = try? zip.extract("mimetype") else { return nil }
        let type = String(decoding: member.prefix(100), as: UTF8.self)
        return type.hasPrefix("application/vnd.oasis.opendocument.") ? type : nil
    }()

    package init(_ data: Data, made: Made? = nil) {
        self.data = data
        self.made = made
    }
}

/// The one registry of front ends, asked in order: the first that claims a file reads it. Text
/// comes last and claims what no other does, so a file is never read as something it is not: a
/// binary file reaches it and is refused there.
package enum FrontEnds {
    package static let all: [any FrontEnd.Type] = [
        DocxFrontEnd.self, WorkbookFrontEnd.self, ConvertedOfficeFrontEnd.self, OtherZipFrontEnd.self,
        PDFFrontEnd.self, HTMLFrontEnd.self, TextFrontEnd.self,
    ]

    /// The front end that reads `file`: the first that claims it.
    package static func frontEnd(for file: FileBytes) -> any FrontEnd.Type {
        all.first { $0.claims(file) } ?? TextFrontEnd.self  // text claims every file
    }

    /// Whether a file whose first kilobyte is `head` may need an outside program: a PDF, a
    /// compound file, RTF or OpenDocument. Asked before the whole file is read, so the common
    /// .docx, .xlsx and text files are not read twice.
    package static func mayNeedProgram(head: Data) -> Bool {
        let file = FileBytes(head)
        return file.isPDF || file.isCompoundFile || file.isRTF || file.opensWithMimetype
    }

    /// The outside program `data` needs before it can be read, if any.
    package static func outsideProgram(for data: Data) -> OutsideProgram? {
        let file = FileBytes(data)
        return frontEnd(for: file).outsideProgram(for: file)
    }

    package static func read(_ data: Data, made: Made? = nil) throws(ReadError) -> FrontEndResult {
        if data.isEmpty { throw .empty }
        let file = FileBytes(data, made: made)
        return try frontEnd(for: file).read(file)
    }
}

/// Text dumps in their layouts (tab-led cells, pipe-ended cells, markdown rows), in any of the
/// encodings `TextDecoding` knows.
enum TextFrontEnd: FrontEnd {
    static func claims(_ file: FileBytes) -> Bool { true }

    static func read(_ file: FileBytes) throws(ReadError) -> FrontEndResult {
        let fromBytes = TextDecoding.withValidUTF8(file.data) { bytes, encoding in
            let layout = Layout.sections(ofValidUTF8: bytes, text: { String(decoding: bytes, as: UTF8.self) })
            return FrontEndResult(layout: layout, encoding: encoding, format: .text)
        }
        if let fromBytes { return fromBytes }
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
        throw .notOfficeFile("the zip archive holds no word/document.xml, xl/workbook.xml or OpenDocument mimetype")
    }
}
