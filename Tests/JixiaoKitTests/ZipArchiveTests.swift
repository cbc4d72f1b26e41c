import Foundation
import Testing
import ZIPFoundation

@testable import JixiaoReading

/// The hand-written zip reader against ZIPFoundation, the well-kept library it stands in for:
/// every member of every .docx and .xlsx fixture extracts to the same bytes. And the archives
/// other writers make: stored (uncompressed) members, and zip64 records (`zip -fz`).
@Suite struct ZipArchiveTests {
    /// Sound archives: the damaged ones under bad/ and fuzz/ have tests of their own.
    static let archives = Fixtures.fixtures {
        ($0.hasSuffix(".docx") || $0.hasSuffix(".xlsx")) && !$0.hasPrefix("bad/") && !$0.hasPrefix("fuzz/")
    }

    @Test("every member reads as ZIPFoundation reads it", arguments: archives)
    func agreesWithZIPFoundation(_ path: String) throws {
        let data = try Data(contentsOf: Fixtures.root.appendingPathComponent("Tests/Fixtures/\(path)"))
        let zip = try ZipArchive(data)
        let reference = try Archive(data: data, accessMode: .read)
        var members = 0
        for entry in reference where entry.type == .file {
            var expected = Data()
            _ = try reference.extract(entry) { expected.append($0) }
            #expect(try zip.extract(entry.path) == expected, "\(path): \(entry.path)")
            members += 1
        }
        #expect(members > 0)
    }

    @Test("stored and zip64 workbooks read as the deflated original does", arguments: ["stored", "zip64"])
    func otherWriters(_ kind: String) throws {
        let url = Fixtures.root.appendingPathComponent("Tests/Fixtures/zip/v3_sheets.\(kind).xlsx")
        try FilingKeyTests().compare(
            url, key: Fixtures.filings.appendingPathComponent("v3_gb18030_crlf_2023.txt.key.json"))
    }

    @Test func aMemberDeclaringGigabytesIsRefusedUnread() throws {
        // A directory entry whose size says 4 GB: refused from the size, before any inflating.
        var bytes = [UInt8](
            try Data(contentsOf: Fixtures.root.appendingPathComponent("Tests/Fixtures/zip/v3_sheets.stored.xlsx")))
        let end = try #require(ZipArchive.endRecord(bytes))
        var entry = Int(ZipArchive.u32(bytes, end + 16))
        while ZipArchive.u32(bytes, entry) == 0x0201_4B50 {
            let nameLength = Int(ZipArchive.u16(bytes, entry + 28))
            let name = String(decoding: bytes[(entry + 46)..<(entry + 46 + nameLength)], as: UTF8.self)
            if name == "xl/workbook.xml" {
                for offset in 24..<28 { bytes[entry + offset] = 0xFE }
            }
            entry += 46 + nameLength + Int(ZipArchive.u16(bytes, entry + 30)) + Int(ZipArchive.u16(bytes, entry + 32))
        }
        #expect(throws: ReadError.notWorkbook("xl/workbook.xml would expand to 4079 MB, above the 256 MB jixiao reads"))
        {
            try FilingReader.read(Data(bytes), source: "bomb.xlsx")
        }
    }
}

/// A .docx re-serialised by another writer: Python's ElementTree names WordprocessingML `ns0:` and
/// declares it so. Matched by namespace, it reads as Word's own.
@Suite(.scratch) struct RePrefixedDocxTests {
    @Test func nsZeroPrefixesReadAsWordsOwn() throws {
        let url = Fixtures.root.appendingPathComponent("Tests/Fixtures/docx/000_4163b9005dfad92f.docx")
        let word = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        var renamed = false
        let data = try Fixtures.rewritingZip(try Data(contentsOf: url)) { path, content in
            guard path == "word/document.xml" else { return content }
            let xml = String(decoding: content, as: UTF8.self)
            let rewritten = xml.replacingOccurrences(of: "<w:", with: "<ns0:")
                .replacingOccurrences(of: "</w:", with: "</ns0:")
                .replacingOccurrences(of: "xmlns:w=\"\(word)\"", with: "xmlns:ns0=\"\(word)\"")
            renamed = rewritten.contains("xmlns:ns0=") && !rewritten.contains("<w:")
            return Data(rewritten.utf8)
        }
        #expect(renamed, "the fixture declares w: as WordprocessingML")
        let file = try Scratch.folder.appendingPathComponent("ns0.docx")
        try data.write(to: file)
        try FilingKeyTests().compare(
            file, key: Fixtures.filings.appendingPathComponent("000_4163b9005dfad92f.txt.key.json"))
    }
}
