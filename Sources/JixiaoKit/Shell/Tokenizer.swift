/// Splits a command line into words, honouring "double" and 'single' quotes and
/// backslash escapes, so paths and Chinese names with spaces can be given whole.
public enum Tokenizer {
    public static func split(_ line: String) throws(ShellError) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character? = nil
        var escaped = false
        for ch in line {
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
                    words.append(current)
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
        if inWord { words.append(current) }
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
