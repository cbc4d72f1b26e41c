import Foundation

extension DecimalWords {
    /// The exact sum, where it fits 64 bits once both are brought to the smaller exponent; nil
    /// otherwise. A sum of zero has a significand of zero, which `Decimal.plus` makes Foundation's
    /// zero of.
    package func adding(_ other: DecimalWords) -> DecimalWords? {
        // `high` has the larger exponent: its significand is scaled down to `low`'s exponent.
        let (high, low) = exponent >= other.exponent ? (self, other) : (other, self)
        let shift = high.exponent - low.exponent
        guard shift < Self.powersOfTen.count else { return nil }
        let (scaled, overflow) = high.significand.multipliedReportingOverflow(by: Self.powersOfTen[shift])
        guard !overflow else { return nil }
        let sum: DecimalWords
        if high.negative == low.negative {
            let (total, carried) = scaled.addingReportingOverflow(low.significand)
            guard !carried else { return nil }
            sum = DecimalWords(negative: low.negative, significand: total, exponent: low.exponent)
        } else if scaled >= low.significand {
            sum = DecimalWords(negative: high.negative, significand: scaled - low.significand, exponent: low.exponent)
        } else {
            sum = DecimalWords(negative: low.negative, significand: low.significand - scaled, exponent: low.exponent)
        }
        return sum
    }
}

extension Decimal {
    /// `self + other`: from the words where both fit 64 bits (the sum is then exact, as
    /// Foundation's is below 38 digits), else Foundation's `+`. Foundation brings both operands to
    /// one exponent in digit arrays and compacts the result a digit at a time, about three thousand
    /// instructions an addition; the scores and checks of a county add a few million times.
    @usableFromInline package func plus(_ other: Decimal) -> Decimal {
        if let a = DecimalWords(self), let b = DecimalWords(other), let sum = a.adding(b) {
            // As Foundation adds: a zero operand gives the other as it is (a zero with its exponent
            // too), and two others that cancel give the zero of all zero bytes. A column of blank
            // or zero scores adds zeros all the way down.
            if a.significand == 0 { return other }
            if b.significand == 0 { return self }
            if sum.significand == 0 { return Decimal() }
            if let value = sum.decimal { return value }
        }
        return self + other
    }
}

extension Decimal {
    /// `self - other`: the sum with `other`'s sign turned, where neither is zero and both fit 64
    /// bits; else Foundation's `-` (about six thousand instructions, for a subtraction a grade
    /// band or a rule's weights make a few times a table).
    package func minus(_ other: Decimal) -> Decimal {
        if let a = DecimalWords(self), var b = DecimalWords(other), a.significand != 0, b.significand != 0 {
            b.negative.toggle()
            if let difference = a.adding(b) {
                if difference.significand == 0 { return Decimal() }
                if let value = difference.decimal { return value }
            }
        }
        return self - other
    }

    /// `self * other`: the product of the significands where it fits 64 bits and neither is zero
    /// (exact, as Foundation's is below 38 digits); else Foundation's `*`.
    package func times(_ other: Decimal) -> Decimal {
        if let a = DecimalWords(self), let b = DecimalWords(other), a.significand != 0, b.significand != 0 {
            let (product, overflow) = a.significand.multipliedReportingOverflow(by: b.significand)
            let words = DecimalWords(
                negative: a.negative != b.negative, significand: product, exponent: a.exponent + b.exponent)
            if !overflow, let value = words.decimal { return value }
        }
        return self * other
    }
}

extension Sequence {
    /// The sum of the decimals `value` gives, a nil counting as nothing (a blank cell), added as
    /// `plus` adds: the same value as `reduce(0) { $0 + ($1 ?? 0) }`.
    @inlinable package func sum(_ value: (Element) -> Decimal?) -> Decimal {
        reduce(Decimal(0)) { total, element in value(element).map(total.plus) ?? total }
    }
}

extension DecimalWords {
    /// The exact quotient, where it ends within 64 bits of significand: `self` × 10^k divides by
    /// `other` for some k up to 19 (75 / 100, 9.5 / 10). Nil for a quotient that does not end
    /// there (1 / 3), for a zero on either side, and wherever the words would overflow.
    package func dividedExactly(by other: DecimalWords) -> DecimalWords? {
        guard significand != 0, other.significand != 0 else { return nil }
        for shift in 0..<Self.powersOfTen.count {
            let (scaled, overflow) = significand.multipliedReportingOverflow(by: Self.powersOfTen[shift])
            guard !overflow else { return nil }
            guard scaled % other.significand == 0 else { continue }
            return DecimalWords(
                negative: negative != other.negative, significand: scaled / other.significand,
                exponent: exponent - other.exponent - shift)
        }
        return nil
    }
}

extension Decimal {
    /// `self / other`: on the words where the quotient ends within 64 bits (it is then exact, as
    /// Foundation's 38-digit quotient of it is), else Foundation's `/`. Foundation works out 38
    /// digits and drops the trailing zeros one at a time, which made an exact quotient such as a
    /// score of 9.5 cost some 30,000 instructions.
    package func dividedExactly(by other: Decimal) -> Decimal {
        if let a = DecimalWords(self), let b = DecimalWords(other), let quotient = a.dividedExactly(by: b),
            let value = quotient.decimal
        {
            return value
        }
        return self / other
    }
}

/// A decimal as sign, unsigned significand and exponent (`DecimalWords` in 64 bits, `WideWords` in
/// 128), ordered exactly on those integers.
protocol OrderedWords {
    associatedtype Significand: FixedWidthInteger & UnsignedInteger
    var negative: Bool { get }
    var significand: Significand { get }
    var exponent: Int { get }
    /// 10^0 up to the largest power of ten the significand holds.
    static var powersOfTen: [Significand] { get }
}

extension OrderedWords {
    /// The sign of the value: −1, 0 or 1 (a zero's sign flag says nothing).
    var signum: Int { significand == 0 ? 0 : (negative ? -1 : 1) }

    /// How the value orders against `other`, exactly: −1, 0 or 1.
    func order(against other: Self) -> Int {
        let (mine, theirs) = (signum, other.signum)
        guard mine == theirs else { return mine < theirs ? -1 : 1 }
        guard mine != 0 else { return 0 }
        let magnitude = magnitudeOrder(against: other)
        return negative ? -magnitude : magnitude
    }

    /// The order of the two magnitudes: the significand with the larger exponent is brought to the
    /// other's exponent, and once that passes the significand's width it is the larger (the other
    /// fits in it).
    private func magnitudeOrder(against other: Self) -> Int {
        let (high, low, sign) = exponent >= other.exponent ? (self, other, 1) : (other, self, -1)
        let shift = high.exponent - low.exponent
        guard shift < Self.powersOfTen.count else { return sign }
        let (scaled, overflow) = high.significand.multipliedReportingOverflow(by: Self.powersOfTen[shift])
        if overflow || scaled > low.significand { return sign }
        return scaled == low.significand ? 0 : -sign
    }
}

extension DecimalWords: OrderedWords {}

/// A `Decimal`'s sign, exponent and whole significand of up to 128 bits (eight 16-bit words): a
/// rate or a score before it is rounded, a quotient of 38 digits, read as `DecimalWords` reads a
/// figure, for comparing.
struct WideWords: OrderedWords {
    var negative: Bool
    var significand: UInt128
    var exponent: Int

    /// The value's words, or nil for NaN and whenever the layout is not the one `DecimalWords`
    /// describes.
    init?(_ value: Decimal) {
        guard DecimalWords.layoutHolds else { return nil }
        let read = withUnsafeBytes(of: value) { raw -> (Bool, UInt128, Int)? in
            let (length, negative) = (Int(raw[1] >> 4), raw[1] & 0x08 != 0)
            guard length > 0 || !negative else { return nil }
            var significand: UInt128 = 0
            for word in (0..<length).reversed() {
                significand = significand << 16 | UInt128(raw[4 + 2 * word]) | UInt128(raw[5 + 2 * word]) << 8
            }
            return (negative, significand, Int(Int8(bitPattern: raw[0])))
        }
        guard let read else { return nil }
        (negative, significand, exponent) = read
    }

    /// `DecimalWords.rounded(places)` of a value whose significand passes 64 bits (a quotient's 38
    /// digits, such as a 执行率 before it is rounded); nil where it fits 64 bits (`DecimalWords`
    /// rounds it), where the rounded significand still passes them, where it is zero, and where
    /// nothing is rounded off.
    func rounded(_ places: Int) -> DecimalWords? {
        let drop = -exponent - places
        guard significand > UInt64.max, drop > 0, drop < Self.powersOfTen.count else { return nil }
        let unit = Self.powersOfTen[drop]
        var kept = significand / unit
        if significand % unit >= unit / 2 { kept += 1 }
        guard kept != 0, let small = UInt64(exactly: kept) else { return nil }
        return DecimalWords(negative: negative, significand: small, exponent: -places)
    }

    /// 10^0 … 10^38, every power of ten below 2^128.
    static let powersOfTen: [UInt128] = (0...38).map { power in (0..<power).reduce(1) { product, _ in product * 10 } }
}

extension Decimal {
    /// `self < other`: on the words (64 bits where both fit, else 128), else Foundation's `<`,
    /// which brings both to one exponent in digit arrays (some 1,300 instructions; the checks of a
    /// county compare a few million times, rates of 38 digits among them).
    package func isBelow(_ other: Decimal) -> Bool {
        order(against: other).map { $0 < 0 } ?? (self < other)
    }

    /// −1, 0 or 1 as `self` orders against `other`, on the words; nil for NaN.
    private func order(against other: Decimal) -> Int? {
        if let a = DecimalWords(self), let b = DecimalWords(other) { return a.order(against: b) }
        if let a = WideWords(self), let b = WideWords(other) { return a.order(against: b) }
        return nil
    }

    /// `self > other`, as `isBelow` is taken.
    package func exceeds(_ other: Decimal) -> Bool { other.isBelow(self) }

    /// `self <= other`, as `isBelow` is taken.
    package func isAtMost(_ other: Decimal) -> Bool {
        order(against: other).map { $0 <= 0 } ?? (self <= other)
    }

    /// `self == other`, as `isBelow` is taken: the same value however written (1.50 and 1.5).
    package func equals(_ other: Decimal) -> Bool {
        order(against: other).map { $0 == 0 } ?? (self == other)
    }

    /// `self > 0`.
    package var isPositive: Bool { exceeds(0) }
}
