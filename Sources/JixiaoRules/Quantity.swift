import Foundation
import JixiaoModel

/// A quantity read from an indicator's 指标值 or 实际完成值: a comparison, a number and its unit.
public struct Quantity: Equatable, Sendable {
    public enum Comparison: String, Sendable { case atLeast = "≥", atMost = "≤", equal = "=" }
    public var comparison: Comparison
    public var value: Decimal
    public var unit: String

    /// Reads `≥90%`, `≤12万元`, `60场`, `不少于24场`, `全县12个乡镇`. Dates and periods
    /// (`2023年12月31日前`, `5月至10月`) are not quantities.
    public static func parse(_ text: String?) -> Quantity? {
        parseStated(text)?.quantity
    }

    /// Words naming an adverse event, whose count is better low: 0起 of them is an upper bound.
    static let adverseWords = [
        "事故", "投诉", "违规", "违纪", "违法", "差错", "纠纷", "案件", "伤亡", "上访", "信访",
        "事件",
    ]

    /// An indicator's target: as written, except that a target of zero adverse events
    /// (`0起`, `零事故`, `无重大安全事故`) is met only at or below zero, whatever no word says.
    public static func target(of indicator: Indicator) -> Quantity? {
        target(level3: indicator.level3, target: indicator.target, stated: parseStated(indicator.target))
    }

    /// `target(of:)` from the two cells it reads, an indicator's 三级指标 and 指标值, with the
    /// 指标值 already read by `parseStated`.
    static func target(level3: String, target: String?, stated: Stated?) -> Quantity? {
        let adverse = adverseList.occurs(in: level3, then: target ?? "")
        if adverse, let target {
            let t = Labels.norm(target)
            if t.begins(with: "零") || t.begins(with: "无") || t == "0" {
                return Quantity(comparison: .atMost, value: 0, unit: "")
            }
        }
        guard let stated else { return nil }
        if adverse, !stated.explicit, stated.quantity.value == 0 {
            return Quantity(comparison: .atMost, value: 0, unit: stated.quantity.unit)
        }
        return stated.quantity
    }

    static let adverseList = WordList(adverseWords)

    /// An indicator's 指标值 and 实际完成值 as quantities, read once for the scoring and every
    /// check that asks: each was read five or six times an analysis.
    struct Read {
        /// The 指标值 as written (`parse`), and as it is scored (`target(of:)`).
        let written: Quantity?
        let target: Quantity?
        let actual: Quantity?

        init(_ indicator: Indicator) {
            self.init(level3: indicator.level3, target: indicator.target, actual: indicator.actual)
        }

        /// From the three cells it reads.
        init(level3: String, target: String?, actual: String?) {
            let stated = parseStated(target)
            written = stated?.quantity
            self.target = Quantity.target(level3: level3, target: target, stated: stated)
            self.actual = parse(actual)
        }

        /// Each indicator of `table`, in order.
        static func each(_ table: ScoredTable) -> [Read] {
            // The three cells taken from each indicator where it stands: handed whole, each
            // indicator was copied (its strings retained and released) to read three of them.
            let indicators = table.indicators
            return indicators.indices.map { i in
                Read(level3: indicators[i].level3, target: indicators[i].target, actual: indicators[i].actual)
            }
        }
    }
    static let comparisonLists = comparisonWords.map { (words: WordList($0.0), comparison: $0.1) }

    /// The words that state a comparison, strongest first.
    static let comparisonWords: [([String], Comparison)] = [
        (["≥", "≧", ">=", "大于等于", "不低于", "不少于", "至少", "以上", ">", "＞"], .atLeast),
        (
            [
                "≤", "≦", "<=", "小于等于", "不高于", "不超过", "不多于", "以内", "以下",
                "控制在", "<", "＜",
            ], .atMost
        ),
        (["=", "＝"], .equal),
    ]

    /// A quantity and whether a word (≥, 不少于, 以内, …) stated its comparison. A struct: an optional
    /// tuple was copied and destroyed through the runtime's generic tuple witnesses.
    struct Stated {
        var quantity: Quantity
        var explicit: Bool
    }

    /// The quantity and whether a word (≥, 不少于, 以内, …) stated its comparison.
    static func parseStated(_ text: String?) -> Stated? {
        guard let text else { return nil }
        let t = withoutThousandsSeparators(Labels.norm(text))
        // The cheap refusals first (ranges, dates and rules with several figures are no single
        // quantity); making the Decimal is the dear part.
        let numbers = t.withBytes(Self.numbers)
        guard numbers.count == 1, let sole = numbers.last else { return nil }
        // The sole number is also the last, and what follows it the unit.
        let start = t.utf8.index(t.utf8.startIndex, offsetBy: sole.lowerBound)
        let end = t.utf8.index(start, offsetBy: sole.count)
        var unit = String(t[end...])
        for suffix in unitSuffixes where unit.ends(with: suffix) {
            unit = String(unit.dropLast(suffix.count))
        }
        if datePrefixes.contains(where: { unit.begins(with: $0) }) { return nil }
        guard let value = Labels.decimal(t[start..<end]) else { return nil }
        var comparison = Comparison.atLeast
        var explicit = false
        // By index: a `for (words, c)` copied each list, its tables retained and released.
        for k in comparisonLists.indices where comparisonLists[k].words.occurs(in: t) {
            comparison = comparisonLists[k].comparison
            explicit = true
            break
        }
        return Stated(quantity: Quantity(comparison: comparison, value: value, unit: unit), explicit: explicit)
    }

    static let unitSuffixes = ["以上", "以内", "以下", "及以上", "左右"]
    /// Units that make the number part of a date or period, which is no quantity.
    static let datePrefixes = ["年", "月", "日", "号", "季度"]

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    /// `≥8,000人次` → `≥8000人次`: a comma between a digit and exactly three more is a thousands
    /// separator (`1,2` and `12,3456` are left alone, and stay two numbers).
    static func withoutThousandsSeparators(_ text: String) -> String {
        guard text.withBytes({ $0.contains(UInt8(ascii: ",")) }) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (i, scalar) in scalars.enumerated() {
            let separates =
                scalar == "," && i > 0 && isDigit(scalars[i - 1]) && i + 3 < scalars.count
                && (1...3).allSatisfy { i + $0 < scalars.count && isDigit(scalars[i + $0]) }
                && (i + 4 >= scalars.count || !isDigit(scalars[i + 4]))
            if !separates { out.append(scalar) }
        }
        return String(out)
    }

    /// How many numbers (`12`, `12.5`) the text holds.
    static func numberCount(_ text: String) -> Int {
        text.withBytes(numbers).count
    }

    /// How many numbers (`12`, `12.5`) the UTF-8 holds, and the byte offsets of the last. Digits
    /// and the dot are ASCII, bytes no other character's UTF-8 holds, so the scan is the scan of
    /// the scalars.
    static func numbers(in bytes: UnsafeBufferPointer<UInt8>) -> (count: Int, last: Range<Int>?) {
        func isDigit(_ i: Int) -> Bool { i < bytes.count && (48...57).contains(bytes[i]) }
        var count = 0
        var last: Range<Int>?
        var i = 0
        while i < bytes.count {
            guard isDigit(i) else {
                i += 1
                continue
            }
            let start = i
            while isDigit(i) { i += 1 }
            if i < bytes.count && bytes[i] == UInt8(ascii: ".") && isDigit(i + 1) {
                i += 1
                while isDigit(i) { i += 1 }
            }
            count += 1
            last = start..<i
        }
        return (count, last)
    }

    /// `value` converted to `unit`'s scale when the two differ only by 万 (万人次 vs 人次).
    func value(in unit: String) -> Decimal? {
        if unit == self.unit { return value }
        if "万" + unit == self.unit { return value * 10000 }
        if unit == "万" + self.unit { return value / 10000 }
        if unit.isEmpty || self.unit.isEmpty { return value }
        return nil
    }
}

/// An indicator-specific rule written into the target cell, e.g.
/// 宣传次数大于等于5次得满分，下降一次扣一分: score = max(0, w − k × max(0, T − A)).
struct DeductionRule: Equatable {
    var target: Decimal
    var perUnit: Decimal

    static func parse(_ text: String?) -> DeductionRule? {
        guard let text, text.has("满分"), let m = Labels.norm(text).firstMatch(of: Patterns.deduction) else {
            return nil
        }
        guard let target = Labels.decimal(m.output.1) else { return nil }
        let k = Labels.decimal(m.output.2) ?? chineseDigit(String(m.output.2))
        guard let k else { return nil }
        return DeductionRule(target: target, perUnit: k)
    }

    static func chineseDigit(_ s: String) -> Decimal? {
        let digits: [String: Decimal] = [
            "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "半": Decimal(5) / 10,
        ]
        return digits[s]
    }
}
