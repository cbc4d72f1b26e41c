import Foundation
import Testing

@testable import JixiaoModel
@testable import JixiaoRules

/// `DecimalWords` reads and writes Foundation's `Decimal` bytes by hand; each helper is held here to
/// Foundation's own answer, byte for byte, on seeded values of every length, sign and exponent.
@Suite struct DecimalWordsTests {
    static let seed: UInt64 = 0x5EED_DEC1
    static let foundationSamples = 4_000

    static func bytes(_ value: Decimal) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }

    /// Foundation's rounding, as `rounded` did before it had a fast path.
    static func foundationRounded(_ value: Decimal, _ places: Int) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, places, .plain)
        return result
    }

    /// Significands of every length from 1 to 20 digits (some with trailing zeros), both signs,
    /// exponents from -20 to 20.
    static let words: [DecimalWords] = {
        var generator = SplitMix(seed: seed)
        return (0..<foundationSamples).map { _ in
            let digits = Int.random(in: 1...20, using: &generator)
            var significand = UInt64.random(in: 0...UInt64.max, using: &generator)
            if digits < 20 { significand %= DecimalWords.powersOfTen[digits] }
            if Bool.random(using: &generator) { significand -= significand % 1000 }
            return DecimalWords(
                negative: Bool.random(using: &generator), significand: significand,
                exponent: Int.random(in: -20...20, using: &generator))
        }
    }()

    static func foundation(_ words: DecimalWords) -> Decimal {
        Decimal(
            sign: words.negative ? .minus : .plus, exponent: words.exponent, significand: Decimal(words.significand))
    }

    @Test func theLayoutIsReadOnThisMachine() {
        // Without it every helper falls back to Foundation and the tests below would test nothing.
        #expect(DecimalWords.layoutHolds)
    }

    @Test func aValueIsMadeAsFoundationMakesIt() {
        var made = 0
        for words in Self.words {
            guard let fast = words.decimal else {
                #expect(words.significand == 0, "\(words) has a fast form")
                continue
            }
            made += 1
            #expect(Self.bytes(fast) == Self.bytes(Self.foundation(words)), "\(words)")
        }
        #expect(made > Self.foundationSamples * 9 / 10)
    }

    @Test func aValueIsReadBackAsMade() {
        for words in Self.words where words.significand != 0 {
            let value = Self.foundation(words)
            guard let read = DecimalWords(value) else {
                Issue.record("\(words) did not read back")
                continue
            }
            #expect(Self.foundation(read) == value, "\(words)")
            #expect(read.negative == (value.sign == .minus) && read.exponent == value.exponent, "\(words)")
        }
        #expect(DecimalWords(Decimal.nan) == nil)
        #expect(DecimalWords(Decimal(1) / Decimal(3)) == nil, "38 digits do not fit 64 bits")
    }

    @Test func roundingIsFoundationsToTheByte() {
        var generator = SplitMix(seed: Self.seed &+ 1)
        var values = Self.words.map(Self.foundation)
        values += [
            Decimal(1) / Decimal(3), Decimal(-2) / Decimal(3), Decimal(string: "2.5")!, Decimal(string: "-0.004")!,
        ]
        values += ["0.005", "-0.005", "0.0049", "99.995", "-99.995", "9999999999999999999.5", "0", "0.000"].map {
            Decimal(string: $0)!
        }
        // Quotients of 38 digits, as rates and scores are before they are rounded, and some that round
        // to a half or to zero.
        func figure() -> Decimal { drawFigure(&generator, exponents: -4...2, upTo: 9_999_999) }
        values += (0..<1_000).compactMap { _ in
            let divisor = figure()
            return divisor.isZero ? nil : figure() / divisor
        }
        values += ["1e-30", "123456789012345678901234567890.5"].map { Decimal(string: $0)! / Decimal(3) }
        // Wide halves whose rounding fits 64 bits: the tie goes away from zero.
        values += ["12345678901234567890.5", "-12345678901234567890.5", "1234567890123456789.05"].map {
            Decimal(string: $0)!
        }
        #expect(values.filter { DecimalWords($0) == nil && !$0.isNaN }.count > 500)
        for value in values {
            for places in [0, 1, 2, 3, 4, Int.random(in: -3...12, using: &generator)] {
                let fast = value.rounded(places)
                let slow = Self.foundationRounded(value, places)
                #expect(Self.bytes(fast) == Self.bytes(slow), "\(value) to \(places) places")
            }
        }
    }

    @Test func movingThePointIsFoundationsTimesOrOverAPowerOfTen() {
        var values = Self.words.map(Self.foundation)
        values += [Decimal(1) / Decimal(3), Decimal(0), Decimal(string: "-0.000")!, Decimal(string: "95.5")!]
        for value in values {
            #expect(Self.bytes(value.movingPoint(-2)) == Self.bytes(value / 100), "\(value) / 100")
            #expect(Self.bytes(value.movingPoint(2)) == Self.bytes(value * 100), "\(value) * 100")
            #expect(Self.bytes(value.movingPoint(-1)) == Self.bytes(value / 10), "\(value) / 10")
        }
    }

    @Test func beyondAPowerOfTenIsFoundationsComparison() {
        var values = Self.words.map(Self.foundation)
        values += ["1000000000000", "1000000000000.01", "-1000000000000.01", "999999999999.99", "0"].map {
            Decimal(string: $0)!
        }
        for value in values {
            guard let words = DecimalWords(value) else { continue }
            for power in [0, 2, 12, 19, 20, -3] {
                let limit = Decimal(sign: .plus, exponent: power, significand: 1)
                #expect(words.exceeds(powerOfTen: power) == (abs(value) > limit), "\(value) against 10^\(power)")
            }
        }
    }

    @Test func theTextIsFoundationsDescription() {
        var values = Self.words.map(Self.foundation)
        values += values.map { $0.rounded(2) } + [Decimal(1) / Decimal(3), Decimal.nan, Decimal(0)]
        for value in values {
            #expect(value.plain == value.description, "\(value)")
        }
    }

    /// The mirror stores each figure as the double `strtod` makes of its text; the fast path must
    /// make the same double, bit for bit, wherever it answers.
    @Test func theDoubleIsTheOneTheTextParsesTo() {
        // Figures as filings write them (up to 16 digits, up to 8 places), then every sample.
        var generator = SplitMix(seed: Self.seed &+ 3)
        var words = (0..<4_000).map { _ in
            DecimalWords(
                negative: Bool.random(using: &generator),
                significand: UInt64.random(in: 0...9_999_999_999_999_999, using: &generator),
                exponent: Int.random(in: -8...2, using: &generator))
        }
        words += Self.words + [DecimalWords(negative: false, significand: 1 << 53, exponent: -22)]
        var answered = 0
        for word in words {
            guard let fast = word.double else { continue }
            answered += 1
            let parsed = Double(word.text)
            #expect(
                fast.bitPattern == parsed?.bitPattern, "\(word.text): \(fast) against \(String(describing: parsed))")
        }
        #expect(answered > 4_000)
    }
}

/// How many decimals a value carries, read from its words, against Foundation's roundings.
@Suite struct DecimalPlacesTests {
    @Test func theWordsCountThePlacesRoundingFinds() {
        var values = DecimalWordsTests.words.map(DecimalWordsTests.foundation)
        values += ["3.456", "12", "0", "0.000", "1.5", "-0.00000001", "0.000000001", "120"].map { Decimal(string: $0)! }
        values += [Decimal(1) / Decimal(3), Decimal(2) / Decimal(8)]
        for value in values {
            #expect(value.decimalPlaces == value.decimalPlacesByRounding, "\(value)")
        }
    }
}

/// `target.easy` asks whether over / under ≥ ratio as over ≥ ratio × under (both positive), without
/// Foundation's 38-digit division; the two questions have the same answer.
@Suite struct ComparisonWithoutDivisionTests {
    @Test func aMultiplicationAnswersAsTheQuotientDoes() {
        var generator = SplitMix(seed: DecimalWordsTests.seed &+ 2)
        func figure() -> Decimal {
            let significand = UInt64.random(in: 1...99_999_999, using: &generator)
            return Decimal(
                sign: .plus, exponent: Int.random(in: -4...2, using: &generator), significand: Decimal(significand))
        }
        let ratios = [Decimal(string: "1.5")!, 2, 3, Decimal(string: "1.05")!, 10]
        var beyond = 0
        for _ in 0..<3_000 {
            let under = figure()
            let ratio = ratios.randomElement(using: &generator)!
            // Some exactly at the ratio, some a hair either side, the rest anywhere.
            let over = [
                figure(), ratio * under, ratio * under + Decimal(string: "0.0001")!,
                ratio * under - Decimal(string: "0.0001")!,
            ]
            .randomElement(using: &generator)!
            guard over > 0 else { continue }
            #expect((over / under >= ratio) == (over >= ratio * under), "\(over) / \(under) against \(ratio)")
            if over >= ratio * under { beyond += 1 }
        }
        #expect(beyond > 500)
    }
}

/// `plus` and `sum` add on the words; each sum is held to Foundation's `+`, value and text.
@Suite struct DecimalSumTests {
    @Test func aSumIsFoundationsSum() {
        var generator = SplitMix(seed: DecimalWordsTests.seed &+ 4)
        // Figures as filings hold them, both signs, then every sample of every length.
        var values = (0..<3_000).map { _ in
            Decimal(
                sign: Bool.random(using: &generator) ? .minus : .plus,
                exponent: Int.random(in: -6...2, using: &generator),
                significand: Decimal(UInt64.random(in: 0...99_999_999_999, using: &generator)))
        }
        values += DecimalWordsTests.words.map(DecimalWordsTests.foundation)
        values += [Decimal(1) / Decimal(3), Decimal(string: "1e-30")!, Decimal(0), Decimal(string: "1e30")!]
        // Zeros as filings write them (0.00, -0) and as Foundation makes them with other exponents.
        values += ["0.00", "-0", "0e3", "-0.0"].compactMap { Decimal(string: $0) }
        values += [
            Decimal(sign: .minus, exponent: -3, significand: 0), Decimal(sign: .plus, exponent: 4, significand: 0),
        ]
        // Significands with trailing zeros, which a sum with zero keeps as they are.
        values += [
            Decimal(sign: .plus, exponent: -3, significand: 1500), Decimal(sign: .minus, exponent: 1, significand: 20),
        ]
        var fast = 0
        for _ in 0..<8_000 {
            let a = values.randomElement(using: &generator)!
            let b = Bool.random(using: &generator) ? -a : values.randomElement(using: &generator)!
            let (sum, expected) = (a.plus(b), a + b)
            #expect(DecimalWordsTests.bytes(sum) == DecimalWordsTests.bytes(expected), "\(a) + \(b)")
            if let x = DecimalWords(a), let y = DecimalWords(b), x.adding(y) != nil { fast += 1 }
        }
        #expect(fast > 2_000)  // most filing-like pairs; the wide samples mostly overflow 64 bits
        let column = values.prefix(500).map { Optional($0) } + [nil, nil]
        #expect(column.sum { $0 } == column.reduce(Decimal(0)) { $0 + ($1 ?? 0) })
    }
}

/// `minus` and `times` on the words, each held to Foundation's operator byte for byte: figures as
/// filings hold them, zeros with exponents, a value less itself, wide quotients and products that
/// pass 64 bits.
@Suite struct DecimalDifferenceAndProductTests {
    @Test func aDifferenceAndAProductAreFoundations() {
        var generator = SplitMix(seed: DecimalWordsTests.seed &+ 7)
        func figure() -> Decimal { drawFigure(&generator, exponents: -6...2, upTo: 99_999_999_999) }
        var values = (0..<2_000).map { _ in figure() } + DecimalWordsTests.words.map(DecimalWordsTests.foundation)
        values += ["0.00", "-0", "0e3", "1", "100", "60", "0.6", "1e-30", "1e30"].compactMap { Decimal(string: $0) }
        values += [Decimal(1) / Decimal(3), Decimal(-2) / Decimal(7)]
        var (fastDifferences, fastProducts) = (0, 0)
        for _ in 0..<8_000 {
            let a = values.randomElement(using: &generator)!
            let b = Bool.random(using: &generator) ? a : values.randomElement(using: &generator)!
            let bytes = DecimalWordsTests.bytes
            #expect(bytes(a.minus(b)) == bytes(a - b), "\(a) - \(b)")
            #expect(bytes(a.times(b)) == bytes(a * b), "\(a) * \(b)")
            if let x = DecimalWords(a), let y = DecimalWords(b), x.significand != 0, y.significand != 0 {
                fastDifferences += 1
                if !x.significand.multipliedReportingOverflow(by: y.significand).overflow { fastProducts += 1 }
            }
        }
        #expect(fastDifferences > 3_000 && fastProducts > 1_000)
    }
}

/// `dividedExactly` divides on the words where the quotient ends; each quotient is held to
/// Foundation's `/`, byte for byte, on the rates and scores a filing makes and on every sample.
@Suite struct DecimalQuotientTests {
    @Test func aQuotientIsFoundationsQuotient() {
        var generator = SplitMix(seed: DecimalWordsTests.seed &+ 5)
        func figure() -> Decimal { drawFigure(&generator, exponents: -4...2, upTo: 9_999_999) }
        let divisors = [2, 4, 5, 8, 10, 16, 20, 25, 40, 80, 90, 100, 3, 6, 7, 12].map { Decimal($0) }
        var values = (0..<2_000).map { _ in figure() } + DecimalWordsTests.words.map(DecimalWordsTests.foundation)
        values += [Decimal(0), Decimal(1) / Decimal(3), Decimal(string: "1e-30")!]
        var exact = 0
        for _ in 0..<8_000 {
            let a = values.randomElement(using: &generator)!
            // Divisors that make exact quotients (a product back over a factor), small ones and any value.
            let b: Decimal
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: b = divisors.randomElement(using: &generator)!
            case 1: b = a * divisors.randomElement(using: &generator)! / 10
            default: b = values.randomElement(using: &generator)!
            }
            guard !b.isZero else { continue }
            let (fast, expected) = (a.dividedExactly(by: b), a / b)
            #expect(DecimalWordsTests.bytes(fast) == DecimalWordsTests.bytes(expected), "\(a) / \(b)")
            if let x = DecimalWords(a), let y = DecimalWords(b), x.dividedExactly(by: y) != nil { exact += 1 }
        }
        #expect(exact > 2_000)
    }
}

/// A figure of either sign drawn with `generator`: a significand up to `largest` at an exponent in
/// `exponents`.
func drawFigure(_ generator: inout SplitMix, exponents: ClosedRange<Int>, upTo largest: UInt64) -> Decimal {
    Decimal(
        sign: Bool.random(using: &generator) ? .minus : .plus,
        exponent: Int.random(in: exponents, using: &generator),
        significand: Decimal(UInt64.random(in: 0...largest, using: &generator)))
}

/// `isBelow`, `exceeds`, `isAtMost` and `isPositive` order on the words where both fit 64 bits;
/// each answer is held to Foundation's operator.
@Suite struct DecimalOrderTests {
    /// The comparisons on words order as Foundation's: equal values written with other exponents
    /// (1200 and 12e2), zeros of either sign flag, negatives, and magnitudes that pass 64 bits
    /// when brought to one exponent.
    @Test func anOrderIsFoundationsOrder() {
        var generator = SplitMix(seed: DecimalWordsTests.seed &+ 6)
        func figure() -> Decimal { drawFigure(&generator, exponents: -6...6, upTo: 99_999) }
        var values = (0..<1_000).map { _ in figure() } + DecimalWordsTests.words.map(DecimalWordsTests.foundation)
        values += [Decimal(0), Decimal(1200), Decimal(sign: .plus, exponent: 2, significand: 12)]
        values += ["1e-30", "18446744073709551615", "1e25", "-0.0001"].compactMap { Decimal(string: $0) }
        values += [Decimal(1) / Decimal(3)]
        // Rates and scores before rounding: quotients of 38 digits, against each other, against the
        // figures and against the round numbers the checks hold them to (1, 0.6, 100).
        values += (0..<600).compactMap { _ in
            let divisor = figure()
            return divisor.isZero ? nil : figure() / divisor
        }
        values += [1, Decimal(string: "0.6")!, 100, Decimal(string: "1e-120")!, Decimal(string: "1e120")!]
        for _ in 0..<8_000 {
            let a = values.randomElement(using: &generator)!
            // Half the pairs a value against itself scaled by a power of ten and back, or against a neighbour.
            let near = a * 10 / 10 + figure() / 1000
            let b = Bool.random(using: &generator) ? values.randomElement(using: &generator)! : near
            #expect(a.isBelow(b) == (a < b), "\(a) < \(b)")
            #expect(a.exceeds(b) == (a > b), "\(a) > \(b)")
            #expect(a.isAtMost(b) == (a <= b), "\(a) <= \(b)")
            #expect(a.isPositive == (a > 0), "\(a) > 0")
            #expect(a.equals(b) == (a == b), "\(a) == \(b)")
        }
    }
}
