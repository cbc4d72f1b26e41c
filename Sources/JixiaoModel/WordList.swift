/// Words sought together in one pass over a text's UTF-8 bytes, however many there are: made once
/// for a fixed list (survey words, comparison words), then asked of many texts. A class: a list
/// taken out of a table of lists was copied, each of its tables retained, for every text asked.
package final class WordList: Sendable {
    private let needles: [[UInt8]]
    /// The bytes of the longest word.
    private let longest: Int
    /// For each byte value, in one load: the length of the UTF-8 sequence it leads (bits 0–2, as
    /// `utf8Length`), whether it begins a word of more than a byte (`beginsWord`) and whether it
    /// is a word of its own (`isWord`). Most bytes of a text are neither, and are passed over at once.
    private let steps: [UInt8]
    private static let beginsWord: UInt8 = 0x08
    private static let isWord: UInt8 = 0x10
    /// The pairs of bytes that begin a word longer than a byte: in Chinese text nearly every
    /// third byte is a lead byte, and the second byte tells most of them apart.
    private let pairs: BytePairSet
    /// The words grouped by their first character, for long texts: each character is found with
    /// `memchr` over its last byte (as `has` finds a word), many bytes a step, where the loop below
    /// stops at every character (and mispredicts its branches). Twelve characters' searches cost
    /// less than one pass of the loop over a text of 96 bytes or more (the first county `summary`
    /// 4% faster than from 256 bytes, five alternating runs); over shorter texts the loop costs less.
    private let firstCharacters: [(character: [UInt8], words: [[UInt8]])]
    private static let searchedFrom = 96
    private static let searchedCharacters = 12

    package init(_ words: [String]) {
        needles = words.map { Array($0.utf8) }.filter { !$0.isEmpty }
        longest = needles.map(\.count).max() ?? 0
        var steps = (0...255).map { UInt8(utf8Length(UInt8($0))) }
        for needle in needles {
            steps[Int(needle[0])] |= needle.count == 1 ? Self.isWord : Self.beginsWord
        }
        self.steps = steps
        pairs = BytePairSet(beginnings: needles.filter { $0.count > 1 })
        var groups: [(character: [UInt8], words: [[UInt8]])] = []
        for needle in needles {
            let character = Array(needle.prefix(utf8Length(needle[0])))
            if let g = groups.firstIndex(where: { $0.character == character }) {
                groups[g].words.append(needle)
            } else {
                groups.append((character, [needle]))
            }
        }
        firstCharacters = groups
    }

    package func occurs(in text: String) -> Bool {
        text.withBytes(occurs(in:))
    }

    /// `occurs(in: first + second)` without writing the two into one string: each alone, then the
    /// seam, the few bytes either side of the join a word could cross. A word begins with a lead
    /// byte (or is ASCII), which no continuation byte equals, so a seam cut inside a character
    /// holds no word that the joined text does not.
    package func occurs(in first: String, then second: String) -> Bool {
        if occurs(in: first) || occurs(in: second) { return true }
        let reach = longest - 1
        guard reach > 0 else { return false }
        return first.withBytes { a in
            second.withBytes { b in
                let (head, tail) = (a.suffix(reach), b.prefix(reach))
                guard !head.isEmpty, !tail.isEmpty else { return false }
                return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: head.count + tail.count) { seam in
                    _ = seam.initialize(fromContentsOf: head)
                    _ = UnsafeMutableBufferPointer(rebasing: seam[head.count...]).initialize(fromContentsOf: tail)
                    return scanned(UnsafeBufferPointer(seam))
                }
            }
        }
    }

    /// `occurs(in:)` on a text's UTF-8 (a whole string's, or a slice of one cut between
    /// characters).
    package func occurs(in h: UnsafeBufferPointer<UInt8>) -> Bool {
        if h.count >= Self.searchedFrom, firstCharacters.count <= Self.searchedCharacters {
            return firstCharacters.contains { group in Self.found(group.words, startingWith: group.character, in: h) }
        }
        return scanned(h)
    }

    /// Whether one of `words`, which all begin with `character`, stands where `character` does in `h`.
    private static func found(
        _ words: [[UInt8]], startingWith character: [UInt8], in h: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        character.withUnsafeBufferPointer { first in
            var from = 0
            while let i = String.search(h, first, from: from) {
                if words.contains(where: { $0.count <= h.count - i && h[i..<i + $0.count].elementsEqual($0) }) {
                    return true
                }
                from = i + 1
            }
            return false
        }
    }

    /// The loop over every character.
    private func scanned(_ h: UnsafeBufferPointer<UInt8>) -> Bool {
        // The tables are read through their buffers: the loop runs for every character of a
        // report. A word begins a character, so the loop steps a character at a time.
        steps.withUnsafeBufferPointer { steps in
            pairs.withBits { pairs in
                var i = 0
                while i < h.count {
                    let step = steps[Int(h[i])]
                    if step & (Self.beginsWord | Self.isWord) != 0 {
                        if step & Self.isWord != 0 { return true }
                        if BytePairSet.holds(pairs, h, at: i), needleStarts(h, at: i) { return true }
                    }
                    i &+= Int(step & 0x07)
                }
                return false
            }
        }
    }

    /// Whether one of the words stands at `i`.
    private func needleStarts(_ h: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        for needle in needles where needle.count <= h.count - i && needle[0] == h[i] {
            if needle.indices.allSatisfy({ h[i + $0] == needle[$0] }) { return true }
        }
        return false
    }
}

/// Pairs of bytes, one bit each: which words (of two bytes or more) could begin at a position,
/// told from its first two bytes (`WordList`, the rules' figure phrases).
package struct BytePairSet: Sendable {
    private var bits = [UInt64](repeating: 0, count: 65536 / 64)

    /// The first two bytes of each word; every word has at least two.
    package init(beginnings words: [[UInt8]]) {
        for word in words {
            precondition(word.count >= 2, "a word of two bytes or more")
            let pair = Int(word[0]) << 8 | Int(word[1])
            bits[pair >> 6] |= 1 << UInt64(pair & 63)
        }
    }

    /// Whether some word's first two bytes stand at `i`.
    package func begins(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        withBits { Self.holds($0, bytes, at: i) }
    }

    /// Runs `body` on the set's bits, for a loop that asks at every byte.
    package func withBits<Result>(_ body: (UnsafeBufferPointer<UInt64>) -> Result) -> Result {
        bits.withUnsafeBufferPointer(body)
    }

    /// `begins` on bits lent by `withBits`.
    @inlinable package static func holds(
        _ bits: UnsafeBufferPointer<UInt64>, _ bytes: UnsafeBufferPointer<UInt8>, at i: Int
    ) -> Bool {
        guard i + 1 < bytes.count else { return false }
        let pair = Int(bytes[i]) << 8 | Int(bytes[i + 1])
        return bits[pair >> 6] & (1 << UInt64(pair & 63)) != 0
    }
}
