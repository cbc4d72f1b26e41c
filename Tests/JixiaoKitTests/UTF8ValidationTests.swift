import Foundation
import Testing

@testable import JixiaoModel
@testable import JixiaoReading

/// The hand-written validator accepts exactly what the standard library's does, less text with a
/// NUL: on every edge of RFC 3629's table (each lead byte with continuation bytes at the ends of its
/// allowed range and just outside), on truncated sequences, and on seeded runs of valid and
/// damaged text, NULs among them.
@Suite struct UTF8ValidationTests {
    static func library(_ bytes: [UInt8]) -> Bool {
        String(validating: bytes, as: UTF8.self) != nil && !bytes.contains(0)
    }
    static func mine(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer(UTF8Validation.isValidWithoutNUL) }

    @Test func everyLeadAtTheEdgesOfItsRanges() {
        let seconds: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF]
        for lead in 0...255 {
            for second in seconds {
                for third in [0x80, 0xBF, 0x41, 0xC0] as [UInt8] {
                    for tail in [[], [0x80], [0xC0], [0x41]] as [[UInt8]] {
                        for prefix in [[], [0x61]] as [[UInt8]] {
                            let bytes = prefix + [UInt8(lead), second, third] + tail
                            #expect(Self.mine(bytes) == Self.library(bytes), "\(bytes)")
                            let cut = prefix + [UInt8(lead)]
                            #expect(Self.mine(cut) == Self.library(cut), "\(cut)")
                            let two = prefix + [UInt8(lead), second]
                            #expect(Self.mine(two) == Self.library(two), "\(two)")
                        }
                    }
                }
            }
        }
    }

    /// `count` texts of up to `most` of `pieces` each, drawn from a generator seeded with `seed`.
    static func texts(_ count: Int, of pieces: [String], most: Int, seed: UInt64) -> [String] {
        var generator = SplitMix(seed: seed)
        return (0..<count).map { _ in
            let count = Int.random(in: 0...most, using: &generator)
            return (0..<count).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
        }
    }

    @Test func seededTextWithDamage() {
        let pieces = [
            "预算", "a", "\n", "\t", "\0", "é", "😀", "\u{FFFD}", "\u{10FFFF}", "\u{D7FF}", "\u{E000}", "（",
        ]
        var generator = SplitMix(seed: 0x07F9)  // the damage
        for text in Self.texts(4_000, of: pieces, most: 12, seed: 0x07F8) {
            var bytes = Array(text.utf8)
            if !bytes.isEmpty, Bool.random(using: &generator) {
                let at = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: bytes[at] = UInt8.random(in: 0x80...0xFF, using: &generator)
                case 1: bytes.remove(at: at)
                default: bytes.insert(UInt8.random(in: 0...0xFF, using: &generator), at: at)
                }
            }
            #expect(Self.mine(bytes) == Self.library(bytes), "\(bytes)")
        }
    }

    /// Valid text made a string without validating it again is the string the library makes,
    /// byte for byte and as a string (equal, with as many characters): seeded runs of every width
    /// of character, cut at character boundaries as a file's cells are.
    @Test func validTextMadeWithoutValidationIsTheLibrarysString() {
        let pieces = ["预算", "a", " ", "\t", "é", "😀", "\u{10FFFF}", "（", "\u{3000}", "e\u{301}", "1.5"]
        for bytes in Self.texts(4_000, of: pieces, most: 40, seed: 0x5A11).map({ Array($0.utf8) }) {
            let made = bytes.withUnsafeBufferPointer { String(validUTF8: $0) }
            let library = String(decoding: bytes, as: UTF8.self)
            #expect(Array(made.utf8) == bytes && made == library && made.count == library.count, "\(bytes)")
        }
    }
}
