import Foundation
import Testing
import ZIPFoundation

@testable import JixiaoKit
@testable import JixiaoModel
@testable import JixiaoReading
@testable import JixiaoRendering
@testable import JixiaoRules

/// Paths of the package, found from this file so tests run from any directory.
enum Fixtures {
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let filings = root.appendingPathComponent("Tests/Fixtures/filings")
    /// The project's shared folder beside the clone, when present.
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared/filings")
    /// Real producers' renderings of keyed filings, with `keys.txt`.
    static let formats = root.deletingLastPathComponent().appendingPathComponent("shared/formats")
    static let real = filings.appendingPathComponent("000_4163b9005dfad92f.txt")

    static func data(_ name: String) throws -> Data { try Data(contentsOf: filings.appendingPathComponent(name)) }

    static func filing(_ name: String) throws -> Filing {
        try FilingReader.read(data(name), source: name)
    }

    /// Every filing with an answer key, in any subfolder: the bundled copies, plus any new
    /// ones in ../shared/filings. A filing is named by its path under its folder (`wild/v4…`).
    static func keyedFilings() -> [URL] {
        var byName: [String: URL] = [:]
        for folder in [filings, shared] {
            guard let walker = FileManager.default.enumerator(atPath: folder.path) else { continue }
            let paths = Set(walker.compactMap { $0 as? String })
            for path in paths where path.hasSuffix(".key.json") && byName[path] == nil {
                let filing = String(path.dropLast(".key.json".count))
                if paths.contains(filing) { byName[filing] = folder.appendingPathComponent(filing) }
            }
        }
        return byName.keys.sorted().compactMap { byName[$0] }
    }

    /// Links `Tests`, `sessions` and `Package.swift` into `folder`, so a session runs there as if
    /// from the package root and whatever it writes stays in the folder.
    static func linkPackage(into folder: URL) throws {
        for name in ["Tests", "sessions", "Package.swift"] {
            try FileManager.default.createSymbolicLink(
                at: folder.appendingPathComponent(name), withDestinationURL: root.appendingPathComponent(name))
        }
    }

    /// The files under `Tests/Fixtures` (paths relative to it, sorted) that `keep` accepts.
    static func fixtures(where keep: (String) -> Bool) -> [String] {
        let folder = root.appendingPathComponent("Tests/Fixtures")
        let walker = FileManager.default.enumerator(atPath: folder.path)
        return (walker?.compactMap { $0 as? String } ?? []).filter(keep).sorted()
    }

    /// `data`'s zip archive written again with each member passed through `change` (its path and
    /// bytes in, its new bytes out), for tests that alter one part of an office file.
    static func rewritingZip(_ data: Data, _ change: (String, Data) throws -> Data) throws -> Data {
        let original = try Archive(data: data, accessMode: .read)
        let rebuilt = try Archive(data: Data(), accessMode: .create)
        for entry in original {
            var content = Data()
            _ = try original.extract(entry) { content.append($0) }
            let bytes = try change(entry.path, content)
            try rebuilt.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(bytes.count)) { at, size in
                bytes.subdata(in: Int(at)..<Int(at) + size)
            }
        }
        return rebuilt.data ?? Data()
    }

    /// Runs a script through an in-process shell and returns the console.
    static func run(
        _ script: String, directory: URL = root, options: ShellOptions = ShellOptions()
    ) -> (Shell, ScriptConsole) {
        let console = ScriptConsole(script)
        let shell = Shell(console: console, options: options, directory: directory.path)
        // Conversions are cached in the test's folder, never the user's.
        shell.cacheFolder = directory.appendingPathComponent(".cache/jixiao").path
        shell.runConsole()
        return (shell, console)
    }
}

/// A test's own empty folder under the temporary directory, made before the test and removed
/// after it, pass or fail: `@Test(.scratch)` or `@Suite(.scratch)`, then `Scratch.folder`.
struct Scratch: TestTrait, SuiteTrait, TestScoping {
    @TaskLocal static var current: URL?

    /// The running test's folder. A test that asks without the trait fails here, not later in a
    /// shared folder.
    static var folder: URL {
        get throws { try #require(current, "the test needs the .scratch trait for a folder of its own") }
    }

    var isRecursive: Bool { true }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        guard testCase != nil else { return try await function() }  // a suite's scope: its tests get their own
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-test-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await Scratch.$current.withValue(folder) { try await function() }
    }
}

extension Trait where Self == Scratch {
    static var scratch: Scratch { Scratch() }
}

/// The fixtures an outside program reads first (PDFs, legacy office files), run through the shell's
/// conversions once for every test that reads them: one LibreOffice call per target format, poppler
/// on each PDF, in a temporary folder removed at once, nothing cached.
enum Converted {
    /// Every file under Tests/Fixtures and ../shared/formats that needs an outside program, with
    /// what it made or why it could not.
    static let made: [String: Result<Made, ShellError>] = {
        let local = Fixtures.fixtures { !$0.hasSuffix(".json") && !$0.hasSuffix(".py") && !$0.hasPrefix("county/") }
            .map { Fixtures.root.appendingPathComponent("Tests/Fixtures/" + $0).path }
        let shared = ((try? FileManager.default.contentsOfDirectory(atPath: Fixtures.formats.path)) ?? [])
            .map { Fixtures.formats.appendingPathComponent($0).path }
        let files = (local + shared).filter { !Disk.isDirectory($0) }.map { (path: $0, shown: $0) }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-converted-\(UUID())")
        try? FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        var conversions = Conversions(cache: nil, environment: Interrupting())
        conversions.temporary = work.path
        return (try? conversions.prepare(files)) ?? [:]
    }()

    /// The filing at `url`, read through what its outside program made when it needs one.
    static func filing(_ url: URL) throws -> Filing {
        let data = try Data(contentsOf: url)
        let made = try made[url.path]?.get()
        return try FilingReader.read(data, source: url.lastPathComponent, made: made)
    }

    /// Whether the programs the conversions need are installed (`make setup` installs them).
    static var programsInstalled: Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return ["soffice", "pdftotext", "pdftocairo"].allSatisfy { Program(named: $0, in: path) != nil }
    }
}
