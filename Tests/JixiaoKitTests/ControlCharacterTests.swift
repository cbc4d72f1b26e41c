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
        ]
        for _ in 0..<500 {
            var text = ""
            for _ in 0..<Int(rng.next() % 6) { text.unicodeScalars.append(alphabet[Int(rng.next() % 19)]) }
            let expected = text.unicodeScalars.contains { ControlCharacters.isControl($0) }
            #expect(ControlCharacters.occur(in: text) == expected, "seed \(seed): \(text.unicodeScalars.map(\.value))")
            #expect(!ControlCharacters.escaped(text).unicodeScalars.contains { ControlCharacters.isControl($0) })
        }
    }
}
