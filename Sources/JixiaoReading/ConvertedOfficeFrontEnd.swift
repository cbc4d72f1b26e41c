import Foundation
import JixiaoModel

/// The office formats jixiao reads through LibreOffice: Word 97–2003 `.doc`, WPS `.wps`, Excel
/// 97–2003 `.xls`, ET `.et` (all OLE2 compound files), RTF, and OpenDocument `.odt`/`.ods`.
/// LibreOffice turns each into a .docx or an .xlsx, which the .docx and workbook front ends read;
/// which one, and what the file was, is judged from the bytes, never the name: a `.wps` that is
/// really a Word .doc is read as one.
enum ConvertedOfficeFrontEnd: FrontEnd {
    static func claims(_ file: FileBytes) -> Bool { file.isCompoundFile || kind(of: file) != nil }

    static func outsideProgram(for file: FileBytes) -> OutsideProgram? {
        kind(of: file).map { .libreOffice(to: $0.target) }
    }

    static func read(_ file: FileBytes) throws(ReadError) -> FrontEndResult {
        // LibreOffice opens what it cannot place as plain text: a compound file with neither a
        // Word document nor a workbook inside never reaches it.
        guard let kind = kind(of: file) else {
            throw .notOfficeFile(
                "an OLE2 compound file (as .doc and .xls are) with neither a Word document nor a workbook inside")
        }
        guard case .office(let converted)? = file.made else { throw .needsProgram(.libreOffice(to: kind.target)) }
        let inner = FileBytes(converted)
        let frontEnd: any FrontEnd.Type = kind.target == "xlsx" ? WorkbookFrontEnd.self : DocxFrontEnd.self
        guard frontEnd.claims(inner) else {
            throw .notConvertible("its output is not a readable .\(kind.target)")
        }
        var result = try frontEnd.read(inner)
        result.convertedFrom = kind.name
        return result
    }

    /// What a file is, and what LibreOffice should make of it.
    struct Kind: Equatable {
        var name: String
        var target: String
    }

    static func kind(of file: FileBytes) -> Kind? {
        if file.isRTF { return Kind(name: "RTF", target: "docx") }
        if file.isCompoundFile { return compoundKind(file.data) }
        guard let type = file.openDocumentType else { return nil }
        if type.hasSuffix(".spreadsheet") { return Kind(name: "OpenDocument spreadsheet", target: "xlsx") }
        if type.hasSuffix(".text") { return Kind(name: "OpenDocument text", target: "docx") }
        return nil
    }

    /// A compound file's kind, from the names of its streams (UTF-16 in its directory): Word and
    /// WPS write `WordDocument`, Excel and ET write `Workbook` (`Book` before Excel 97).
    static func compoundKind(_ data: Data) -> Kind? {
        func has(_ name: String) -> Bool {
            var bytes: [UInt8] = []
            for unit in (name + "\0").utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
            return data.firstRange(of: Data(bytes)) != nil
        }
        if has("WordDocument") { return Kind(name: "Word 97–2003 .doc", target: "docx") }
        if has("Workbook") || has("Book") { return Kind(name: "Excel 97–2003 .xls", target: "xlsx") }
        return nil
    }
}
