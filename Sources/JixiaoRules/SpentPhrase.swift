import JixiaoModel

/// `全年实际支出12.5万元`: the amount a sentence says was spent, as the regex
/// `(?:全年实际支出|全年支出|实际支出)([0-9]+(?:\.[0-9]+)?)万元` finds it where one of the key
/// words stands.
///
/// Matched by hand rather than with Swift's Regex: the regex, tried at every key word of a 基本支出
/// paragraph, cost more than all the rest of its check. Like the regex, it takes whole characters
/// only (a digit with a mark on it is no digit, nor is 元 with one); FastPathTests holds the two
/// side by side.
enum SpentPhrase {
    static let keys = ["全年实际支出", "全年支出", "实际支出"]

    /// The number (`12.5`) of the first phrase, in the order its key words stand; nil when none.
    static func firstAmount(in text: String) -> Substring? {
        let found = text.withBytes { bytes -> Range<Int>? in
            let starts = keys.flatMap { text.offsets(of: $0) }.sorted()
            for start in starts {
                for key in keys {
                    guard let end = word(key, at: start, bytes), text.isCharacterBoundary(atByte: end) else { continue }
                    if let number = amount(at: end, in: text, bytes) { return number }
                }
            }
            return nil
        }
        guard let found else { return nil }
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: found.lowerBound)
        return text[start..<utf8.index(start, offsetBy: found.count)]
    }

    /// The byte range of `12` or `12.5` at `position` when `万元` follows it.
    private static func amount(at position: Int, in text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        // A mark joined to a digit or the point begins with bytes no digit, point or 万 begins with,
        // so the phrase fails there, as the regex fails on a digit that is not a character of its own.
        func digits(from start: Int) -> Int {
            var end = start
            while end < bytes.count, (48...57).contains(bytes[end]) { end += 1 }
            return end
        }
        var end = digits(from: position)
        guard end > position else { return nil }
        if end < bytes.count, bytes[end] == UInt8(ascii: ".") {
            let fraction = digits(from: end + 1)
            if fraction > end + 1 { end = fraction }
        }
        guard let after = word("万元", at: end, bytes), text.isCharacterBoundary(atByte: after) else { return nil }
        return position..<end
    }

    /// The end of `word` when its bytes stand at `position`.
    private static func word(_ word: String, at position: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        word.withBytes { w in
            let end = position + w.count
            guard end <= bytes.count else { return nil }
            return UnsafeBufferPointer(rebasing: bytes[position..<end]).elementsEqual(w) ? end : nil
        }
    }
}
