import Foundation
import Testing

@testable import JixiaoKit
@testable import JixiaoModel
@testable import JixiaoReading
@testable import JixiaoRendering
@testable import JixiaoRules

/// Golden transcripts: each `sessions/NAME.jx` runs through the shell as `jixiao --echo < NAME.jx`
/// would (from the package root), and the output must equal `sessions/NAME.expected` byte for byte.
/// `RECORD_TRANSCRIPTS=1 swift test` rewrites them (and fails, so a recording never passes CI).
@Suite(.scratch) struct TranscriptTests {
    static let sessions = Fixtures.root.appendingPathComponent("sessions")

    static func names() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: sessions.path)) ?? []
        return files.filter { $0.hasSuffix(".jx") }.map { String($0.dropLast(3)) }.sorted()
    }

    /// The transcript format: stdout and stderr interleaved, then the exit status.
    static func transcript(_ output: String, status: Int32) -> String {
        output + "# exit status: \(status)\n"
    }

    @Test("there are sessions to check") func present() { #expect(Self.names().count >= 3) }

    @Test("session matches its golden transcript", .scratch, arguments: names())
    func session(_ name: String) throws {
        let script = try String(contentsOf: Self.sessions.appendingPathComponent(name + ".jx"), encoding: .utf8)
        let folder = try Scratch.folder
        try Fixtures.linkPackage(into: folder)
        let (shell, console) = Fixtures.run(script, directory: folder, options: ShellOptions(echo: true, quiet: true))
        let actual = Self.transcript(console.transcript, status: shell.exitStatus)
        try compareWritten(in: folder)
        let golden = Self.sessions.appendingPathComponent(name + ".expected")
        if ProcessInfo.processInfo.environment["RECORD_TRANSCRIPTS"] != nil {
            try actual.write(to: golden, atomically: true, encoding: .utf8)
            Issue.record("recorded sessions/\(name).expected; review it with git diff and run the tests again")
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(
            actual == expected,
            "sessions/\(name).jx differs from its transcript; first difference:\n\(firstDifference(actual, expected))")
    }
}

/// Files a session wrote in its folder that have a copy committed beside the sessions must equal
/// it (`whatif.jx` saves the scenario that `whatif-open.jx` opens).
func compareWritten(in folder: URL) throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    let committed = Set(try FileManager.default.contentsOfDirectory(atPath: TranscriptTests.sessions.path))
    for name in names where !["Tests", "sessions", "Package.swift"].contains(name) && committed.contains(name) {
        let written = try Data(contentsOf: folder.appendingPathComponent(name))
        let committed = try Data(contentsOf: TranscriptTests.sessions.appendingPathComponent(name))
        #expect(written == committed, "\(name) differs from sessions/\(name)")
    }
}

/// The first differing line of two texts, for readable failures.
func firstDifference(_ a: String, _ b: String) -> String {
    let x = a.components(separatedBy: "\n")
    let y = b.components(separatedBy: "\n")
    for i in 0..<max(x.count, y.count) {
        let l = i < x.count ? x[i] : "<end>"
        let r = i < y.count ? y[i] : "<end>"
        if l != r { return "line \(i + 1):\n  actual:   \(l)\n  expected: \(r)" }
    }
    return "(none)"
}
