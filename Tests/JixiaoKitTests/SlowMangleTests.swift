import Foundation
import Testing

@testable import JixiaoKit
@testable import JixiaoReading

/// The slow tier (`make test-slow`): no input may crash the reader. Every fixture is cut,
/// shuffled and corrupted many ways, about half a minute in a debug build.
@Suite struct SlowMangleTests {
    /// Every fixture the reader can be handed: text dumps of every layout, .docx, bad files.
    static let mangleable = Fixtures.fixtures {
        !$0.hasSuffix(".json") && !$0.hasSuffix(".md") && !$0.hasSuffix(".py") && !$0.hasPrefix("county/")
            && !$0.hasPrefix("rules/") && !$0.hasPrefix("scenarios/") && $0.contains(".")
    }

    /// No input may crash the reader: cut, shuffle and corrupt every fixture many ways. A .docx
    /// is mangled twice over: its document.xml, tag by tag, inside a sound zip; and its bytes.
    @Test(arguments: mangleable)
    func mangledInputNeverCrashes(_ path: String) throws {
        let data = try Data(contentsOf: Fixtures.root.appendingPathComponent("Tests/Fixtures/\(path)"))
        var rng = SplitMix(seed: UInt64(path.utf8.count) &* 7919)
        if path.hasSuffix(".docx"), let xml = try? DocxText.documentXML(data) {
            let tags = String(decoding: xml, as: UTF8.self).components(separatedBy: "><")
            for round in 0..<40 {
                let mangled = Self.mangle(tags, round: round, &rng).joined(separator: "><")
                _ = try? FilingReader.read(try ReaderTests.docx(with: Data(mangled.utf8)), source: "mangled")
            }
        }
        if path.hasSuffix(".xlsx") {
            for round in 0..<20 {
                _ = try? FilingReader.read(
                    try Self.workbook(data, mangledBy: { Self.mangle($0, round: round, &rng) }), source: "mangled")
            }
        }
        if path.hasSuffix(".html") {
            let tags = String(decoding: data, as: UTF8.self).components(separatedBy: "><")
            for round in 0..<40 {
                let mangled = Self.mangle(tags, round: round, &rng).joined(separator: "><")
                _ = try? FilingReader.read(Data(mangled.utf8), source: "mangled")
                // Re-encoded: the same page's bytes as GB18030 under whatever its meta says.
                if let gbk = mangled.data(using: String.Encoding(rawValue: 0x8000_0632)) {
                    _ = try? FilingReader.read(gbk, source: "mangled")
                }
            }
        }
        for round in 0..<40 {
            var bytes = [UInt8](data)
            guard !bytes.isEmpty else { break }
            for _ in 0..<(round % 8 + 1) { bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(rng.next() & 0xFF) }
            if round % 5 == 0 { bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count)))) }
            _ = try? FilingReader.read(Data(bytes), source: "mangled")
        }
        guard let text = try? TextDecoding.decode(data).text else { return }
        let lines = text.components(separatedBy: "\n")
        for round in 0..<100 {
            let mangled = Self.mangle(lines, round: round, &rng).joined(separator: "\n")
            _ = try? FilingReader.read(Data(mangled.utf8), source: "mangled")
        }
    }

    /// What poppler makes of a PDF, mangled: its word list tag by tag, its rules line by line, and
    /// each against the other's original; then the PDF's own bytes, cut and corrupted, through
    /// poppler itself. Every one is a filing or a clear error.
    @Test("mangled PDFs and poppler's word lists of them never crash", .scratch)
    func mangledPDFNeverCrashes() throws {
        let url = Fixtures.root.appendingPathComponent("Tests/Fixtures/formats/v2_writer.pdf")
        guard case .success(.pdf(let words, let rules))? = Converted.made[url.path] else {
            Issue.record("poppler made nothing of \(url.lastPathComponent)")
            return
        }
        var rng = SplitMix(seed: 2022)
        let tags = String(decoding: words, as: UTF8.self).components(separatedBy: "><")
        let lines = rules.components(separatedBy: "\n")
        for round in 0..<60 {
            let mangledWords = Data(Self.mangle(tags, round: round, &rng).joined(separator: "><").utf8)
            let mangledRules = Self.mangle(lines, round: round, &rng).joined(separator: "\n")
            _ = try? PDFFrontEnd.read(words: mangledWords, rules: rules)
            _ = try? PDFFrontEnd.read(words: words, rules: mangledRules)
            _ = try? PDFFrontEnd.read(words: mangledWords, rules: mangledRules)
        }
        let folder = try Scratch.folder
        let pdf = try Data(contentsOf: url)
        var files: [String] = []
        for round in 0..<6 {
            var bytes = [UInt8](pdf)
            for _ in 0..<(round * 40 + 1) { bytes[Int(rng.next() % UInt64(bytes.count))] = UInt8(rng.next() & 0xFF) }
            if round % 2 == 1 { bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count)))) }
            let file = folder.appendingPathComponent("mangled-\(round).pdf")
            try Data(bytes).write(to: file)
            files.append(file.path)
        }
        let batch = try Loader.load(files, Interrupting(), strict: false, cache: nil)
        #expect(batch.loaded.count + batch.failed.count == files.count)
    }

    /// Cut, shuffle, indent, thin out or reverse parts of a list of lines or tags.
    static func mangle(_ parts: [String], round: Int, _ rng: inout SplitMix) -> [String] {
        guard !parts.isEmpty else { return parts }
        var mangled = parts
        switch round % 6 {
        case 0: mangled = Array(mangled.prefix(Int(rng.next() % UInt64(mangled.count))))
        case 1:
            for _ in 0..<20 {
                mangled.swapAt(Int(rng.next() % UInt64(mangled.count)), Int(rng.next() % UInt64(mangled.count)))
            }
        case 2: mangled = mangled.map { rng.next() % 7 == 0 ? "\t" + $0 : $0 }
        case 3: mangled = mangled.filter { _ in rng.next() % 5 != 0 }
        case 4: mangled = mangled.map { rng.next() % 9 == 0 ? $0 + " |" : $0.replacingOccurrences(of: "|", with: "") }
        default:
            mangled = mangled.map {
                rng.next() % 9 == 0
                    ? String($0.reversed())
                    : $0.replacingOccurrences(of: "\t", with: rng.next() % 2 == 0 ? "" : "\t\t")
            }
        }
        return mangled
    }

    /// The workbook with each sheet's XML mangled tag by tag, inside a sound zip.
    static func workbook(_ data: Data, mangledBy mangle: ([String]) -> [String]) throws -> Data {
        try Fixtures.rewritingZip(data) { path, content in
            guard path.hasPrefix("xl/worksheets/") else { return content }
            let tags = String(decoding: content, as: UTF8.self).components(separatedBy: "><")
            return Data(mangle(tags).joined(separator: "><").utf8)
        }
    }
}
