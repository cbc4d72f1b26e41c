import Foundation
import Testing

/// The slow tier (`make test-slow`): 210 SIGKILLs of the real binary while it exports again and
/// again. After each kill the file is absent or byte for byte the whole export, never a part of one.
@Suite struct SlowKillDuringExportTests {
    @Test(
        "killing the process during export json, csv and sqlite never leaves a partial file",
        arguments: [
            ("export json out.json", "out.json"), ("export csv out.csv projects", "out.csv"),
            ("export sqlite out.db", "out.db"),
        ])
    func killDuringExport(_ command: String, _ file: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let filing = Binary.root.appendingPathComponent("Tests/Fixtures/filings/000_4163b9005dfad92f.txt").path
        let whole = try reference(command, file, filing: filing, in: dir)
        var script = "load \(filing)\n"
        for _ in 0..<300 { script += "\(command) --force\n" }
        for kill in 0..<70 {
            try? FileManager.default.removeItem(at: dir.appendingPathComponent(file))
            try Binary.runKilled(script: script, in: dir, after: file, delay: useconds_t((kill * 7919) % 250_000))
            let data = FileManager.default.contents(atPath: dir.appendingPathComponent(file).path)
            #expect(
                data == whole,
                "\(file) after kill \(kill): \(data?.count ?? 0) bytes, the whole export is \(whole.count)")
        }
    }

    /// The export written once, undisturbed.
    func reference(_ command: String, _ file: String, filing: String, in dir: URL) throws -> Data {
        let result = try Binary.run([filing, "-q", "-c", command], directory: dir)
        #expect(result.status == 0)
        let path = dir.appendingPathComponent(file)
        let data = try Data(contentsOf: path)
        try FileManager.default.removeItem(at: path)
        return data
    }
}
