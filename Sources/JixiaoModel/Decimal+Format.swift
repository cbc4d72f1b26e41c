import Foundation

extension Decimal {
    /// Rounds half away from zero to `places` decimal places, as the filings' 2-decimal figures are rounded.
    package func rounded(_ places: Int) -> Decimal {
        if let words = DecimalWords(self), let result = words.rounded(places) {
            if result == words { return self }
            if let value = result.decimal { return value }
        } else if let value = WideWords(self)?.rounded(places)?.decimal {
            return value
        }
        var input = self
        var result = Decimal()
        NSDecimalRound(&result, &input, places, .plain)
        return result
    }

    /// Fixed-point text with exactly `places` decimals: `5.67`, `100.00`. Never a binary-float artefact.
    package func fixed(_ places: Int) -> String {
        let r = rounded(places)
        return r.significandText(places) ?? r.generalFixed(places)
    }

    /// `fixed` through Foundation's `description`, for any value (`package` for the test that holds
    /// the fast path to it).
    package func generalFixed(_ places: Int) -> String {
        let r = rounded(places)
        var text = "\(r)"
        if text.contains("e") || text.contains("E") { text = NSDecimalNumber(decimal: r).stringValue }
        guard places > 0 else { return text }
        let parts = text.split(separator: ".", maxSplits: 1)
        let whole = parts.first.map(String.init) ?? "0"
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        if fraction.count < places { fraction += String(repeating: "0", count: places - fraction.count) }
        return whole + "." + fraction
    }

    /// `fixed` for a value already rounded to `places`, written from its integer significand when
    /// that fits 64 bits and the exponent needs no more than `places` decimals (every figure a
    /// filing holds), else nil. Formatting the figures in findings through `description` was a
    /// tenth of the time spent checking a county.
    package func significandText(_ places: Int) -> String? {
        guard let words = DecimalWords(self), words.exponent <= 0, -words.exponent <= places else { return nil }
        let scale = -words.exponent
        var digits = String(words.significand)
        if digits.count <= scale { digits = String(repeating: "0", count: scale + 1 - digits.count) + digits }
        let point = digits.index(digits.endIndex, offsetBy: -scale)
        var text = (words.negative && words.significand != 0 ? "-" : "") + digits[..<point]
        if places > 0 { text += "." + digits[point...] + String(repeating: "0", count: places - scale) }
        return text
    }

    /// The shortest exact text, as a filing writes it: `6`, `3.4`, `7.5`.
    package var plain: String { DecimalWords(self)?.text ?? "\(self)" }

    /// A fraction shown as a percentage with two decimals: 0.56666 → `56.67%`.
    package var percent: String { movingPoint(2).fixed(2) + "%" }

    /// The value × 10^`places` (`-2`: a percentage as a fraction): the same value Foundation's
    /// `* 100` or `/ 100` gives, its point moved in the words where they can be read, since a
    /// division through Foundation works out 38 digits and drops the zeros one at a time.
    package func movingPoint(_ places: Int) -> Decimal {
        if var words = DecimalWords(self), words.significand != 0 {
            words.exponent += places
            if let value = words.decimal { return value }
        }
        let power = Decimal(sign: .plus, exponent: abs(places), significand: 1)
        return places >= 0 ? self * power : self / power
    }

    package var doubleValue: Double { NSDecimalNumber(decimal: self).doubleValue }
}

/// How a rounded amount or score is printed in tables: two decimals, or blank.
package func money(_ value: Decimal?) -> String { value.map { $0.fixed(2) } ?? "" }
/// A fraction printed as a percentage, or blank.
package func rate(_ value: Decimal?) -> String { value.map { $0.percent } ?? "" }
/// A score or weight as filed: up to two decimals, trailing zeros dropped (`5`, `7.5`, `9.69`).
package func points(_ value: Decimal?) -> String { value.map { $0.rounded(2).plain } ?? "" }
