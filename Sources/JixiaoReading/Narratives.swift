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

    /// The characters a heading can start with; the pattern runs only on lines that do.
    static let headingStarts: Set<Unicode.Scalar> = Set("一二三四五六七八九十（(0123456789".unicodeScalars)

    static let chineseNumerals: Set<Unicode.Scalar> = Set("一二三四五六七八九十".unicodeScalars)

    /// `一、` `（二）` `(3)` `3、` at the start: what `Patterns.narrativeHeading` matches, read by
    /// hand because it runs on every prose line.
    static func isHeading(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, headingStarts.contains(first) else { return false }
        let isDigit = { (s: Unicode.Scalar) in ("0"..."9").contains(s) }
        if first == "（" || first == "(" {
            let inside = scalars.dropFirst().prefix { chineseNumerals.contains($0) || isDigit($0) }
            guard !inside.isEmpty, let close = scalars.dropFirst(1 + inside.count).first else { return false }
            return close == "）" || close == ")"
        }
        let numerals = scalars.prefix { chineseNumerals.contains($0) }
        let digits = scalars.prefix(while: isDigit)
        let run = max(numerals.count, digits.count)
        return run > 0 && scalars.dropFirst(run).first == "、"
    }

    /// Splits at the first run of two or more spaces (ASCII or U+3000).
    static func splitHeading(_ text: String) -> (String, String) {
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index != scalars.endIndex {
            var end = index
            while end != scalars.endIndex, scalars[end] == " " || scalars[end] == "\u{3000}" {
                end = scalars.index(after: end)
            }
            if scalars.distance(from: index, to: end) >= 2 {
                let heading = Labels.trim(String(scalars[..<index]))
                return (heading, Labels.trim(String(scalars[end...])))
            }
            index = end == index ? scalars.index(after: index) : end
        }
        return (text, "")
    }
}
