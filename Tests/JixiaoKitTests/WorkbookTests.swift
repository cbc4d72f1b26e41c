import Foundation
import Testing
import ZIPFoundation

@testable import JixiaoReading

/// Workbooks read as the sheet shows them, and odd ones end in an answer, never a crash.
@Suite struct WorkbookTests {
    static let formats = try? NumberFormats(
        Array(
            """
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
            <numFmts><numFmt numFmtId="164" formatCode="0.00%"/></numFmts>
            <cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="2"/><xf numFmtId="14"/>
            <xf numFmtId="9"/></cellXfs>
            </styleSheet>
            """.utf8))

    @Test(
        "a stored number shows as its format shows it",
        arguments: [
            ("0.9912", 1, "99.12%"), ("6", 2, "6.00"), ("3.3999999999999999", 0, "3.4"), ("1420.36", 0, "1420.36"),
            ("45534", 3, "2024-08-30"), ("1", 4, "100%"), ("0.1", 0, "0.1"), ("1E-3", 0, "0.001"),
        ])
    func shown(_ raw: String, _ style: Int, _ expected: String) throws {
        let formats = try #require(Self.formats)
        #expect(formats.show(raw, style: style) == expected)
    }

    @Test func cellReferencesRoundTrip() {
        for name in ["A1", "H7", "Z9", "AA10", "XFD1048576"] {
            #expect(CellReference(name)?.name == name)
        }
        #expect(CellReference("A0") == nil && CellReference("1A") == nil && CellReference("XFE1") == nil)
    }

    /// Found by the mangling test: a merge wholly above the rows with text crashed the grid.
    @Test func aMergeAboveEveryRowWithTextIsRead() throws {
        let sheet = """
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
            <row r="9"><c r="A9" t="inlineStr"><is><t>项目名称</t></is></c></row></sheetData>
            <mergeCells><mergeCell ref="A1:C3"/></mergeCells></worksheet>
            """
        let data = try Self.workbook(sheet: sheet)
        #expect(throws: ReadError.self) { try FilingReader.read(data, source: "merge.xlsx") }
    }

    /// A one-sheet workbook around `sheet`.
    static func workbook(sheet: String) throws -> Data {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let parts = [
            "xl/workbook.xml":
                "<workbook xmlns=\"\(main)\" xmlns:r=\"\(rels)\"><sheets>"
                + "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
            "xl/_rels/workbook.xml.rels":
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>",
            "xl/worksheets/sheet1.xml": sheet,
        ]
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in parts.sorted(by: { $0.key < $1.key }) {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count)) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data ?? Data()
    }
}

/// Pages and sheets at their limits: each is an answer in bounded time and memory, never a crash.
@Suite struct FormatLimitTests {
    @Test("100,000 nested tags and 10,000 nested tables in a page", arguments: ["<div>", "<table><tr><td>"])
    func deeplyNestedPage(_ tag: String) {
        let count = tag == "<div>" ? 100_000 : 10_000
        let page = "<html><body>" + String(repeating: tag, count: count) + "<p>项目名称</p></body></html>"
        #expect(throws: ReadError.self) { try FilingReader.read(Data(page.utf8), source: "deep.html") }
    }

    @Test("a page's rowspan and colspan beyond reason are bounded")
    func hugeSpans() throws {
        let page =
            "<table><tr><td rowspan=\"2000000000\" colspan=\"2000000000\">项目名称</td><td>x</td></tr>"
            + "<tr><td>y</td></tr></table>"
        let filing = try FilingReader.read(Data(page.utf8), source: "spans.html")
        // Two cells, then the spanned cell continued once as an empty cell beside y: no more.
        #expect(filing.layoutText == "\n\t项目名称\n\tx\n\n\ty\n")
    }
}

/// The slow tier's workbook limit: a sheet of a million empty styled cells (ten copies of 10,000
/// rows of ten) reads as no table.
@Suite struct SlowWorkbookLimitTests {
    @Test func aMillionEmptyStyledCells() throws {
        var rows = ""
        for row in 1...10_000 {
            rows += "<row r=\"\(row)\">"
            for column in ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"] {
                rows += "<c r=\"\(column)\(row)\" s=\"1\"/>"
            }
            rows += "</row>"
        }
        let sheet = """
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
            \(String(repeating: rows, count: 10))\
            </sheetData></worksheet>
            """
        let data = try WorkbookTests.workbook(sheet: sheet)
        #expect(throws: ReadError.self) { try FilingReader.read(data, source: "styled.xlsx") }
    }
}

/// One `load` of a folder holding every format, files named the wrong way round among them.
@Suite(.scratch) struct MixedFolderTests {
    @Test func aMixedFolderLoadsInOneLoadEachFileByWhatItIs() throws {
        let folder = try Scratch.folder
        let fixtures = Fixtures.root.appendingPathComponent("Tests/Fixtures")
        let copies = [
            ("filings/000_4163b9005dfad92f.txt", "a.txt"), ("docx/v1_seed_layout_4projects_2022.docx", "b.docx"),
            ("formats/v2_portal_gbk.html", "c.html"), ("formats/v3_sheets.xlsx", "d.xlsx"),
            // A budget system's "Excel" export that is a web page, and a workbook named .xls.
            ("formats/v3_writer_export.html", "e.xls"), ("formats/v2_calc_one_sheet.xlsx", "f.xls"),
        ]
        for (source, name) in copies {
            try FileManager.default.copyItem(
                at: fixtures.appendingPathComponent(source), to: folder.appendingPathComponent(name))
        }
        let (shell, console) = Fixtures.run("load \(folder.path)\n")
        #expect(console.errors.isEmpty, "\(console.errors)")
        let formats = shell.session.filings.map {
            ($0.path as NSString).lastPathComponent + " " + $0.filing.format.rawValue
        }
        #expect(
            formats == [
                "a.txt text", "b.docx .docx", "c.html web page", "d.xlsx workbook", "e.xls web page", "f.xls workbook",
            ])
    }

    /// The budget system's workbook with its prose sheet 说明 hidden: the sheet is not read, and a
    /// warning says so.
    @Test func aHiddenSheetIsSkippedWithAWarning() throws {
        let url = Fixtures.root.appendingPathComponent("Tests/Fixtures/formats/v3_sheets.xlsx")
        var hidden = false
        let data = try Fixtures.rewritingZip(try Data(contentsOf: url)) { path, content in
            guard path == "xl/workbook.xml" else { return content }
            let xml = String(decoding: content, as: UTF8.self)
            let marked = xml.replacingOccurrences(of: "name=\"说明\"", with: "name=\"说明\" state=\"hidden\"")
            hidden = marked != xml
            return Data(marked.utf8)
        }
        #expect(hidden, "the fixture names its prose sheet 说明")
        let filing = try FilingReader.read(data, source: "hidden.xlsx")
        #expect(filing.warnings.map(\.message) == ["sheet '说明' is hidden and was skipped"])
        #expect(filing.report == nil, "the 自评报告 on the hidden sheet was not read")
        #expect(filing.projects.count == 2)
    }
}
