/// The little of XML a .docx body needs: start and end tags by name, and the text between
/// them with its entities decoded. Attributes, comments, processing instructions and the
/// DOCTYPE are skipped; CDATA is text. Written by hand because Foundation's XMLParser, the
/// one library at hand, pulls libxml2 and ICU into every start of the program (doubling its
/// start-up, for a file type most sessions never open) and traps on some malformed names
/// (found by `make fuzz`). The input is known to be UTF-8 before it gets here.
struct XMLScanner {
    enum Event: Equatable {
        case start(String)
        case end(String)
        case text(String)
    }

    /// Where the XML stopped making sense.
    struct Malformed: Error, Equatable {
        var line: Int
    }

    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Calls `handle` with each event in document order. A self-closing tag is a start and an end.
    static func scan(_ bytes: [UInt8], _ handle: (Event) -> Void) throws(Malformed) {
        var scanner = XMLScanner(bytes)
        try scanner.run(handle)
    }

    private mutating func run(_ handle: (Event) -> Void) throws(Malformed) {
        var textStart = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            if textStart < index { handle(.text(Self.decode(bytes[textStart..<index]))) }
            try markup(handle)
            textStart = index
        }
        if textStart < bytes.count { handle(.text(Self.decode(bytes[textStart...]))) }
    }

    /// One piece of markup starting at `<`; leaves `index` after it.
    private mutating func markup(_ handle: (Event) -> Void) throws(Malformed) {
        if starts(with: "<?") {
            index = try position(after: "?>")
        } else if starts(with: "<!--") {
            index = try position(after: "-->")
        } else if starts(with: "<![CDATA[") {
            let start = index + 9
            index = try position(after: "]]>")
            handle(.text(String(decoding: bytes[start..<(index - 3)], as: UTF8.self)))
        } else if starts(with: "<!") {
            index = try position(after: ">")
        } else if starts(with: "</") {
            let end = try position(after: ">")
            handle(.end(Self.name(bytes[(index + 2)..<(end - 1)])))
            index = end
        } else {
            try startTag(handle)
        }
    }

    /// `<name attr="…">` or `<name …/>`; quoted attribute values may hold `>`.
    private mutating func startTag(_ handle: (Event) -> Void) throws(Malformed) {
        var cursor = index + 1
        var quote: UInt8? = nil
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                break
            } else if byte == UInt8(ascii: "<") {
                throw Malformed(line: line(at: cursor))
            }
            cursor += 1
        }
        guard cursor < bytes.count else { throw Malformed(line: line(at: index)) }
        let selfClosing = bytes[cursor - 1] == UInt8(ascii: "/")
        let name = Self.name(bytes[(index + 1)..<(selfClosing ? cursor - 1 : cursor)])
        guard !name.isEmpty else { throw Malformed(line: line(at: index)) }
        handle(.start(name))
        if selfClosing { handle(.end(name)) }
        index = cursor + 1
    }

    private func starts(with literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] { return false }
        return true
    }

    /// The position just after the next `literal`, searching from `index`.
    private func position(after literal: StaticString) throws(Malformed) -> Int {
        let count = literal.utf8CodeUnitCount
        var cursor = index + 1
        while cursor + count <= bytes.count {
            var matched = true
            for offset in 0..<count where bytes[cursor + offset] != literal.utf8Start[offset] {
                matched = false
                break
            }
            if matched { return cursor + count }
            cursor += 1
        }
        throw Malformed(line: line(at: index))
    }

    private func line(at position: Int) -> Int {
        bytes[..<min(position, bytes.count)].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    }

    /// A tag's name: its bytes up to the first space, tab or line break.
    static func name(_ bytes: ArraySlice<UInt8>) -> String {
        let end = bytes.firstIndex { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D } ?? bytes.endIndex
        return String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self)
    }

    /// Text with `&lt; &gt; &amp; &quot; &apos; &#N; &#xH;` decoded; an unknown entity stays as written.
    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        var out = String()
        var index = bytes.startIndex
        var plain = index
        while index < bytes.endIndex {
            guard bytes[index] == UInt8(ascii: "&"),
                let semicolon = bytes[index...].prefix(12).firstIndex(of: UInt8(ascii: ";")),
                let scalar = entity(bytes[(index + 1)..<semicolon])
            else {
                index += 1
                continue
            }
            out += String(decoding: bytes[plain..<index], as: UTF8.self)
            out.unicodeScalars.append(scalar)
            index = semicolon + 1
            plain = index
        }
        out += String(decoding: bytes[plain..<bytes.endIndex], as: UTF8.self)
        return out
    }

    static func entity(_ body: ArraySlice<UInt8>) -> Unicode.Scalar? {
        let text = String(decoding: body, as: UTF8.self)
        switch text {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        default: break
        }
        guard text.utf8.first == UInt8(ascii: "#") else { return nil }
        let digits = text.dropFirst()
        let value =
            digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
        return value.flatMap(Unicode.Scalar.init)
    }
}
