import Foundation

/// The filings' label and value conventions: how a label is matched, what counts as an
/// empty cell, and how a figure's text is read as an exact decimal.
package enum Labels {
    /// A label reduced for matching: no white space (ASCII or U+3000), ASCII brackets and
    /// colons, and the `—般` typo (U+2014 for 一) repaired. Works on UTF-8 bytes and returns the
    /// text itself when nothing changes, as most cells need nothing.
    package static func norm(_ text: String) -> String {
        text.withBytes { normalised(text, $0, from: firstNormalised($0)) }
    }

    /// What a cell needs of its text, in one pass over its bytes (a cell is made for every tab of a
    /// filing, and each of these was a pass of its own): nil when the text holds a control
    /// character (`ControlCharacters.occur`), else its `norm` key and whether that is a placeholder.
    package static func cellKey(_ text: String) -> (key: String, isPlaceholder: Bool)? {
        text.withBytes { bytes in
            var first: Int?
            var i = 0
            let found = cellKeySteps.withUnsafeBufferPointer { steps -> Bool in
                while i < bytes.count {
                    // Only blanks, controls and the lead bytes C2, E2, E3 and EF begin a control or a
                    // change; any other character is passed over whole, in one step.
                    let step = Int(steps[Int(bytes[i])])
                    if step != 0 {
                        i &+= step
                        continue
                    }
                    if ControlCharacters.controlStarts(bytes, at: i) { return true }
                    if first == nil, unit(bytes, at: i).change != .keep { first = i }
                    i &+= 1
                }
                return false
            }
            if found { return nil }
            if first == nil, bytes.first != 0xE2 {  // the key is the text: most cells
                return (text, isPlaceholderKey(bytes))
            }
            let key = normalised(text, bytes, from: first)
            return (key, isPlaceholderKey(key))
        }
    }

    /// For each byte, how far `cellKey` steps when a character begins with it: 0 for a byte that may
    /// begin a control or a change (C0 controls, space, DEL, and the leads C2, E2, E3 and EF), else the
    /// length of the character it leads (1 for a continuation byte, met only after a step of 1). A
    /// step a character at a time, where testing each byte against the ranges cost a dozen
    /// instructions a byte.
    static let cellKeySteps: [UInt8] = (0...255).map { byte -> UInt8 in
        switch byte {
        case 0x00...0x20, 0x7F, 0xC2, 0xE2, 0xE3, 0xEF: 0
        case 0xC3...0xDF: 2
        case 0xE0...0xEE: 3
        case 0xF0...0xF4: 4
        default: 1
        }
    }

    /// `norm` of `text`, whose UTF-8 is `bytes`, given the offset of the first byte it changes.
    private static func normalised(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>, from first: Int?) -> String {
        var result = text
        if let first {
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            out += bytes[..<first]
            var i = first
            while i < bytes.count {
                let (width, change) = unit(bytes, at: i)
                switch change {
                case .keep: out += bytes[i..<i + width]
                case .drop: break
                case .becomes(let byte): out.append(byte)
                }
                i += width
            }
            // Whole characters kept or dropped, or one replaced by an ASCII byte: valid UTF-8.
            result = out.withUnsafeBufferPointer { String(validUTF8: $0) }
        }
        // The first byte asked before the comparison: every cell's key passes here.
        if result.utf8.first == 0xE2, result.begins(with: "—般") { result = "一般" + result.dropFirst(2) }
        return result
    }

    /// Whether `norm(text)` would be longer than `limit` bytes, learnt without building it and
    /// stopping once it is: a long paragraph is not normalised only to be found too long.
    package static func normIsLonger(_ text: String, than limit: Int) -> Bool {
        if text.utf8.count <= limit { return false }  // normalising never lengthens
        return text.withBytes { bytes in
            var length = 0
            var i = 0
            while i < bytes.count {
                let (width, change) = unit(bytes, at: i)
                switch change {
                case .keep: length += width
                case .drop: break
                case .becomes: length += 1
                }
                if length > limit { return true }
                i += width
            }
            return false
        }
    }

    /// The offset of the first byte that normalising changes, nil when it changes none: most
    /// labels, and most Chinese text, whose 0xE3 and 0xEF lead bytes are other punctuation.
    private static func firstNormalised(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        while i < bytes.count {
            let (width, change) = unit(bytes, at: i)
            if change != .keep { return i }
            i += width
        }
        return nil
    }

    /// What normalising does to one character: keeps it, drops it, or writes one ASCII byte.
    private enum Change: Equatable {
        case keep, drop
        case becomes(UInt8)
    }

    /// The bytes at `i` taken as one unit, a whole character, and what becomes of them: blanks,
    /// NBSP (C2 A0) and U+3000 (E3 80 80) go; full-width （ ） ： (EF BC 88/89/9A) become ASCII.
    /// A kept character is stepped over whole, not byte by byte: most of a label is CJK.
    private static func unit(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (width: Int, change: Change) {
        let byte = bytes[i]
        switch byte {
        case 0x20, 0x09, 0x0D: return (1, .drop)
        case 0xC2:
            if i + 1 < bytes.count && bytes[i + 1] == 0xA0 { return (2, .drop) }
        case 0xE3:
            if i + 2 < bytes.count && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x80 { return (3, .drop) }
        case 0xEF:
            guard i + 2 < bytes.count, bytes[i + 1] == 0xBC else { break }
            switch bytes[i + 2] {
            case 0x88: return (3, .becomes(UInt8(ascii: "(")))
            case 0x89: return (3, .becomes(UInt8(ascii: ")")))
            case 0x9A: return (3, .becomes(UInt8(ascii: ":")))
            default: break
            }
        default: break
        }
        return (Swift.min(utf8Length(byte), bytes.count - i), .keep)
    }

    /// Trims ASCII spaces, tabs, CR, U+3000 and NBSP from both ends, on the UTF-8 bytes: the scalar
    /// view decoded every character of a line to find that none of them was blank.
    package static func trim(_ text: String) -> String {
        let kept = text.withBytes(unblanked)
        if kept.count == text.utf8.count { return text }
        return String(trimmed(Substring(text), to: kept))
    }

    /// `trim(text).begins(with: prefix)`, without making the trimmed copy of a long paragraph.
    package static func trimmed(_ text: String, begins prefix: String) -> Bool {
        text.withBytes { bytes in
            prefix.withBytes { wanted in
                let kept = unblanked(bytes)
                return kept.count >= wanted.count && bytes[kept].starts(with: wanted)
            }
        }
    }

    /// `trim` of a line cut from a file, with no copy: the line stays a view of the file.
    package static func trim(_ text: Substring) -> Substring {
        var bytes = text
        return trimmed(text, to: bytes.withUTF8(unblanked))
    }

    private static func trimmed(_ text: Substring, to kept: Range<Int>) -> Substring {
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: kept.lowerBound)
        return Substring(utf8[start..<utf8.index(start, offsetBy: kept.count)])
    }

    /// The offsets between the blank characters at either end: the characters `norm` drops. Every
    /// blank is a whole character found by its own bytes (C2 and E3 only ever lead one), so the
    /// ends are character boundaries. From the end they are told by their last bytes.
    package static func unblanked(_ b: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var start = 0
        while start < b.count, case (let width, .drop) = unit(b, at: start) { start += width }
        var end = b.count
        while end > start {
            let byte = b[end - 1]
            if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                end -= 1
            } else if byte == 0xA0, end - 2 >= start, b[end - 2] == 0xC2 {
                end -= 2
            } else if byte == 0x80, end - 3 >= start, b[end - 3] == 0xE3, b[end - 2] == 0x80 {
                end -= 3
            } else {
                break
            }
        }
        return start..<end
    }

    /// Cell texts that mean "nothing here".
    package static let placeholders: Set<String> = [
        "", "——", "—", "-", "--", "/", "／", "……", "…", "无", "\\",
    ]

    package static func isPlaceholder(_ text: String) -> Bool { isPlaceholderKey(norm(text)) }

    /// A normalised text that means "nothing here"; placeholders are short, so longer keys are
    /// answered without hashing.
    package static func isPlaceholderKey(_ key: String) -> Bool {
        key.withBytes(isPlaceholderKey)
    }

    /// `isPlaceholderKey` of a key's bytes, compared packed in a word, not hashed: no placeholder
    /// has another canonically equal spelling, and every one fits in six bytes.
    static func isPlaceholderKey(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count <= 6 && placeholderCodes.contains(packed(bytes))
    }

    private static let placeholderCodes = placeholders.map { $0.withBytes(packed) }

    /// Up to seven bytes and their count in one word.
    private static func packed(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var code = UInt64(bytes.count) << 56
        for i in bytes.indices { code |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        return code
    }

    /// The text after `3、` `3.` `3．` `三、` `(3)` at its start, or nil when it has none.
    package static func withoutListNumber(_ t: String) -> String? {
        let scalars = t.unicodeScalars
        if scalars.first == "(" {
            let digits = scalars.dropFirst().prefix { ("0"..."9").contains($0) }
            let close = scalars.dropFirst(1 + digits.count).first
            guard !digits.isEmpty, close == ")" else { return nil }
            return String(scalars.dropFirst(2 + digits.count))
        }
        let arabic = scalars.prefix { ("0"..."9").contains($0) }
        if !arabic.isEmpty {
            guard let mark = scalars.dropFirst(arabic.count).first, "、.．".unicodeScalars.contains(mark) else {
                return nil
            }
            return String(scalars.dropFirst(arabic.count + 1))
        }
        let chinese = scalars.prefix { "一二三四五六七八九十".unicodeScalars.contains($0) }
        guard !chinese.isEmpty, scalars.dropFirst(chinese.count).first == "、" else { return nil }
        return String(scalars.dropFirst(chinese.count + 1))
    }

    /// Removes list numbering and prefixes: `3、专项资金：劳模服务` → `劳模服务`,
    /// `其中：公车购置` → `公车购置`.
    package static func bareName(_ text: String) -> String {
        var t = norm(text)
        if let numbered = withoutListNumber(t), !numbered.isEmpty { t = numbered }
        // Bytes first, Characters to be sure: a prefix's bytes seldom match, and then only do the
        // Character comparisons (a combining mark after 其中 is no prefix) run.
        for prefix in ["其中:", "其中", "专项资金:", "省级专项资金:"]
        where t.begins(with: prefix) && t.hasPrefix(prefix) && t.count > prefix.count {
            t = String(t.dropFirst(prefix.count))
        }
        while t.utf8.last == UInt8(ascii: ":"), t.hasSuffix(":") { t.removeLast() }
        return t
    }
}
