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

    public static func == (a: JSON, b: JSON) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)): return x.map(\.0) == y.map(\.0) && x.map(\.1) == y.map(\.1)
        default: return false
        }
    }

    package static func num(_ value: Decimal?) -> JSON { value.map { .number($0) } ?? .null }
    package static func str(_ value: String?) -> JSON { value.map { .string($0) } ?? .null }
    package static func int(_ value: Int?) -> JSON { value.map { .number(Decimal($0)) } ?? .null }

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
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad
                item.write(into: &out, indent: indent + 1)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += close + "]"
        case .object(let pairs):
            if pairs.isEmpty {
                out += "{}"
                return
            }
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
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    public subscript(key: String) -> JSON? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var decimalValue: Decimal? {
        if case .number(let n) = self { return n }
        return nil
    }

    public var arrayValue: [JSON]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var intValue: Int? {
        guard let n = decimalValue, n == n.rounded(0) else { return nil }
        return NSDecimalNumber(decimal: n).intValue
    }
}

// MARK: Reading

/// A JSON text that could not be parsed, with the line the parser stopped at.
public struct JSONSyntaxError: Error, Equatable, Sendable {
    public var line: Int
    public var message: String
}

extension JSON: Decodable {
    /// Reads any JSON value; numbers go straight from their digits to `Decimal`. Object keys
    /// come out sorted by name: `keyLines` tells where each one stood in the text.
    public init(from decoder: any Decoder) throws {
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            let keys = object.allKeys.sorted { $0.stringValue < $1.stringValue }
            var pairs: [(String, JSON)] = []
            for key in keys { pairs.append((key.stringValue, try object.decode(JSON.self, forKey: key))) }
            self = .object(pairs)
        } else if var array = try? decoder.unkeyedContainer() {
            var items: [JSON] = []
            while !array.isAtEnd { items.append(try array.decode(JSON.self)) }
            self = .array(items)
        } else {
            self = try Self.scalar(decoder.singleValueContainer())
        }
    }

    private static func scalar(_ value: any SingleValueDecodingContainer) throws -> JSON {
        if value.decodeNil() { return .null }
        if let bool = try? value.decode(Bool.self) { return .bool(bool) }
        if let number = try? value.decode(Decimal.self) { return .number(number) }
        return .string(try value.decode(String.self))
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Parses JSON text with Foundation's parser. Foundation's decoder says only that the text is
    /// not JSON; `JSONSerialization` names the byte it stopped at, which gives the line.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSON {
        let data = Data(text.utf8)
        do {
            return try JSONDecoder().decode(JSON.self, from: data)
        } catch {
            throw syntaxError(in: data)
        }
    }

    static func syntaxError(in data: Data) -> JSONSyntaxError {
        var description = "not valid JSON"
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            description = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? description
        }
        let lineCount = data.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        var line = lineCount
        if let range = description.range(of: " around character ") {
            let offset = Int(description[range.upperBound...].prefix { $0.isNumber }) ?? data.count
            line = data.prefix(offset).reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            description = String(description[..<range.lowerBound])
        }
        if description.hasSuffix(".") { description.removeLast() }
        let message = description.prefix(1).lowercased() + description.dropFirst()
        return JSONSyntaxError(line: line, message: message)
    }

    /// The first number in the (already valid) text that would not be kept as written: beyond
    /// 10^12, with more decimals than jixiao keeps, or in exponent form; with its line. The
    /// parser turns numbers into `Decimal` silently, so this looks at the digits as typed.
    public static func firstNumberProblem(_ text: String) -> (line: Int, message: String)? {
        let bytes = Array(text.utf8)
        var line = 1
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\n") {
                line += 1
            } else if byte == UInt8(ascii: "\"") {
                i += 1
                while i < bytes.count && bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
            } else if byte == UInt8(ascii: "-") || (48...57).contains(byte) {
                let start = i
                while i < bytes.count && "-+.eE0123456789".utf8.contains(bytes[i]) { i += 1 }
                let token = String(decoding: bytes[start..<i], as: UTF8.self)
                if let problem = numberProblem(token) { return (line, "the number \(token) \(problem)") }
                continue
            }
            i += 1
        }
        return nil
    }

    static func numberProblem(_ token: String) -> String? {
        guard let value = Labels.decimal(token) else { return "is in exponent form; write it out in digits" }
        return Labels.limitProblem(token, value: value)
    }

    /// The line of every object key, by its dotted path (`grades.1.min`), so a value that is
    /// valid JSON but wrong for jixiao can be reported at its line. Foundation keeps no
    /// positions, so this light scan over the (already valid) text finds them: it follows only
    /// strings, brackets and commas.
    public static func keyLines(_ text: String) -> [String: Int] {
        enum Level {
            case object(key: String?)
            case array(index: Int)

            var component: String? {
                switch self {
                case .object(let key): return key
                case .array(let index): return String(index)
                }
            }
        }
        var lines: [String: Int] = [:]
        var levels: [Level] = []
        var line = 1
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\n"): line += 1
            case UInt8(ascii: "{"): levels.append(.object(key: nil))
            case UInt8(ascii: "["): levels.append(.array(index: 0))
            case UInt8(ascii: "}"), UInt8(ascii: "]"): _ = levels.popLast()
            case UInt8(ascii: ","):
                if case .array(let index) = levels.last { levels[levels.count - 1] = .array(index: index + 1) }
            case UInt8(ascii: "\""):
                let start = i + 1
                i = start
                while i < bytes.count && bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
                var next = i + 1
                while next < bytes.count && [0x20, 0x09, 0x0A, 0x0D].contains(bytes[next]) { next += 1 }
                let isKey = next < bytes.count && bytes[next] == UInt8(ascii: ":")
                if isKey, case .object = levels.last {
                    levels[levels.count - 1] = .object(
                        key: String(decoding: bytes[start..<min(i, bytes.count)], as: UTF8.self))
                    lines[levels.compactMap(\.component).joined(separator: ".")] = line
                }
            default: break
            }
            i += 1
        }
        return lines
    }
}
