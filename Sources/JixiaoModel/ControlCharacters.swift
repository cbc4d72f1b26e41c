/// Characters a filing may carry that act on a terminal instead of showing there: C0 controls
/// other than tab and newline (ESC starts a terminal command, BEL rings, NUL truncates), DEL, C1
/// controls, and the bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), which
/// reorder what a reader sees. A filing comes from someone else; the reader keeps each as its
/// visible escape (`\x1b`, `\u202e`), so no table, message or export ever passes one on.
public enum ControlCharacters {
    /// Whether `text` holds any, judged from its UTF-8 bytes (the common answer, no, costs one pass).
    /// Whole characters that can be none are stepped over at once: printable ASCII, and every
    /// character of three or four bytes led by E3 or above (CJK above all); only E2 leads a
    /// three-byte control (the bidi marks), and only C2 a two-byte one (the C1 controls).
    public static func occur(in text: String) -> Bool {
        text.withBytes { bytes in
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                if byte >= 0xE3 {
                    i &+= byte >= 0xF0 ? 4 : 3
                    continue
                }
                if byte >= 0x20 && byte < 0x7F {
                    i &+= 1
                    continue
                }
                if controlStarts(bytes, at: i) { return true }
                i &+= 1
            }
            return false
        }
    }

    /// Whether a control character's UTF-8 begins at `i`.
    static func controlStarts(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let byte = bytes[i]
        if byte < 0x20 { return byte != 0x09 && byte != 0x0A && byte != 0x0D }
        if byte == 0x7F { return true }
        if byte == 0xC2, i + 1 < bytes.count { return (0x80...0x9F).contains(bytes[i + 1]) }
        if byte == 0xE2, i + 2 < bytes.count {
            let (second, third) = (bytes[i + 1], bytes[i + 2])
            return second == 0x80 && (0xAA...0xAE).contains(third) || second == 0x81 && (0xA6...0xA9).contains(third)
        }
        return false
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
