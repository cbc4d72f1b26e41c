import Foundation

/// A narrative section (一、项目支出概况 …) of a 自评报告.
public struct NarrativeSection: Hashable, Sendable {
    public var heading: String
    public var line: Int
    /// The body's lines joined by newlines. One string a section rather than one a line: a
    /// county holds hundreds of thousands of narrative lines.
    public private(set) var text: String = ""
    /// The file line of each body line, in order (0 where unknown).
    private var lines: [Int32] = []

    public init(heading: String, body: [Located], line: Int) {
        self.heading = heading
        self.line = line
        text = body.map(\.text).joined(separator: "\n")
        lines = body.map { Int32(clamping: $0.line ?? 0) }
    }

    /// The body, a line at a time, each with its file line.
    public var body: [Located] {
        // Split as it was joined, on the byte: splitting characters is slower, and would keep a
        // line ending in \r joined to the next (\r\n is one character).
        let texts = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        return zip(texts, lines).map { Located(String(Substring($0)), line: $1 == 0 ? nil : Int($1)) }
    }

    /// The body lines whose UTF-8 passes `test`, each made a string only then: the checks that
    /// look for a few words in a report's lines passed over most lines, and making every line a
    /// string first cost more than the search.
    public func lines(where test: (UnsafeBufferPointer<UInt8>) -> Bool) -> [Located] {
        text.withBytes { bytes in
            var found: [Located] = []
            var start = 0
            for number in lines {
                var end = start
                while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if test(line) {
                    // Cut from the text, known to be whole characters: decoding the bytes again
                    // validated each line.
                    let utf8 = text.utf8
                    let from = utf8.index(utf8.startIndex, offsetBy: start)
                    let piece = Substring(utf8[from..<utf8.index(from, offsetBy: end - start)])
                    found.append(Located(String(piece), line: number == 0 ? nil : Int(number)))
                }
                start = end + 1
            }
            return found
        }
    }

    public var isEmpty: Bool { lines.isEmpty }

    /// The file line of the first body line that passes `test`, else of the heading.
    public func line(where test: (String) -> Bool) -> Int {
        body.first { test($0.text) }?.line ?? line
    }

    /// Adds a line of the body (a line of prose, without line breaks).
    public mutating func append(_ located: Located) {
        if !lines.isEmpty { text += "\n" }
        text += located.text
        lines.append(Int32(clamping: located.line ?? 0))
    }
}

/// A 自评报告 (or 情况说明): its title line and its sections.
public struct Narrative: Hashable, Sendable {
    public var title: String
    public var line: Int
    public var sections: [NarrativeSection] = []
    /// Each section's heading and body, the sections a line apart: written into one string of the
    /// size it needs, without a string a section first.
    public var fullText: String {
        var text = ""
        text.reserveCapacity(sections.reduce(0) { $0 + $1.heading.utf8.count + $1.text.utf8.count + 1 })
        for (index, section) in sections.enumerated() {
            if index > 0 { text += "\n" }
            text += section.heading
            text += section.text
        }
        return text
    }

    public init(title: String, line: Int) {
        self.title = title
        self.line = line
    }
}

extension Narrative {
    /// `words.occurs(in: fullText)`, section by section, without writing the text out: no word
    /// holds the line break between two sections, and each heading's seam with its body is looked at.
    package func has(_ words: WordList) -> Bool {
        sections.contains { words.occurs(in: $0.heading, then: $0.text) }
    }
}

extension NarrativeSection {
    /// The section with its line numbers held in just the room they need.
    mutating func trimCapacity() {
        lines = lines.exactly
    }
}
