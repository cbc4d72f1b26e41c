import Foundation
import JixiaoModel

/// The shape of a phrase that states a figure: a subject, an optional qualifier and verb, an
/// optional colon, white space, the number and its unit (`年初预算数为 101.99 万元`,
/// `执行率达到56.67%`, `自评得分95分`).
///
/// Matched by hand rather than with Swift's Regex: the three figure patterns, tried at every
/// subject of every report, were a quarter of a filing's analysis, and reading a match's groups
/// cost more than finding it. The grammar is fixed and small, so the search is too. It finds what
/// the regular expression it replaces finds (FastPathTests holds them side by side): the same
/// alternatives in the same order of preference, on whole characters only, left to right, each
/// match starting after the one before.
struct FigurePhrase: Sendable {
    /// The words a phrase begins with, most preferred first (`年初预算数` before `年初预算`).
    let subjects: [String]
    /// Every word of the grammar one after another, and where each list's words stand in it, the
    /// qualifiers, verbs and colons each followed by the empty word a phrase may have instead:
    /// compared in place, where a list of strings retained and released each word it tried.
    let lexicon: [UInt8]
    let subjectWords: [Range<Int>]
    let qualifierChoices: [Range<Int>]
    let verbChoices: [Range<Int>]
    let colonChoices: [Range<Int>]
    let unitWords: [Range<Int>]
    /// The first two bytes of every subject: most positions of a report begin none, and two
    /// bytes tell almost all of them apart (every subject is Chinese).
    let heads: BytePairSet
    /// Each subject's first two bytes, so a position is compared only with the subjects it may begin.
    let subjectHeads: [UInt16]
    /// The most bytes a qualifier, a verb and a colon take between a subject and its figure: a
    /// subject with no digit or white space that near after it begins no phrase. In budget reports
    /// 预算 and 支出 stand in nearly every clause, and most are followed by words.
    let longestGap: Int

    init(subjects: [String], qualifiers: [String], verbs: [String], units: [String]) {
        self.subjects = subjects
        var lexicon: [UInt8] = []
        func place(_ words: [String]) -> [Range<Int>] {
            words.map { word in
                lexicon += word.utf8
                return (lexicon.count - word.utf8.count)..<lexicon.count
            }
        }
        subjectWords = place(subjects)
        qualifierChoices = place(qualifiers + [""])
        verbChoices = place(verbs + [""])
        colonChoices = place([":", "：", ""])
        unitWords = place(units)
        self.lexicon = lexicon
        heads = BytePairSet(beginnings: subjects.map { Array($0.utf8) })
        subjectHeads = subjects.map { Array($0.utf8) }.map { UInt16($0[0]) << 8 | UInt16($0[1]) }
        longestGap = [qualifierChoices, verbChoices, colonChoices].map { $0.map(\.count).max() ?? 0 }.reduce(0, +)
    }

    struct Match {
        var range: Range<String.Index>
        var subject: Substring
        var number: Substring
        var unit: Substring
    }

    static let amount = FigurePhrase(
        subjects: [
            "年初预算数", "年初预算", "调整后预算数", "调整后预算",
            "全年预算数", "全年预算",
            "预算数", "预算资金", "预算", "实际到位", "到位资金", "资金到位",
            "全年实际支出", "实际支出", "全年支出", "支出",
        ],
        qualifiers: ["总额", "金额"], verbs: ["为", "是", "共", "达", "合计"], units: ["万元", "元"])
    static let rate = FigurePhrase(
        subjects: ["预算执行率", "资金执行率", "执行率"], qualifiers: [],
        verbs: ["为", "达到", "达", "是"], units: ["%"])
    static let score = FigurePhrase(
        subjects: ["自评得分", "综合得分", "评价得分", "总得分", "自评总分"], qualifiers: [],
        verbs: ["为", "是", "达"], units: ["分"])

    /// Every phrase in the text, left to right, none inside the one before.
    func matches(in text: String) -> [Match] {
        var found: [Match] = []
        // The heads' bits are lent once for the whole text: the test runs at every byte.
        text.withBytes { bytes in
            heads.withBits { heads in
                lexicon.withUnsafeBufferPointer { lexicon in
                    let scan = Scan(text: text, bytes: bytes, lexicon: lexicon)
                    var start = 0
                    while start < bytes.count {
                        // A phrase begins a character: the search steps a character at a time.
                        guard BytePairSet.holds(heads, bytes, at: start), let match = scan.phrase(self, at: start)
                        else {
                            start += utf8Length(bytes[start])
                            continue
                        }
                        found.append(scan.match(match))
                        start = match.end
                    }
                }
            }
        }
        return found
    }
}

/// One search's view of the text: its bytes for comparing, the string for character boundaries,
/// and the grammar's words.
private struct Scan {
    let text: String
    let bytes: UnsafeBufferPointer<UInt8>
    let lexicon: UnsafeBufferPointer<UInt8>

    /// A phrase's parts as byte offsets.
    struct Parts {
        var start: Int
        var subjectEnd: Int
        var number: Range<Int>
        var unit: Range<Int>
        var end: Int { unit.upperBound }
    }

    func phrase(_ grammar: FigurePhrase, at start: Int) -> Parts? {
        guard start + 1 < bytes.count else { return nil }
        let head = UInt16(bytes[start]) << 8 | UInt16(bytes[start + 1])
        var startIsBoundary: Bool?
        for (k, subject) in grammar.subjectWords.enumerated() where grammar.subjectHeads[k] == head {
            // The bytes first: most positions begin no subject at all.
            guard let subjectEnd = word(subject, at: start) else { continue }
            if startIsBoundary == nil { startIsBoundary = isBoundary(start) }
            guard startIsBoundary == true else { return nil }
            guard isBoundary(subjectEnd), figureMayBegin(within: subjectEnd...(subjectEnd + grammar.longestGap))
            else { continue }
            for qualifier in grammar.qualifierChoices {
                guard let afterQualifier = literal(qualifier, at: subjectEnd) else { continue }
                for verb in grammar.verbChoices {
                    guard let afterVerb = literal(verb, at: afterQualifier) else { continue }
                    for colon in grammar.colonChoices {
                        guard let afterColon = literal(colon, at: afterVerb) else { continue }
                        if let (number, unit) = figure(grammar.unitWords, at: afterColon) {
                            return Parts(start: start, subjectEnd: subjectEnd, number: number, unit: unit)
                        }
                    }
                }
            }
        }
        return nil
    }

    /// White space, a number (`12`, `12.50`), white space and one of the units.
    func figure(_ units: [Range<Int>], at position: Int) -> (Range<Int>, Range<Int>)? {
        guard mayBeginFigure(at: position) else { return nil }
        let numberStart = skipSpace(from: position)
        let end = bytes.numberEnd(from: numberStart)
        guard end > numberStart else { return nil }
        guard isBoundary(end) else { return nil }  // a digit with a mark on it is not a digit
        let unitStart = skipSpace(from: end)
        for unit in units {
            if let unitEnd = literal(unit, at: unitStart) { return (numberStart..<end, unitStart..<unitEnd) }
        }
        return nil
    }

    /// Whether a figure may begin at one of `positions` (`mayBeginFigure`).
    func figureMayBegin(within positions: ClosedRange<Int>) -> Bool {
        positions.contains { mayBeginFigure(at: $0) }
    }

    /// Whether a digit or a white-space character may begin at `position`, told from its byte
    /// alone before any Character is looked at: most candidate subjects are followed by neither.
    /// White space begins with 09–0D or 20, or leads C2 (U+0085, U+00A0), E1 (U+1680),
    /// E2 (U+2000–U+205F) or E3 (U+3000).
    func mayBeginFigure(at position: Int) -> Bool {
        guard position < bytes.count else { return false }
        return (0x30...0x39).contains(bytes[position]) || Self.mayBeginSpace(bytes[position])
    }

    static func mayBeginSpace(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x09...0x0D, 0x20, 0xC2, 0xE1, 0xE2, 0xE3: return true
        default: return false
        }
    }

    /// Past the white-space characters from `position` (a character boundary).
    func skipSpace(from position: Int) -> Int {
        // A Character is white space by its first scalar: a byte that begins none is no space.
        guard position < bytes.count, Self.mayBeginSpace(bytes[position]) else { return position }
        var index = stringIndex(position)
        while index < text.endIndex, text[index].isWhitespace { index = text.index(after: index) }
        return text.utf8.distance(from: text.utf8.startIndex, to: index)
    }

    /// The end of the lexicon's `word` when it stands at `position` and ends on a character
    /// boundary; an empty word stands anywhere.
    func literal(_ word: Range<Int>, at position: Int) -> Int? {
        guard !word.isEmpty else { return position }
        guard let end = self.word(word, at: position), isBoundary(end) else { return nil }
        return end
    }

    /// The end of the lexicon's `word` when its bytes stand at `position`.
    func word(_ word: Range<Int>, at position: Int) -> Int? {
        guard position + word.count <= bytes.count else { return nil }
        var k = 0
        while k < word.count && bytes[position + k] == lexicon[word.lowerBound + k] { k += 1 }
        return k == word.count ? position + word.count : nil
    }

    func isBoundary(_ position: Int) -> Bool { text.isCharacterBoundary(atByte: position) }

    func stringIndex(_ position: Int) -> String.Index {
        text.utf8.index(text.utf8.startIndex, offsetBy: position)
    }

    func match(_ parts: Parts) -> FigurePhrase.Match {
        let range = stringIndex(parts.start)..<stringIndex(parts.end)
        return FigurePhrase.Match(
            range: range,
            subject: text[stringIndex(parts.start)..<stringIndex(parts.subjectEnd)],
            number: text[stringIndex(parts.number.lowerBound)..<stringIndex(parts.number.upperBound)],
            unit: text[stringIndex(parts.unit.lowerBound)..<stringIndex(parts.unit.upperBound)])
    }
}
