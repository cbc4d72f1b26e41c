import CInflate
import Foundation
import JixiaoModel
import JixiaoRendering

/// A listing as an Office Open XML workbook (.xlsx) of one sheet: a bold, frozen header row, then
/// the rows, numbers as numbers with number formats (万元 `0.00`, rates `0.00%`, counts `0`) so
/// Excel, WPS and LibreOffice sort and sum them, text as inline strings.
///
/// Written by hand, on purpose: libxlsxwriter is the well-kept C library for this, but Debian
/// ships it as a shared library only, and the release binary is one static executable. A sheet of
/// typed cells needs five small XML parts in a zip; zlib deflates them. The tests open every
/// workbook this writes in LibreOffice Calc and compare its values (the differential test).
enum XLSXWriter {
    static func workbook(_ listing: Listing, sheet: String) throws(ShellError) -> Data {
        var zip = ZipWriter()
        try zip.add("[Content_Types].xml", contentTypes)
        try zip.add("_rels/.rels", rootRelations)
        let last = reference(row: listing.rows.count + 1, column: max(0, listing.columns.count - 1), absolute: true)
        try zip.add("xl/workbook.xml", workbookPart(sheet: sheet.isEmpty ? "Sheet1" : sheet, range: "$A$1:" + last))
        try zip.add("xl/_rels/workbook.xml.rels", workbookRelations)
        try zip.add("xl/styles.xml", styles)
        try zip.add("xl/worksheets/sheet1.xml", worksheet(listing))
        return zip.finished()
    }

    // MARK: The sheet

    /// The style index (in `styles`) of a cell of each kind; 1 is the header's bold.
    static func style(_ kind: Listing.Kind) -> Int {
        switch kind {
        case .text, .number: return 0
        case .integer: return 2
        case .amount, .points: return 3
        case .rate: return 4
        }
    }

    static func worksheet(_ listing: Listing) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="\(mainNamespace)"><sheetViews><sheetView workbookViewId="0">\
            <pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>\
            <cols>
            """
        for (i, column) in listing.columns.enumerated() {
            let width = min(
                60,
                max(
                    8, listing.rows.prefix(200).map { DisplayWidth.of($0[i].text) }.max() ?? 0,
                    DisplayWidth.of(column.header)) + 2)
            out += "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
        }
        out += "</cols><sheetData><row r=\"1\">"
        for (i, column) in listing.columns.enumerated() {
            out += textCell(reference(row: 1, column: i), column.header, style: 1)
        }
        out += "</row>"
        for r in listing.rows.indices {
            out += "<row r=\"\(r + 2)\">"
            for (c, column) in listing.columns.enumerated() {
                let ref = reference(row: r + 2, column: c)
                switch listing.value(row: r, column: c) {
                case .number(let n): out += "<c r=\"\(ref)\" s=\"\(style(column.kind))\"><v>\(n.plain)</v></c>"
                case .string(let s): out += textCell(ref, s, style: 0)
                default: break
                }
            }
            out += "</row>"
        }
        let last = reference(row: listing.rows.count + 1, column: max(0, listing.columns.count - 1))
        return out + "</sheetData><autoFilter ref=\"A1:\(last)\"/></worksheet>"
    }

    static func textCell(_ ref: String, _ text: String, style: Int) -> String {
        "<c r=\"\(ref)\" t=\"inlineStr\" s=\"\(style)\"><is><t xml:space=\"preserve\">\(escaped(text))</t></is></c>"
    }

    /// `A1`, `AB12`: the column in base-26 letters, the row from 1.
    static func reference(row: Int, column: Int, absolute: Bool = false) -> String {
        var letters = ""
        var n = column + 1
        while n > 0 {
            let digit = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + digit))) + letters
            n = (n - 1) / 26
        }
        return absolute ? "$\(letters)$\(row)" : letters + "\(row)"
    }

    /// XML text: the five entities escaped, and characters XML 1.0 cannot hold (C0 controls but
    /// tab and line ends) written as their `\xNN` escape, as jixiao shows them everywhere.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                out += String(format: "\\x%02x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    // MARK: The fixed parts

    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        <Override PartName="/xl/worksheets/sheet1.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
        <Override PartName="/xl/styles.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>
        """

    static let rootRelations = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="\(packageRelationships)"><Relationship Id="rId1" \
        Type="\(relationships)/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """

    /// The workbook with its one sheet and the range its header's filter buttons cover.
    static func workbookPart(sheet: String, range: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="\(mainNamespace)" xmlns:r="\(relationships)"><sheets>\
        <sheet name="\(escaped(sheet))" sheetId="1" r:id="rId1"/></sheets>\
        <definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">\
        '\(escaped(sheet).replacingOccurrences(of: "'", with: "''"))'!\(range)</definedName></definedNames></workbook>
        """
    }

    static let workbookRelations = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="\(packageRelationships)">\
        <Relationship Id="rId1" Type="\(relationships)/worksheet" Target="worksheets/sheet1.xml"/>\
        <Relationship Id="rId2" Type="\(relationships)/styles" Target="styles.xml"/></Relationships>
        """

    /// Cell styles 0 general, 1 bold header, 2 `0`, 3 `0.00`, 4 `0.00%` (built-in formats 1, 2, 10).
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="\(mainNamespace)"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>\
        <font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>\
        </fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
        <xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
        """
}

/// A zip archive built in memory, each member deflated by zlib: what an .xlsx is.
struct ZipWriter {
    private var body = Data()
    private var directory = Data()
    private var count = 0

    mutating func add(_ name: String, _ text: String) throws(ShellError) {
        let content = Data(text.utf8)
        let packed = try Self.deflated(content)
        let crc = content.withUnsafeBytes { raw in
            UInt32(crc32(0, raw.bindMemory(to: Bytef.self).baseAddress, uInt(raw.count)))
        }
        let nameBytes = Data(name.utf8)
        // 1980-01-01 00:00: a fixed stamp, so the same table always makes the same bytes.
        let fields: [(Int, UInt32)] = [
            (2, 20), (2, 0x0800), (2, 8), (2, 0), (2, 0x21), (4, crc), (4, UInt32(packed.count)),
            (4, UInt32(content.count)), (2, UInt32(nameBytes.count)), (2, 0),
        ]
        let offset = UInt32(body.count)
        body.append(Self.little(4, 0x0403_4b50))
        for (width, value) in fields { body.append(Self.little(width, value)) }
        body.append(nameBytes)
        body.append(packed)
        directory.append(Self.little(4, 0x0201_4b50))
        directory.append(Self.little(2, 20))
        for (width, value) in fields { directory.append(Self.little(width, value)) }
        for (width, value) in [(2, 0), (2, 0), (2, 0), (4, 0), (4, offset)] as [(Int, UInt32)] {
            directory.append(Self.little(width, value))
        }
        directory.append(nameBytes)
        count += 1
    }

    func finished() -> Data {
        var out = body + directory
        let end: [(Int, UInt32)] = [
            (4, 0x0605_4b50), (2, 0), (2, 0), (2, UInt32(count)), (2, UInt32(count)),
            (4, UInt32(directory.count)), (4, UInt32(body.count)), (2, 0),
        ]
        for (width, value) in end { out.append(Self.little(width, value)) }
        return out
    }

    static func little(_ width: Int, _ value: UInt32) -> Data {
        Data((0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) })
    }

    /// Raw deflate (no zlib header), as a zip member's method 8 holds it.
    static func deflated(_ data: Data) throws(ShellError) -> Data {
        var stream = z_stream()
        let level = Z_DEFAULT_COMPRESSION
        guard
            deflateInit2_(
                &stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { throw .invalidValue("xlsx: zlib could not start deflating") }
        defer { deflateEnd(&stream) }
        var input = [UInt8](data)
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 64)
        let status = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = uInt(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = uInt(outBuffer.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw .invalidValue("xlsx: zlib could not deflate a part") }
        return Data(output.prefix(Int(stream.total_out)))
    }
}
