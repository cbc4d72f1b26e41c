import Foundation
import JixiaoModel

/// Why a file could not be read as a filing at all.
public enum ReadError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case binary(offset: Int)
    case undecodable
    case notAFiling(saw: String)
    case notDocx(String)
    case notWorkbook(String)
    case notOfficeFile(String)
    case notWebPage(String)
    case utf16WithoutMark(String)
    case notGB18030(line: Int, byte: UInt8)
    case notPDF(String)
    case scannedPDF(pages: Int)
    case noTableInPDF(pages: Int)
    case notConvertible(String)
    /// The file needs a program that is not installed (or failed to run).
    case needsProgram(OutsideProgram)

    public var description: String {
        switch self {
        case .empty: return "the file is empty"
        case .binary(let offset):
            return "not a text file (binary data at byte \(offset)); export the filing to text first"
        case .undecodable: return "cannot decode the text: it is neither UTF-8, UTF-16 nor GB18030"
        case .notAFiling(let saw):
            return
                "no self-evaluation table (部门整体支出绩效自评表 or 项目支出绩效自评表) found in "
                + "this file: saw \(saw)"
        case .notDocx(let why): return "not a readable .docx: \(why)"
        case .notWorkbook(let why): return "not a readable workbook: \(why)"
        case .notOfficeFile(let why): return "not a readable office file: \(why)"
        case .notWebPage(let why): return "not a readable web page: \(why)"
        case .utf16WithoutMark(let order):
            return "looks like UTF-16 (\(order)) without a byte-order mark; save it as UTF-8, or as UTF-16 with one"
        case .notGB18030(let line, let byte):
            return "line \(line): byte 0x" + String(format: "%02X", byte)
                + " is neither UTF-8 nor GB18030: the file is damaged there, or in another encoding"
        case .notPDF(let why): return "not a readable PDF: \(why)"
        case .scannedPDF(let pages):
            return "a scanned PDF: its \(pages) page\(pages == 1 ? " is an image" : "s are images") with no text "
                + "layer; run OCR first (for example `ocrmypdf --language chi_sim IN.pdf OUT.pdf`) and load the result"
        case .noTableInPDF(let pages):
            return "no table in this PDF's \(pages) page\(pages == 1 ? "" : "s"), by cell borders or by the "
                + "words' positions"
        case .notConvertible(let why): return "LibreOffice could not convert it: \(why)"
        case .needsProgram(let program):
            return "reading it needs \(program.name); install it (apt-get install \(program.packages)) and load again"
        }
    }
}

/// Turns a file's bytes into text: UTF-8 with or without BOM, UTF-16 with BOM, or GB18030
/// (which covers GBK and GB2312) for filings saved by Chinese-locale Windows.
package enum TextDecoding {
    package static func decode(_ data: Data) throws(ReadError) -> (text: String, encoding: TextEncoding) {
        if data.isEmpty { throw .empty }
        let bytes = [UInt8](data.prefix(4))
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            guard let text = String(data: data, encoding: .utf16) else { throw .undecodable }
            return (strip(text), .utf16)
        }
        // memchr over the raw bytes: iterating `Data`, or even its buffer, costs several
        // instructions a byte where memchr costs a fraction of one.
        let nul: Int? = data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, let hit = memchr(base, 0, raw.count) else { return nil }
            return base.distance(to: UnsafeRawPointer(hit))
        }
        if let nul {
            if let order = utf16WithoutMark(data) { throw .utf16WithoutMark(order) }
            throw .binary(offset: nul)
        }
        if let text = data.withUnsafeBytes({ String(validating: $0.bindMemory(to: UInt8.self), as: UTF8.self) }) {
            return (strip(text), bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? .utf8WithBOM : .utf8)
        }
        if looksBinary(data) { throw .binary(offset: firstControl(data)) }
        guard let text = String(data: data, encoding: gb18030), !text.isEmpty else {
            throw firstNonGB18030(data).map { ReadError.notGB18030(line: $0.line, byte: $0.byte) } ?? .undecodable
        }
        return (text, .gb18030)
    }

    /// `body` of the file's bytes when they are UTF-8 text (a byte-order mark dropped), as `decode`
    /// would take them, without making them a string; nil for anything else, which `decode` reads
    /// or refuses. Most filings are UTF-8, and their text is cut into cells from the bytes.
    package static func withValidUTF8<Result>(
        _ data: Data, _ body: (UnsafeBufferPointer<UInt8>, TextEncoding) -> Result
    ) -> Result? {
        data.withUnsafeBytes { raw -> Result? in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard !bytes.starts(with: [0xFF, 0xFE]), !bytes.starts(with: [0xFE, 0xFF]),
                UTF8Validation.isValidWithoutNUL(bytes)
            else { return nil }
            let marked = bytes.starts(with: [0xEF, 0xBB, 0xBF])
            return body(UnsafeBufferPointer(rebasing: bytes.dropFirst(marked ? 3 : 0)), marked ? .utf8WithBOM : .utf8)
        }
    }

    /// Foundation's NSString encoding number for kCFStringEncodingGB_18030_2000.
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    package static func strip(_ text: String) -> String {
        text.begins(with: "\u{FEFF}") ? String(text.unicodeScalars.dropFirst()) : text
    }

    /// The line (from 1) of the first byte that is not UTF-8, for an error that points at it.
    package static func lineOfFirstInvalidUTF8(_ data: Data) -> Int {
        var bytes = data.makeIterator()
        var decoder = UTF8()
        var line = 1
        while case .scalarValue(let scalar) = decoder.decode(&bytes) {
            if scalar == "\n" { line += 1 }
        }
        return line
    }

    /// `little-endian` or `big-endian` when the bytes read cleanly as UTF-16 text of that order
    /// (as Windows' "Unicode" saves without its byte-order mark); nil otherwise.
    static func utf16WithoutMark(_ data: Data) -> String? {
        guard data.count % 2 == 0 else { return nil }
        for (encoding, name) in [(String.Encoding.utf16LittleEndian, "little-endian"), (.utf16BigEndian, "big-endian")]
        {
            guard let text = String(data: data, encoding: encoding), !text.isEmpty else { continue }
            let clean = !text.unicodeScalars.contains { $0.value == 0 || ControlCharacters.isControl($0) }
            if clean && text.contains(where: { $0.isLetter }) { return name }
        }
        return nil
    }

    /// The line (from 1) of the first line that is not GB18030, and its first byte that cannot
    /// start a GB18030 character there (0x80 and 0xFF never can), for an error that points at it.
    static func firstNonGB18030(_ data: Data) -> (line: Int, byte: UInt8)? {
        for (index, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated()
        where String(data: Data(line), encoding: gb18030) == nil {
            let byte = line.first { $0 == 0x80 || $0 == 0xFF } ?? line.first { $0 >= 0x80 } ?? line.first ?? 0
            return (index + 1, byte)
        }
        return nil
    }

    /// Control bytes other than tab, CR, LF and form feed mark a binary file.
    static func looksBinary(_ data: Data) -> Bool { firstControl(data) >= 0 }

    /// The offset of the first such byte in the first 64 KB, -1 for none; read from the buffer, as
    /// iterating `Data` cost seven instructions a byte, asked of every file not UTF-8.
    static func firstControl(_ data: Data) -> Int {
        data.prefix(65536).withUnsafeBytes { raw in
            raw.firstIndex { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D && $0 != 0x0C } ?? -1
        }
    }
}
