import Foundation
import JixiaoModel

/// A workbook's number formats, so a stored number is read as the sheet shows it: `0.9912` in a
/// `0.00%` cell is 99.12%, `6` in `0.00` is 6.00, a date serial in a date format is a date, and a
/// general number keeps the digits it was typed with.
struct NumberFormats {
    /// The format code of each cell style (`s="3"` → the third `<xf>` of `<cellXfs>`).
    var codes: [String] = []

    init(_ styles: [UInt8]?) throws(ReadError) {
        guard let styles else { return }
        var custom: [Int: String] = [:]
        var ids: [Int] = []
        var inCellXfs = false
        try Workbook.scan(styles, "xl/styles.xml") { event in
            switch event {
            case .start("x:numFmt", let attributes):
                if let id = attributes.value("numFmtId").flatMap({ Int($0) }), let code = attributes.value("formatCode")
                {
                    custom[id] = code
                }
            case .start("x:cellXfs", _): inCellXfs = true
            case .end("x:cellXfs"): inCellXfs = false
            case .start("x:xf", let attributes) where inCellXfs:
                ids.append(attributes.value("numFmtId").flatMap { Int($0) } ?? 0)
            default: break
            }
        }
        codes = ids.map { custom[$0] ?? Self.builtIn[$0] ?? "General" }
    }

    /// The built-in formats a sheet may name by number alone (ECMA-376, 18.8.30).
    static let builtIn: [Int: String] = [
        0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00",
        14: "yyyy-mm-dd", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 22: "yyyy-mm-dd h:mm", 49: "@",
    ]

    /// `raw`, the number a cell stores, as its style shows it.
    func show(_ raw: String, style: Int) -> String {
        let code = style >= 0 && style < codes.count ? codes[style] : "General"
        guard let number = Self.typed(raw) else { return raw }
        let section = Self.firstSection(code)
        if section.contains("%") { return (number * 100).fixed(Self.places(section)) + "%" }
        if Self.isDate(section), let date = Self.date(serial: number) { return date }
        if section.contains("0") && !section.contains("E") { return number.fixed(Self.places(section)) }
        return number.plain
    }

    /// The decimal a stored number was typed as: Excel keeps the nearest double and writes up to 17
    /// digits (`3.3999999999999999`); the shortest decimal that reads back as the same double is
    /// the one typed (`3.4`). A number written with 15 digits or fewer is taken as written.
    static func typed(_ raw: String) -> Decimal? {
        let digits = raw.utf8.filter { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
        let plain = !raw.contains { $0 == "e" || $0 == "E" }
        if plain && digits <= 15 { return Decimal(string: raw, locale: Locale(identifier: "en_US_POSIX")) }
        guard let double = Double(raw), double.isFinite else { return nil }
        return Decimal(string: "\(double)", locale: Locale(identifier: "en_US_POSIX"))
    }

    /// A code's section for positive numbers, without quoted text, colours and conditions.
    static func firstSection(_ code: String) -> String {
        var out = ""
        var quoted = false
        var bracket = false
        for character in code {
            if character == "\"" {
                quoted.toggle()
            } else if quoted {
                continue
            } else if character == "[" {
                bracket = true
            } else if character == "]" {
                bracket = false
            } else if character == ";" {
                break
            } else if !bracket {
                out.append(character)
            }
        }
        return out
    }

    /// Digits after the decimal point: `0.00%` → 2, `#,##0` → 0.
    static func places(_ section: String) -> Int {
        guard let dot = section.firstIndex(of: ".") else { return 0 }
        return section[section.index(after: dot)...].prefix { $0 == "0" || $0 == "#" }.count
    }

    static func isDate(_ section: String) -> Bool {
        let lower = section.lowercased()
        return lower.contains("y") || lower.contains("d") || (lower.contains("m") && !lower.contains("0"))
    }

    /// A 1900-system serial as `yyyy-mm-dd` (serial 1 is 1900-01-01; Excel counts a 29 February
    /// 1900 that never was, so serials from 61 on are one day late).
    static func date(serial: Decimal) -> String? {
        guard serial >= 1, serial < 2_958_466 else { return nil }
        var days = Int(truncating: NSDecimalNumber(decimal: serial))
        if days >= 61 { days -= 1 }
        // Days from 1899-12-31 to a civil date (Howard Hinnant's algorithm, from 1970-01-01).
        let z = days - 25_568 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return String(format: "%04d-%02d-%02d", year, month, day)
    }
}
