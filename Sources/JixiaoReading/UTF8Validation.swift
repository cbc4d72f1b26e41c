/// Whether bytes are well-formed UTF-8 without a NUL: what `String(validating:as: UTF8.self)`
/// accepts, less any text holding U+0000, which no filing's text does (a NUL is binary data or
/// UTF-16, and `TextDecoding.decode` says which). Written by hand for the text front end, which
/// cuts a UTF-8 file into cells from its bytes and needs only the answer, not the whole file made
/// a string: the standard library's validator decodes every scalar (ten instructions a byte on
/// Chinese text, against under eight here, where a character led by E1–EC or EE–EF is its two
/// continuation bytes); the other leads follow RFC 3629's table 3-7. The NUL costs nothing: it
/// falls out of the one-byte test into the lead bytes no sequence has, where a separate `memchr`
/// read the whole file again. `UTF8ValidationTests` holds it to the library.
enum UTF8Validation {
    static func isValidWithoutNUL(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let b = bytes.baseAddress else { return true }
        let n = bytes.count
        var i = 0
        while i < n {
            let lead = b[i]
            if lead &- 1 < 0x7F {  // 01–7F; a NUL wraps round to FF and is refused below
                i &+= 1
                continue
            }
            // E1–EC and EE–EF lead most characters of Chinese text, with any two continuation bytes.
            if lead &- 0xE1 < 0x0C || lead >= 0xEE && lead <= 0xEF {
                guard n &- i >= 3, b[i &+ 1] & 0xC0 == 0x80, b[i &+ 2] & 0xC0 == 0x80 else { return false }
                i &+= 3
                continue
            }
            let width = lead < 0xC2 ? 0 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF5 ? 4 : 0
            guard width > 0, n &- i >= width, secondIsValid(lead, b[i &+ 1]) else { return false }
            if width >= 3, b[i &+ 2] & 0xC0 != 0x80 { return false }
            if width == 4, b[i &+ 3] & 0xC0 != 0x80 { return false }
            i &+= width
        }
        return true
    }

    /// The byte after a lead byte: a continuation byte, in the narrower range some leads allow.
    private static func secondIsValid(_ lead: UInt8, _ second: UInt8) -> Bool {
        switch lead {
        case 0xE0: (0xA0...0xBF).contains(second)  // no overlong three-byte form
        case 0xED: (0x80...0x9F).contains(second)  // no UTF-16 surrogate
        case 0xF0: (0x90...0xBF).contains(second)  // no overlong four-byte form
        case 0xF4: (0x80...0x8F).contains(second)  // nothing above U+10FFFF
        default: second & 0xC0 == 0x80
        }
    }
}
