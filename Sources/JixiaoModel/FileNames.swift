/// File names as the file system holds them: bytes, most often UTF-8 but not always (a name
/// made under a GBK locale, a name copied from an old archive). A name's bytes that are no UTF-8
/// are kept in its string as the code points U+10FF80–U+10FFFF, one per byte (the last private-use
/// plane, which no name uses), so the path reaches `open` as the very bytes the folder listed,
/// and shows as `bad\xb2name.txt`. A newline or another control character in a name shows as
/// its escape too, so it never breaks a message or a table row.
public enum FileNames {
    static let base: UInt32 = 0x10_FF00

    /// A name or path from the file system's bytes: UTF-8 where it is, each other byte kept.
    public static func decode<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        let bytes = Array(bytes)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < bytes.count {
            let length = sequenceLength(bytes[i])
            if length > 0, i + length <= bytes.count,
                let scalar = String(validating: bytes[i..<i + length], as: UTF8.self)?.unicodeScalars.first
            {
                out.append(scalar)
                i += length
            } else {
                // base + a byte is at most U+10FFFF, always a scalar; U+FFFD keeps the compiler honest.
                out.append(Unicode.Scalar(base + UInt32(bytes[i])) ?? "\u{FFFD}")
                i += 1
            }
        }
        return String(out)
    }

    /// How many bytes a UTF-8 sequence starting with `lead` takes; 0 for a byte no sequence starts with.
    static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: return 2
        case 0xE0...0xEF: return 3
        case 0xF0...0xF4: return 4
        default: return 0
        }
    }

    /// The bytes `path` names on the file system, NUL-terminated for a C call.
    public static func cString(_ path: String) -> [CChar] {
        // A kept byte is a scalar from U+10FF80, led by F4 in UTF-8: without one, the path's own
        // UTF-8 is the name (every file a load opens, where the scalar loop cost microseconds).
        if !path.utf8.contains(0xF4) { return Array(path.utf8CString) }
        var bytes: [CChar] = []
        bytes.reserveCapacity(path.utf8.count + 1)
        for scalar in path.unicodeScalars {
            if scalar.value >= base + 0x80 && scalar.value <= base + 0xFF {
                bytes.append(CChar(bitPattern: UInt8(scalar.value - base)))
            } else {
                bytes.append(contentsOf: String(scalar).utf8.map { CChar(bitPattern: $0) })
            }
        }
        return bytes + [0]
    }

    /// A path to show: kept bytes as `\xb2`, control characters (newline and tab too) as escapes.
    public static func shown(_ path: String) -> String {
        guard path.unicodeScalars.contains(where: needsEscape) else { return path }
        var out = ""
        for scalar in path.unicodeScalars {
            switch scalar.value {
            case base + 0x80...base + 0xFF: out += "\\x" + hex(scalar.value - base)
            case 0x0A: out += "\\n"
            case 0x09: out += "\\t"
            case 0x0D: out += "\\r"
            case _ where ControlCharacters.isControl(scalar):
                out += scalar.value < 0x100 ? "\\x" + hex(scalar.value) : "\\u" + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || ControlCharacters.isControl(scalar) || scalar.value >= base + 0x80
    }

    static func hex(_ value: UInt32) -> String {
        let text = String(value, radix: 16)
        return text.count < 2 ? "0" + text : text
    }
}
