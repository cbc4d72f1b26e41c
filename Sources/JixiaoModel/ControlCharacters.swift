/// Characters a filing may carry that act on a terminal instead of showing there: C0 controls
/// other than tab and newline (ESC starts a terminal command, BEL rings, NUL truncates), DEL, C1
/// controls, and the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), which
/// reorder what a reader sees. A filing comes from someone else; the reader keeps each as its
/// visible escape (`\x1b`, `\u202e`), so no table, message or export ever passes one on.
public enum ControlCharacters {
    /// Whether `text` holds any, judged from its UTF-8 bytes (the common answer, no, costs one pass).
    public static func occur(in text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return true }
                if byte == 0x7F { return true }
                if byte == 0xC2, i + 1 < bytes.count, (0x80...0x9F).contains(bytes[i + 1]) { return true }
                if byte == 0xE2, i + 2 < bytes.count {
                    let (second, third) = (bytes[i + 1], bytes[i + 2])
                    if second == 0x80 && (0xAA...0xAE).contains(third) { return true }
                    if second == 0x81 && (0xA6...0xA9).contains(third) { return true }
                }
                i += 1
            }
            return false
        }
    }

    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 { return value != 0x09 && value != 0x0A && value != 0x0D }
        return value == 0x7F || (0x80...0x9F).contains(value) || (0x202A...0x202E).contains(value)
            || (0x2066...0x2069).contains(value)
    }

    /// `text` with each such character as its escape: `\x1b` below U+0100, `\u202e` above.
    public static func escaped(_ text: String) -> String {
        guard occur(in: text) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            guard isControl(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            let hex = String(scalar.value, radix: 16)
            out += scalar.value < 0x100 ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex : "\\u" + hex
        }
        return out
    }
}
