import Foundation
import Testing

@testable import JixiaoKit
@testable import JixiaoModel

struct LoaderTests {
    /// Which paths a folder or glob load takes, read on bytes, against NSString's `pathExtension`
    /// lowercased, on paths drawn from the bytes that matter: dots, slashes, letters in both cases,
    /// the listed extensions, spaces, Chinese, a combining mark and the Kelvin sign.
    @Test("a path is a candidate exactly when NSString's pathExtension names a filing")
    func candidatesAreNSStringsExtensions() {
        let pieces = [
            ".", ".", "/", "/", "a", "B", "x", "T", "txt", "TXT", "Docx", "htm", "l", "pdf", "et", "ods", " ",
            "报告", "\u{301}", "\u{212A}", "xlsm", "wps",
        ]
        let fixed = ["a.txt", ".txt", "/x/.txt", "..txt", "a.", "a.txt/", "a.txt//", "x/..", "a.\u{301}txt", "/", ""]
        var random = SplitMix(seed: 27)
        let drawn = (0..<20_000).map { _ in
            (0..<Int.random(in: 1...7, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
        }
        var candidates = 0
        for path in fixed + drawn where !Self.crashesNSString(path) {
            let expected = Loader.filingExtensions.contains((path as NSString).pathExtension.lowercased())
            #expect(Loader.isCandidate(path) == expected, "\(path.debugDescription)")
            if expected { candidates += 1 }
        }
        #expect(candidates > 400, "the drawn paths name filings often enough to test both answers")
    }

    /// Foundation's pathExtension stops the process on two slashes followed by some non-ASCII
    /// text (`dir//ß`, `// KT`): a file so named in a folder loaded as `load dir//*` ended jixiao.
    @Test("a file name that stops NSString's pathExtension is only a name: dir//ß is no filing, dir//ß.txt is")
    func namesThatStopFoundation() {
        #expect(!Loader.isCandidate("dir//ß"))
        #expect(!Loader.isCandidate("dir//\u{212A}"))
        #expect(Loader.isCandidate("dir//ß.txt"))
        #expect(Loader.isCandidate("dir//\u{212A}.PDF"))
    }

    /// The loaded filings pass from the readers' results to the batch and to the session by
    /// `draining` (moved, not copied: callgrind counts no copy of a filing on the way): in order,
    /// every one, and a copy of the array kept elsewhere keeps its own.
    @Test("draining hands every element over in order, and leaves a kept copy of the array whole")
    func drainingKeepsOrder() {
        let numbers = Array(0..<1_000)
        let kept = numbers
        var seen: [Int] = []
        for number in (consume numbers).draining() { seen.append(number) }
        #expect(seen == Array(0..<1_000))
        #expect(kept == Array(0..<1_000))
        var none: [Int] = []
        for number in [Int]().draining() { none.append(number) }
        #expect(none.isEmpty)
    }

    /// Two slashes with non-ASCII text anywhere after them: where Foundation's slash fixing fails.
    private static func crashesNSString(_ path: String) -> Bool {
        guard let doubled = path.range(of: "//") else { return false }
        return !path[doubled.upperBound...].unicodeScalars.allSatisfy(\.isASCII)
    }
}
