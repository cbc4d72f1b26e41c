/// The little of XML the office formats need: start tags with their attributes, end tags, and the
/// text between them with its entities decoded. Comments, processing instructions and the DOCTYPE
/// are skipped; CDATA is text. Element names are reported by namespace, not by the prefix a
/// producer chose: an element in a namespace `canonicalPrefixes` knows is named with that
/// namespace's usual prefix (`w:p` whether written `w:p`, `ns0:p` or `p` under a default
/// namespace), any other keeps its name as written. Written by hand because Foundation's XMLParser, the
/// one library at hand, pulls libxml2 and ICU into every start of the program (doubling its
/// start-up, for a file type most sessions never open) and traps on some malformed names
/// (found by `make fuzz`). The input is known to be UTF-8 before it gets here.
struct XMLScanner {
    enum Event: Equatable {
        case start(String, Attributes = Attributes())
        case end(String)
        case text(String)
    }

    /// A start tag's attributes, read on demand from the tag's bytes: most tags' are never asked for.
    struct Attributes: Equatable {
        var bytes: ArraySlice<UInt8> = []

        /// The value of the attribute whose local name is `name` (any prefix), entities decoded.
        func value(_ name: String) -> String? {
            var found: String? = nil
            each { qualified, value in
                if found == nil, XMLScanner.localName(qualified) == name { found = XMLScanner.decode(value) }
            }
            return found
        }

        /// Calls `body` with each attribute's qualified name and raw value, in order.
        func each(_ body: (String, ArraySlice<UInt8>) -> Void) {
            var i = bytes.startIndex
            while i < bytes.endIndex {
                while i < bytes.endIndex, XMLScanner.isSpace(bytes[i]) { i += 1 }
                let nameStart = i
                while i < bytes.endIndex, bytes[i] != UInt8(ascii: "="), !XMLScanner.isSpace(bytes[i]) { i += 1 }
                let name = String(decoding: bytes[nameStart..<i], as: UTF8.self)
                while i < bytes.endIndex, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "'") { i += 1 }
                guard i < bytes.endIndex else { return }
                let quote = bytes[i]
                let valueStart = i + 1
                guard let valueEnd = bytes[valueStart...].firstIndex(of: quote) else { return }
                body(name, bytes[valueStart..<valueEnd])
                i = valueEnd + 1
            }
        }
    }

    /// The prefixes the readers match, by the namespace they stand for (transitional and strict).
    static let canonicalPrefixes: [String: String] = [
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "w",
        "http://purl.oclc.org/ooxml/wordprocessingml/main": "w",
        "http://schemas.openxmlformats.org/spreadsheetml/2006/main": "x",
        "http://purl.oclc.org/ooxml/spreadsheetml/main": "x",
        "http://schemas.openxmlformats.org/markup-compatibility/2006": "mc",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships": "r",
        "http://purl.oclc.org/ooxml/officeDocument/relationships": "r",
        "http://schemas.openxmlformats.org/package/2006/relationships": "rel",
    ]

    /// A namespace declaration in scope: from the element at `depth` to its end.
    private struct Binding {
        var depth: Int
        var prefix: String
        var canonical: String?
    }

    /// Where the XML stopped making sense.
    struct Malformed: Error, Equatable {
        var line: Int
    }

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0
    /// Declarations in scope, innermost last: a list, not a stack of frames, so deep nesting costs
    /// only the declarations it makes.
    private var bindings: [Binding] = []

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
            handle(.end(resolved(Self.name(bytes[(index + 2)..<(end - 1)]))))
            close()
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
        let tag = bytes[(index + 1)..<(selfClosing ? cursor - 1 : cursor)]
        // The attributes start where the name's bytes end: the decoded name may be longer in
        // UTF-8 (a byte that is not UTF-8 decodes to U+FFFD, three bytes).
        let nameEnd = Self.nameEnd(tag)
        let written = String(decoding: tag[tag.startIndex..<nameEnd], as: UTF8.self)
        guard !written.isEmpty else { throw Malformed(line: line(at: index)) }
        let attributes = Attributes(bytes: tag[nameEnd...])
        depth += 1
        declare(attributes)
        let name = resolved(written)
        handle(.start(name, attributes))
        if selfClosing {
            handle(.end(name))
            close()
        }
        index = cursor + 1
    }

    /// Takes the `xmlns` and `xmlns:p` declarations of the element just opened.
    private mutating func declare(_ attributes: Attributes) {
        guard attributes.bytes.count >= 5, Self.contains(attributes.bytes, "xmlns") else { return }
        attributes.each { name, value in
            guard name == "xmlns" || name.hasPrefix("xmlns:") else { return }
            let prefix = name == "xmlns" ? "" : String(name.dropFirst(6))
            let uri = Self.decode(value)
            bindings.append(Binding(depth: depth, prefix: prefix, canonical: Self.canonicalPrefixes[uri]))
        }
    }

    /// Ends the innermost element: its declarations go out of scope.
    private mutating func close() {
        while let last = bindings.last, last.depth >= depth { bindings.removeLast() }
        depth = max(0, depth - 1)
    }

    /// `written` named by its namespace's usual prefix, where the namespace is one the readers know.
    private func resolved(_ written: String) -> String {
        guard !bindings.isEmpty else { return written }
        let colon = written.utf8.firstIndex(of: UInt8(ascii: ":"))
        let prefix = colon.map { String(Substring(written.utf8[..<$0])) } ?? ""
        guard let binding = bindings.last(where: { $0.prefix == prefix }), let canonical = binding.canonical else {
            return written
        }
        if canonical == prefix { return written }
        return canonical + ":" + Self.localName(written)
    }

    /// `w:p` → `p`, `p` → `p`.
    static func localName(_ qualified: String) -> String {
        guard let colon = qualified.utf8.firstIndex(of: UInt8(ascii: ":")) else { return qualified }
        return String(Substring(qualified.utf8[qualified.utf8.index(after: colon)...]))
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    static func contains(_ bytes: ArraySlice<UInt8>, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        var i = bytes.startIndex
        while i + count <= bytes.endIndex {
            var matched = true
            for offset in 0..<count where bytes[i + offset] != literal.utf8Start[offset] {
                matched = false
                break
            }
            if matched { return true }
            i += 1
        }
        return false
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
        String(decoding: bytes[bytes.startIndex..<nameEnd(bytes)], as: UTF8.self)
    }

    /// Where a tag's name ends: at the first white space, or the tag's end.
    static func nameEnd(_ bytes: ArraySlice<UInt8>) -> Int {
        bytes.firstIndex { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D } ?? bytes.endIndex
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
