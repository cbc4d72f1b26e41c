import Foundation

/// A JSON value with ordered keys and exact decimal numbers, so exported files are stable
/// byte for byte and amounts never pass through binary floating point.
public indirect enum JSON: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Decimal)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    public static func == (a: JSON, b: JSON) -> Bool { a.rendered() == b.rendered() }

    static func num(_ value: Decimal?) -> JSON { value.map { .number($0) } ?? .null }
    static func str(_ value: String?) -> JSON { value.map { .string($0) } ?? .null }

    /// Pretty-printed with two-space indentation and a final newline.
    public func rendered() -> String {
        var out = ""
        write(into: &out, indent: 0)
        return out + "\n"
    }

    func write(into out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1)
        let close = String(repeating: "  ", count: indent)
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n.plain
        case .string(let s): out += JSON.quote(s)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad
                item.write(into: &out, indent: indent + 1)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += close + "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, (key, value)) in pairs.enumerated() {
                out += pad + JSON.quote(key) + ": "
                value.write(into: &out, indent: indent + 1)
                out += i + 1 < pairs.count ? ",\n" : "\n"
            }
            out += close + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    // MARK: Reading (for `open`)

    /// Parses JSON text; numbers stay decimal.
    /// Parses JSON text; syntax errors name `file:line` when a file is given.
    public static func parse(_ text: String, file: String? = nil) throws(ShellError) -> JSON {
        try parseWithLines(text, file: file).json
    }

    /// Parses JSON and records the line of every object key by its dotted path
    /// (`grades.1.min`), so later checks can report where a bad value is.
    public static func parseWithLines(_ text: String, file: String? = nil) throws(ShellError) -> (json: JSON, lines: [String: Int]) {
        var parser = JSONParser(scalars: Array(text.unicodeScalars), file: file)
        let value = try parser.value(path: "")
        parser.skipSpace()
        guard parser.at == parser.scalars.count else { throw parser.error("unexpected text after the JSON value") }
        return (value, parser.keyLines)
    }

    public subscript(key: String) -> JSON? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }
    public var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    public var decimalValue: Decimal? { if case .number(let n) = self { return n }; return nil }
    public var arrayValue: [JSON]? { if case .array(let a) = self { return a }; return nil }
    public var intValue: Int? { decimalValue.map { NSDecimalNumber(decimal: $0).intValue } }
}

struct JSONParser {
    let scalars: [Unicode.Scalar]
    var file: String? = nil
    var at = 0
    var keyLines: [String: Int] = [:]

    var line: Int {
        var line = 1
        for s in scalars.prefix(at) where s == "\n" { line += 1 }
        return line
    }

    func error(_ message: String) -> ShellError {
        file.map { .invalidFile(location: "\($0):\(line)", reason: message) } ?? .invalidValue("\(line): \(message)")
    }

    mutating func skipSpace() { while at < scalars.count, " \n\r\t".unicodeScalars.contains(scalars[at]) { at += 1 } }

    mutating func value(path: String = "") throws(ShellError) -> JSON {
        skipSpace()
        guard at < scalars.count else { throw error("unexpected end of JSON") }
        switch scalars[at] {
        case "{":
            at += 1
            var pairs: [(String, JSON)] = []
            skipSpace()
            if at < scalars.count, scalars[at] == "}" { at += 1; return .object(pairs) }
            while true {
                skipSpace()
                let keyLine = line
                guard case .string(let key) = try value() else { throw error("expected a string key") }
                let keyPath = path.isEmpty ? key : path + "." + key
                keyLines[keyPath] = keyLine
                skipSpace()
                guard at < scalars.count, scalars[at] == ":" else { throw error("expected ':'") }
                at += 1
                pairs.append((key, try value(path: keyPath)))
                skipSpace()
                guard at < scalars.count else { throw error("unexpected end of JSON") }
                if scalars[at] == "," { at += 1; continue }
                if scalars[at] == "}" { at += 1; return .object(pairs) }
                throw error("expected ',' or '}'")
            }
        case "[":
            at += 1
            var items: [JSON] = []
            skipSpace()
            if at < scalars.count, scalars[at] == "]" { at += 1; return .array(items) }
            while true {
                items.append(try value(path: path + "." + String(items.count)))
                skipSpace()
                guard at < scalars.count else { throw error("unexpected end of JSON") }
                if scalars[at] == "," { at += 1; continue }
                if scalars[at] == "]" { at += 1; return .array(items) }
                throw error("expected ',' or ']'")
            }
        case "\"":
            at += 1
            var s = String.UnicodeScalarView()
            while at < scalars.count {
                let c = scalars[at]
                at += 1
                if c == "\"" { return .string(String(s)) }
                if c == "\\" {
                    guard at < scalars.count else { break }
                    let e = scalars[at]
                    at += 1
                    switch e {
                    case "n": s.append("\n")
                    case "t": s.append("\t")
                    case "r": s.append("\r")
                    case "b": s.append("\u{08}")
                    case "f": s.append("\u{0C}")
                    case "u":
                        guard at + 4 <= scalars.count, let code = UInt32(String(String.UnicodeScalarView(scalars[at..<at + 4])), radix: 16) else {
                            throw error("bad \\u escape")
                        }
                        at += 4
                        var value = code
                        if (0xD800..<0xDC00).contains(code), at + 6 <= scalars.count, scalars[at] == "\\", scalars[at + 1] == "u",
                           let low = UInt32(String(String.UnicodeScalarView(scalars[at + 2..<at + 6])), radix: 16) {
                            value = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                            at += 6
                        }
                        guard let u = Unicode.Scalar(value) else { throw error("bad \\u escape") }
                        s.append(u)
                    default: s.append(e)
                    }
                } else {
                    s.append(c)
                }
            }
            throw error("unterminated string")
        case "t": return try word("true", .bool(true))
        case "f": return try word("false", .bool(false))
        case "n": return try word("null", .null)
        default:
            let start = at
            while at < scalars.count, "+-0123456789.eE".unicodeScalars.contains(scalars[at]) { at += 1 }
            let text = String(String.UnicodeScalarView(scalars[start..<at]))
            guard !text.isEmpty, let n = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                throw error("unexpected character '\(scalars[start])'")
            }
            return .number(n)
        }
    }

    mutating func word(_ w: String, _ v: JSON) throws(ShellError) -> JSON {
        let ws = Array(w.unicodeScalars)
        guard at + ws.count <= scalars.count, Array(scalars[at..<at + ws.count]) == ws else { throw error("unexpected word") }
        at += ws.count
        return v
    }
}
