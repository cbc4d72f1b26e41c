/// The rules' regular expressions, compiled once (an inline regex literal is compiled at every call).
/// Digits are written [0-9]: Swift's \\d also matches 一 and 万, which have numeric values.
enum Patterns {
    // An extended literal, so the pattern can span lines: white space in it is not matched.
    nonisolated(unsafe) static let deduction =
        #/
        大于等于([0-9]+(?:\.[0-9]+)?)[^0-9]*得满分.*?
        (?:下降|减少|少)一[^0-9]*扣([0-9]+(?:\.[0-9]+)?|[一二两三四五半])分
        /#
    nonisolated(unsafe) static let completeClaim = /(?:完成值|执行率|完成率)(?:达)?100%/
}

extension String {
    /// `firstMatch(of:)` for a pattern that can only begin with one of `keys`: the regex is tried
    /// only where a key stands instead of at every character of a long report, which is where
    /// the checks spent their time. The match is the same, as long as the pattern begins with one
    /// of the keys and looks at nothing before its start.
    func firstMatch<Output>(of regex: Regex<Output>, beginningWith keys: [String]) -> Regex<Output>.Match? {
        let starts = keys.flatMap { key in positions(of: key) }.sorted()
        for start in starts {
            if let match = self[start...].prefixMatch(of: regex) { return match }
        }
        return nil
    }

    /// Where `key` begins in the text.
    func positions(of key: String) -> [Index] {
        offsets(of: key).map { utf8.index(utf8.startIndex, offsetBy: $0) }
    }
}
