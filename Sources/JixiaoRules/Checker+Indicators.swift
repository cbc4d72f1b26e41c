import Foundation
import JixiaoModel

/// Checks of the indicator tree: weights against their first-level total, each indicator's
/// score against its rule, deviations and their explanations, and targets a reviewer would query.
extension Checker {
    static func weightLevel1(_ c: inout Checker) {
        c.eachTable { c, t in
            for group in t.firstLevelGroups {
                let sum = group.weightSum
                guard let weight = group.weight, sum != weight else { continue }
                let (name, level1) = (t.name, group.name)
                c.add(
                    group.line, t.target,
                    "\(name): \(level1) is worth \(points(weight)) but its indicators' 分值 add to \(points(sum))")
            }
        }
    }

    /// A quantitative indicator scored otherwise than its rule gives, unless the filing's own
    /// precision explains it (4.76 written 4.8 in a filing that writes scores to 0.1).
    static func scoreIndicator(_ c: inout Checker) { c.scoredAgainstItsRule(fullMarks: false) }

    static func scoreFullDespiteShortfall(_ c: inout Checker) { c.scoredAgainstItsRule(fullMarks: true) }

    /// The indicators whose reported score differs from their rule's, at full marks or below.
    mutating func scoredAgainstItsRule(fullMarks: Bool) {
        eachIndicator { c, t, i in
            let ind = i.indicator
            guard i.score.differs, (ind.score.value == ind.weight.value) == fullMarks,
                let computed = i.score.computed, case .computed(let basis) = i.score.basis,
                !c.filerRounding(of: ind.score, explains: computed, in: t)
            else { return }
            let (label, target, actual, reported) = (i.label, ind.target ?? "", ind.actual ?? "", ind.score.value)
            let scored = fullMarks ? "full marks" : "scored"
            c.add(
                ind.score.line ?? i.line, t.target,
                "\(label): 指标值 \(target) vs 实际 \(actual): \(scored) \(points(reported)), "
                    + "computed \(points(computed)) (\(basis))")
        }
    }

    /// Whether a reported score equals `computed` at the precision the filing writes its scores in,
    /// when that is coarser than the rule set's (and not whole points, which would excuse anything).
    func filerRounding(of figure: Figure, explains computed: Decimal, in table: CheckedTable) -> Bool {
        guard let reported = figure.value, let places = table.scorePlaces, places >= 1, places < rules.rounding
        else { return false }
        return computed.rounded(places) == reported
    }

    /// A score below its weight with no 偏差原因分析及改进措施: the rules ask for one wherever a
    /// target was missed, however little (88.6% against ≥90% still needs its cause).
    static func deviationMissing(_ c: inout Checker) {
        c.eachIndicator { c, t, i in
            let ind = i.indicator
            guard let s = ind.score.value, let w = ind.weight.value, s.isBelow(w), ind.deviation == nil else { return }
            let label = i.label
            c.add(
                i.line, t.target,
                "\(label): scored \(points(s)) of \(points(w)) with no 偏差原因分析及改"
                    + "进措施")
        }
    }

    /// A deduction explained by nothing (`略`, `无`, `已完成`), or by a cause with no 改进措施.
    static func deviationEmpty(_ c: inout Checker) {
        c.eachIndicator { c, t, i in
            let ind = i.indicator
            guard let s = ind.score.value, let w = ind.weight.value, s.isBelow(w), let text = ind.deviation else {
                return
            }
            let label = i.label
            if Self.isContentFree(text) {
                c.add(
                    i.line, t.target,
                    "\(label): scored \(points(s)) of \(points(w)); its 偏差原因 says only '\(text)'")
            } else if !Self.improvementWords.occurs(in: text) {
                c.add(
                    i.line, t.target,
                    "\(label): scored \(points(s)) of \(points(w)); its 偏差原因 gives a cause but no 改进措施")
            }
        }
    }

    static func isContentFree(_ text: String) -> Bool {
        let key = trimmingPunctuation(Labels.norm(text))
        // Looked through, as `==` compares: hashing normalised each 偏差原因 first.
        return Labels.isPlaceholderKey(key) || contentFree.contains { $0.isSameText(as: key) }
    }

    /// The text without the 。.;；,， at either end: what Foundation's `trimmingCharacters(in:)`
    /// leaves, scalar by scalar (each mark is one UTF-16 unit), without making a character set and
    /// bridging the string for every 偏差原因.
    static func trimmingPunctuation(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !endPunctuation.contains($0) }),
            let last = scalars.lastIndex(where: { !endPunctuation.contains($0) })
        else { return "" }
        return String(scalars[first...last])
    }

    static let endPunctuation: Set<Unicode.Scalar> = ["。", ".", ";", "；", ",", "，"]
    static let contentFreeWords = words("略 无 已完成 完成 无偏差 正常 达标 已达标 按计划完成")
    static let contentFree = contentFreeWords + ["见附件", "同上"]
    /// Words that announce a measure: what the unit will do about a deviation.
    static let improvementWords = WordList(
        words("改进 措施 加强 下一步 今后 将 进一步 完善 加快 提高 督促 整改")
            + words("优化 确保 争取")
            + words("计划 拟 力争 建议 下年度 下一年 次年 明年 以后 后续 下阶段"))

    static func dateYear(_ c: inout Checker) {
        guard let year = c.filing.year else { return }
        c.eachIndicator { c, t, i in
            guard let target = i.indicator.target, target.has("年") else { return }
            for named in Self.namedYears(in: target) where Int(named) != year {
                let label = i.label
                c.add(i.line, t.target, "\(label): 指标值 '\(target)' names \(named) in a \(year)年度 filing")
            }
        }
    }

    /// The years a text names, `20xx` before 年, as `(20[0-9]{2})年` finds them: read back
    /// from each 年 rather than by a regex tried at every character of every 指标值. Four ASCII
    /// digits and 年 are whole characters unless a mark follows 年 or something clusters with the
    /// first digit, so those two boundaries are checked, as the regex's Characters would.
    static func namedYears(in text: String) -> [String] {
        let yearLength = "年".utf8.count
        return text.withBytes { bytes in
            text.offsets(of: "年").compactMap { end -> String? in
                guard end >= 4 else { return nil }
                let digits = bytes[(end - 4)..<end]
                guard digits.starts(with: "20".utf8), digits.dropFirst(2).allSatisfy({ (48...57).contains($0) }),
                    text.isCharacterBoundary(atByte: end - 4), text.isCharacterBoundary(atByte: end + yearLength)
                else { return nil }
                return String(decoding: digits, as: UTF8.self)
            }
        }
    }

    static func actualText(_ c: inout Checker) {
        c.eachTable { c, t in
            let unverifiable = t.rows.filter {
                $0.read.written != nil && !$0.score.isVerifiable && !Labels.isPlaceholder($0.indicator.actual ?? "")
            }.map(\.indicator)
            guard !unverifiable.isEmpty else { return }
            let names = unverifiable.map { "\($0.level3) (\($0.target ?? "") → \($0.actual ?? ""))" }
                .joined(separator: "; ")
            let (name, count) = (t.name, unverifiable.count)
            c.add(
                unverifiable.first?.line, t.target,
                "\(name): \(count) quantitative indicator(s) have a text 实际完成值 and cannot be verified:"
                    + " \(names)")
        }
    }

    /// Words in a text 实际完成值 that report a shortfall.
    static let shortfallWords = ["超支", "超出", "未完成", "未达到", "延期", "滞后", "部分完成"]
    static let shortfallList = WordList(shortfallWords)

    /// Full marks beside a text actual that reports a shortfall, or a 成本指标 at full marks in a
    /// table that overspent.
    static func actualShortfall(_ c: inout Checker) {
        c.eachIndicator { c, t, i in
            let ind = i.indicator
            guard let w = ind.weight.value, ind.score.value?.equals(w) == true else { return }
            let actual = ind.actual ?? ""
            // The label and whether it is a 成本指标 are worked out only for a finding: most have none.
            if Self.shortfallList.occurs(in: actual),
                let word = Self.shortfallWords.first(where: { actual.has($0) && !actual.has("无" + $0) })
            {
                let (label, isCost) = (i.label, ind.isCost)
                let overspent = t.execution.rate.map {
                    isCost && $0.exceeds(1) ? ", in a table that spent \($0.percent)" : ""
                }
                c.add(
                    ind.score.line ?? i.line, t.target,
                    "\(label): 实际完成值 '\(actual)' reports a shortfall (\(word)) yet scores full marks "
                        + points(w) + (overspent ?? ""))
            } else if let rate = t.execution.rate, rate.exceeds(1), ind.isCost {
                let label = i.label
                c.add(
                    ind.score.line ?? i.line, t.target,
                    "\(label): a 成本指标 at full marks \(points(w)) while the table spent \(rate.percent) of its"
                        + " budget")
            }
        }
    }

    /// A 满意度 at full marks (text, or 100%) with no survey of its own subject named: not in its
    /// cells, and not in a report sentence that names a survey method or count and its subject.
    static func satisfactionUnsurveyed(_ c: inout Checker) {
        // The reports' survey sentences are sought only once an indicator needs them: most filings
        // have no 满意度 at full marks left unexplained by its own cells.
        var sentences: [String]?
        c.eachIndicator { c, t, i in
            let ind = i.indicator
            // The word first: most indicators are no 满意度, and the word costs less than the score.
            guard ind.isSatisfaction, let w = ind.weight.value, ind.score.value?.equals(w) == true else { return }
            let actual = ind.actual ?? ""
            guard Quantity.numberCount(Labels.norm(actual)) == 0 || actual.has("100") else { return }
            let cells = actual + (ind.deviation ?? "") + (ind.target ?? "")
            if Survey.methods.occurs(in: cells) { return }
            let subject = Survey.subject(of: ind)
            let surveys = sentences ?? c.surveySentences
            sentences = surveys
            if surveys.contains(where: { $0.has("满意") || (!subject.isEmpty && $0.has(subject)) }) { return }
            let label = i.label
            c.add(
                i.line, t.target,
                "\(label): 满意度 '\(actual)' at full marks, but neither the table nor the reports say how "
                    + (subject.isEmpty ? "it" : subject) + " was surveyed or how many answered")
        }
    }

    /// Report sentences that name a survey with a method and a count or 满意: worked out on first need.
    var surveySentences: [String] {
        allReports.flatMap { report in
            report.sections.flatMap { section in
                Survey.methods.occurs(in: section.text) ? Survey.sentences(section.heading + "。" + section.text) : []
            }
        }.filter(Survey.describesASurvey)
    }

    /// A result far beyond its target: ≥60% → 97%, ≤24小时 → 2小时.
    static func targetTooEasy(_ c: inout Checker) {
        let ratio = c.rules.easyTargetRatio
        c.eachIndicator { c, t, i in
            let ind = i.indicator
            guard !ind.isCost, let target = i.read.target, target.value.isPositive,
                let actual = i.read.actual, let a = actual.value(in: target.unit), a.isPositive
            else { return }
            let (over, under): (Decimal, Decimal)
            switch target.comparison {
            case .atLeast: (over, under) = (a, target.value)
            case .atMost: (over, under) = (target.value, a)
            case .equal: return
            }
            // over / under ≥ ratio, both positive, without the division (38 digits through
            // Foundation) for the many indicators that are not beyond it.
            guard !over.isBelow(ratio.times(under)) else { return }
            let (label, written, reached) = (i.label, ind.target ?? "", ind.actual ?? "")
            c.add(
                i.line, t.target,
                "\(label): 指标值 \(written), reached \(reached): "
                    + "\((over / under).rounded(1).plain) times the target "
                    + "(\(ratio.plain) or more suggests a target set too low)")
        }
    }

    /// A 成本指标 with no amount (`不超指标`), or whose ceiling is as large as the table's budget.
    static func costUnquantified(_ c: inout Checker) {
        c.eachIndicator { c, t, i in
            let ind = i.indicator
            guard ind.isCost, !ind.level3.isEmpty else { return }
            let (label, written) = (i.label, ind.target ?? "")
            let key = Labels.norm(written)
            // A norm named by reference (生均定额标准, 省定标准) is an amount the reviewer can look up.
            if Quantity.numberCount(key) == 0, !key.has("标准"), !key.has("定额") {
                c.add(i.line, t.target, "\(label): 成本指标 '\(written)' states no amount")
                return
            }
            guard Quantity.numberCount(key) > 0 else { return }
            guard let target = i.read.target, target.comparison != .atLeast || !key.has("≥"),
                let budget = t.funds.fullYear.value ?? t.funds.initial.value, budget.isPositive
            else { return }
            let ceiling: Decimal
            switch target.unit {
            case "万元": ceiling = target.value
            case "元": ceiling = target.value / 10000
            default: return
            }
            guard ceiling >= budget else { return }
            let relation = ceiling == budget ? "equals" : "exceeds"
            c.add(
                i.line, t.target,
                "\(label): 成本指标 '\(written)' \(relation) the table's own budget \(amount(budget)) 万元: "
                    + "it limits nothing")
        }
    }

    static func deviationCarryOver(_ c: inout Checker) {
        c.eachTable { c, t in
            let indicators = t.indicators
            guard t.project != nil, let carry = t.funds.carriedOver, let spent = carry.executed.value, spent > 0,
                indicators.indices.allSatisfy({ indicators[$0].deviation == nil })
            else { return }
            let name = t.name
            c.add(carry.line, t.target, "\(name): \(amount(spent)) 上年结转资金 spent; no deviation explained")
        }
    }
}

extension CheckedTable {
    /// The decimals the filing writes this table's scores with (the most any score shows), or nil.
    var scorePlaces: Int? {
        // Read where they stand: a list of the figures copied each 得分 and grew to take two more.
        let indicators = table.indicators
        var places = [funds.reportedScore.value, table.reportedTotal.value].compactMap { $0?.decimalPlaces }.max()
        for i in indicators.indices {
            if let score = indicators[i].score.value { places = max(places ?? 0, score.decimalPlaces) }
        }
        return places
    }
}

extension Indicator {
    var isCost: Bool { level1.has("成本") || level2.has("成本") }
    var isSatisfaction: Bool { level1.has("满意") || level2.has("满意") || level3.has("满意") }
}

/// What counts as evidence that a 满意度 was measured: a method (问卷, 满意度调查, 测评, 回访 …)
/// in the indicator's cells, or a report sentence naming a method with a count or 满意 and the
/// indicator's subject. The bare word 调查 (`调查研究`) is none.
enum Survey {
    static let methods = WordList(
        words("问卷 满意度调查 满意度测评 满意度调研 测评 回访 抽样 抽查")
            + words("访谈 电话调查 走访调查 调查问卷 样本 回收"))
    nonisolated(unsafe) static let counts = /[0-9]+(?:\.[0-9]+)?\s*(?:份|人次|人|户|名|个|家)/

    /// The text cut at each 。；; and line break that stands as a character of its own, empty
    /// pieces left out: `split` on those Characters, found on the bytes (a report is long, and the
    /// Character split looked each character up in the list of four).
    static func sentences(_ text: String) -> [String] {
        text.withBytes { bytes in
            var (pieces, start, position) = ([String](), 0, 0)
            func cut(_ end: Int) {
                if end > start { pieces.append(String(decoding: bytes[start..<end], as: UTF8.self)) }
            }
            while position < bytes.count {
                let length = separatorLength(bytes, at: position)
                guard length > 0, text.isCharacterBoundary(atByte: position),
                    text.isCharacterBoundary(atByte: position + length)
                else {
                    position += 1
                    continue
                }
                cut(position)
                (start, position) = (position + length, position + length)
            }
            cut(bytes.count)
            return pieces
        }
    }

    /// The length of the separator (`。` E3 80 82, `；` EF BC 9B, `;`, `\n`) at `position`, else 0.
    private static func separatorLength(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> Int {
        switch bytes[position] {
        case 0x0A, 0x3B: return 1
        case 0xE3, 0xEF:
            let rest: (UInt8, UInt8) = bytes[position] == 0xE3 ? (0x80, 0x82) : (0xBC, 0x9B)
            guard position + 2 < bytes.count else { return 0 }
            return bytes[position + 1] == rest.0 && bytes[position + 2] == rest.1 ? 3 : 0
        default: return 0
        }
    }

    static func describesASurvey(_ sentence: String) -> Bool {
        methods.occurs(in: sentence) && (sentence.has("满意") || sentence.firstMatch(of: counts) != nil)
    }

    /// `服务对象` of `服务对象满意度`: whom the indicator says was satisfied; empty when it names no one.
    static func subject(of ind: Indicator) -> String { subject(ofName: Labels.norm(ind.level3)) }

    static let satisfactionWords = ["满意度", "满意率", "满意"]

    static func subject(ofName name: String) -> String {
        // A name of simple scalars alone (`Checker.simpleScalars`: none decomposes, combines or
        // clusters) is cut on its bytes, where Foundation's search, which also finds canonically
        // equivalent forms (率 written as U+F961), finds the same. Any other goes through Foundation.
        guard Checker.simpleScalars(name) != nil else { return subjectThroughFoundation(name) }
        var key = name
        for word in satisfactionWords {
            if let offset = key.firstOffset(of: word, from: 0) {
                key = String(decoding: key.utf8.prefix(offset), as: UTF8.self)
            }
        }
        return key.unicodeScalars.count >= 2 ? key : ""
    }

    static func subjectThroughFoundation(_ name: String) -> String {
        var key = name
        for word in satisfactionWords {
            if let range = key.range(of: word) { key = String(key[..<range.lowerBound]) }
        }
        return key.count >= 2 ? key : ""
    }
}

/// The words of a space-separated list: long word lists read (and stay within a line) this way.
func words(_ list: String) -> [String] { list.split(separator: " ").map(String.init) }
