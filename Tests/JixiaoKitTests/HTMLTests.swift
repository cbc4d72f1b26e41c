import Foundation
import Testing

@testable import JixiaoReading

/// How a page's bytes become text, and which bytes are a page at all.
@Suite(.scratch) struct HTMLTests {
    static let portal = Fixtures.root.appendingPathComponent("Tests/Fixtures/formats/v2_portal_gbk.html")
    static let key = Fixtures.filings.appendingPathComponent("v2_hengshan_label_variants_2023.txt.key.json")

    /// GB18030 bytes with their declaration removed are sniffed as a text filing's are.
    @Test func aGBKPageWithoutADeclarationIsSniffed() throws {
        let page = String(decoding: try Data(contentsOf: Self.portal), as: UTF8.self)
        #expect(page.contains("charset=gb2312"))
        var bytes = try Data(contentsOf: Self.portal)
        let declaration = Data("charset=gb2312".utf8)
        let range = try #require(bytes.range(of: declaration))
        bytes.replaceSubrange(range, with: Data())
        #expect(HTMLText.declaredCharset(bytes) == nil)
        #expect(try HTMLText.decode(bytes).1 == .gb18030)
        try compareWithKey(bytes, name: "undeclared.html")
    }

    /// The charset comes from a byte-order mark first, then from the page's declaration.
    @Test func theDeclarationNamesTheCharset() throws {
        let utf8 = "<html><head><meta charset=\"utf-8\"></head><body><p>中文</p></body></html>"
        #expect(HTMLText.declaredCharset(Data(utf8.utf8)) == "utf-8")
        #expect(try HTMLText.decode(Data(utf8.utf8)).1 == .utf8)
        let bom = Data([0xEF, 0xBB, 0xBF]) + Data(utf8.utf8)
        #expect(try HTMLText.decode(bom).1 == .utf8WithBOM)
    }

    @Test(
        "pages are sniffed from their first bytes, in any case, after a BOM or an XML declaration",
        arguments: [
            ("<!DOCTYPE html><html>", true), ("  <TABLE><TR><TD>a", true), ("\u{FEFF}<html>", true),
            ("<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC>", true), ("项目名称\t<table>", false),
            ("| a | b |", false), ("<?xml version=\"1.0\"?><w:document>", false),
        ])
    func sniffing(_ start: String, _ isPage: Bool) {
        #expect(HTMLText.looksLikeHTML(Data(start.utf8)) == isPage)
    }

    func compareWithKey(_ bytes: Data, name: String) throws {
        let file = try Scratch.folder.appendingPathComponent(name)
        try bytes.write(to: file)
        try FilingKeyTests().compare(file, key: Self.key)
    }
}
