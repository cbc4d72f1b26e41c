import JixiaoModel

/// Reads a 自评报告's prose into sections by its headings (一、 （二） 3、 …). A heading and
/// its text on one line (`三、政府性基金预算支出情况  无`) are split at the run of spaces.
package enum Narratives {
    static func read(_ section: Section) -> Narrative {
        var narrative = Narrative(title: section.title, line: section.line)
        // The lines of the section being read; made into a NarrativeSection once it is whole.
        var heading = ""
        var line = section.line
        var body: [Located] = []
        func close() {
            if !heading.isEmpty || !body.isEmpty {
                narrative.sections.append(NarrativeSection(heading: heading, body: body, line: line))
            }
        }
        for prose in section.prose {
            guard isHeading(prose.text) else {
                body.append(prose)
                continue
            }
            close()
            let (title, rest) = splitHeading(prose.text)
            (heading, line, body) = (title, prose.line ?? 0, rest.isEmpty ? [] : [Located(rest, line: prose.line)])
        }
        close()
        return narrative
    }

    /// 一 to 十, tested by a switch: a `Set` hashed every scalar it was asked about.
    static func isChineseNumeral(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "一", "二", "三", "四", "五", "六", "七", "八", "九", "十": return true
        default: return false
        }
    }

    /// `一、` `（二）` `(3)` `3、` at the start: what `Patterns.narrativeHeading` matches, read by
    /// hand because it runs on every prose line.
    static func isHeading(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        let isDigit = { (s: Unicode.Scalar) in ("0"..."9").contains(s) }
        guard let first = scalars.first, first == "（" || first == "(" || isDigit(first) || isChineseNumeral(first)
        else { return false }
        if first == "（" || first == "(" {
            let inside = scalars.dropFirst().prefix { isChineseNumeral($0) || isDigit($0) }
            guard !inside.isEmpty, let close = scalars.dropFirst(1 + inside.count).first else { return false }
            return close == "）" || close == ")"
        }
        let numerals = scalars.prefix(while: isChineseNumeral)
        let digits = scalars.prefix(while: isDigit)
        let run = max(numerals.count, digits.count)
        return run > 0 && scalars.dropFirst(run).first == "、"
    }

    /// Splits at the first run of two or more spaces (ASCII or U+3000), found on the UTF-8 bytes:
    /// neither space's bytes can stand inside another character's.
    static func splitHeading(_ text: String) -> (String, String) {
        let cut = text.withBytes { bytes -> (Range<Int>)? in
            var i = 0
            while i < bytes.count {
                // A space begins with 0x20 or 0xE3: other bytes are passed over in the tight loop.
                if bytes[i] != 0x20 && bytes[i] != 0xE3 {
                    i &+= 1
                    continue
                }
                var (end, spaces) = (i, 0)
                while let width = spaceWidth(bytes, at: end) { (end, spaces) = (end + width, spaces + 1) }
                if spaces >= 2 { return i..<end }
                i = end == i ? i + 1 : end
            }
            return nil
        }
        guard let cut else { return (text, "") }
        let utf8 = text.utf8
        let (start, end) = (
            utf8.index(utf8.startIndex, offsetBy: cut.lowerBound), utf8.index(utf8.startIndex, offsetBy: cut.upperBound)
        )
        return (Labels.trim(String(Substring(utf8[..<start]))), Labels.trim(String(Substring(utf8[end...]))))
    }

    /// The width of the space (ASCII or U+3000) at `i`, nil when none is there.
    private static func spaceWidth(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        guard i < bytes.count else { return nil }
        if bytes[i] == 0x20 { return 1 }
        guard bytes[i] == 0xE3, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x80 else { return nil }
        return 3
    }
}
