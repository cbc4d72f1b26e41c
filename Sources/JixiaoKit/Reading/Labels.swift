import Foundation

/// Label and value conventions shared by every table reader.
package enum Labels {
    static let posix = Locale(identifier: "en_US_POSIX")

    /// A label reduced for matching: no white space (ASCII or U+3000), ASCII brackets and
    /// colons, and the `—般` typo (U+2014 for 一) repaired.
    package static func norm(_ text: String) -> String {
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

    /// Trims ASCII spaces, tabs, CR, U+3000 and NBSP from both ends.
    package static func trim(_ text: String) -> String {
        let scalars = text.unicodeScalars
        func blank(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\r" || s == "\u{3000}" || s == "\u{A0}" }
        guard let first = scalars.firstIndex(where: { !blank($0) }) else { return "" }
        guard let last = scalars.lastIndex(where: { !blank($0) }) else { return "" }
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return text }
        return String(scalars[first...last])
    }

    /// Cell texts that mean "nothing here".
    package static let placeholders: Set<String> = ["", "——", "—", "-", "--", "/", "／", "……", "…", "无", "\\"]

    package static func isPlaceholder(_ text: String) -> Bool { placeholders.contains(norm(text)) }

    /// A cell's value: blank, a number (with a `%` flag), or text.
    package enum Value: Equatable {
        case blank
        case number(Decimal, percent: Bool)
        case text(String)
    }

    package static func value(_ text: String) -> Value {
        let t = norm(text)
        if placeholders.contains(t) { return .blank }
        var body = Substring(t)
        var percent = false
        if body.hasSuffix("%") || body.hasSuffix("％") { percent = true; body = body.dropLast() }
        if body.hasSuffix("万元") && !percent { body = body.dropLast(2) }
        guard let number = decimal(body) else { return .text(Labels.trim(text)) }
        return .number(number, percent: percent)
    }

    /// Parses `1,234.50`, `-3`, `.5` exactly as decimal; nil for anything else.
    package static func decimal<S: StringProtocol>(_ text: S) -> Decimal? {
        var digits = ""
        var seenDigit = false, seenDot = false
        for (i, ch) in text.enumerated() {
            switch ch {
            case "0"..."9": digits.append(ch); seenDigit = true
            case ".": if seenDot { return nil }; seenDot = true; digits.append(ch)
            case ",": if !seenDigit || seenDot { return nil }
            case "-", "+": if i != 0 { return nil }; if ch == "-" { digits.append(ch) }
            default: return nil
            }
        }
        guard seenDigit else { return nil }
        return Decimal(string: digits, locale: posix)
    }

    /// An amount cell in 万元 (`divisor` 10000 when the table is in 元).
    package static func amount(_ text: String, line: Int, divisor: Decimal = 1) -> (Figure, problem: String?) {
        switch value(text) {
        case .blank: return (Figure(nil, text: trim(text), line: line), nil)
        case .number(let n, let percent):
            if percent { return (Figure(nil, text: trim(text), line: line), "a percentage where an amount belongs") }
            return (Figure(n / divisor, text: trim(text), line: line), nil)
        case .text: return (Figure(nil, text: trim(text), line: line), "not a number")
        }
    }

    /// A score or weight cell (分值, 得分).
    package static func number(_ text: String, line: Int) -> (Figure, problem: String?) {
        switch value(text) {
        case .blank: return (Figure(nil, text: trim(text), line: line), nil)
        case .number(let n, _): return (Figure(n, text: trim(text), line: line), nil)
        case .text: return (Figure(nil, text: trim(text), line: line), "not a number")
        }
    }

    /// A rate cell as a fraction: `56.67%` → 0.5667; `98.5` (no %, above 1.5) → 0.985; `1` → 1.
    package static func rate(_ text: String, line: Int) -> (Figure, problem: String?) {
        switch value(text) {
        case .blank: return (Figure(nil, text: trim(text), line: line), nil)
        case .number(let n, let percent):
            let fraction = (percent || n > 1.5) ? n / 100 : n
            return (Figure(fraction, text: trim(text), line: line), nil)
        case .text: return (Figure(nil, text: trim(text), line: line), "not a rate")
        }
    }

    /// Splits `产出指标（20分）` into its name and weight; also `（20` + `分）`, a dropped bracket, no bracket.
    package static func level1(_ text: String) -> (name: String, weight: Decimal?) {
        let t = norm(text)
        guard let match = t.firstMatch(of: Patterns.level1Weight) else { return (trim(text), nil) }
        let name = String(match.1)
        guard !name.isEmpty, let weight = decimal(match.2) else { return (trim(text), nil) }
        return (name, weight)
    }

    /// Removes list numbering and prefixes: `3、专项资金：劳模服务` → `劳模服务`, `其中：公车购置` → `公车购置`.
    package static func bareName(_ text: String) -> String {
        var t = norm(text)
        if let m = t.firstMatch(of: Patterns.listNumbering), m.0.count < t.count { t = String(t[m.range.upperBound...]) }
        for prefix in ["其中:", "其中", "专项资金:", "省级专项资金:"] where t.hasPrefix(prefix) && t.count > prefix.count {
            t = String(t.dropFirst(prefix.count))
        }
        while t.hasSuffix(":") { t.removeLast() }
        return t
    }
}
