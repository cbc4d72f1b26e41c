import Foundation
import Testing

@testable import JixiaoKit
@testable import JixiaoModel
@testable import JixiaoReading

/// A filing is someone else's file: nothing in it may act on the reviewer's terminal.
@Suite(.scratch) struct ControlCharacterTests {
    /// The real filing with a unit name that retitles the window and paints the rest red, and a
    /// project name with a right-to-left override.
    static func hostile() throws -> String {
        try String(contentsOf: Fixtures.real, encoding: .utf8)
            .replacingOccurrences(
                of: "\t石鼓区总工会\n", with: "\t石鼓区\u{1B}]0;PWNED\u{07}\u{1B}[31m总工会\n"
            )
            .replacingOccurrences(of: "\t劳模服务\n", with: "\t劳模\u{202E}服务\n")
    }

    @Test("control characters in a filing are kept as escapes, each line warned, none reaching output")
    func hostileFilingIsShownEscaped() throws {
        let folder = try Scratch.folder
        try Self.hostile().write(to: folder.appendingPathComponent("evil.txt"), atomically: true, encoding: .utf8)
        let filing = try FilingReader.read(Data(try Self.hostile().utf8), source: "evil.txt")
        #expect(filing.unit == "石鼓区\\x1b]0;PWNED\\x07\\x1b[31m总工会")
        #expect(filing.projects[0].name == "劳模\\u202e服务")
        #expect(filing.warnings.filter { $0.message == FilingReader.controlWarning }.count >= 2)
        let script = "load evil.txt\nfilings\nprojects\nwarnings\nexport csv\nexport json\nsql SELECT unit FROM filings"
        let (_, console) = Fixtures.run(script, directory: folder)
        let everything = console.output + console.errors
        #expect(everything.contains("PWNED"))
        #expect(!everything.unicodeScalars.contains { ControlCharacters.isControl($0) })
    }

    @Test("a query's own control characters are shown as escapes too")
    func queryResultIsEscaped() {
        let (_, console) = Fixtures.run("load --example\nsql SELECT char(27) || '[31m' AS x, char(8238) AS y")
        #expect(console.output.contains("\\x1b[31m") && console.output.contains("\\u202e"))
        #expect(!console.output.unicodeScalars.contains { ControlCharacters.isControl($0) })
    }

    @Test("the fast byte test agrees with the scalar test", arguments: 0..<4)
    func fastTestAgrees(_ seed: Int) {
        var rng = SplitMix(seed: UInt64(seed) &* 7_919 &+ 1)
        let alphabet: [Unicode.Scalar] = [
            "a", "汉", "\t", "\n", "\r", "\u{1B}", "\u{07}", "\u{7F}", "\u{85}", "\u{9F}", "\u{A0}", "\u{202A}",
            "\u{202E}", "\u{202F}", "\u{2066}", "\u{2069}", "\u{206A}", "\u{2029}", "\u{00}",
            // Characters the scan steps over whole, or byte by byte: 2, 3 and 4 bytes, E2-led but no control.
            "é", "\u{80}", "—", "…", "\u{3000}", "\u{E000}", "😀", "\u{1F}", "~",
        ]
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<Int(rng.next() % 8) {
                text.unicodeScalars.append(alphabet[Int(rng.next() % UInt64(alphabet.count))])
            }
            let expected = text.unicodeScalars.contains { ControlCharacters.isControl($0) }
            #expect(ControlCharacters.occur(in: text) == expected, "seed \(seed): \(text.unicodeScalars.map(\.value))")
            #expect(!ControlCharacters.escaped(text).unicodeScalars.contains { ControlCharacters.isControl($0) })
        }
    }
}

/// A bad file's message names its cause and its place.
@Suite(.scratch) struct CauseMessageTests {
    @Test("UTF-16 without a byte-order mark is said to be that, not binary data")
    func utf16WithoutMark() throws {
        let text = try String(contentsOf: Fixtures.real, encoding: .utf8)
        let little = try #require(text.data(using: .utf16LittleEndian))
        #expect(throws: ReadError.utf16WithoutMark("little-endian")) { try FilingReader.read(little, source: "u") }
        let big = try #require(text.data(using: .utf16BigEndian))
        #expect(throws: ReadError.utf16WithoutMark("big-endian")) { try FilingReader.read(big, source: "u") }
    }

    @Test("one damaged byte in a GB18030 file is named with its line")
    func damagedGB18030() throws {
        let text = try String(contentsOf: Fixtures.real, encoding: .utf8)
        var bytes = [UInt8](try #require(text.data(using: String.Encoding(rawValue: 0x8000_0632))))
        let label = [UInt8](try #require("劳模服务".data(using: String.Encoding(rawValue: 0x8000_0632))))
        let at = try #require(bytes.indices.first { Array(bytes[$0..<min($0 + label.count, bytes.count)]) == label })
        bytes[at] = 0xFF
        #expect(throws: ReadError.notGB18030(line: 97, byte: 0xFF)) { try FilingReader.read(Data(bytes), source: "g") }
    }

    @Test("a loop of symbolic links is said to be one, not a missing file")
    func linkLoop() throws {
        let folder = try Scratch.folder
        let (a, b) = (folder.appendingPathComponent("a.txt").path, folder.appendingPathComponent("b.txt").path)
        #expect(symlink(b, a) == 0 && symlink(a, b) == 0)
        #expect(throws: ShellError.self) { try Disk.read(a, shownAs: "a.txt") }
        do {
            _ = try Disk.read(a, shownAs: "a.txt")
        } catch {
            #expect("\(error)" == "a.txt: too many levels of symbolic links (a link that leads back to itself)")
        }
    }
}

/// File names as bytes: every byte sequence comes back from its string unchanged, and shows with
/// what is not UTF-8, or is a control character, escaped.
@Suite struct FileNameTests {
    @Test func everyNameRoundTripsThroughItsString() {
        var generator = SplitMix(seed: 42)
        let samples: [[UInt8]] =
            [Array("bad".utf8) + [0xB2] + Array("name.txt".utf8), [0xE6, 0x96], [0xFF, 0xFE]]
            + [Array("石鼓区.txt".utf8)]
            + (0..<500).map { _ in
                (0..<Int.random(in: 1...12, using: &generator)).map { _ in UInt8.random(in: 1...255, using: &generator)
                }
            }
        for bytes in samples {
            let name = FileNames.decode(bytes)
            #expect(FileNames.cString(name).dropLast().map { UInt8(bitPattern: $0) } == bytes)
        }
    }

    @Test func aNameShowsItsStrayBytesAndControlsEscaped() {
        #expect(FileNames.shown(FileNames.decode(Array("bad".utf8) + [0xB2] + Array(".txt".utf8))) == "bad\\xb2.txt")
        #expect(FileNames.shown("new\nline\t\u{1B}[31m.txt") == "new\\nline\\t\\x1b[31m.txt")
        #expect(FileNames.shown("石鼓区 总工会.txt") == "石鼓区 总工会.txt")
    }
}
