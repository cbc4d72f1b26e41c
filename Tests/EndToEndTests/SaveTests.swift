import Foundation
import Testing

/// Saving from the real binary: a kill during a save never leaves a truncated file, and
/// LibreOffice (where installed) reads the exported CSV's Chinese text and numbers.
@Suite struct SaveTests {
    static func temp() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-save-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("killing the process during saves never leaves a truncated scenario file")
    func killDuringSave() throws {
        let dir = try Self.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let filing = Binary.root.appendingPathComponent("Tests/Fixtures/filings/000_4163b9005dfad92f.txt").path
        var script = "load \(filing)\nset score 劳模 1 3\n"
        for i in 0..<400 { script += "set executed 劳模 \(3 + i % 3)\nsave s.json --force\n" }
        for delay in [0, 3_000, 20_000, 60_000] {
            let path = dir.appendingPathComponent("s.json")
            try? FileManager.default.removeItem(at: path)
            try Binary.runKilled(script: script, in: dir, after: "s.json", delay: useconds_t(delay))
            let data = try Data(contentsOf: path)
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            #expect(
                object?["format"] as? String == "jixiao-scenario",
                "s.json is complete JSON after SIGKILL \(delay) µs after the first save")
        }
    }

    /// LibreOffice with Calc, which the CSV import needs (Writer alone cannot load a CSV).
    static var soffice: String? {
        let calc = ["/usr/lib/libreoffice/program/libsclo.so", "/opt/libreoffice/program/libsclo.so"]
        guard calc.contains(where: { FileManager.default.fileExists(atPath: $0) }) else { return nil }
        return ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/local/bin/soffice"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    @Test("LibreOffice opens the exported CSV with its Chinese text and numbers", .enabled(if: soffice != nil))
    func libreOffice() throws {
        let dir = try Self.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let filing = Binary.root.appendingPathComponent("Tests/Fixtures/filings/000_4163b9005dfad92f.txt").path
        let r = try Binary.run([filing, "-c", "export csv projects.csv projects"], directory: dir)
        #expect(r.status == 0)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.soffice ?? "")
        // CSV:44,34,76 is the import dialog's "comma, double quote, Unicode (UTF-8)": headless
        // conversion does not look at the byte-order mark the way the dialog does.
        p.arguments = [
            "--headless", "-env:UserInstallation=file://\(dir.path)/lo", "--infilter=CSV:44,34,76", "--convert-to",
            "html",
            "--outdir", dir.path, dir.appendingPathComponent("projects.csv").path,
        ]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        let html = try String(contentsOf: dir.appendingPathComponent("projects.html"), encoding: .utf8)
        let cells = Self.cells(ofHTML: html)
        #expect(cells.contains { $0.text == "项目名称" }, "the byte-order mark is not read as text")
        let texts = Set(cells.map(\.text))
        #expect(texts.contains("劳模服务") && texts.contains("省级困难帮扶和送温暖"))
        #expect(cells.contains { $0.number == "95.67" }, "the computed total is a number")
        #expect(cells.contains { $0.number == "0.5667" }, "56.67% is read as the number 0.5667")
    }

    /// The cells LibreOffice wrote, as it read them: each `<td>`'s text without the markup it wraps
    /// the text in (`<font>`, `<b>`, which vary with its version), and its number (`sdval`), if any.
    static func cells(ofHTML html: String) -> [(text: String, number: String?)] {
        html.matches(of: /<td([^>]*)>(.*?)<\/td>/.dotMatchesNewlines()).map { match in
            let text = String(match.2).replacing(/<[^>]*>/, with: "").trimmingCharacters(in: .whitespacesAndNewlines)
            let number = match.1.firstMatch(of: /sdval="([^"]*)"/).map { String($0.1) }
            return (text, number)
        }
    }

    static var sqlite3: String? {
        ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test("export sqlite writes a database the sqlite3 program reads", .enabled(if: sqlite3 != nil))
    func exportSQLite() throws {
        let dir = try Self.temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let county = Binary.root.appendingPathComponent("Tests/Fixtures/county").path
        let first = try Binary.run([county, "-c", "export sqlite county.db"], directory: dir)
        #expect(first.stdout.hasPrefix("wrote county.db (29 filings"), "\(first.stderr)")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.sqlite3 ?? "")
        p.arguments = [
            dir.appendingPathComponent("county.db").path,
            "SELECT count(*) FROM filings; SELECT count(*) FROM projects; "
                + "SELECT name FROM projects WHERE filing_id = 1 AND idx = 1; "
                + "SELECT count(*) FROM findings WHERE check_id = 'deviation.shortfall';",
        ]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        let lines = out.split(separator: "\n").map(String.init)
        #expect(Array(lines.prefix(3)) == ["29", "81", "劳模服务"], "\(out)")
        #expect(Int(lines.last ?? "") ?? 0 > 0)
        // Another run does not replace the file without --force; with it, it does.
        let again = try Binary.run(["-q", county, "-c", "export sqlite county.db"], directory: dir)
        #expect(again.status == 1 && again.stderr.contains("county.db exists; add --force"))
        // -q: the file is written, and stdout holds no confirmation of it.
        let forced = try Binary.run(["-q", county, "-c", "export sqlite county.db --force"], directory: dir)
        #expect(forced.status == 1, "the county's bad file still makes the load count as failed")
        #expect(forced.stdout.isEmpty && FileManager.default.fileExists(atPath: dir.path + "/county.db"))
    }
}
