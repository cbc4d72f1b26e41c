import Foundation
import JixiaoModel

/// How the reader reads amount, score, rate and first-level cells.
extension Labels {
    /// An amount cell in 万元 (`divisor` 10000 when the table is in 元).
    package static func amount(_ text: String, line: Int, divisor: Decimal = 1) -> (Figure, problem: String?) {
        amount(text, key: norm(text), line: line, divisor: divisor)
    }

    /// `amount` of a cell, from the key it already holds.
    static func amount(_ cell: Cell, divisor: Decimal = 1) -> (Figure, problem: String?) {
        amount(cell.text, key: cell.key, line: cell.line, divisor: divisor)
    }

    private static func amount(_ text: String, key: String, line: Int, divisor: Decimal) -> (Figure, problem: String?) {
        switch value(text, key: key) {
        case .blank: return (Figure(nil, text: trim(text), line: line), nil)
        case .number(let n, let percent):
            if percent { return (Figure(nil, text: trim(text), line: line), "a percentage where an amount belongs") }
            if let why = limitProblem(key, value: n) { return (Figure(nil, text: trim(text), line: line), why) }
            return (Figure(divisor == 1 ? n : n / divisor, text: trim(text), line: line), nil)
        case .text: return (Figure(nil, text: trim(text), line: line), "not a number")
        }
    }

    /// A score or weight cell (分值, 得分).
    package static func number(_ text: String, line: Int) -> (Figure, problem: String?) {
        number(text, key: norm(text), line: line)
    }

    /// `number` of a cell, from the key it already holds.
    static func number(_ cell: Cell) -> (Figure, problem: String?) { number(cell.text, key: cell.key, line: cell.line) }

    private static func number(_ text: String, key: String, line: Int) -> (Figure, problem: String?) {
        switch value(text, key: key) {
        case .blank: return (Figure(nil, text: trim(text), line: line), nil)
        case .number(let n, _):
            if let why = limitProblem(key, value: n) { return (Figure(nil, text: trim(text), line: line), why) }
            return (Figure(n, text: trim(text), line: line), nil)
        case .text: return (Figure(nil, text: trim(text), line: line), "not a number")
        }
    }

    /// A rate cell as a fraction: `56.67%` → 0.5667; `98.5` (no %, above 1.5) → 0.985; `1` → 1.
    package static func rate(_ text: String, line: Int) -> (Figure, problem: String?) {
        rate(text, key: norm(text), line: line)
    }

    /// `rate` of a cell, from the key it already holds.
    static func rate(_ cell: Cell) -> (Figure, problem: String?) { rate(cell.text, key: cell.key, line: cell.line) }

    private static func rate(_ text: String, key: String, line: Int) -> (Figure, problem: String?) {
        switch value(text, key: key) {
        case .blank: return (Figure(nil, text: trim(text), line: line), nil)
        case .number(let n, let percent):
            let fraction = (percent || n > 1.5) ? n.movingPoint(-2) : n
            return (Figure(fraction, text: trim(text), line: line), nil)
        case .text: return (Figure(nil, text: trim(text), line: line), "not a rate")
        }
    }

    /// Splits `产出指标（20分）` into its name and weight; also `（20` + `分）`, a dropped bracket,
    /// no bracket. Read from the end on scalars: this runs for every indicator row.
    /// `key`: `norm(text)` when the caller has it (a cell does).
    package static func level1(_ text: String, key: String? = nil) -> (name: String, weight: Decimal?) {
        var key = key ?? norm(text)
        key = withoutLast(")", of: key) ?? key
        key = withoutLast("分", of: key) ?? key
        guard let split = lastNumber(key), split.after.isEmpty else { return (trim(text), nil) }
        let name = withoutLast("(", of: split.before) ?? split.before
        guard !name.isEmpty, let weight = decimal(split.number) else { return (trim(text), nil) }
        return (name, weight)
    }

    /// `text` without its last Character when that is `last`, else nil. The bytes are tested first
    /// and then that a Character begins where they do (nothing joined to them); the Character's
    /// bytes are then cut off, where `hasSuffix` and `removeLast` compared and stepped by Characters.
    static func withoutLast(_ last: Character, of text: String) -> String? {
        let suffix = String(last)
        let start = text.utf8.count - suffix.utf8.count
        guard text.ends(with: suffix), text.isCharacterBoundary(atByte: start) else { return nil }
        return String(Substring(text.utf8.prefix(start)))
    }
}
