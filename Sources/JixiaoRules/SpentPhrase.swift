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
    /// (At most one key stands at a position: each begins where no other can.)
    static func firstAmount(in text: String) -> Substring? {
        text.firstPhrase(afterKeys: keys) { amount(at: $0, in: text, $1) }
    }

    /// The byte range of `12` or `12.5` at `position` when `万元` follows it.
    private static func amount(at position: Int, in text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        // A mark joined to the key's last character, a digit or the point begins with bytes no
        // digit, point or 万 begins with, so the phrase fails there, as the regex fails on a
        // character with a mark on it.
        let end = bytes.numberEnd(from: position)
        guard end > position else { return nil }
        return text.wholeWord("万元", at: end, bytes) == nil ? nil : position..<end
    }
}
