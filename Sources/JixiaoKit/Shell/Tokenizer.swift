/// Splits a command line into words, honouring "double" and 'single' quotes and
/// backslash escapes, so paths and Chinese names with spaces can be given whole.
public enum Tokenizer {
    public static func split(_ line: String) throws(ShellError) -> [String] {
        try words(line).map(\.text)
    }

    /// The text after the first `count` words as typed, quotes and all (`export csv a.csv sql …`
    /// hands on the query as it was written); nil when there are not that many words.
    public static func remainder(of line: String, afterWords count: Int) throws(ShellError) -> String? {
        let found = try words(line)
        guard count <= found.count else { return nil }
        let start = count == 0 ? line.startIndex : found[count - 1].end
        return String(line[start...].drop { $0 == " " || $0 == "\t" || $0 == "\u{3000}" })
    }

    /// Each word with the index just past its last character in `line`.
    static func words(_ line: String) throws(ShellError) -> [(text: String, end: String.Index)] {
        var words: [(text: String, end: String.Index)] = []
        var current = ""
        var inWord = false
        var quote: Character? = nil
        var escaped = false
        for index in line.indices {
            let ch = line[index]
            if escaped {
                current.append(ch)
                escaped = false
                inWord = true
                continue
            }
            if let q = quote {
                if ch == q {
                    quote = nil
                } else if ch == "\\" && q == "\"" {
                    escaped = true
                } else {
                    current.append(ch)
                }
                continue
            }
            switch ch {
            case "\\":
                escaped = true
                inWord = true
            case "\"", "'":
                quote = ch
                inWord = true
            case " ", "\t", "\u{3000}":
                if inWord {
                    words.append((current, index))
                    current = ""
                    inWord = false
                }
            default:
                current.append(ch)
                inWord = true
            }
        }
        if let q = quote { throw .syntax("unterminated \(q) quote") }
        if escaped { current.append("\\") }
        if inWord { words.append((current, line.endIndex)) }
        return words
    }

    /// Quotes `word` for a script when it holds spaces or quotes.
    public static func quote(_ word: String) -> String {
        if !word.isEmpty && !word.contains(where: { " \t\"'\\#\u{3000}".contains($0) }) { return word }
        var out = "\""
        for ch in word {
            if ch == "\"" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out + "\""
    }
}
