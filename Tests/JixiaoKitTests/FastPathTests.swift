import Foundation
import Testing

@testable import JixiaoModel
@testable import JixiaoReading
@testable import JixiaoRules

/// The hand-written byte and scalar scans that replaced regexes and `Character` work in hot
/// paths, each checked against the general form it replaced, on the cases where they could
/// disagree: brackets full- and half-width, dropped brackets, several numbers, dots, spaces
/// of every kind, CJK and combining marks.
@Suite struct FastPathTests {
    static let texts = [
        "产出指标（20分）", "产出指标(20分", "满意度指标（10", "效益指标30分", "成本指标",
        "20", "（20分）",
        "指标1.5.3", "12.5万元", "≥95%", "≤12万元以内", "2023年10月底前", "5元/生·天",
        "1,380人次", "a.5",
        "第 1 季度", " 项目　名称 ", "—般公共预算", "e\u{301}值", "（一）",
        "3、专项资金：劳模服务", "(12)其中:x",
        "", "。", "1.2", "12.", ".5分",
        "产出指标（20分\u{301}）", "产出指标(20)\u{301}", "产出指标(\u{301}20分)",
        "指标(20分\u{301}",
        "产出指标\u{600}(20分)", "产出指标(20\u{600}分)", "产出指标(20分\u{600})",
    ]

    /// What `norm` did before it worked on bytes: scalar by scalar.
    static func scalarNorm(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x20, 0x09, 0x0D, 0x3000, 0xA0: continue
            case 0xFF08: out.append("(")
            case 0xFF09: out.append(")")
            case 0xFF1A: out.append(":")
            default: out.append(scalar)
            }
        }
        var result = String(out)
        if result.hasPrefix("—般") { result = "一般" + result.dropFirst(2) }
        return result
    }

    @Test(arguments: texts) func normMatchesTheScalarForm(_ text: String) {
        #expect(Labels.norm(text).isExactly(Self.scalarNorm(text)))
        let length = Self.scalarNorm(text).utf8.count
        for limit in [0, 1, length - 1, length, length + 1, 16] where limit >= 0 {
            #expect(Labels.normIsLonger(text, than: limit) == (length > limit), "\(limit) \(text.debugDescription)")
        }
    }

    /// What `value` did before it compared suffixes as bytes: character by character.
    static func characterValue(_ text: String) -> Labels.Value {
        let t = Labels.norm(text)
        if Labels.isPlaceholderKey(t) { return .blank }
        var body = Substring(t)
        var percent = false
        if body.hasSuffix("%") || body.hasSuffix("％") {
            percent = true
            body = body.dropLast()
        }
        if body.hasSuffix("万元") && !percent { body = body.dropLast(2) }
        guard let number = Labels.decimal(body) else { return .text(Labels.trim(text)) }
        return .number(number, percent: percent)
    }

    @Test(
        arguments: texts + [
            "95%", "95％", "12万元", "12.50万元", "5%万元", "5万元%", "%", "万元",
            "5\u{600}%", "5%\u{301}", "3万\u{301}元",
            "——", "无", " 7 ％", "1,234.5万元", "123456789012345678901万元", "1234567890123456789012%",
            "12345678901234567890x", "％", "5％％", "-3万元", "—", "…\u{301}",
        ])
    func valuesAreTheCharacterReading(_ text: String) {
        let value = Self.characterValue(text)
        #expect(Labels.value(text) == value, "\(text.debugDescription)")
        let kind: Labels.ValueKind
        switch value {
        case .blank: kind = .blank
        case .number: kind = .number
        case .text: kind = .text
        }
        #expect(Labels.valueKind(key: Labels.norm(text)) == kind, "\(text.debugDescription)")
    }

    /// `reportYear` finds at 年度's bytes what the regex finds stepping Characters: the first match,
    /// with marks and Prepend scalars that join the digits or 度 into other Characters.
    @Test(
        arguments: texts + [
            "2023年度", "x2023年度", "12023年度", "2023年度\u{301}", "\u{600}2023年度", "2\u{301}023年度",
            "2023年 度", "1899年度", "1999年度", "2099年度报告2022年度", "年度2023年度", "202年度",
            "2023年",
            "2023年度\u{301}2022年度", "项目支出绩效自评表(2021年度)",
        ])
    func reportYearsAreTheRegexMatch(_ text: String) {
        let expected = text.firstMatch(of: Patterns.yearOfReport).flatMap { Int($0.output.1) }
        #expect(FilingReader.reportYear(in: text) == expected, "\(text.debugDescription)")
    }

    /// `cellKey` reads a cell's bytes once for what `ControlCharacters.occur`, `norm` and
    /// `isPlaceholderKey` each read them for; drawn from blanks of each kind, controls (C0, DEL, C1,
    /// bidi), their near misses (U+00A9, U+2014, U+2030), full-width brackets and CJK, and a
    /// character of each length and lead the pass steps over whole (é, U+0800, U+E000, 😀).
    @Test func cellKeysAreTheSeparatePasses() {
        var generator = SplitMix(seed: 0xCE_11)
        let alphabet = [
            " ", "\t", "\r", "\u{A0}", "\u{3000}", "\u{1B}", "\u{7F}", "\u{85}", "\u{202E}", "\u{2066}",
            "\u{A9}", "—", "\u{2030}", "（", "）", "：", "\u{FF0C}", "预", "a", "5", "/", "般", "无",
            "\u{3001}", "é", "\u{0800}", "\u{E000}", "😀",
        ]
        for _ in 0..<5_000 {
            let count = Int.random(in: 0...6, using: &generator)
            let text = (0..<count).map { _ in alphabet.randomElement(using: &generator) ?? "" }.joined()
            let key = Labels.cellKey(text)
            if ControlCharacters.occur(in: text) {
                #expect(key == nil, "\(text.debugDescription)")
            } else {
                let norm = Labels.norm(text)
                #expect(key?.key.isExactly(norm) == true, "\(text.debugDescription)")
                #expect(key?.isPlaceholder == Labels.isPlaceholderKey(norm), "\(text.debugDescription)")
            }
        }
    }

    /// `isSameText` answers `==` from the bytes for ASCII and CJK ideographs and asks `==` for the
    /// rest: drawn from both, with a compatibility ideograph (U+F961, canonically 率), composed and
    /// decomposed é, a combining mark, Hangul and CJK punctuation among them.
    @Test func sameTextIsStringEquality() {
        var generator = SplitMix(seed: 0x5A3E)
        let pieces = [
            "率", "\u{F961}", "成本", "指标", "a", "1", "é", "e\u{301}", "\u{301}", "한", "（", "、",
            "\u{4DC0}",
        ]
        for _ in 0..<5_000 {
            let draw = { (count: Int) in
                (0..<count).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            }
            let a = draw(Int.random(in: 0...3, using: &generator))
            let b = Bool.random(using: &generator) ? a : draw(Int.random(in: 0...3, using: &generator))
            #expect(a.isSameText(as: b) == (a == b), "\(a.debugDescription) \(b.debugDescription)")
        }
        #expect("\u{F961}".isSameText(as: "率") && !"成本指标".isSameText(as: "成本"))
    }

    /// `projectKey` counts and cuts Characters on the bytes for plain names; what it did before,
    /// by `count` and `dropLast`, is the reference, on names drawn with the suffixes it drops and
    /// with marks, CR LF and a compatibility ideograph that make a name not plain.
    @Test func projectKeysAreTheCharacterReading() {
        func byCharacters(_ name: String) -> String {
            var key = Labels.norm(name)
            for suffix in ["专项经费", "专项资金", "工作经费", "经费", "资金", "项目"]
            where key.ends(with: suffix) && key.count > suffix.count + 1 {
                key = String(key.dropLast(suffix.count)) + (suffix == "工作经费" ? "工作" : "")
                break
            }
            return key
        }
        var generator = SplitMix(seed: 0x9E_11)
        let pieces = [
            "双联", "工作", "经费", "专项", "资金", "项目", "a", "\u{301}", "\u{F961}", " ", "\r\n", "é",
            "费",
        ]
        for _ in 0..<5_000 {
            let count = Int.random(in: 0...5, using: &generator)
            let name = (0..<count).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
            #expect(Checker.projectKey(name) == byCharacters(name), "\(name.debugDescription)")
            if let plain = name.plainCount { #expect(plain == name.count, "\(name.debugDescription)") }
        }
    }

    /// `splitAtColon` searches bytes; `firstIndex`/`lastIndex` over Characters is what it replaced.
    /// Texts drawn with a seed from colons, marks that join a colon into another Character
    /// (U+0301, ZWJ, VS16), CJK and ASCII.
    @Test func colonSplitsAreTheCharacterSearch() {
        var generator = SplitMix(seed: 0xC0_10)
        let alphabet = [":", "：", "\u{301}", "\u{200D}", "\u{FE0F}", "预", "a", " ", "\u{FF1A}\u{301}", "\r\n"]
        let colon = { (c: Character) in c == ":" || c == "：" }
        for _ in 0..<3_000 {
            let count = Int.random(in: 0...7, using: &generator)
            let text = (0..<count).map { _ in alphabet.randomElement(using: &generator) ?? "" }.joined()
            for last in [false, true] {
                let index = last ? text.lastIndex(where: colon) : text.firstIndex(where: colon)
                let expected = index.map { (String(text[..<$0]), String(text[text.index(after: $0)...])) }
                let split = text.splitAtColon(last: last)
                #expect(split?.before == expected?.0 && split?.after == expected?.1, "\(text.debugDescription) \(last)")
            }
        }
    }

    /// A fund column's header is found with what stands around its word; the one-pass check that
    /// turns other cells away lets each through, and turns the others away.
    @Test func fundColumnsAreFoundAmongOtherWords() {
        let expected: [String: TableReader.FundColumn] = [
            "年初预算数(万元)": .initial, "调整后预算数": .fullYear, "2023年全年预算数": .fullYear,
            "预算数(元)": .fullYear, "预算资金": .fullYear, "全年执行数": .executed,
            "实际支出数": .executed,
            "决算数": .executed, "执行率(%)": .rate, "分值": .weight, "分值(10)": .weight, "权重": .weight,
            "满分": .weight, "得分": .score, "偏差原因分析": .deviation,
        ]
        for (key, column) in expected { #expect(TableReader.fundColumn(key) == column, "\(key)") }
        let others = ["", "12.5", "项目名称", "产出指标", "资金预算数", "权重(%)", "原偏差原因"]
        for other in others + ["执行"] {
            #expect(TableReader.fundColumn(other) == nil, "\(other)")
        }
        for header in TableReader.fundHeaders {
            #expect(TableReader.fundColumn(header.word) == header.column, "\(header.word)")
        }
    }

    /// The packed comparison is the set's: each placeholder, each with a byte more or less, and
    /// short texts drawn with a seed from their bytes.
    @Test func placeholdersPackedAreTheSet() {
        var keys =
            Labels.placeholders.flatMap { [$0, $0 + "-", String($0.dropLast()), "\0" + $0, $0 + "\0"] } + [
                "\0", "\0\0",
            ]
        var random = SplitMix(seed: 6)
        let pieces = ["—", "-", "/", "／", "…", "无", "\\", "\0", "a"]
        keys += (0..<500).map { _ in
            (0..<Int.random(in: 0...3, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
        }
        for key in keys {
            #expect(Labels.isPlaceholderKey(key) == Labels.placeholders.contains(key), "\(key.debugDescription)")
        }
    }

    @Test(arguments: texts) func level1MatchesTheRegex(_ text: String) {
        let t = Labels.norm(text)
        var expected: (String, Decimal?) = (Labels.trim(text), nil)
        if let m = t.firstMatch(of: /^(.*?)\(?([0-9]+(?:\.[0-9]+)?)分?\)?$/), !m.1.isEmpty,
            let weight = Labels.decimal(m.2)
        {
            expected = (String(m.1), weight)
        }
        let mine = Labels.level1(text)
        #expect(mine.name == expected.0 && mine.weight == expected.1, "\(text)")
    }

    @Test(arguments: texts) func numbersMatchTheRegex(_ text: String) {
        let t = Labels.norm(text)
        let match = t.firstMatch(of: /([0-9]+(?:\.[0-9]+)?)([^0-9]*)$/).map { (String($0.1), String($0.2)) }
        let mine = Labels.lastNumber(t)
        #expect(mine?.number == match?.0 && mine?.after == match?.1, "\(text)")
        if let parts = mine { #expect(parts.before + parts.number + parts.after == t) }
        let all = t.matches(of: /[0-9]+(?:\.[0-9]+)?/)
        let scanned = t.withBytes(Quantity.numbers)
        #expect(scanned.count == all.count, "\(text)")
        let last = scanned.last.map { range in t.withBytes { String(decoding: $0[range], as: UTF8.self) } }
        #expect(last == all.last.map { String($0.output) }, "\(text)")
    }

    /// `Quantity.parseStated` as it read before it scanned bytes: the last number by the regex,
    /// refused unless it is the only one, its unit what follows.
    @Test(
        arguments: texts + [
            "≥8,000人次", "不少于24场", "2023年12月31日前", "5月至10月",
            "≤12万元以内", "90%以上",
        ])
    func quantitiesAreTheRegexReading(_ text: String) {
        let t = Quantity.withoutThousandsSeparators(Labels.norm(text))
        var expected: Quantity?
        let all = t.matches(of: /[0-9]+(?:\.[0-9]+)?/)
        if all.count == 1, let m = t.firstMatch(of: /([0-9]+(?:\.[0-9]+)?)([^0-9]*)$/) {
            var unit = String(m.2)
            for suffix in ["以上", "以内", "以下", "及以上", "左右"] where unit.hasSuffix(suffix) {
                unit = String(unit.dropLast(suffix.count))
            }
            let isDate = ["年", "月", "日", "号", "季度"].contains { unit.hasPrefix($0) }
            if !isDate, let value = Decimal(string: String(m.1), locale: Locale(identifier: "en_US_POSIX")) {
                let words = Quantity.comparisonWords.first { $0.0.contains { t.contains($0) } }
                expected = Quantity(comparison: words?.1 ?? .atLeast, value: value, unit: unit)
            }
        }
        #expect(Quantity.parse(text) == expected, "\(text)")
    }

    static let numbers = [
        "-12.50", "+3", "1,234.56", "0.000001", "123456789012345678", "1234567890123456789",
        "99999999999999999999999.5", "12.", ".5", "-0", "0", "1.2.3", "1-2", ",5", "5,", "007", "-.5",
        // Commas only as thousands groups: a decimal comma or a stray one is no number.
        "3,4", "1,23", "12,3456", "1234,567", "1,234,567.8", "250,000.00", "1,2345.6", "1,234,56",
        "12,345,678,901,234,567,890.5",
    ]

    @Test(arguments: texts + numbers) func decimalsAreExact(_ text: String) {
        let t = Labels.norm(text)
        // The reference: a regular expression for the grammar (commas in groups of three), then
        // Foundation's parser on the digits.
        let viaFoundation: Decimal? = {
            guard t.wholeMatch(of: /[+-]?([0-9]{1,3}(,[0-9]{3})+|[0-9]*)(\.[0-9]*)?/) != nil,
                t.contains(where: \.isNumber)
            else { return nil }
            let digits = t.filter { $0 != "," && $0 != "+" }
            return Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX"))
        }()
        #expect(Labels.decimal(t) == viaFoundation, "\(text)")
    }

    @Test(arguments: texts) func listNumbersMatchTheRegex(_ text: String) {
        let t = Labels.norm(text)
        let regex = t.firstMatch(of: /^(?:[0-9]+[、.．]|[一二三四五六七八九十]+、|\([0-9]+\))/)
        let expected = regex.map { String(t[$0.range.upperBound...]) }
        #expect(Labels.withoutListNumber(t) == expected, "\(text)")
    }

    @Test(
        arguments: texts + [
            "一、基本情况", "（二）绩效", "(3)说明", "12、结论", "十一、问题", "一二", "（）",
            "(a)", "2023年",
        ])
    func headingsMatchTheRegex(_ text: String) {
        #expect(Narratives.isHeading(text) == (text.firstMatch(of: Patterns.narrativeHeading) != nil), "\(text)")
    }

    /// Texts where a key stands, repeats, fails to match and matches later, sits at the very start
    /// or end, or follows a combining mark; and every report of the fixtures.
    static let reports: [String] = {
        var texts = [
            "单位编制10人，实有在职8人。", "编制", "编制人数为", "编制待定；编制数共12人",
            "在职职工为3人实有5人",
            "全年支出合计，全年实际支出12.5万元", "实际支出万元，全年支出3万元",
            "执行率达100%，完成率100%",
            "完成值99%执行率100%", "e\u{301}编制4人", "", "支出12万元",
        ]
        for name in ["000_4163b9005dfad92f.txt", "v1_seed_layout_4projects_2022.txt"] {
            if let filing = try? Fixtures.filing(name) {
                let narratives = [filing.report].compactMap { $0 } + filing.otherReports
                texts += narratives.map(\.fullText)
            }
        }
        return texts
    }()

    /// The years read back from each 年 are the regular expression's matches, on texts where a mark
    /// follows a digit or 年, something clusters with the first digit, or digits run on before.
    @Test(
        arguments: texts + reports + [
            "2023年2024年", "12023年", "2023\u{301}年", "2023年\u{301}", "\u{600}2023年", "年", "20年",
            "x2099年",
            "202023年", "2021年至2023年12月", "2\u{301}023年",
        ])
    func yearsAreTheRegularExpressions(_ text: String) {
        let expected = text.matches(of: /(20[0-9]{2})年/).map { String($0.1) }
        #expect(Checker.namedYears(in: text) == expected, "\(text)")
    }

    /// Sentences cut on the bytes are the Character split, where a mark rides on a separator, a
    /// line ends in \r, separators run together or stand at either end.
    @Test(
        arguments: reports + texts + [
            "问卷。回访；抽样;测评\n样本", "。。；", "问卷\r\n回访", "问卷。\u{301}回访",
            "；问卷；",
            "\n", "",
        ])
    func sentencesCutOnBytesAreTheCharacterSplit(_ text: String) {
        let expected = text.split(whereSeparator: { "。；;\n".contains($0) }).map(String.init)
        #expect(Survey.sentences(text) == expected, "\(text)")
    }

    /// The 偏差原因 trimmed of its end punctuation by hand is Foundation's trimming.
    @Test(
        arguments: texts + [
            "。无。", "；；", "完成.", ",，已完成；", "无\u{301}。", "。\u{301}", "a.b", ".",
            "略。。",
            " 无 ",
        ])
    func punctuationTrimmedIsFoundationsTrim(_ text: String) {
        let expected = text.trimmingCharacters(in: CharacterSet(charactersIn: "。.;；,，"))
        #expect(Checker.trimmingPunctuation(text) == expected, "\(text)")
    }

    /// The head counts found by hand are the regular expressions' first matches.
    @Test(
        arguments: reports + [
            "编制4人\u{301}，编制5人", "编制数\u{301}4人", "编制4\u{301}人编制6人",
            "在职人员有12人",
            "实有人数为人",
            "编制人数人数3人", "编制共有3人", "实有职工共7人；在职9人", "编制12", "编制",
        ])
    func headCountsAreTheRegularExpressions(_ text: String) {
        for (phrase, pattern) in [
            (StaffPhrase.authorized, JixiaoRules.Patterns.staffAuthorized),
            (StaffPhrase.actual, JixiaoRules.Patterns.staffActual),
        ] {
            let expected = text.firstMatch(of: pattern).map { String($0.1) }
            #expect(phrase.firstCount(in: text).map(String.init) == expected, "\(text)")
        }
    }

    /// The spending phrase found by hand is the one the regex finds from the key words, on the
    /// fixtures' reports and on texts drawn from its pieces, marks and look-alikes among them.
    @Test(arguments: reports + spentTexts) func spentPhraseIsTheRegularExpression(_ text: String) {
        let keys = SpentPhrase.keys
        let expected = text.firstMatch(of: JixiaoRules.Patterns.spentAmount, beginningWith: keys).map { String($0.1) }
        #expect(SpentPhrase.firstAmount(in: text).map(String.init) == expected, "\(text.debugDescription)")
    }

    static let spentTexts: [String] = {
        let pieces = [
            "全年实际支出", "全年支出", "实际支出", "全年", "支出", "12", "3", ".", "5",
            "万元", "万", "元",
            "\u{301}", "\u{0600}", " ", "，", "基本", "118.67", "0", "万元\u{301}", "５",
        ]
        var random = SplitMix(seed: 0x5BE7)
        return (0..<1_500).map { _ in
            (0..<Int.random(in: 1...10, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
        } + [
            "全年实际支出12.5万元", "实际支出3.万元", "全年支出1.2.3万元", "支出5万元",
            "全年实际支出5\u{301}万元", "实际支出5万元\u{301}",
        ]
    }()

    @Test(arguments: reports) func keyedMatchesAreTheFullSearch(_ text: String) {
        let cases: [(Regex<(Substring, Substring)>, [String])] = [
            (JixiaoRules.Patterns.staffAuthorized, ["编制"]),
            (JixiaoRules.Patterns.staffActual, ["在职", "实有"]),
            (JixiaoRules.Patterns.spentAmount, ["全年实际支出", "全年支出", "实际支出"]),
        ]
        for (pattern, keys) in cases {
            let keyed = text.firstMatch(of: pattern, beginningWith: keys)
            let full = text.firstMatch(of: pattern)
            #expect(keyed?.range == full?.range && keyed?.output.1 == full?.output.1, "\(keys) in \(text.prefix(40))")
        }
        let claim = text.firstMatch(of: Patterns.completeClaim, beginningWith: ["完成值", "执行率", "完成率"])
        #expect(claim?.range == text.firstMatch(of: Patterns.completeClaim)?.range)
    }

    // The regular expressions the figure phrases were found with, kept as their reference.
    nonisolated(unsafe) static let amountPattern =
        #/
        (年初预算数?|调整后预算数?|全年预算数?|预算数|预算资金|预算
        |实际到位|到位资金|资金到位
        |全年实际支出|实际支出|全年支出|支出)
        (?:总额|金额)?(?:为|是|共|达|合计)?[:：]?\s*([0-9]+(?:\.[0-9]+)?)\s*(万元|元)
        /#
    nonisolated(unsafe) static let ratePattern =
        #/((?:预算执行率|资金执行率|执行率))(?:为|达到|达|是)?[:：]?\s*([0-9]+(?:\.[0-9]+)?)\s*(%)/#
    nonisolated(unsafe) static let scorePattern =
        #/
        ((?:自评得分|综合得分|评价得分|总得分|自评总分))
        (?:为|是|达)?[:：]?\s*([0-9]+(?:\.[0-9]+)?)\s*(分)
        /#

    /// Texts made of the pieces figure phrases are made of (subjects, verbs, colons, spaces of
    /// several kinds, digits, dots, units, a combining mark, other words), drawn with a seed.
    static let figureTexts: [String] = {
        let pieces = [
            "年初", "预算", "数", "调整后", "全年", "资金", "实际", "到位", "支出", "执行率",
            "自评", "得分", "总分", "综合", "总额", "金额", "为", "是", "达到", "达", "合计",
            ":", "：", " ", "\u{3000}", "\t", "\r\n", "1", "25",
            "0", ".", "..", "万元", "元", "万", "%", "分", "\u{301}", "，", "项目", "超出", "e",
        ]
        // Phrase-shaped draws too (subject, verb, colon, space, number, unit, each maybe spoilt),
        // so that whole phrases, and phrases a mark or a stray character spoils, are common.
        let slots = [
            ["年初预算数", "调整后预算", "全年实际支出", "支出", "预算资金"]
                + ["执行率", "资金执行率", "自评总分", "总得分"],
            ["", "金额", "为", "达到", "合计", "是"], ["", ":", "：", "\u{301}"], ["", " ", "\u{3000}", "\n"],
            ["1", "12.5", "3.", "0.25", "7\u{301}"], ["", " ", "x"], ["万元", "元", "%", "分", "元\u{301}", "万"],
        ]
        var random = SplitMix(seed: 25)
        let drawn = (0..<600).map { _ in
            (0..<Int.random(in: 1...24, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
        }
        let shaped = (0..<600).map { _ in
            (0..<Int.random(in: 1...3, using: &random)).map { _ in
                slots.map { $0.randomElement(using: &random)! }.joined()
            }.joined(separator: pieces.randomElement(using: &random)!)
        }
        return drawn + shaped
    }()

    /// The hand-written figure phrases find what the regular expressions find by trying every
    /// character: the same phrases, subjects, numbers and units, on every report of the fixtures,
    /// on texts made to hold figures next to each other and on drawn ones.
    @Test(
        arguments: reports + texts + figureTexts + [
            "年初预算数100万元，全年预算数120.5万元，"
                + "实际支出99万元，预算执行率82.16%，自评得分95分。",
            "资金到位50万元实际到位49万元支出支出3元执行率执行率100%总得分总得分88分",
            "预算数为：\u{3000} 12.5 万元", "预算数12.万元", "预算12.5.3万元", "执行率达到达100%",
            "支出5\u{301}万元",
            // White space of every lead byte between the words and the number.
            "预算数\u{2003}12万元", "预算数\u{A0}5万元", "执行率\u{1680}95%", "预算数\u{85}5万元",
            "自评得分\u{2028}\u{205F}90分", "支出\t\u{0B}8元", "预算\u{180E}6万元",
            // A subject that a Prepend scalar before it joins into its own first Character.
            "\u{0600}预算数12万元", "x\u{0600}执行率95%", "\u{0600}自评得分90分预算3万元",
            // The longest qualifier, verb and colon before the figure, and one character more.
            "预算总额合计：5万元", "预算总额合计： 5万元", "预算总额合计：\u{3000}5万元",
            "预算总额合计：约5万元", "执行率达到：95%", "执行率达到：x95%",
            "自评得分达：\u{2003}90分", "资金到位金额合计:7元",
        ])
    func figurePhrasesAreTheRegularExpressions(_ text: String) {
        let cases: [(FigurePhrase, Regex<(Substring, Substring, Substring, Substring)>)] = [
            (.amount, Self.amountPattern), (.rate, Self.ratePattern), (.score, Self.scorePattern),
        ]
        for (phrase, pattern) in cases {
            func shown(_ range: Range<String.Index>, _ groups: Substring...) -> String {
                let start = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
                return "\(start)+\(text[range].utf8.count) " + groups.joined(separator: "|")
            }
            let mine = phrase.matches(in: text).map { shown($0.range, $0.subject, $0.number, $0.unit) }
            let theirs = text.matches(of: pattern).map { shown($0.range, $0.1, $0.2, $0.3) }
            #expect(mine == theirs, "\(phrase.subjects[0]) in \(text.debugDescription)")
        }
    }

    /// Name similarity on numbered characters is the longest common subsequence of the Characters
    /// themselves, on seeded names from an alphabet with canonically equal pairs (é precomposed and
    /// decomposed) and a combining mark.
    @Test func similarityIsTheLongestCommonSubsequenceOfCharacters() {
        func reference(_ a: String, _ b: String) -> Double {
            let (x, y) = (Array(a), Array(b))
            guard !x.isEmpty, !y.isEmpty else { return 0 }
            var table = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
            for i in 1...x.count {
                for j in 1...y.count {
                    table[i][j] =
                        x[i - 1] == y[j - 1] ? table[i - 1][j - 1] + 1 : max(table[i - 1][j], table[i][j - 1])
                }
            }
            return Double(table[x.count][y.count]) / Double(max(x.count, y.count))
        }
        let alphabet = ["项", "目", "经", "费", "工", "作", "a", "1", "\u{E9}", "e\u{301}", "e", "\u{301}", " "]
        var generator = SplitMix(seed: 0x51A1)
        func name() -> String {
            (0..<Int.random(in: 0...9, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
                .joined()
        }
        var partial = 0
        for _ in 0..<3_000 {
            let (a, b) = (name(), name())
            let expected = reference(a, b)
            #expect(Checker.similarity(a, b) == expected, "\(a) ~ \(b)")
            if expected > 0 && expected < 1 { partial += 1 }
        }
        #expect(partial > 1_000)
    }

    /// The length the lead byte tells is the length of every scalar's UTF-8, at each boundary of
    /// the encoding; a continuation byte steps one.
    @Test func aLeadByteTellsTheLengthOfItsSequence() {
        let edges: [UInt32] = [0, 0x7F, 0x80, 0x7FF, 0x800, 0x4E00, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF]
        for value in edges + Array(stride(from: 0, to: 0x110000, by: 997)) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let bytes = Array(String(scalar).utf8)
            #expect(utf8Length(bytes[0]) == bytes.count, "U+\(String(value, radix: 16))")
        }
        for continuation in UInt8(0x80)...UInt8(0xBF) { #expect(utf8Length(continuation) == 1) }
    }

    @Test(arguments: reports + texts) func oneSearchForManyWordsIsManySearches(_ text: String) {
        let survey = ["问卷", "满意度调查", "测评", "回访"]
        for words in [survey, Checker.shortfallWords, ["编制", "e", "。"], [], [""]] {
            #expect(WordList(words).occurs(in: text) == words.contains { !$0.isEmpty && text.has($0) }, "\(words)")
        }
    }

    /// A section's lines chosen on their bytes are its body's lines chosen on their text, with their
    /// file lines: for every section of the fixtures' reports, and for sections with empty lines,
    /// a line of only a newline's neighbours, a line ending in \r and none at all.
    @Test func linesChosenOnBytesAreTheBodyChosen() {
        var sections: [NarrativeSection] = []
        for url in Fixtures.keyedFilings() {
            guard let data = try? Data(contentsOf: url),
                let filing = try? FilingReader.read(data, source: url.lastPathComponent)
            else { continue }
            let reports = [filing.report].compactMap { $0 } + filing.otherReports + filing.projects.compactMap(\.report)
            sections += reports.flatMap(\.sections)
        }
        let made: [[Located]] = [
            [], [Located("", line: nil)], [Located("", line: 3), Located("预算", line: 4), Located("", line: nil)],
            [Located("执行率\r", line: 7), Located("x", line: 8)],
        ]
        sections += made.map { NarrativeSection(heading: "一、", body: $0, line: 1) }
        #expect(sections.count > 10)
        let keys = WordList(["预算", "到位", "支出", "执行率", "得分", "\r"])
        for section in sections {
            let chosen = section.lines(where: keys.occurs)
            let expected = section.body.filter { keys.occurs(in: $0.text) }
            #expect(chosen == expected, "\(section.heading)")
            #expect(section.lines { _ in true } == section.body)
        }
    }

    /// `String.has` and `offsets(of:)` (first and last byte first, then the rest) against
    /// Foundation's byte search, `Data.range(of:in:)`, on seeded random texts over a small alphabet
    /// of Chinese and ASCII, so near-misses (same first and last byte) are common.
    @Test func theByteSearchFindsWhatFoundationFinds() {
        var generator = SplitMix(seed: 0x5EED_0326)
        let alphabet = ["表", "报", "告", "说", "明", "附", "件", "a", "b", "。", "衰", "袤"]
        func draw(_ count: Int) -> String {
            (0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
        }
        for _ in 0..<2_000 {
            let text = draw(Int(generator.next() % 24))
            let part = draw(1 + Int(generator.next() % 3))
            let bytes = Data(text.utf8)
            var expected: [Int] = []
            var from = 0
            while from <= bytes.count, let hit = bytes.range(of: Data(part.utf8), in: from..<bytes.count) {
                expected.append(hit.lowerBound)
                from = hit.lowerBound + 1
            }
            #expect(text.has(part) == !expected.isEmpty, "\(part) in \(text)")
            #expect(text.offsets(of: part) == expected, "\(part) in \(text)")
        }
    }

    /// `Labels.norm` and `Labels.trim` over the bytes against the rules they implement, written over scalars; and
    /// the byte prefix, suffix and equality tests against the same tests on byte arrays. The
    /// alphabet holds what norm changes beside characters that share its lead bytes (、。，
    /// share 0xE3 and 0xEF with U+3000 and （）：).
    @Test func normalisingAndComparingBytesIsTheRuleOverScalars() {
        var generator = SplitMix(seed: 0x5EED_0327)
        let changed = [" ", "\t", "\r", "\u{A0}", "\u{3000}", "（", "）", "："]
        let alphabet = changed + ["、", "。", "，", "—", "般", "表", "a", "(", "¡", "\u{3080}"]
        func draw(_ count: Int) -> String {
            (0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }.joined()
        }
        func reference(_ text: String) -> String {
            let dropped: Set<Unicode.Scalar> = [" ", "\t", "\r", "\u{A0}", "\u{3000}"]
            let mapped: [Unicode.Scalar: Unicode.Scalar] = ["（": "(", "）": ")", "：": ":"]
            var scalars = String.UnicodeScalarView()
            for scalar in text.unicodeScalars where !dropped.contains(scalar) {
                scalars.append(mapped[scalar] ?? scalar)
            }
            let result = String(scalars)
            return result.hasPrefix("—般") ? "一般" + result.dropFirst(2) : result
        }
        func scalarTrim(_ text: String) -> String {
            let blank: Set<Unicode.Scalar> = [" ", "\t", "\r", "\u{A0}", "\u{3000}"]
            let scalars = text.unicodeScalars
            let kept = scalars.drop { blank.contains($0) }.reversed().drop { blank.contains($0) }.reversed()
            return String(String.UnicodeScalarView(kept))
        }
        for _ in 0..<2_000 {
            let text = draw(Int(generator.next() % 12))
            #expect(Labels.norm(text) == reference(text), "\(text.debugDescription)")
            #expect(Labels.trim(text).isExactly(scalarTrim(text)), "\(text.debugDescription)")
            let line = Substring("表" + text + "a").dropFirst().dropLast()
            #expect(String(Labels.trim(line)).isExactly(scalarTrim(text)), "\(text.debugDescription)")
            let part = draw(Int(generator.next() % 3))
            let (bytes, partBytes) = (Array(text.utf8), Array(part.utf8))
            #expect(text.begins(with: part) == bytes.starts(with: partBytes))
            #expect(text.ends(with: part) == bytes.reversed().starts(with: partBytes.reversed()))
            #expect(text.isExactly(part) == (bytes == partBytes))
        }
    }

    /// Figures as filed and as computed: signs, zero, whole numbers stored with a positive
    /// exponent (1200 as 12e2), more decimals than shown, the 10^12 limit and beyond.
    /// The seed of the 2,000 drawn figures; every failure message names it.
    static let figureSeed: UInt64 = 0x5EED_2026

    static let figures: [Decimal] = {
        var values = [
            "0", "-0.004", "0.005", "-0.005", "6", "3.4", "56.6667", "-12.345", "1200", "1e3", "0.1",
            "999999999999.995", "1000000000000", "123456789012345678901234", "0.000001", "-7.5",
        ]
        .compactMap { Decimal(string: $0) }
        var generator = SplitMix(seed: figureSeed)
        for _ in 0..<2_000 {
            let significand = Decimal(UInt64.random(in: 0...9_999_999_999, using: &generator))
            let exponent = Int.random(in: -8...3, using: &generator)
            let sign: FloatingPointSign = Bool.random(using: &generator) ? .minus : .plus
            values.append(Decimal(sign: sign, exponent: exponent, significand: significand))
        }
        values += [Decimal(1) / Decimal(3), Decimal(2) / Decimal(3) * 100, Decimal(-1) / Decimal(7)]
        return values
    }()

    @Test func fixedFromTheSignificandIsFoundationsText() {
        for value in Self.figures {
            for places in 0...6 {
                #expect(
                    value.fixed(places) == value.generalFixed(places),
                    "\(value) to \(places) places (figures drawn with seed \(Self.figureSeed))")
            }
        }
        let filed = Decimal(string: "56.6667")!.rounded(2)
        #expect(filed.significandText(2) == "56.67", "a filed figure takes the fast path")
        #expect(Decimal(sign: .plus, exponent: 2, significand: 12).significandText(2) == nil, "12e2 does not")
    }
}

/// The head-count patterns `StaffPhrase` matches by hand, kept as the reference it is held to.
extension JixiaoRules.Patterns {
    nonisolated(unsafe) static let spentAmount =
        /(?:全年实际支出|全年支出|实际支出)([0-9]+(?:\.[0-9]+)?)万元/
    nonisolated(unsafe) static let staffAuthorized = /编制(?:人数|数)?(?:为|共|有)?([0-9]+)人/
    nonisolated(unsafe) static let staffActual = /(?:在职|实有)(?:职工|人员|人数)?(?:为|共|有)?([0-9]+)人/
}
