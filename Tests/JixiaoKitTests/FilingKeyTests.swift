import Foundation
import Testing

@testable import JixiaoKit
@testable import JixiaoModel
@testable import JixiaoReading
@testable import JixiaoRendering
@testable import JixiaoRules

/// Compares what the reader extracts from every filing with its `.key.json`, field by field.
@Suite struct FilingKeyTests {
    static let files = Fixtures.keyedFilings()

    @Test("every keyed filing is found") func found() {
        #expect(Self.files.count >= 4)
    }

    @Test("reader output matches the answer key", arguments: files)
    func matchesKey(_ url: URL) throws {
        try compare(url, key: URL(fileURLWithPath: url.path + ".key.json"))
    }

    /// Every .docx fixture holds the filing of a text dump and answers to that dump's key. They
    /// come from real producers (`make-real-docx.py`): python-docx with real merges, empty
    /// paragraphs in every cell, a line break, a nested table, a text box, header, footer and a
    /// content control; LibreOffice from HTML with rowspan/colspan; and our own `make-docx.py`.
    static let docxFiles: [String] = {
        let folder = Fixtures.root.appendingPathComponent("Tests/Fixtures/docx")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".docx") }.sorted()
    }()

    @Test("there are .docx fixtures from each producer") func docxProducers() {
        #expect(Self.docxFiles.contains { $0.hasSuffix(".python-docx.docx") })
        #expect(Self.docxFiles.contains { $0.hasSuffix(".libreoffice.docx") })
    }

    @Test("a .docx matches the key of the dump it holds", arguments: docxFiles)
    func docx(_ file: String) throws {
        let url = Fixtures.root.appendingPathComponent("Tests/Fixtures/docx/\(file)")
        let stem = String(file.prefix { $0 != "." })
        let dump = try #require(Self.files.first { $0.lastPathComponent == stem + ".txt" })
        try compare(url, key: URL(fileURLWithPath: dump.path + ".key.json"))
        let filing = try FilingReader.read(Data(contentsOf: url), source: stem)
        #expect(filing.encoding == .docx)
        let firstProject = try #require(filing.projects.first?.name)
        #expect(filing.layoutText?.contains(firstProject) == true)
    }

    /// The files in `../shared/formats/` (and any added there later), each with the key `keys.txt`
    /// names: real producers' renderings of keyed dumps (web pages, workbooks, PDF, Word 97).
    static let formatFiles: [String] = {
        let list = (try? String(contentsOf: Fixtures.formats.appendingPathComponent("keys.txt"), encoding: .utf8)) ?? ""
        return list.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
    }()

    @Test("a file in ../shared/formats matches the key keys.txt gives it", arguments: formatFiles)
    func format(_ file: String) throws {
        let list = try String(contentsOf: Fixtures.formats.appendingPathComponent("keys.txt"), encoding: .utf8)
        let line = try #require(list.split(separator: "\n").first { $0.hasPrefix(file + " ") })
        let keyName = String(try #require(line.split(separator: " ").last))
        let key = try #require(Self.files.first { $0.lastPathComponent + ".key.json" == keyName })
        try compare(Fixtures.formats.appendingPathComponent(file), key: URL(fileURLWithPath: key.path + ".key.json"))
    }

    /// Compares what the reader makes of `url` (through LibreOffice or poppler where it needs
    /// one) with its key; the reader may warn only as `allowing` says.
    func compare(_ url: URL, key keyURL: URL, allowing allowed: [String] = []) throws {
        let filing = try Converted.filing(url)
        let mine = FilingExport.json(filing)
        let key = try JSON.parse(String(decoding: Data(contentsOf: keyURL), as: UTF8.self))
        var problems: [String] = []
        compare(mine["unit"], key["unit"], "unit", &problems)
        compare(mine["year"], key["year"], "year", &problems)
        let fundFields = ["initial", "executed", "weight", "reportedRate", "reportedScore"]
        if key["department"] == .null {
            if mine["department"] != .null { problems.append("department: expected null") }
        } else {
            for field in fundFields + ["adjusted"] {
                compare(mine["department"]?[field], key["department"]?[field], "department.\(field)", &problems)
            }
            indicators(mine["department"]?["indicators"], key["department"]?["indicators"], "department", &problems)
        }
        let myProjects = mine["projects"]?.arrayValue ?? []
        let keyProjects = key["projects"]?.arrayValue ?? []
        if myProjects.count != keyProjects.count {
            problems.append("projects: \(myProjects.count) read, \(keyProjects.count) in key")
        }
        for (i, (p, k)) in zip(myProjects, keyProjects).enumerated() {
            for field in ["name", "fullYear", "reportedTotal"] + fundFields {
                compare(p[field], k[field], "projects[\(i)].\(field)", &problems)
            }
            indicators(p["indicators"], k["indicators"], "projects[\(i)]", &problems)
        }
        #expect(problems.isEmpty, "\(url.lastPathComponent):\n\(problems.joined(separator: "\n"))")
        #expect(filing.warnings.map(\.message) == allowed, "unexplained warnings: \(filing.warnings)")
    }

    func indicators(_ mine: JSON?, _ key: JSON?, _ path: String, _ problems: inout [String]) {
        let a = mine?.arrayValue ?? []
        let b = key?.arrayValue ?? []
        if a.count != b.count { problems.append("\(path).indicators: \(a.count) read, \(b.count) in key") }
        for (i, (x, y)) in zip(a, b).enumerated() {
            for field in ["level1", "level2", "level3", "target", "actual", "weight", "score"] {
                compare(x[field], y[field], "\(path).indicators[\(i)].\(field)", &problems)
            }
        }
    }

    func compare(_ mine: JSON?, _ key: JSON?, _ path: String, _ problems: inout [String]) {
        let a = mine ?? .null
        let b = key ?? .null
        if let x = a.decimalValue, let y = b.decimalValue, x == y { return }
        if a != b { problems.append("\(path): read \(a.rendered().dropLast()), key \(b.rendered().dropLast())") }
    }
}

/// Readers meet files they were not written against: LibreOffice, where installed, renders the
/// python-docx fixture as XHTML (an XML declaration before the page), as Writer's HTML, and that
/// HTML imported into Calc as a workbook (a title beside a table's last row, a nested table in
/// columns of its own). Each must match the key of the dump the .docx was made from.
@Suite(.scratch) struct OtherProducerTests {
    static var soffice: String? {
        let calc = ["/usr/lib/libreoffice/program/libsclo.so", "/opt/libreoffice/program/libsclo.so"]
        guard calc.contains(where: { FileManager.default.fileExists(atPath: $0) }) else { return nil }
        return ["/usr/bin/soffice", "/usr/local/bin/soffice"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    func convert(_ file: URL, to filter: String, extraArguments: [String] = [], in folder: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.soffice ?? "")
        process.arguments =
            ["--headless", "-env:UserInstallation=file://\(folder.path)/lo"] + extraArguments
            + ["--convert-to", filter, "--outdir", folder.path, file.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
    }

    @Test("XHTML, Writer's HTML and Calc's import of it match the key", .enabled(if: soffice != nil))
    func libreOfficeRenderings() throws {
        let folder = try Scratch.folder
        let docx = Fixtures.root.appendingPathComponent("Tests/Fixtures/docx/000_4163b9005dfad92f.python-docx.docx")
        let source = folder.appendingPathComponent("real.docx")
        try FileManager.default.copyItem(at: docx, to: source)
        try convert(source, to: "xhtml:XHTML Writer File:UTF8", in: folder)
        try convert(source, to: "html:HTML (StarWriter)", in: folder)
        try convert(
            folder.appendingPathComponent("real.html"), to: "xlsx:Calc MS Excel 2007 XML",
            extraArguments: ["--infilter=HTML (StarCalc)"], in: folder)
        let key = Fixtures.filings.appendingPathComponent("000_4163b9005dfad92f.txt.key.json")
        for name in ["real.xhtml", "real.html", "real.xlsx"] {
            try FilingKeyTests().compare(folder.appendingPathComponent(name), key: key)
        }
    }
}
