import Foundation

/// A `Decimal` whose significand fits 64 bits, as plain integers: nearly every figure a filing
/// holds, and every score and rounded amount.
///
/// Why by hand: Foundation's `Decimal` on Linux keeps its fields internal and works each rounding,
/// each `description` and each construction through heap-allocated digit arrays, thousands of
/// instructions and several allocations for a figure like 12.5 (in the shell fuzzer's profile,
/// Decimal made a third of all allocations; in a county's checks, a tenth of the time). The
/// helpers here read and write the 20 bytes Foundation lays a value out in, and leave every
/// other value to Foundation: an `Int8` exponent; a byte of length in 16-bit words (high nibble),
/// sign (`0x08`) and compactness (`0x04`); two reserved bytes; eight little-endian `UInt16` words.
/// `layoutHolds` checks that reading against Foundation's own accessors once, and nothing here is
/// used if it fails. `DecimalWordsTests` holds each helper to Foundation's bytes on seeded values.
package struct DecimalWords: Equatable, Sendable {
    package var negative: Bool
    package var significand: UInt64
    package var exponent: Int

    package init(negative: Bool, significand: UInt64, exponent: Int) {
        self.negative = negative
        self.significand = significand
        self.exponent = exponent
    }

    /// The value's words, or nil for NaN, for a significand of more than 64 bits, and whenever
    /// the layout is not the one described above.
    package init?(_ value: Decimal) {
        guard Self.layoutHolds, let words = Self.read(value) else { return nil }
        self = words
    }

    static func read(_ value: Decimal) -> DecimalWords? {
        withUnsafeBytes(of: value) { raw -> DecimalWords? in
            let flags = raw[1]
            let length = Int(flags >> 4)
            let negative = flags & 0x08 != 0
            guard length <= 4, length > 0 || !negative else { return nil }
            var significand: UInt64 = 0
            for word in (0..<length).reversed() {
                significand = significand << 16 | UInt64(raw[4 + 2 * word]) | UInt64(raw[5 + 2 * word]) << 8
            }
            return DecimalWords(negative: negative, significand: significand, exponent: Int(Int8(bitPattern: raw[0])))
        }
    }

    /// The value of these words: made in place when they fit, by Foundation when not (zero, an
    /// exponent out of range).
    package var exactDecimal: Decimal {
        decimal ?? Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(significand))
    }

    /// The value Foundation would make of these words (`Decimal(sign:exponent:significand:)`):
    /// trailing zeros moved into the exponent. Nil for zero and for an exponent out of range,
    /// which Foundation makes itself.
    package var decimal: Decimal? {
        guard Self.layoutHolds, significand != 0 else { return nil }
        let (significand, exponent) = (compacted.significand, compacted.exponent)
        guard let small = Int8(exactly: exponent) else { return nil }
        let length = (64 - significand.leadingZeroBitCount + 15) / 16
        var value = Decimal()
        withUnsafeMutableBytes(of: &value) { raw in
            for index in raw.indices { raw[index] = 0 }
            raw[0] = UInt8(bitPattern: small)
            raw[1] = UInt8(length << 4) | (negative ? 0x08 : 0) | 0x04
            for word in 0..<length {
                raw[4 + 2 * word] = UInt8(truncatingIfNeeded: significand >> (16 * word))
                raw[5 + 2 * word] = UInt8(truncatingIfNeeded: significand >> (16 * word + 8))
            }
        }
        return value
    }

    /// The same value with its trailing zeros moved into the exponent (zero as it is).
    package var compacted: DecimalWords {
        var words = self
        while words.significand != 0, words.significand % 10 == 0 {
            words.significand /= 10
            words.exponent += 1
        }
        return words
    }

    /// Rounded half away from zero to `places` decimals, as `NSDecimalRound(…, .plain)` rounds;
    /// nil where the answer is zero or the arithmetic would leave 64 bits.
    package func rounded(_ places: Int) -> DecimalWords? {
        let drop = -exponent - places
        guard drop > 0 else { return self }
        guard drop <= 19 else { return nil }
        let unit = Self.powersOfTen[drop]
        var kept = significand / unit
        if significand % unit >= unit / 2 {
            guard kept < UInt64.max else { return nil }
            kept += 1
        }
        guard kept != 0 else { return nil }
        return DecimalWords(negative: negative, significand: kept, exponent: -places)
    }

    /// Whether the magnitude is beyond 10^`power`: the significand against a power of ten, where
    /// Foundation's comparison would first bring both to one exponent in digit arrays.
    package func exceeds(powerOfTen power: Int) -> Bool {
        let shift = power - exponent  // |value| > 10^power ⟺ significand > 10^shift
        if shift < 0 { return significand != 0 }
        return shift < Self.powersOfTen.count && significand > Self.powersOfTen[shift]
    }

    /// The text Foundation's `description` gives: the digits with the point placed by the exponent
    /// (`12.5`, `0.05`, `500`), `-` before a negative value, `0` for zero.
    package var text: String {
        guard significand != 0 else { return "0" }
        let digits = String(significand)
        let sign = negative ? "-" : ""
        if exponent >= 0 { return sign + digits + String(repeating: "0", count: exponent) }
        let scale = -exponent
        guard digits.utf8.count > scale else {
            return sign + "0." + String(repeating: "0", count: scale - digits.utf8.count) + digits
        }
        let point = digits.utf8.index(digits.utf8.endIndex, offsetBy: -scale)
        return sign + digits[..<point] + "." + digits[point...]
    }

    /// The double nearest the value, where one IEEE operation finds it: a significand of at most
    /// 2^53 and a power of ten up to 10^22 are both exact doubles, so their product or quotient is
    /// correctly rounded (Clinger's fast path, the first thing `strtod` tries). Nil elsewhere: the
    /// caller then parses the text, as Foundation would. Zero is 0.
    package var double: Double? {
        guard significand != 0 else { return 0 }
        guard significand <= 1 << 53, exponent >= -22, exponent <= 22 else { return nil }
        let magnitude = Double(significand)
        let scale = Self.exactPowersOfTen[abs(exponent)]
        let value = exponent < 0 ? magnitude / scale : magnitude * scale
        return negative ? -value : value
    }

    /// 10^0 … 10^22, each exact: 5^22 is below 2^53.
    static let exactPowersOfTen: [Double] = (0...22).map { power in
        (0..<power).reduce(1.0) { product, _ in product * 10 }
    }

    static let powersOfTen: [UInt64] = (0...19).map { power in (0..<power).reduce(1) { product, _ in product * 10 } }

    /// Whether this machine's Foundation lays a `Decimal` out as read here: the size, and values
    /// made by Foundation read back as made (small and large, both signs, both exponent signs).
    static let layoutHolds: Bool = {
        guard MemoryLayout<Decimal>.size == 20 else { return false }
        let samples: [(Bool, UInt64, Int)] = [
            (false, 15, -1), (true, 25, -1), (false, 7, 4), (true, 700_005, -1),
            (false, 123_456_789_012_345_678, -9), (true, 18_446_744_073_709_551_615, 3),
        ]
        return samples.allSatisfy { negative, significand, exponent in
            let made = Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(significand))
            return read(made) == DecimalWords(negative: negative, significand: significand, exponent: exponent)
                && made.exponent == exponent && (made.sign == .minus) == negative
        }
    }()
}
