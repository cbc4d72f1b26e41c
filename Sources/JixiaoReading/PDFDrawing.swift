import Foundation

/// The ruled lines of a PDF, read from the SVG `pdftocairo -svg` draws of it: a stroked straight
/// segment, or a filled rectangle thin enough to be a line (how some producers draw borders), is a
/// rule. Glyphs (`<symbol>` in `<defs>`) and curves are not. poppler interprets the PDF's drawing
/// operators; this only reads the straight lines out of its answer.
///
/// The rules are kept as a short text, one rule a line (`p 4`, `h Y X1 X2`, `v X Y1 Y2`), which is
/// what the conversion cache stores: the SVG, glyphs and all, is a hundred times larger.
package enum PDFDrawing {
    /// Rules per page (index 0 is page 1), read from pdftocairo's SVG.
    package static func rules(svg: Data) throws(ReadError) -> [[PDFRule]] {
        var reader = SVGRules()
        do throws(XMLScanner.Malformed) {
            try XMLScanner.scan([UInt8](svg)) { reader.take($0) }
        } catch {
            throw .notPDF("poppler's drawing of it is not well-formed XML (line \(error.line))")
        }
        return reader.pages
    }

    package static func encode(_ pages: [[PDFRule]]) -> String {
        var text = ""
        for (index, rules) in pages.enumerated() {
            text += "p \(index + 1)\n"
            for rule in rules {
                text += "\(rule.isHorizontal ? "h" : "v") \(format(rule.at)) \(format(rule.from)) \(format(rule.to))\n"
            }
        }
        return text
    }

    /// Reads `encode`'s text; nil where a line is not one it writes.
    static func decode(_ text: String) -> [[PDFRule]]? {
        var pages: [[PDFRule]] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count == 2, fields[0] == "p", Int(fields[1]) == pages.count + 1 {
                pages.append([])
                continue
            }
            guard fields.count == 4, fields[0] == "h" || fields[0] == "v", !pages.isEmpty,
                let at = Double(fields[1]), let from = Double(fields[2]), let to = Double(fields[3]),
                at.isFinite, from.isFinite, to.isFinite
            else { return nil }
            pages[pages.count - 1].append(PDFRule(isHorizontal: fields[0] == "h", at: at, from: from, to: to))
        }
        return pages
    }

    static func format(_ value: Double) -> String { String(format: "%.2f", value) }
}

/// An affine transform as SVG writes it: `matrix(a,b,c,d,e,f)`.
struct AffineTransform: Equatable {
    var a = 1.0, b = 0.0, c = 0.0, d = 1.0, e = 0.0, f = 0.0

    func apply(_ x: Double, _ y: Double) -> (Double, Double) { (a * x + c * y + e, b * x + d * y + f) }

    /// `self` after `inner`: a point is first moved by `inner`, then by `self`.
    func then(_ inner: AffineTransform) -> AffineTransform {
        AffineTransform(
            a: a * inner.a + c * inner.b, b: b * inner.a + d * inner.b,
            c: a * inner.c + c * inner.d, d: b * inner.c + d * inner.d,
            e: a * inner.e + c * inner.f + e, f: b * inner.e + d * inner.f + f)
    }

    /// `matrix(…)`, `translate(…)` and `scale(…)`, in order; nil for anything else (a rotation).
    init?(svg text: String) {
        self.init()
        for part in text.split(separator: ")") {
            let pieces = part.split(separator: "(")
            guard pieces.count == 2 else { continue }
            let name = pieces[0].trimmingCharacters(in: .whitespaces)
            let numbers = pieces[1].split { $0 == "," || $0 == " " }.compactMap { Double($0) }
            let step: AffineTransform
            switch (name, numbers.count) {
            case ("matrix", 6):
                step = AffineTransform(
                    a: numbers[0], b: numbers[1], c: numbers[2], d: numbers[3], e: numbers[4], f: numbers[5])
            case ("translate", 1), ("translate", 2):
                step = AffineTransform(e: numbers[0], f: numbers.count == 2 ? numbers[1] : 0)
            case ("scale", 1), ("scale", 2):
                step = AffineTransform(a: numbers[0], d: numbers.count == 2 ? numbers[1] : numbers[0])
            default: return nil
            }
            self = self.then(step)
        }
    }

    init(a: Double = 1, b: Double = 0, c: Double = 0, d: Double = 1, e: Double = 0, f: Double = 0) {
        (self.a, self.b, self.c, self.d, self.e, self.f) = (a, b, c, d, e, f)
    }
}

/// Walks pdftocairo's SVG: `<page>`s (one page has none), groups' transforms, and the paths and
/// rectangles outside `<defs>`.
struct SVGRules {
    private(set) var pages: [[PDFRule]] = [[]]
    private var sawPage = false
    private var hidden = 0  // depth inside defs, symbols, clip paths, masks and patterns
    private var transforms: [AffineTransform?] = []  // per open element; nil: not a plain transform
    private var current: AffineTransform? { transforms.last ?? AffineTransform() }

    /// Longer than this across, a filled rectangle is an area, not a line.
    static let thinness = 2.5
    /// Elements whose shapes are not drawn where they stand: glyphs, clips, masks, patterns.
    static let undrawn: Set<String> = ["defs", "symbol", "clipPath", "mask", "pattern"]

    mutating func take(_ event: XMLScanner.Event) {
        switch event {
        case .start(let name, let attributes):
            let own = attributes.value("transform").map { AffineTransform(svg: $0) } ?? AffineTransform()
            let combined: AffineTransform? = own.flatMap { own in current.map { $0.then(own) } }
            if name == "page" {
                if sawPage { pages.append([]) }
                sawPage = true
            }
            if Self.undrawn.contains(name) { hidden += 1 }
            if hidden == 0, let combined {
                if name == "path" { addPath(attributes, combined) }
                if name == "rect" { addRect(attributes, combined) }
            }
            transforms.append(combined)
        case .end(let name):
            if Self.undrawn.contains(name) { hidden = max(0, hidden - 1) }
            if !transforms.isEmpty { transforms.removeLast() }
        case .text: break
        }
    }

    mutating func addPath(_ attributes: XMLScanner.Attributes, _ transform: AffineTransform) {
        let style = Style(attributes)
        let segments = Self.segments(attributes.value("d") ?? "").map { segment in
            (transform.apply(segment.0, segment.1), transform.apply(segment.2, segment.3))
        }
        if style.stroked {
            for (start, end) in segments { add(line: start, end) }
        } else if style.filled {
            add(area: segments.flatMap { [$0.0, $0.1] })
        }
    }

    mutating func addRect(_ attributes: XMLScanner.Attributes, _ transform: AffineTransform) {
        let value = { (name: String) in attributes.value(name).flatMap(Double.init) ?? 0 }
        let (x, y, width, height) = (value("x"), value("y"), value("width"), value("height"))
        let corners = [(x, y), (x + width, y), (x + width, y + height), (x, y + height)].map {
            transform.apply($0.0, $0.1)
        }
        let style = Style(attributes)
        if style.stroked {
            for i in 0..<4 { add(line: corners[i], corners[(i + 1) % 4]) }
        } else if style.filled {
            add(area: corners)
        }
    }

    /// A straight segment that runs along an axis.
    mutating func add(line start: (Double, Double), _ end: (Double, Double)) {
        let (x0, y0, x1, y1) = (start.0, start.1, end.0, end.1)
        guard [x0, y0, x1, y1].allSatisfy(\.isFinite) else { return }
        if abs(y0 - y1) < 0.5, abs(x0 - x1) >= 1 {
            pages[pages.count - 1].append(
                PDFRule(isHorizontal: true, at: (y0 + y1) / 2, from: min(x0, x1), to: max(x0, x1)))
        } else if abs(x0 - x1) < 0.5, abs(y0 - y1) >= 1 {
            pages[pages.count - 1].append(
                PDFRule(isHorizontal: false, at: (x0 + x1) / 2, from: min(y0, y1), to: max(y0, y1)))
        }
    }

    /// A filled shape, by the box around its points; nothing when it has none.
    mutating func add(area points: [(Double, Double)]) {
        guard let left = points.map(\.0).min(), let right = points.map(\.0).max(),
            let top = points.map(\.1).min(), let bottom = points.map(\.1).max()
        else { return }
        add(area: left, top, right, bottom)
    }

    /// A filled rectangle thin in one direction is a rule along the other.
    mutating func add(area left: Double, _ top: Double, _ right: Double, _ bottom: Double) {
        guard [left, top, right, bottom].allSatisfy(\.isFinite) else { return }
        let (width, height) = (right - left, bottom - top)
        if height <= Self.thinness, width > height * 2 {
            pages[pages.count - 1].append(PDFRule(isHorizontal: true, at: (top + bottom) / 2, from: left, to: right))
        } else if width <= Self.thinness, height > width * 2 {
            pages[pages.count - 1].append(PDFRule(isHorizontal: false, at: (left + right) / 2, from: top, to: bottom))
        }
    }

    /// The straight segments of a path's `d` (absolute and relative M, L, H, V, Z; a curve moves
    /// the pen and draws no rule).
    static func segments(_ d: String) -> [(Double, Double, Double, Double)] {
        var tokens = PathTokens(d)
        var result: [(Double, Double, Double, Double)] = []
        var (x, y, startX, startY) = (0.0, 0.0, 0.0, 0.0)
        var command: Character = "M"
        while let next = tokens.next() {
            if case .command(let c) = next {
                command = c
                if c == "Z" || c == "z" {
                    if x != startX || y != startY { result.append((x, y, startX, startY)) }
                    (x, y) = (startX, startY)
                }
                continue
            }
            guard case .number(let first) = next else { continue }
            let relative = command.isLowercase
            switch command.uppercased() {
            case "M":
                guard let second = tokens.number() else { return result }
                (x, y) = relative ? (x + first, y + second) : (first, second)
                (startX, startY) = (x, y)
                command = relative ? "l" : "L"  // later pairs are line-tos
            case "L":
                guard let second = tokens.number() else { return result }
                let (nx, ny) = relative ? (x + first, y + second) : (first, second)
                result.append((x, y, nx, ny))
                (x, y) = (nx, ny)
            case "H":
                let nx = relative ? x + first : first
                result.append((x, y, nx, y))
                x = nx
            case "V":
                let ny = relative ? y + first : first
                result.append((x, y, x, ny))
                y = ny
            case "C", "S", "Q", "T", "A":
                // The numbers after the first that the command takes: its end point is the last two.
                let count: Int
                switch command.uppercased() {
                case "C": count = 5
                case "A": count = 6
                case "T": count = 1
                default: count = 3  // S, Q
                }
                var last = [first]
                for _ in 0..<count { if let n = tokens.number() { last.append(n) } }
                guard last.count >= 2 else { return result }
                let (ex, ey) = (last[last.count - 2], last[last.count - 1])
                (x, y) = relative ? (x + ex, y + ey) : (ex, ey)
            default: return result
            }
        }
        return result
    }

    /// Whether a shape is stroked or filled, from its `style` (pdftocairo writes no presentation
    /// attributes) or its `fill`/`stroke` attributes.
    struct Style {
        var stroked = false
        var filled = true

        init(_ attributes: XMLScanner.Attributes) {
            var properties: [String: String] = [:]
            for declaration in (attributes.value("style") ?? "").split(separator: ";") {
                let pair = declaration.split(separator: ":", maxSplits: 1)
                guard pair.count == 2 else { continue }
                properties[pair[0].trimmingCharacters(in: .whitespaces)] = pair[1].trimmingCharacters(in: .whitespaces)
            }
            let stroke = properties["stroke"] ?? attributes.value("stroke") ?? "none"
            let fill = properties["fill"] ?? attributes.value("fill") ?? "black"
            stroked = stroke != "none"
            filled = fill != "none"
        }
    }
}

/// The commands and numbers of an SVG path's `d`.
struct PathTokens {
    enum Token { case command(Character), number(Double) }
    private let scalars: [Unicode.Scalar]
    private var index = 0

    init(_ d: String) { scalars = Array(d.unicodeScalars) }

    mutating func next() -> Token? {
        while true {
            while index < scalars.count, " ,\t\n\r".unicodeScalars.contains(scalars[index]) { index += 1 }
            guard index < scalars.count else { return nil }
            let scalar = scalars[index]
            if scalar.properties.isAlphabetic, scalar != "e", scalar != "E" {
                index += 1
                return .command(Character(scalar))
            }
            let start = index
            index += 1
            while index < scalars.count, Self.continuesNumber(scalars[index], after: scalars[index - 1]) { index += 1 }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars[start..<index])
            if let value = Double(text), value.isFinite { return .number(value) }
            // Not a number (a stray sign): skipped.
        }
    }

    static func continuesNumber(_ s: Unicode.Scalar, after previous: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(s) || s == "." || s == "e" || s == "E"
            || ((s == "-" || s == "+") && (previous == "e" || previous == "E"))
    }

    /// The next token when it is a number; a command is left for `next`.
    mutating func number() -> Double? {
        let saved = index
        if case .number(let value) = next() { return value }
        index = saved
        return nil
    }
}
