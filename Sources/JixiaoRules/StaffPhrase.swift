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
    /// Every key word of both: a report without one holds no phrase, and is not written out whole.
    static let keyWords = WordList(authorized.keys + actual.keys)

    /// The digits of the count in the first phrase of `text`, nil when it holds none.
    func firstCount(in text: String) -> Substring? {
        text.firstPhrase(afterKeys: keys) { count(after: $0, in: text, $1) }
    }

    /// The byte range of the count when a phrase goes on from just after its key word at `start`.
    private func count(after start: Int, in text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var position = start
        for words in [nouns, Self.verbs] {
            if let end = words.lazy.compactMap({ text.wholeWord($0, at: position, bytes) }).first { position = end }
        }
        let end = bytes.digitsEnd(from: position)
        guard end > position, text.isCharacterBoundary(atByte: end), text.wholeWord("人", at: end, bytes) != nil
        else {
            return nil
        }
        return position..<end
    }
}
