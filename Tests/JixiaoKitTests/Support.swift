import Foundation

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

    /// A new empty folder under the temporary directory, for a test's files.
    static func scratchFolder(_ purpose: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-\(purpose)-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A new folder where a session runs as if from the package root: `Tests`, `sessions` and
    /// `Package.swift` are links to the package's own, and whatever the session writes stays here.
    static func sessionFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "jixiao-session-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["Tests", "sessions", "Package.swift"] {
            try FileManager.default.createSymbolicLink(
                at: folder.appendingPathComponent(name), withDestinationURL: root.appendingPathComponent(name))
        }
        return folder
    }

    /// Runs a script through an in-process shell and returns the console.
    static func run(
        _ script: String, directory: URL = root, options: ShellOptions = ShellOptions()
    ) -> (Shell, ScriptConsole) {
        let console = ScriptConsole(script)
        let shell = Shell(console: console, options: options, directory: directory.path)
        shell.runConsole()
        return (shell, console)
    }
}
