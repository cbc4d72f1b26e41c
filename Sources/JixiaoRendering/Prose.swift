import JixiaoModel

/// Line breaking for text read by people: between words and between Chinese characters, never
/// inside a Latin word or a number, with closing punctuation kept on its line and opening
/// punctuation with what follows. Written here because Foundation on Linux has no line breaker
/// (no `CFStringTokenizer`, no `NSLayoutManager`), and what a terminal needs is this simple rule.
package enum Prose {
    /// `text` (any number of lines) fitted to the presentation's width; unchanged without one.
    package static func fit(_ text: String, width: Int? = Presentation.current.width) -> String {
        guard let width else { return text }
        var out = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(line)
            let lines = DisplayWidth.of(line) <= width ? [line] : wrap(line, width: width, hang: hang(of: line, width))
            out += lines.joined(separator: "\n") + "\n"
        }
        out.removeLast()
        return out
    }

    /// Breaks one line into lines of at most `width` columns; every line after the first starts
    /// with `hang` spaces. A word wider than a whole line is cut where it must be.
    package static func wrap(_ line: String, width: Int, hang: Int) -> [String] {
        let limit = max(1, width)
        let hang = hang < limit / 2 ? hang : 0
        let lead = min(line.prefix { $0 == " " }.count, limit / 2)
        var lines: [String] = []
        var current = String(repeating: " ", count: lead)
        var used = lead
        var fresh = true  // the current line holds only its indent
        var gap = ""  // the spaces before the next word, dropped at a break
        func startLine() {
            lines.append(current)
            current = String(repeating: " ", count: hang)
            used = hang
            fresh = true
        }
        func put(_ text: String, _ width: Int) {
            current += text
            used += width
            fresh = false
        }
        for unit in units(of: line.drop { $0 == " " }) {
            if unit.isSpace {
                gap = fresh ? "" : unit.text
                continue
            }
            defer { gap = "" }
            if used + gap.count + unit.width <= limit {
                put(gap + unit.text, gap.count + unit.width)
                continue
            }
            if !fresh { startLine() }
            if used + unit.width <= limit {
                put(unit.text, unit.width)
                continue
            }
            for (index, piece) in cut(unit.text, first: limit - used, rest: limit - hang).enumerated() {
                if index > 0 { startLine() }
                put(piece, DisplayWidth.of(piece))
            }
        }
        lines.append(current)
        return lines.map(trimmingTrailingSpaces)
    }

    /// The lines of a table cell `width` columns wide: as `wrap`, with no indent; line breaks in
    /// the text are kept.
    package static func cell(_ text: String, width: Int) -> [String] {
        if !text.utf8.contains(0x0A) && DisplayWidth.of(text) <= width { return [text] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
            let line = String(line)
            return DisplayWidth.of(line) <= width ? [line] : wrap(line, width: width, hang: 0)
        }
    }

    /// Where a wrapped line's continuation starts: under the value of a `label  value` line, after a
    /// list marker, or at the line's own indent.
    static func hang(of line: String, _ width: Int) -> Int {
        let indent = line.prefix { $0 == " " }.count
        let rest = line.dropFirst(indent)
        if let marker = ["- ", "* ", "• "].first(where: { rest.hasPrefix($0) }) { return indent + marker.count }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, rest.dropFirst(digits.count).hasPrefix(". ") { return indent + digits.count + 2 }
        if let gap = rest.firstRange(of: "  ") {
            let label = rest[..<gap.lowerBound]
            let value = rest[gap.upperBound...].drop { $0 == " " }
            let column = indent + DisplayWidth.of(String(rest[..<value.startIndex]))
            if !label.isEmpty && !value.isEmpty && column <= width / 2 { return column }
        }
        return indent
    }

    /// A piece that is never broken inside: a run of Latin letters, digits and the like, one
    /// Chinese character, or the spaces between words; punctuation rides with its neighbour.
    struct Unit {
        var text: String
        var width: Int
        var isSpace: Bool
    }

    static func units(of line: Substring) -> [Unit] {
        var units: [Unit] = []
        var word = ""
        var openers = ""
        func close() {
            if !word.isEmpty { units.append(Unit(text: word, width: DisplayWidth.of(word), isSpace: false)) }
            word = ""
        }
        var inEscape = false
        for character in line {
            if character == "\u{1B}" || inEscape {
                // A colour sequence (ESC [ … m) sticks to the word it colours.
                word += openers + String(character)
                openers = ""
                inEscape = character == "\u{1B}" || character != "m"
            } else if character == " " || character == "\t" {
                word += openers
                openers = ""
                close()
                if let last = units.indices.last, units[last].isSpace {
                    units[last].text += " "
                    units[last].width += 1
                } else {
                    units.append(Unit(text: " ", width: 1, isSpace: true))
                }
            } else if closing.contains(character), word.isEmpty, let last = units.indices.last, !units[last].isSpace {
                units[last].text.append(character)
                units[last].width += DisplayWidth.of(character)
            } else if opening.contains(character) {
                close()
                openers.append(character)
            } else if DisplayWidth.of(character) == 2 && !closing.contains(character) {
                close()
                word = openers + String(character)
                openers = ""
                close()
            } else {
                word += openers
                openers = ""
                word.append(character)
                if character == "/" { close() }  // a path may break after each of its folders
            }
        }
        word += openers
        close()
        return units
    }

    /// Cuts a word too wide for any line into pieces: the first fits `first` columns, the rest `rest`.
    static func cut(_ word: String, first: Int, rest: Int) -> [String] {
        var pieces: [String] = []
        var piece = ""
        var used = 0
        var room = max(first, 1)
        for character in word {
            let w = DisplayWidth.of(character)
            if used + w > room && !piece.isEmpty {
                pieces.append(piece)
                piece = ""
                used = 0
                room = max(rest, 1)
            }
            piece.append(character)
            used += w
        }
        if !piece.isEmpty { pieces.append(piece) }
        return pieces
    }

    static func trimmingTrailingSpaces(_ text: String) -> String {
        var text = text
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }

    /// Marks that must not start a line (they close what came before).
    static let closing: Set<Character> = [
        "，", "。", "、", "；", "：", "！", "？", "）", "》", "」", "』", "】", "”", "’", "％",
        ",", ".", ";", ":", "!", "?", ")", "]", "%",
    ]
    /// Marks that must not end a line (they open what follows).
    static let opening: Set<Character> = ["（", "《", "「", "『", "【", "“", "‘", "(", "["]
}
