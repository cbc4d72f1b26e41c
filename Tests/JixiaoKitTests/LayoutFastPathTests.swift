import Foundation
import Testing

@testable import JixiaoModel
@testable import JixiaoReading
@testable import JixiaoRules

/// `Layout.isPageMarker` reads page numbers scalar by scalar where it used to run two regexes;
/// it must answer as they do on every line, marks, joiners and CR LF included.
@Suite struct PageMarkerTests {
    /// What `isPageMarker` did before: the regexes, chosen by the first scalar.
    static func byRegex(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        if first == "第" { return text.firstMatch(of: Patterns.pageFooter) != nil }
        guard "—-－".unicodeScalars.contains(first) else { return false }
        return text.firstMatch(of: Patterns.pageMarker) != nil
    }

    static let lines = [
        "— 5 —", "- 12 -", "－3－", "—5—", "— 5", "5 —", "— — 5 —", "— 5 — ",
        " — 5 —", "—　12　—",
        "第 4 页 共 6 页", "第4页", "第 4 页，共 6 页", "第4页,共6页", "第 4 页 共 页",
        "第一页", "第 4 页 共 6",
        "第 4 页 6 页", "第 4 页 共 6 页 ", "第\t4\t页", "第 4 页 共 6 页 共 7 页",
        "第一条 总则", "—般公共预算",
        "— 5\u{301} —", "— 5 —\u{301}", "第\u{301} 4 页", "— 5 \r\n—", "— 5 —\r\n",
        "— 5 —\r", "— 5 —\n",
        "— ５ —", "— 5\u{200D} —", "— 5\u{FE0F} —", "— 5\u{0E33} —", "第 4 页\u{3099}",
        "— 5\u{2003}—", "", "—",
        "第", "-1-", "- 1 2 -", "-12a-", "—\u{302A}5—",
    ]

    @Test(arguments: lines) func answersAsTheRegexes(_ line: String) {
        #expect(Layout.isPageMarker(line) == Self.byRegex(line), "\(line.debugDescription)")
    }

    /// Lines put together at random from the pieces page numbers and their look-alikes are made
    /// of: the right piece in most places, so that many lines match, and in the others a look-alike,
    /// a mark, a joiner or a line break.
    @Test func answersAsTheRegexesOnRandomLines() {
        var generator = SplitMix(seed: 2026)
        func pick(_ pieces: [String]) -> String { pieces.randomElement(using: &generator) ?? "" }
        func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &generator) < p }
        let spaces = ["", "", " ", "  ", "\u{3000}", "\t", "\u{2003}", "\r\n", "\u{301}", " \u{301}"]
        let numbers = ["5", "12", "0", "5", "０", "a", "5\u{301}", "1 2", "5\u{FE0F}", "5\u{0E33}"]
        let dashes = ["—", "-", "－", "—", "一", "—\u{301}", "\u{2013}"]
        let tails = ["\u{301}", "\r", "\n", " ", "x", "\u{200D}", "\u{1F3FB}", "\u{302A}"]
        var matches = 0
        for _ in 0..<20_000 {
            var line: String
            if chance(0.5) {
                line = pick(dashes) + pick(spaces) + pick(numbers) + pick(spaces) + pick(dashes)
            } else {
                line =
                    pick(["第", "第", "第\u{301}", "弟"]) + pick(spaces) + pick(numbers) + pick(spaces)
                    + pick(["页", "页", "頁"])
                if chance(0.5) {
                    line +=
                        pick(spaces) + pick(["，", ",", "", "、"]) + pick(spaces) + pick(["共", "共", "其"])
                        + pick(spaces) + pick(numbers) + pick(spaces) + pick(["页", "页", "頁"])
                }
            }
            if chance(0.2) { line += pick(tails) }
            let expected = Self.byRegex(line)
            if expected { matches += 1 }
            #expect(Layout.isPageMarker(line) == expected, "\(line.debugDescription)")
        }
        #expect(matches > 1_000)  // the lines reach the matching paths, not only the early refusals
    }
}

/// `Labels.trimmed(_:begins:)` looks at a paragraph's first bytes where `trim` copied it first.
@Suite struct TrimmedPrefixTests {
    static let texts = [
        "附件1", "  附件1", "\u{3000}附表2 ", "\t附", "附", "", " ", "　", "\u{A0}附件",
        "阿附件", "附\u{301}件",
        "  ", "单位：元", String(repeating: "很长的一段话，", count: 40),
    ]

    @Test(arguments: texts) func answersAsTrimThenBegins(_ text: String) {
        for prefix in ["附", "附件", "", "单位", " "] {
            #expect(
                Labels.trimmed(text, begins: prefix) == Labels.trim(text).begins(with: prefix),
                "\(text.debugDescription) \(prefix.debugDescription)")
        }
    }
}

/// `SectionKind.isAttachment` reads `附件3` by hand where the regex ran; it must answer as the regex.
@Suite struct AttachmentTitleTests {
    static let keys = [
        "附件1", "附件12", "附表二", "附表十一:", "附件1:", "附件", "附表", "附件1附件2",
        "附件一、", "附件1 ", "附件a",
        "附件１", "附件1\u{301}", "附\u{301}件1", "附件1:\u{301}", "附件1::", "附表三:x",
        "附件\r\n1", "附件1\u{200D}",
    ]

    @Test(arguments: keys) func answersAsTheRegex(_ key: String) {
        #expect(
            SectionKind.isAttachment(key) == (key.firstMatch(of: Patterns.attachment) != nil), "\(key.debugDescription)"
        )
    }
}

/// `FileBytes.isPDF` looks for `%PDF-` in the first kilobyte with `memmem`.
@Suite struct PDFMarkerTests {
    @Test func markerInTheFirstKilobyteOnly() {
        func file(_ padding: Int, _ marker: String = "%PDF-1.7") -> FileBytes {
            FileBytes(Data(repeating: 0x20, count: padding) + Data(marker.utf8) + Data(repeating: 0x0A, count: 2000))
        }
        #expect(file(0).isPDF)
        #expect(file(1019).isPDF)  // its last byte is the kilobyte's last
        #expect(!file(1020).isPDF)
        #expect(!file(0, "%PDF1.7").isPDF)
        #expect(!file(0, "%PD").isPDF)
        #expect(!FileBytes(Data("%PDF".utf8)).isPDF)
    }
}

/// `isCharacterBoundary(atByte:)` settles most offsets from the bytes around them; at every offset
/// of strings drawn from ASCII, CJK and the scalars that join Characters (marks, ZWJ, Prepend,
/// Hangul jamo, CR LF, emoji, regional indicators), it must answer as String.Index does.
@Suite struct CharacterBoundaryTests {
    static let alphabet = [
        "a", "5", " ", "\r", "\n", "预", "算", "\u{4DC0}", "\u{9FFF}", "\u{3099}", "\u{302A}", "\u{301}",
        "\u{200D}", "\u{FE0F}", "\u{0600}", "\u{06DD}", "\u{0890}", "\u{0D4E}", "\u{110BD}", "\u{1100}",
        "\u{1161}", "\u{11A8}", "\u{AC00}", "\u{1F600}", "\u{1F1E8}", "\u{1F1F3}", "\u{0E33}", "\u{0915}",
        "\u{094D}", "é", "（", "\u{3000}", "\u{2028}", "\u{1F3FB}",
        // CJK punctuation and full-width forms at the edges of the ranges read from the bytes.
        "，", "：", "、", "。", "\u{3029}", "\u{FF01}", "\u{FF5E}", "\u{FF5F}", "\u{FF9E}", "\u{3030}",
    ]

    static func byIndex(_ text: String, _ offset: Int) -> Bool {
        let index = text.utf8.index(text.utf8.startIndex, offsetBy: offset)
        return offset == text.utf8.count || String.Index(index, within: text) != nil
    }

    @Test func answersAsStringIndexAtEveryOffset() {
        var generator = SplitMix(seed: 0xB0_0DA2)
        var settled = 0
        for _ in 0..<5_000 {
            let count = Int.random(in: 1...8, using: &generator)
            let text = (0..<count).map { _ in Self.alphabet.randomElement(using: &generator) ?? "" }.joined()
            for offset in 0...text.utf8.count {
                let expected = Self.byIndex(text, offset)
                #expect(text.isCharacterBoundary(atByte: offset) == expected, "\(text.debugDescription) @\(offset)")
                let bytes = Array(text.utf8)
                if bytes.withUnsafeBufferPointer({ String.boundaryFromBytes($0, at: offset) }) != nil { settled += 1 }
            }
        }
        #expect(settled > 20_000)  // the bytes settle most offsets, so the fast path is what is tested
    }
}

/// `WordList` reads a text once, a character at a time, for all its words: it must find what a
/// plain byte search of each word finds, on texts where the words' lead and last bytes abound.
@Suite struct WordListTests {
    static func naive(_ words: [String], _ text: String) -> Bool {
        let h = Array(text.utf8)
        return words.contains { word in
            let n = Array(word.utf8)
            guard !n.isEmpty, n.count <= h.count else { return false }
            return (0...(h.count - n.count)).contains { Array(h[$0..<($0 + n.count)]) == n }
        }
    }

    @Test func answersAsEachWordSoughtAloneOnShortAndLongTexts() {
        var generator = SplitMix(seed: 0x0C_C0_25)
        // Characters that share lead and last bytes with the words (出 E5 87 BA, 击 E5 87 BB …).
        let alphabet = [
            "支", "出", "击", "预", "算", "调", "整", "%", "x", "X",
            "(", "如", "有", ")", "。", "a", "\u{301}",
        ]
        let vocabulary = [
            "支出", "预算调整", "xx%", "XXX", "(如有)", "出", "调", "%", "a", "算出", "整。",
        ]
        var found = 0
        for _ in 0..<4_000 {
            let words = (0..<Int.random(in: 1...6, using: &generator)).map { _ in
                vocabulary.randomElement(using: &generator) ?? ""
            }
            // Long texts too: from 256 bytes the words are found by their first characters' searches.
            let count = Int.random(in: 0...90, using: &generator) * (Bool.random(using: &generator) ? 1 : 5)
            let text = (0..<count).map { _ in alphabet.randomElement(using: &generator) ?? "" }.joined()
            let expected = Self.naive(words, text)
            if expected { found += 1 }
            #expect(WordList(words).occurs(in: text) == expected, "\(words) in \(text.debugDescription)")
        }
        #expect(found > 500 && found < 3_500)  // both answers are common
    }

    /// Two texts asked as if joined (each alone, then the seam): the joined text's answer, also
    /// for words that only the join makes, cut anywhere, and for a narrative's sections.
    @Test func answersForTwoTextsAsForTheirJoin() {
        var generator = SplitMix(seed: 0x5EA_2026)
        let alphabet = ["支", "出", "追", "加", "x", "%", "\u{301}", "a", "预"]
        let vocabulary = ["支出", "追加", "xx%", "x%", "a\u{301}", "预", "出追"]
        func draw(_ g: inout SplitMix) -> String {
            (0..<Int.random(in: 0...5, using: &g)).map { _ in alphabet.randomElement(using: &g) ?? "" }.joined()
        }
        var (joinOnly, found) = (0, 0)
        for _ in 0..<4_000 {
            let words = (0..<Int.random(in: 1...4, using: &generator)).map { _ in
                vocabulary.randomElement(using: &generator) ?? ""
            }
            let list = WordList(words)
            var (first, second) = (draw(&generator), draw(&generator))
            if Bool.random(using: &generator), let word = vocabulary.randomElement(using: &generator) {
                // A word cut in two across the join (between scalars: a string holds no half of one).
                let scalars = Array(word.unicodeScalars)
                let cut = Int.random(in: 0...scalars.count, using: &generator)
                first += String(String.UnicodeScalarView(scalars[..<cut]))
                second = String(String.UnicodeScalarView(scalars[cut...])) + second
            }
            let joined = list.occurs(in: first + second)
            if joined { found += 1 }
            if joined, !list.occurs(in: first), !list.occurs(in: second) { joinOnly += 1 }
            #expect(list.occurs(in: first, then: second) == joined, "\(words) in \(first.debugDescription) + \(second)")
            var report = Narrative(title: "t", line: 1)
            report.sections = [
                NarrativeSection(heading: first, body: [Located(second, line: 2)], line: 1),
                NarrativeSection(heading: second, body: [Located(first, line: 4)], line: 3),
            ]
            #expect(report.has(list) == list.occurs(in: report.fullText))
        }
        #expect(joinOnly > 200 && found < 3_500, "\(joinOnly) \(found)")  // the seam decides often enough
    }
}

/// `Survey.subject` cuts a name of simple scalars (ASCII, CJK ideographs, full-width forms and
/// CJK punctuation) on its bytes and any other through
/// Foundation's search; on names drawn from both kinds, with 率 written as U+F961 among them, the
/// answer must be Foundation's.
@Suite struct SurveySubjectTests {
    @Test func answersAsFoundationOnDrawnNames() {
        var generator = SplitMix(seed: 0x5A7)
        let pieces = [
            "服务对象", "满意度", "满意率", "满意", "满", "意", "度", "率", "\u{F961}",
            "群众", "a", "1",
            "e\u{301}", "（", "\u{3000}", "学生家长", "满意度\u{301}", "\u{0600}满意",
        ]
        for _ in 0..<3_000 {
            let name = (0..<Int.random(in: 0...5, using: &generator)).map { _ in
                pieces.randomElement(using: &generator) ?? ""
            }.joined()
            #expect(Survey.subject(ofName: name) == Survey.subjectThroughFoundation(name), "\(name.debugDescription)")
        }
    }
}
