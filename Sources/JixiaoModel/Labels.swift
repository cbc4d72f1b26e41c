import Foundation

/// The filings' label and value conventions: how a label is matched, what counts as an
/// empty cell, and how a figure's text is read as an exact decimal.
package enum Labels {
    static let posix = Locale(identifier: "en_US_POSIX")
    nonisolated(unsafe) static let listNumbering =
        /^(?:[0-9]+[、.．]|[一二三四五六七八九十]+、|\([0-9]+\))/

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
        func blank(_ s: Unicode.Scalar) -> Bool {
            s == " " || s == "\t" || s == "\r" || s == "\u{3000}" || s == "\u{A0}"
        }
        guard let first = scalars.firstIndex(where: { !blank($0) }) else { return "" }
        guard let last = scalars.lastIndex(where: { !blank($0) }) else { return "" }
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return text }
        return String(scalars[first...last])
    }

    /// Cell texts that mean "nothing here".
    package static let placeholders: Set<String> = [
        "", "——", "—", "-", "--", "/", "／", "……", "…", "无", "\\",
    ]

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
        if body.hasSuffix("%") || body.hasSuffix("％") {
            percent = true
            body = body.dropLast()
        }
        if body.hasSuffix("万元") && !percent { body = body.dropLast(2) }
        guard let number = decimal(body) else { return .text(Labels.trim(text)) }
        return .number(number, percent: percent)
    }

    /// Parses `1,234.50`, `-3`, `.5` exactly as decimal; nil for anything else.
    package static func decimal<S: StringProtocol>(_ text: S) -> Decimal? {
        var digits = ""
        var seenDigit = false
        var seenDot = false
        for (i, ch) in text.enumerated() {
            switch ch {
            case "0"..."9":
                digits.append(ch)
                seenDigit = true
            case ".":
                if seenDot { return nil }
                seenDot = true
                digits.append(ch)
            case ",": if !seenDigit || seenDot { return nil }
            case "-", "+":
                if i != 0 { return nil }
                if ch == "-" { digits.append(ch) }
            default: return nil
            }
        }
        guard seenDigit else { return nil }
        return Decimal(string: digits, locale: posix)
    }

    /// Removes list numbering and prefixes: `3、专项资金：劳模服务` → `劳模服务`,
    /// `其中：公车购置` → `公车购置`.
    package static func bareName(_ text: String) -> String {
        var t = norm(text)
        if let m = t.firstMatch(of: listNumbering), m.0.count < t.count { t = String(t[m.range.upperBound...]) }
        for prefix in ["其中:", "其中", "专项资金:", "省级专项资金:"]
        where t.hasPrefix(prefix) && t.count > prefix.count {
            t = String(t.dropFirst(prefix.count))
        }
        while t.hasSuffix(":") { t.removeLast() }
        return t
    }
}

extension String {
    /// Substring test on UTF-8 bytes, without Foundation's locale-aware search or the generic
    /// collection search, both of which dominated reading time.
    package func has(_ part: String) -> Bool {
        if part.isEmpty { return true }
        var haystack = self
        var needle = part
        return haystack.withUTF8 { h in needle.withUTF8 { n in Self.search(h, n) } }
    }

    private static func search(_ h: UnsafeBufferPointer<UInt8>, _ n: UnsafeBufferPointer<UInt8>) -> Bool {
        guard n.count <= h.count, let first = n.first else { return n.isEmpty }
        var i = 0
        let last = h.count - n.count
        while i <= last {
            if h[i] == first {
                var j = 1
                while j < n.count && h[i + j] == n[j] { j += 1 }
                if j == n.count { return true }
            }
            i += 1
        }
        return false
    }
}
