import Foundation

/// Label tests on UTF-8 bytes, as labels are compared: as written, without the grapheme
/// breaking and canonical equivalence of `String`'s own comparisons.
extension String {
    /// Prefix test on UTF-8 bytes: `hasPrefix` compares Characters, with grapheme breaking and
    /// normalisation, which dominated reading time. Labels are compared as written.
    @inlinable package func begins(with prefix: String) -> Bool {
        bytesMatch(prefix, atEnd: false)
    }

    /// Equality of UTF-8 bytes: `==` on non-ASCII strings checks canonical equivalence, which
    /// labels written as filed do not need.
    @inlinable package func isExactly(_ other: String) -> Bool {
        utf8.count == other.utf8.count && bytesMatch(other, atEnd: false)
    }

    /// Whether `part`'s bytes stand at the start (or the end) of the string's: a `memcmp` over
    /// both buffers. The generic `starts(with:)` of two UTF-8 views walked them index by index,
    /// and was a tenth of reading time. Lengths are compared before any buffer is touched.
    @inlinable func bytesMatch(_ part: String, atEnd: Bool) -> Bool {
        let (count, partCount) = (utf8.count, part.utf8.count)
        guard partCount <= count else { return false }
        return withBytes { t in
            part.withBytes { p in
                guard let textStart = t.baseAddress, let partStart = p.baseAddress else { return true }
                return memcmp(textStart + (atEnd ? count - partCount : 0), partStart, partCount) == 0
            }
        }
    }

    /// The text of UTF-8 bytes known to be valid: cut at character boundaries from a file already
    /// validated. `String(decoding:as:)` validated every byte of every cell a second time (a
    /// twentieth of a load); the standard library's `UTF8Span(unchecked:)` says they need not be.
    /// Debug builds still check, so every test asks that the bytes are whole characters.
    package init(validUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        assert(String(validating: bytes, as: UTF8.self) != nil, "UTF-8 cut inside a character")
        self = String(copying: UTF8Span(unchecked: Span(_unsafeElements: bytes)))
    }

    /// Runs `body` on the string's UTF-8 in place. `withUTF8` is mutating, so calling it meant
    /// copying the string first, a retain and a release for each of the millions of label
    /// tests of a county; a native string lends its storage without either.
    @inlinable package func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return copy.withUTF8(body)
    }

    /// Whether the string is exactly one of `labels`, byte for byte.
    @inlinable package func isOne(of labels: [String]) -> Bool {
        labels.contains { isExactly($0) }
    }

    /// Suffix test on UTF-8 bytes, for the same reason.
    @inlinable package func ends(with suffix: String) -> Bool {
        bytesMatch(suffix, atEnd: true)
    }

    /// Substring test on UTF-8 bytes, without Foundation's locale-aware search or the generic
    /// collection search, both of which dominated reading time.
    @inlinable package func has(_ part: String) -> Bool {
        if part.isEmpty { return true }
        guard part.utf8.count <= utf8.count else { return false }
        return withBytes { h in part.withBytes { n in Self.search(h, n, from: 0) != nil } }
    }

    /// The first UTF-8 offset at or after `start` at which `part` begins.
    package func firstOffset(of part: String, from start: Int) -> Int? {
        guard !part.isEmpty else { return nil }
        return withBytes { h in part.withBytes { n in Self.search(h, n, from: start) } }
    }

    /// The UTF-8 offsets at which `part` begins, in order (overlapping occurrences included).
    package func offsets(of part: String) -> [Int] {
        guard !part.isEmpty else { return [] }
        return withBytes { h in
            part.withBytes { n in
                var found: [Int] = []
                while let hit = Self.search(h, n, from: (found.last ?? -1) + 1) { found.append(hit) }
                return found
            }
        }
    }

    /// The first offset at or after `start` where `n` stands in `h`. Candidates are found by the
    /// needle's last byte with `memchr`, many bytes at a time, then its first byte and the rest are
    /// compared: in Chinese text the first byte of a character (0xE4–0xE9) matches almost
    /// everywhere, its last byte seldom.
    @inlinable static func search(
        _ h: UnsafeBufferPointer<UInt8>, _ n: UnsafeBufferPointer<UInt8>, from start: Int
    ) -> Int? {
        guard n.count <= h.count, let first = n.first, let final = n.last else { return n.isEmpty ? start : nil }
        guard let base = h.baseAddress, let needle = n.baseAddress else { return nil }
        let span = n.count - 1
        var end = Swift.max(start, 0) + span  // where a candidate's last byte stands
        while end < h.count, let hit = memchr(base + end, Int32(final), h.count - end) {
            end = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
            let i = end - span
            if h[i] == first, span < 2 || memcmp(base + i + 1, needle + 1, span - 1) == 0 { return i }
            end += 1
        }
        return nil
    }
}

extension String {
    /// The text before and after its first (or last) colon, `:` or `：`, as a search of its
    /// Characters finds it; nil when it has none. The bytes are searched and the colon's edges
    /// checked as Character boundaries: stepping Characters (and comparing each) is what made
    /// reading a labelled cell cost a few hundred instructions.
    package func splitAtColon(last: Bool) -> (before: String, after: String)? {
        let colon = withBytes { bytes -> Range<Int>? in
            let step = last ? -1 : 1
            var i = last ? bytes.count - 1 : 0
            while i >= 0 && i < bytes.count {
                let width = Self.colonWidth(bytes, at: i)
                if width > 0, isCharacterBoundary(atByte: i), isCharacterBoundary(atByte: i + width) {
                    return i..<i + width
                }
                i += step
            }
            return nil
        }
        guard let colon else { return nil }
        let before = utf8.index(utf8.startIndex, offsetBy: colon.lowerBound)
        let after = utf8.index(utf8.startIndex, offsetBy: colon.upperBound)
        return (String(Substring(utf8[..<before])), String(Substring(utf8[after...])))
    }

    /// The bytes of `:` (1) or `：` (EF BC 9A, 3) at `i`, 0 when neither stands there.
    private static func colonWidth(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        if bytes[i] == UInt8(ascii: ":") { return 1 }
        if bytes[i] == 0xEF, i + 2 < bytes.count, bytes[i + 1] == 0xBC, bytes[i + 2] == 0x9A { return 3 }
        return 0
    }
}

extension String {
    /// Whether a Character begins (or the string ends) at UTF-8 offset `offset`: where a byte search
    /// must stop for its match to be whole characters, as a regex or `Character` comparison sees them
    /// (no mark on the last, nothing clustered with the first).
    package func isCharacterBoundary(atByte offset: Int) -> Bool {
        if offset == utf8.count { return true }
        if let told = utf8.withContiguousStorageIfAvailable({ Self.boundaryFromBytes($0, at: offset) }), let told {
            return told
        }
        return String.Index(utf8.index(utf8.startIndex, offsetBy: offset), within: self) != nil
    }

    /// `isCharacterBoundary` where the bytes around `offset` settle it, else nil: the checks ask at
    /// every figure and word they find, and the String.Index answer walks the Characters nearby.
    /// Settled: inside a scalar (no); an ASCII scalar or a CJK ideograph (U+4000–U+9FFF, lead byte
    /// E4–E9) after an ASCII scalar (yes, but LF after CR) or after a scalar of three bytes from
    /// U+1000 (yes). Neither of those two is Extend, SpacingMark, ZWJ, Hangul or Extended_Pictographic,
    /// and what stands before is no Prepend (Prepend scalars lie below U+1000 or take four bytes),
    /// so UAX #29 breaks between them.
    /// Also settled: CJK punctuation U+3000–U+3029 (、。「」…, short of the tone marks at U+302A) and
    /// the full-width forms U+FF01–U+FF5E (，：（） …), after the same: none of them joins what
    /// stands before it either. The checks ask most often just after a word, where one of these stands.
    static func boundaryFromBytes(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool? {
        guard offset > 0 else { return offset == 0 ? true : nil }
        guard offset < bytes.count else { return nil }
        let byte = bytes[offset]
        if byte & 0xC0 == 0x80 { return false }
        guard byte < 0x80 || (0xE4...0xE9).contains(byte) || isPlainPunctuation(bytes, at: offset) else { return nil }
        let before = bytes[offset - 1]
        if before < 0x80 { return !(before == 0x0D && byte == 0x0A) }
        if offset >= 3, (0xE1...0xEF).contains(bytes[offset - 3]) { return true }
        return nil
    }
}

extension String {
    /// Whether a scalar of U+3000–U+3029 or U+FF01–U+FF5E begins at `offset`.
    static func isPlainPunctuation(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        guard offset + 2 < bytes.count else { return false }
        let (lead, second, third) = (bytes[offset], bytes[offset + 1], bytes[offset + 2])
        switch (lead, second) {
        case (0xE3, 0x80): return (0x80...0xA9).contains(third)  // U+3000–U+3029
        case (0xEF, 0xBC): return (0x81...0xBF).contains(third)  // U+FF01–U+FF3F
        case (0xEF, 0xBD): return (0x80...0x9E).contains(third)  // U+FF40–U+FF5E
        default: return false
        }
    }
}

/// How many bytes the UTF-8 sequence led by `byte` takes: 1 for ASCII (and for a continuation
/// byte, so a scan that starts mid-sequence steps to the next lead), 2, 3 or 4 from the high
/// nibble (C–D, E, F). One shift of a constant rather than a branch a byte: the word searches
/// step over Chinese text a character at a time.
@inlinable package func utf8Length(_ byte: UInt8) -> Int {
    Int(truncatingIfNeeded: (UInt32(0xE500_0000) >> (UInt32(byte >> 4) << 1)) & 3) + 1
}

extension String {
    /// `==`, canonical equivalence and all, answered from the bytes where that is the same: two
    /// texts of ASCII and CJK ideographs alone (U+4000–U+9FFF, lead bytes E4–E9) are canonically
    /// equal only when their bytes are, as no such scalar decomposes, combines or composes. Other
    /// texts (a compatibility ideograph such as U+F961, a combining mark) go to `==`, whose
    /// normalising comparison cost a thousand instructions a pair of Chinese labels.
    package func isSameText(as other: String) -> Bool {
        if isExactly(other) { return true }
        if withBytes(Self.isPlain) && other.withBytes(Self.isPlain) { return false }
        return self == other
    }

    /// The number of Characters when the text is ASCII (no CR) and CJK ideographs, each then a
    /// Character of its own; nil for other texts, whose Characters only `count` can tell.
    package var plainCount: Int? {
        withBytes { bytes in
            guard Self.isPlain(bytes), !bytes.contains(0x0D) else { return nil }
            return bytes.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        }
    }

    /// Whether the bytes are ASCII and three-byte characters led by E4 to E9.
    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte < 0x80 {
                i &+= 1
            } else if byte >= 0xE4 && byte <= 0xE9 {
                i &+= 3
            } else {
                return false
            }
        }
        return true
    }
}
