/// The rules' regular expressions, compiled once (an inline regex literal is compiled at every call).
/// Digits are written [0-9]: Swift's \\d also matches 一 and 万, which have numeric values.
enum Patterns {
    // An extended literal, so the pattern can span lines: white space in it is not matched.
    nonisolated(unsafe) static let deduction =
        #/
        大于等于([0-9]+(?:\.[0-9]+)?)[^0-9]*得满分.*?
        (?:下降|减少|少)一[^0-9]*扣([0-9]+(?:\.[0-9]+)?|[一二两三四五半])分
        /#
    nonisolated(unsafe) static let completeClaim = /(?:完成值|执行率|完成率)(?:达)?100%/
}

extension String {
    /// `firstMatch(of:)` for a pattern that can only begin with one of `keys`: the regex is tried
    /// only where a key stands instead of at every character of a long report, which is where
    /// the checks spent their time. The match is the same, as long as the pattern begins with one
    /// of the keys and looks at nothing before its start.
    func firstMatch<Output>(of regex: Regex<Output>, beginningWith keys: [String]) -> Regex<Output>.Match? {
        let starts = keys.flatMap { key in positions(of: key) }.sorted()
        for start in starts {
            if let match = self[start...].prefixMatch(of: regex) { return match }
        }
        return nil
    }

    /// Where `key` begins in the text.
    func positions(of key: String) -> [Index] {
        offsets(of: key).map { utf8.index(utf8.startIndex, offsetBy: $0) }
    }

    /// The first byte range `rest` finds where one of `keys` ends, as a substring: a phrase that
    /// begins with a key word, matched by hand (`StaffPhrase`, `SpentPhrase`). The keys are taken
    /// in the text's order, each sought again only once its occurrence before led to nothing, so
    /// the text after the first phrase is not searched. `rest` gets the byte offset where the key
    /// ends and the text's bytes.
    func firstPhrase(
        afterKeys keys: [String], _ rest: (Int, UnsafeBufferPointer<UInt8>) -> Range<Int>?
    ) -> Substring? {
        var next = keys.map { firstOffset(of: $0, from: 0) }
        let found = withBytes { bytes -> Range<Int>? in
            while let k = next.indices.min(by: { (next[$0] ?? .max) < (next[$1] ?? .max) }), let offset = next[k] {
                if let range = rest(offset + keys[k].utf8.count, bytes) { return range }
                next[k] = firstOffset(of: keys[k], from: offset + 1)
            }
            return nil
        }
        guard let found else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: found.lowerBound)
        return self[start..<utf8.index(start, offsetBy: found.count)]
    }

    /// The end of `word` when its bytes stand at `position` of the text's `bytes` and it ends on a
    /// character boundary, as a regex matches a word: whole characters only.
    func wholeWord(_ word: String, at position: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let end = position + word.utf8.count
        guard end <= bytes.count,
            word.withBytes({ UnsafeBufferPointer(rebasing: bytes[position..<end]).elementsEqual($0) }),
            isCharacterBoundary(atByte: end)
        else { return nil }
        return end
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The offset just past the ASCII digits from `start` (`start` when none stands there).
    func digitsEnd(from start: Int) -> Int {
        var end = start
        while end < count, (48...57).contains(self[end]) { end += 1 }
        return end
    }

    /// The offset just past the number `[0-9]+(?:\.[0-9]+)?` from `start` (`12`, `12.50`; `12.` ends
    /// before its point), `start` when no digit stands there: the figure the hand-made phrase
    /// matchers read, as their regular expressions did.
    func numberEnd(from start: Int) -> Int {
        let end = digitsEnd(from: start)
        guard end > start, end < count, self[end] == UInt8(ascii: ".") else { return end }
        let fraction = digitsEnd(from: end + 1)
        return fraction > end + 1 ? fraction : end
    }
}
