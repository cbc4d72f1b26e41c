import Foundation
import Testing

@testable import JixiaoReading

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The hand-written scanner against Foundation's XMLParser, and on the corners of XML a
/// WordprocessingML body may use.
@Suite struct XMLScannerTests {
    static func events(_ xml: String) throws -> [XMLScanner.Event] {
        var events: [XMLScanner.Event] = []
        try XMLScanner.scan(Array(xml.utf8)) { events.append($0) }
        return events
    }

    @Test func tagsTextEntitiesAndSelfClosing() throws {
        let xml = """
            <?xml version="1.0"?><!-- c --><w:p a="x>y" b='1'><w:t>A &amp; B &lt;&#20320;&#x597D;&gt;</w:t>\
            <w:br/><![CDATA[<raw>]]></w:p>
            """
        #expect(
            try Self.events(xml) == [
                .start("w:p", .init(bytes: ArraySlice(" a=\"x>y\" b='1'".utf8))), .start("w:t"),
                .text("A & B <你好>"), .end("w:t"), .start("w:br"), .end("w:br"), .text("<raw>"), .end("w:p"),
            ])
        guard case .start(_, let attributes)? = try Self.events(xml).first else { return }
        #expect(attributes.value("a") == "x>y" && attributes.value("b") == "1" && attributes.value("c") == nil)
    }

    /// Elements are named by namespace, not by the prefix a producer chose: ElementTree's `ns0:`, the
    /// OpenXML SDK's `x:`, a default namespace. An unknown namespace keeps its name as written.
    @Test func namesFollowTheNamespaceNotThePrefix() throws {
        let word = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        let sheet = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let xml =
            "<ns0:document xmlns:ns0=\"\(word)\"><ns0:p/><q:z xmlns:q=\"urn:other\"/></ns0:document>"
            + "<worksheet xmlns=\"\(sheet)\"><c r=\"B3\"/><inner xmlns=\"urn:other\"><c/></inner><c/></worksheet>"
        let names = try Self.events(xml).compactMap { event -> String? in
            if case .start(let name, _) = event { return name }
            return nil
        }
        #expect(names == ["w:document", "w:p", "q:z", "x:worksheet", "x:c", "inner", "c", "x:c"])
    }

    @Test func anUnknownEntityStaysAsWritten() throws {
        #expect(try Self.events("<t>&nbsp;&#xZZ;</t>") == [.start("t"), .text("&nbsp;&#xZZ;"), .end("t")])
    }

    @Test(arguments: ["<w:p", "<a>\n<b\n<c>", "<!-- never closed", "<![CDATA[ open"])
    func malformedMarkupIsAnErrorWithItsLine(_ xml: String) {
        #expect(throws: XMLScanner.Malformed.self) { try Self.events(xml) }
    }

    /// Element names in order, and the text inside every w:t, as Foundation's parser sees them.
    final class Reference: NSObject, XMLParserDelegate {
        var names: [String] = []
        var text = ""
        var inText = false
        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            names.append("+" + name)
            if name == "w:t" { inText = true }
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            names.append("-" + name)
            if name == "w:t" { inText = false }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { text += string } }
    }

    static let docx: [String] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/docx")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".docx") }.sorted().map { folder.appendingPathComponent($0).path }
    }()

    @Test(arguments: docx) func agreesWithFoundationsParserOnEveryDocxFixture(_ path: String) throws {
        let xml = try DocxText.documentXML(Data(contentsOf: URL(fileURLWithPath: path)))
        let reference = Reference()
        let parser = XMLParser(data: xml)
        parser.delegate = reference
        #expect(parser.parse())
        var names: [String] = []
        var text = ""
        var inText = false
        try XMLScanner.scan([UInt8](xml)) { event in
            switch event {
            case .start(let name, _):
                names.append("+" + name)
                if name == "w:t" { inText = true }
            case .end(let name):
                names.append("-" + name)
                if name == "w:t" { inText = false }
            case .text(let part): if inText { text += part }
            }
        }
        #expect(names == reference.names)
        #expect(text == reference.text)
    }
}
