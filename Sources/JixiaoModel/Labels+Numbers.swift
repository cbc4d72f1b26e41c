import Foundation

/// A cell's text read as a value: blank, a number or text; the bounds of an exact figure; and
/// the number parsers every reader and check uses.
extension Labels {
    static let posix = Locale(identifier: "en_US_POSIX")

    /// A cell's value: blank, a number (with a `%` flag), or text.
    package enum Value: Equatable {
        case blank
        case number(Decimal, percent: Bool)
        case text(String)
    }

    package static func value(_ text: String) -> Value { value(text, key: norm(text)) }

    /// The value of a cell whose normalised `key` is already known.
    package static func value(_ text: String, key t: String) -> Value {
        let (read, percent, unit) = t.withBytes(numberRead)
        switch read {
        case nil: return .blank
        case .none?: return .text(Labels.trim(text))
        case .words(let words)?: return .number(words.exactDecimal, percent: percent)
        case .long?:
            guard let number = longDecimal(Substring(t.utf8.dropLast(unit))) else { return .text(Labels.trim(text)) }
            return .number(number, percent: percent)
        }
    }

    /// What `value` would be, without making the number or the text.
    package enum ValueKind { case blank, number, text }

    package static func valueKind(key t: String) -> ValueKind {
        switch t.withBytes(numberRead).read {
        case nil: .blank
        case .none?: .text
        case .words?: .number
        case .long?: longDecimal(Substring(t.utf8.dropLast(t.withBytes(suffixLength)))) == nil ? .text : .number
        }
    }

    /// A key's bytes read once, in place: nil for a placeholder, else the number read without the
    /// unit suffix, whether that was a percent sign, and the suffix's length. A number is ASCII, so a
    /// suffix the bytes would split could never have been read as one either way.
    private static func numberRead(_ bytes: UnsafeBufferPointer<UInt8>) -> (read: DecimalRead?, Bool, Int) {
        if isPlaceholderKey(bytes) { return (nil, false, 0) }
        let unit = suffixLength(bytes)
        return (words(of: UnsafeBufferPointer(rebasing: bytes.dropLast(unit))), unit == 1 || unit == 3, unit)
    }

    /// The bytes of a number's unit at the end of a key: `%` 1, `％` 3, `万元` 6, none 0.
    private static func suffixLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        if bytes.last == UInt8(ascii: "%") { return 1 }
        if bytes.count >= 3, bytes[(bytes.count - 3)...].elementsEqual([0xEF, 0xBC, 0x85]) { return 3 }
        if bytes.count >= 6, bytes[(bytes.count - 6)...].elementsEqual([0xE4, 0xB8, 0x87, 0xE5, 0x85, 0x83]) {
            return 6
        }
        return 0
    }

    /// The largest figure jixiao takes: 10^12 (万元, a million times a county's budget).
    package static let largest = Decimal(sign: .plus, exponent: 12, significand: 1)
    /// The most decimals it keeps: 元 converted to 万元 need four, rates six.
    package static let maximumDecimals = 6

    /// Why a number as written is beyond what jixiao keeps exactly, or nil when it is not: more
    /// than `maximumDecimals` decimals (trailing zeros aside), or a magnitude above `largest`.
    package static func limitProblem(_ text: String, value: Decimal) -> String? {
        if DecimalWords(value)?.exceeds(powerOfTen: 12) ?? (abs(value) > largest) {
            return "is beyond 10^12, the largest figure jixiao takes"
        }
        // Read in place: a figure's text is its own key when it comes from a cell, so `norm` is free.
        let significant = norm(text).withBytes { digits -> Int in
            guard let dot = digits.firstIndex(of: UInt8(ascii: ".")) else { return 0 }
            let decimals = digits[(dot + 1)...].prefix { (48...57).contains($0) }
            return decimals.count - decimals.reversed().prefix { $0 == UInt8(ascii: "0") }.count
        }
        if significant > maximumDecimals {
            return
                "has \(significant) decimals; jixiao keeps at most \(maximumDecimals), "
                + "so it would not be stored as written"
        }
        return nil
    }

    /// Parses `1,234.50`, `-3`, `.5` exactly as decimal; nil for anything else. A comma is read
    /// only as a thousands separator (`250,000.00`): `3,4` is a decimal comma or a slip, never 34.
    /// Works on the UTF-8 bytes in place, read by a loop that is not generic: every character it
    /// accepts is ASCII. A String and a Substring each have their own entry, as a function generic
    /// over StringProtocol is not specialised in the modules that call it (stepping a Substring's
    /// UTF-8 through the protocol cost about 200 instructions a byte, and reaching the bytes more
    /// than a figure's reading).
    package static func decimal(_ text: String) -> Decimal? {
        decimal(text.withBytes(words(of:)), text)
    }

    /// `decimal` of a slice, as of a string.
    package static func decimal(_ text: Substring) -> Decimal? {
        let read =
            text.utf8.withContiguousStorageIfAvailable(words(of:))
            ?? Array(text.utf8).withUnsafeBufferPointer(words(of:))
        return decimal(read, text)
    }

    private static func decimal<S: StringProtocol>(_ read: DecimalRead, _ text: S) -> Decimal? {
        switch read {
        case .none: return nil
        case .long: return longDecimal(text)
        case .words(let words): return words.exactDecimal
        }
    }

    /// What `decimal` reads from a number's bytes: nothing, more than 18 digits, or the words.
    enum DecimalRead { case none, long, words(DecimalWords) }

    static func words(of bytes: UnsafeBufferPointer<UInt8>) -> DecimalRead {
        // One pass, no buffer: up to 18 digits make the significand of an exact Decimal at once.
        var significand: UInt64 = 0
        var digitCount = 0
        var exponent = 0
        var negative = false
        var seenDot = false
        var position = 0
        var group = 0  // digits since the last comma (or the start), before the dot
        var grouped = false
        for byte in bytes {
            defer { position += 1 }
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digitCount += 1
                if digitCount <= 18 { significand = significand * 10 + UInt64(byte - UInt8(ascii: "0")) }
                if seenDot { exponent -= 1 } else { group += 1 }
            case UInt8(ascii: "."):
                if seenDot || (grouped && group != 3) { return .none }
                seenDot = true
            case UInt8(ascii: ","):
                // The first group holds one to three digits, every later one three.
                if seenDot || group == 0 || group > 3 || (grouped && group != 3) { return .none }
                (group, grouped) = (0, true)
            case UInt8(ascii: "-"), UInt8(ascii: "+"):
                if position != 0 { return .none }
                negative = byte == UInt8(ascii: "-")
            default: return .none
            }
        }
        guard digitCount > 0, !grouped || seenDot || group == 3 else { return .none }
        if digitCount > 18 { return .long }
        return .words(DecimalWords(negative: negative, significand: significand, exponent: exponent))
    }

    /// A number of more than 18 digits, through Foundation's parser (commas dropped).
    static func longDecimal<S: StringProtocol>(_ text: S) -> Decimal? {
        Decimal(string: String(text.filter { $0 != "," && $0 != "+" }), locale: posix)
    }

    /// The last number in a text (`12`, or `12.5`) and what stands before and after it; nil when
    /// the text holds no digit. What `(.*?)([0-9]+(?:\.[0-9]+)?)([^0-9]*)$` captures, read from
    /// the end by hand because it runs for every indicator (a regex tries every start position).
    package static func lastNumber(_ text: String) -> (before: String, number: String, after: String)? {
        // Digits and the dot are ASCII, so every cut falls between whole characters of the UTF-8.
        let bytes = text.utf8
        let isDigit = { (byte: UInt8) in (48...57).contains(byte) }
        guard let last = bytes.lastIndex(where: isDigit) else { return nil }
        var start = last
        func digitBefore(_ index: String.Index) -> Bool {
            index > bytes.startIndex && isDigit(bytes[bytes.index(before: index)])
        }
        while digitBefore(start) { start = bytes.index(before: start) }
        if start > bytes.startIndex, bytes[bytes.index(before: start)] == UInt8(ascii: "."),
            digitBefore(bytes.index(before: start))
        {
            start = bytes.index(before: start)
            while digitBefore(start) { start = bytes.index(before: start) }
        }
        let end = bytes.index(after: last)
        return (String(text[..<start]), String(text[start..<end]), String(text[end...]))
    }
}
