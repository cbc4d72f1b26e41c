import Foundation
import Testing

@testable import JixiaoKit
@testable import JixiaoReading

/// Files at their limits: odd names, one enormous line, a deeply nested .docx. Each loads or is
/// refused with a clear error.
@Suite struct LimitTests {
    @Test func namesWithSpacesQuotesNewlinesLoadAndANonUTF8NameIsAClearError() throws {
        let folder = try Fixtures.scratchFolder("limits")
        let real = try Data(contentsOf: Fixtures.real)
        for (i, name) in ["with space.txt", "quo\"te.txt", "apo'st.txt", "new\nline.txt"].enumerated() {
            try (real + Data("\n\(i)\n".utf8)).write(to: folder.appendingPathComponent(name))
        }
        // A name that is not UTF-8 can only be made from bytes: `bad` 0xFF 0xFE `.txt`.
        let bytes = Array((folder.path + "/bad").utf8) + [0xFF, 0xFE] + Array(".txt".utf8) + [0]
        let made = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { creat($0.baseAddress!, 0o644) }
        }
        #expect(made >= 0)
        close(made)
        let (shell, console) = Fixtures.run("load \(folder.path)")
        #expect(shell.session.filings.count == 4)
        #expect(console.errors.contains("bad\\xFF\\xFE.txt: error: the file name is not UTF-8"), "\(console.errors)")
    }

    /// 10,000 tables nested in one another: the scanner and the walker keep counters, not a
    /// stack, so the file is refused as holding no 自评表 rather than overflowing anything.
    @Test func tenThousandNestedTablesAreReadWithoutRecursion() throws {
        let open = String(repeating: "<w:tbl><w:tr><w:tc>", count: 10_000)
        let close = String(repeating: "</w:tc></w:tr></w:tbl>", count: 10_000)
        let xml = "<w:document><w:body>\(open)<w:p><w:r><w:t>深</w:t></w:r></w:p>\(close)</w:body></w:document>"
        let docx = try ReaderTests.docx(with: Data(xml.utf8))
        #expect(throws: ReadError.self) { try FilingReader.read(docx, source: "nested.docx") }
    }

    @Test func oneTwentyMegabyteLineIsAClearError() throws {
        let folder = try Fixtures.scratchFolder("limits")
        let file = folder.appendingPathComponent("oneline.txt")
        try Data(("部门整体支出绩效自评表" + String(repeating: "x", count: 20 << 20) + "\n").utf8).write(
            to: file)
        let (shell, console) = Fixtures.run("load \(file.path)")
        #expect(shell.session.filings.isEmpty)
        #expect(console.errors.contains("saw 1 line of prose, no table"))
    }
}
