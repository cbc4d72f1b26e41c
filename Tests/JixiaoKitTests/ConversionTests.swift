import Foundation
import Testing

@testable import JixiaoKit
@testable import JixiaoModel
@testable import JixiaoReading

/// The formats outside programs read: LibreOffice for the legacy office files, poppler for PDF.
/// `make setup` installs both, so these run wherever the tests do.
@Suite(.scratch, .enabled(if: Converted.programsInstalled)) struct ConversionTests {
    static let legacy = Fixtures.fixtures { $0.hasPrefix("legacy/") && !$0.hasSuffix(".sh") }
    static let v2Key = Fixtures.filings.appendingPathComponent("v2_hengshan_label_variants_2023.txt.key.json")

    @Test("each legacy office format, judged by its bytes, reads as its key says", arguments: legacy)
    func legacyFormatMatchesKey(_ path: String) throws {
        try FilingKeyTests().compare(Fixtures.root.appendingPathComponent("Tests/Fixtures/" + path), key: Self.v2Key)
    }

    @Test(
        "PDFs printed without cell borders read by position as their keys say, with a warning that says so",
        arguments: [
            ("000-borderless-writer.pdf", "000_4163b9005dfad92f.txt"),
            ("v1-borderless-python-docx.pdf", "v1_seed_layout_4projects_2022.txt"),
        ])
    func borderlessPDFMatchesKey(_ file: String, _ keyed: String) throws {
        try FilingKeyTests().compare(
            Fixtures.root.appendingPathComponent("Tests/Fixtures/pdf/" + file),
            key: Fixtures.filings.appendingPathComponent(keyed + ".key.json"), allowing: [PDFFrontEnd.byPositionNote])
    }

    @Test(
        "what a file is comes from its bytes: a .doc that is a .docx is read as one, a .wps that is Word 97 converted")
    func sniffedByContent() throws {
        let folder = Fixtures.root.appendingPathComponent("Tests/Fixtures/legacy")
        let docx = try Converted.filing(folder.appendingPathComponent("v2_docx-named.doc"))
        #expect(docx.formatDescription == ".docx")
        let wps = try Converted.filing(folder.appendingPathComponent("v2_word97-named.wps"))
        #expect(wps.formatDescription == "Word 97–2003 .doc via LibreOffice")
        let xls = try Converted.filing(folder.appendingPathComponent("v2_calc.xls"))
        #expect(xls.formatDescription == "Excel 97–2003 .xls via LibreOffice")
        // Word's "save as web page" kept the .doc name: read as the page it is, nothing converted.
        let export = Fixtures.root.appendingPathComponent("Tests/Fixtures/formats/v3_writer_export.html")
        let page = try Data(contentsOf: export)
        #expect(FrontEnds.outsideProgram(for: page) == nil)
        #expect(try FilingReader.read(page, source: "page.doc").formatDescription == "web page UTF-8")
        let pdf = try Converted.filing(Fixtures.root.appendingPathComponent("Tests/Fixtures/formats/v2_writer.pdf"))
        #expect(pdf.formatDescription == "PDF")
        #expect(pdf.place(pdf.projects[0].indicators[0].line) == "p5:31")
    }

    /// Loads `words` as `load` does, in an environment whose cache and programs the test chooses.
    func load(
        _ words: [String], cache: ConversionCache? = nil, programs: String? = nil
    ) throws(ShellError) -> Loader.Batch {
        let environment = Interrupting()
        if let programs { environment.programSearchPath = programs }
        return try Loader.load(words, environment, strict: false, cache: cache)
    }

    @Test("a scanned, an encrypted, a table-less and a damaged PDF: each its own clear error")
    func pdfRefusals() throws {
        let folder = Fixtures.root.appendingPathComponent("Tests/Fixtures/pdf")
        let damaged = try Scratch.folder.appendingPathComponent("damaged.pdf")
        let whole = try Data(contentsOf: Fixtures.root.appendingPathComponent("Tests/Fixtures/formats/v2_writer.pdf"))
        try whole.prefix(3000).write(to: damaged)
        let batch = try load(
            ["scanned.pdf", "encrypted.pdf", "no-table.pdf"].map { folder.path + "/" + $0 } + [damaged.path])
        #expect(batch.loaded.isEmpty)
        let reasons = batch.failed.map { "\($0.error)" }
        #expect(reasons.count == 4)
        #expect(reasons[0].contains("a scanned PDF: its 1 page is an image with no text layer; run OCR first"))
        #expect(reasons[1].contains("it is encrypted with a password"))
        #expect(reasons[2].contains("no table in this PDF's 1 page, by cell borders or by the words' positions"))
        #expect(reasons[3].contains("not a readable PDF: it is damaged (poppler: "))
    }

    @Test("without LibreOffice each legacy file is a one-line error naming the package, and the rest loads")
    func withoutLibreOffice() throws {
        let folder = try Scratch.folder
        for name in ["v2_word97-named.wps", "v2_calc.xls"] {
            try FileManager.default.copyItem(
                at: Fixtures.root.appendingPathComponent("Tests/Fixtures/legacy/" + name),
                to: folder.appendingPathComponent(name))
        }
        try FileManager.default.copyItem(at: Fixtures.real, to: folder.appendingPathComponent("real.txt"))
        let batch = try load([folder.path], programs: folder.path + "/no-programs-here")
        #expect(batch.loaded.map(\.filing.unit) == ["石鼓区总工会"])
        let reasons = batch.failed.map { "\($0.path): \($0.error)" }.sorted()
        #expect(reasons.count == 2)
        #expect(reasons[0].contains("v2_calc.xls") && reasons[0].contains("apt-get install libreoffice-calc-nogui"))
        #expect(reasons[1].contains(".wps") && reasons[1].contains("apt-get install libreoffice-writer-nogui"))
    }

    @Test("a second load reads the cache and converts nothing; --no-cache neither reads nor writes it")
    func cacheAndNoCache() throws {
        let folder = try Scratch.folder
        let cache = ConversionCache(folder: folder.appendingPathComponent("cache").path)
        let files = [
            "Tests/Fixtures/formats/v3_word97.doc", "Tests/Fixtures/formats/v2_writer.pdf",
            "Tests/Fixtures/legacy/v2_calc.xls",
        ].map { Fixtures.root.appendingPathComponent($0).path }
        let first = try load(files, cache: cache)
        #expect(first.loaded.count == 3 && first.failed.isEmpty)
        let kept = try FileManager.default.contentsOfDirectory(atPath: cache.entries).map {
            ($0 as NSString).pathExtension
        }
        #expect(kept.sorted() == ["docx", "rules", "xhtml", "xlsx"])
        // No programs now: only the cache can make these load.
        let nowhere = folder.path + "/no-programs-here"
        let second = try load(files, cache: cache, programs: nowhere)
        #expect(second.loaded.map(\.filing.sha256) == first.loaded.map(\.filing.sha256))
        #expect(second.loaded.map(\.filing.projects.count) == [2, 2, 2])
        let uncached = try load(files, programs: nowhere)
        #expect(uncached.loaded.isEmpty && uncached.failed.count == 3)
    }

    @Test("Ctrl-C while LibreOffice converts stops the load and leaves no temporary folder and no socket")
    func interruptedConversion() throws {
        let folder = try Scratch.folder
        let environment = Interrupting()
        var socket: String?
        // Ctrl-C comes once LibreOffice listens on its socket in /tmp, which a stopped soffice leaves.
        environment.comesWhen = {
            guard let work = try? FileManager.default.contentsOfDirectory(atPath: folder.path).first else {
                return false
            }
            let name = OfficeSocket.name(profile: "file://\(folder.path)/\(work)/profile")
            socket = OfficeSocket.folders.map { $0 + "/" + name }.first { FileManager.default.fileExists(atPath: $0) }
            return socket != nil
        }
        var conversions = Conversions(cache: nil, environment: environment)
        conversions.temporary = folder.path
        let doc = Fixtures.root.appendingPathComponent("Tests/Fixtures/formats/v3_word97.doc").path
        let error = #expect(throws: ShellError.self) { try conversions.prepare([(doc, "v3_word97.doc")]) }
        #expect(error.map { "\($0)" } == "\(ShellError.cancelled)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        let stopped = try #require(socket)
        #expect(!FileManager.default.fileExists(atPath: stopped))
    }

    @Test("the socket's name is LibreOffice's: MD5 of the profile URL's UTF-16, bytes in hex without leading 0")
    func officeSocketName() {
        // Both read off /tmp while LibreOffice 7.4 ran with the profile. The second MD5 holds the
        // bytes 00 00 07, written 0 0 7: the name is 29 hex digits long, not 32.
        #expect(
            OfficeSocket.name(profile: "file:///tmp/osl/w/profile", user: 0)
                == "OSL_PIPE_0_SingleOfficeIPC_d656f3778bc0c09336ce7eae8d7bfaa3")
        #expect(
            OfficeSocket.name(profile: "file:///tmp/osl/u/profile", user: 0)
                == "OSL_PIPE_0_SingleOfficeIPC_dadb96916100764f7cbe97ec97f17")
        #expect(OfficeSocket.name(profile: "file:///x", user: 1000).hasPrefix("OSL_PIPE_1000_SingleOfficeIPC_"))
    }
}
