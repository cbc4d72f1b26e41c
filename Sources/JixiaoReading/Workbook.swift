import Foundation
import JixiaoModel

/// The parts of an .xlsx the reader needs: its visible sheets in workbook order, each as a grid of
/// the texts the sheet shows, with its merged ranges. Read with the zip and XML code that reads a
/// .docx, matching SpreadsheetML by namespace, so `x:`-prefixed (OpenXML SDK) and default-namespace
/// (LibreOffice, openpyxl) files read alike.
struct Workbook {
    struct Sheet {
        var name: String
        /// Cell texts by row, then column (both from 1), as the sheet shows them.
        var cells: [Int: [Int: String]] = [:]
        var merges: [Merge] = []
    }

    /// A merged range, rows and columns inclusive.
    struct Merge {
        var top: Int, left: Int, bottom: Int, right: Int
    }

    var sheets: [Sheet] = []
    /// Sheets not read: hidden ones, by name.
    var hidden: [String] = []

    /// The widest and tallest a sheet may be before it is refused: a filing's tables are a few
    /// dozen columns and a few hundred rows; a sheet past this is not one.
    static let largestGrid = 4_000_000

    static func read(_ zip: ZipArchive) throws(ReadError) -> Workbook {
        let strings = try sharedStrings(zip)
        let formats = try NumberFormats(try optionalPart("xl/styles.xml", zip))
        let targets = try relationships(zip)
        var workbook = Workbook()
        var parts: [String] = []
        try scan(try part("xl/workbook.xml", zip), "xl/workbook.xml") { event in
            guard case .start("x:sheet", let attributes) = event else { return }
            let name = attributes.value("name") ?? ""
            if let state = attributes.value("state"), state != "visible" {
                workbook.hidden.append(name)
            } else if let id = attributes.value("id"), let target = targets[id] {
                workbook.sheets.append(Sheet(name: name))
                parts.append(target)
            }
        }
        for (index, part) in parts.enumerated() {
            try readSheet(&workbook.sheets[index], self.part(part, zip), part, strings: strings, formats: formats)
        }
        return workbook
    }

    static func part(_ name: String, _ zip: ZipArchive) throws(ReadError) -> [UInt8] {
        guard let bytes = try optionalPart(name, zip) else { throw .notWorkbook("\(name) is missing") }
        return bytes
    }

    static func optionalPart(_ name: String, _ zip: ZipArchive) throws(ReadError) -> [UInt8]? {
        do { return [UInt8](try zip.extract(name)) } catch {
            switch error {
            case .missing: return nil
            case .notAnArchive: throw .notWorkbook("the zip archive cannot be opened")
            case .damaged: throw .notWorkbook("\(name) cannot be extracted")
            case .tooLarge(let size):
                throw .notWorkbook(
                    "\(name) would expand to \(size >> 20) MB, above the "
                        + "\(ZipArchive.largestMember >> 20) MB jixiao reads"
                )
            }
        }
    }

    static func scan(_ xml: [UInt8], _ name: String, _ handle: (XMLScanner.Event) -> Void) throws(ReadError) {
        guard String(validating: xml, as: UTF8.self) != nil else { throw .notWorkbook("\(name) is not UTF-8 text") }
        do throws(XMLScanner.Malformed) {
            try XMLScanner.scan(xml, handle)
        } catch {
            throw .notWorkbook("\(name) is not well-formed XML (line \(error.line))")
        }
    }

    /// `rId3` → `xl/worksheets/sheet3.xml`.
    static func relationships(_ zip: ZipArchive) throws(ReadError) -> [String: String] {
        var targets: [String: String] = [:]
        let name = "xl/_rels/workbook.xml.rels"
        try scan(try part(name, zip), name) { event in
            guard case .start(let element, let attributes) = event, XMLScanner.localName(element) == "Relationship",
                let id = attributes.value("Id"), let target = attributes.value("Target")
            else { return }
            targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        return targets
    }

    /// The shared strings, each the text of its runs (phonetic guides left out).
    static func sharedStrings(_ zip: ZipArchive) throws(ReadError) -> [String] {
        let name = "xl/sharedStrings.xml"
        guard let xml = try optionalPart(name, zip) else { return [] }
        var strings: [String] = []
        var current = ""
        var inText = false
        var phonetic = 0
        try scan(xml, name) { event in
            switch event {
            case .start("x:si", _): current = ""
            case .end("x:si"): strings.append(current)
            case .start("x:rPh", _): phonetic += 1
            case .end("x:rPh"): phonetic -= 1
            case .start("x:t", _): inText = true
            case .end("x:t"): inText = false
            case .text(let text): if inText && phonetic == 0 { current += text }
            default: break
            }
        }
        return strings
    }

    static func readSheet(
        _ sheet: inout Sheet, _ xml: [UInt8], _ name: String, strings: [String], formats: NumberFormats
    ) throws(ReadError) {
        var reader = SheetReader(strings: strings, formats: formats)
        try scan(xml, name) { reader.take($0) }
        if let problem = reader.problem { throw .notWorkbook("sheet '\(sheet.name)': \(problem)") }
        sheet.cells = reader.cells
        sheet.merges = reader.merges
    }

    /// Walks one sheet's XML: each `<c>` with its value as shown, and each `<mergeCell>`.
    struct SheetReader {
        let strings: [String]
        let formats: NumberFormats
        var cells: [Int: [Int: String]] = [:]
        var merges: [Merge] = []
        var problem: String? = nil
        var row = 0
        var column = 0
        var type = ""
        var style = 0
        var value = ""
        var inValue = false
        var count = 0

        mutating func take(_ event: XMLScanner.Event) {
            switch event {
            case .start("x:row", let attributes):
                row = attributes.value("r").flatMap { Int($0) } ?? row + 1
                column = 0
            case .start("x:c", let attributes):
                let reference = attributes.value("r").flatMap(CellReference.init)
                column = reference?.column ?? column + 1
                if let reference { row = reference.row }
                type = attributes.value("t") ?? "n"
                style = attributes.value("s").flatMap { Int($0) } ?? 0
                value = ""
            case .start("x:v", _), .start("x:t", _): inValue = true
            case .end("x:v"), .end("x:t"): inValue = false
            case .text(let text): if inValue { value += text }
            case .end("x:c"): store()
            case .start("x:mergeCell", let attributes):
                guard let range = attributes.value("ref").flatMap(Self.merge) else { return }
                merges.append(range)
            default: break
            }
        }

        mutating func store() {
            guard !value.isEmpty, row > 0, column > 0 else { return }
            count += 1
            guard count <= Workbook.largestGrid else {
                problem = problem ?? "more than \(Workbook.largestGrid) cells"
                return
            }
            let shown: String
            switch type {
            case "s": shown = Int(value).flatMap { $0 >= 0 && $0 < strings.count ? strings[$0] : nil } ?? ""
            case "b": shown = value == "1" ? "TRUE" : "FALSE"
            case "str", "inlineStr", "e": shown = value
            default: shown = formats.show(value, style: style)
            }
            cells[row, default: [:]][column] = shown
        }

        /// `A1:C3`.
        static func merge(_ ref: String) -> Merge? {
            let ends = ref.split(separator: ":").compactMap { CellReference(String($0)) }
            guard ends.count == 2 else { return nil }
            return Merge(
                top: min(ends[0].row, ends[1].row), left: min(ends[0].column, ends[1].column),
                bottom: max(ends[0].row, ends[1].row), right: max(ends[0].column, ends[1].column))
        }
    }
}

/// `H7` → row 7, column 8; and back.
struct CellReference: Equatable {
    var row: Int
    var column: Int

    init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    init?(_ text: String) {
        var column = 0
        var row = 0
        var digits = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where !digits:
                column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
            case UInt8(ascii: "$"): continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits = true
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
            default: return nil
            }
            guard column <= 16_384, row <= 1_048_576 else { return nil }
        }
        guard column > 0, row > 0 else { return nil }
        self.row = row
        self.column = column
    }

    var name: String {
        var letters = ""
        var n = column
        while n > 0 {
            let digit = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(ascii: "A") + UInt8(digit))) + letters
            n = (n - 1) / 26
        }
        return letters + String(row)
    }
}
