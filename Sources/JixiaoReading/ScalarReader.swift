/// A line read scalar by scalar, for patterns too simple to need a regex. The regex reads
/// `Character`s: where a scalar that passed a test is joined by the next into one Character (a
/// combining mark, CR LF), the reader stops and says it cannot decide, and the caller asks the
/// regex. Where every Character is one scalar, testing scalars is testing Characters.
struct ScalarReader {
    private var scalars: String.UnicodeScalarView.Iterator
    private var next: Unicode.Scalar?
    /// A Character of more than one scalar was met: the answer is the regex's.
    private(set) var undecided = false

    init(_ text: String) {
        scalars = text.unicodeScalars.makeIterator()
        next = scalars.next()
    }

    var atEnd: Bool { next == nil }

    /// Takes the next scalar when it passes `test`.
    mutating func take(_ test: (Unicode.Scalar) -> Bool) -> Bool {
        guard !undecided, let scalar = next, test(scalar) else { return false }
        next = scalars.next()
        if let following = next, Self.joins(following, after: scalar) {
            undecided = true
            return false
        }
        return true
    }

    /// `\s*`: white space, as `Character.isWhitespace` sees a one-scalar Character.
    mutating func skipSpaces() { while take({ $0.properties.isWhitespace }) {} }

    /// `(\s*[,，]?\s*共\s*[0-9]+\s*页)$` after `第 N 页`.
    mutating func pageCount() -> Bool {
        skipSpaces()
        _ = take { $0 == "," || $0 == "，" }
        skipSpaces()
        return take { $0 == "共" } && number() && take { $0 == "页" } && atEnd
    }

    /// `\s*[0-9]+\s*`.
    mutating func number() -> Bool {
        skipSpaces()
        guard take({ ("0"..."9").contains($0) }) else { return false }
        while take({ ("0"..."9").contains($0) }) {}
        skipSpaces()
        return true
    }

    /// Whether `scalar` may belong to the Character `before` starts (a mark, a joiner, the LF of
    /// CR LF): anything from U+0300 on but the CJK, full-width and dash scalars a page number is
    /// written with. Erring towards yes only sends more lines to the regex.
    static func joins(_ scalar: Unicode.Scalar, after before: Unicode.Scalar) -> Bool {
        if before == "\r" { return true }
        switch scalar.value {
        case ..<0x300, 0x2014, 0x3000...0x3029, 0x3030...0x303F, 0x4E00...0x9FFF, 0xFF01...0xFF5E: return false
        default: return true
        }
    }
}
