import JixiaoModel

/// A phrase that states a head count: `编制(?:人数|数)?(?:为|共|有)?([0-9]+)人` and
/// `(?:在职|实有)(?:职工|人员|人数)?(?:为|共|有)?([0-9]+)人`.
///
/// Matched by hand rather than with Swift's Regex: the two patterns, tried at every key word of a
/// department's report, were a twentieth of a filing's analysis. Each optional word begins with a
/// character no later part can begin with, so taking a word whenever it stands is what the
/// regular expression's backtracking settles on; like it, every word must end on a whole character
/// (FastPathTests holds the two side by side).
struct StaffPhrase: Sendable {
    let keys: [String]
    let nouns: [String]
    static let verbs = ["为", "共", "有"]

    static let authorized = StaffPhrase(keys: ["编制"], nouns: ["人数", "数"])
    static let actual = StaffPhrase(keys: ["在职", "实有"], nouns: ["职工", "人员", "人数"])

    /// The digits of the count in the first phrase of `text`, nil when it holds none.
    func firstCount(in text: String) -> Substring? {
        // The key words in the text's order, each sought again only once the one before led to no
        // count: the phrase stands near a report's start, and the rest of a long report is not read.
        var next = keys.map { text.firstOffset(of: $0, from: 0) }
        let digits = text.withBytes { bytes -> Range<Int>? in
            while let k = next.indices.min(by: { (next[$0] ?? .max) < (next[$1] ?? .max) }), let offset = next[k] {
                if let digits = count(after: offset + keys[k].utf8.count, in: text, bytes) { return digits }
                next[k] = text.firstOffset(of: keys[k], from: offset + 1)
            }
            return nil
        }
        guard let digits else { return nil }
        let utf8 = text.utf8
        return text[
            utf8.index(
                utf8.startIndex, offsetBy: digits.lowerBound)..<utf8.index(
                    utf8.startIndex, offsetBy: digits.upperBound)]
    }

    /// The byte range of the count when a phrase goes on from just after its key word at `start`.
    private func count(after start: Int, in text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var position = start
        for words in [nouns, Self.verbs] {
            if let end = words.lazy.compactMap({ Self.word($0, at: position, text, bytes) }).first { position = end }
        }
        var end = position
        while end < bytes.count, (48...57).contains(bytes[end]) { end += 1 }
        guard end > position, text.isCharacterBoundary(atByte: end), Self.word("人", at: end, text, bytes) != nil
        else {
            return nil
        }
        return position..<end
    }

    /// The end of `word` when it stands at `position` and ends on a character boundary.
    private static func word(
        _ word: String, at position: Int, _ text: String, _ bytes: UnsafeBufferPointer<UInt8>
    )
        -> Int?
    {
        let end = position + word.utf8.count
        guard end <= bytes.count,
            word.withBytes({ UnsafeBufferPointer(rebasing: bytes[position..<end]).elementsEqual($0) }),
            text.isCharacterBoundary(atByte: end)
        else {
            return nil
        }
        return end
    }
}
