import Foundation
import Testing

@testable import JixiaoKit

/// What jixiao hands on, opened by the programs a reviewer uses: the hand-written .xlsx in
/// LibreOffice Calc (the differential test against a real spreadsheet program), and the HTML
/// report in headless Chromium, rendered to PNG and to an A4 PDF.
@Suite(.scratch) struct ExportOfficeTests {
    static let county = Fixtures.root.appendingPathComponent("Tests/Fixtures/county").path

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test(
        "Calc reads every cell of an exported .xlsx, numbers as numbers",
        .enabled(if: OtherProducerTests.soffice != nil))
    func calcReadsTheWorkbook() throws {
        let folder = try Scratch.folder
        let console = Fixtures.run(
            "load \(Self.county)\nexport xlsx p.xlsx projects --all --where \"年度 = 2022\"\n"
                + "export csv p.csv projects --all --where \"年度 = 2022\"\n",
            directory: folder
        ).1
        #expect(console.output.contains("wrote p.xlsx ("), "\(console.errors)")
        // Calc's CSV of the cells' values, not as shown (token 9 false): a number Calc took as text
        // would keep its text, a rate its fraction only if Calc read a number.
        let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false"
        let out = folder.appendingPathComponent("calc")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        _ = try Self.run(
            OtherProducerTests.soffice ?? "",
            [
                "--headless", "-env:UserInstallation=file://\(folder.path)/lo", "--convert-to", filter, "--outdir",
                out.path, folder.appendingPathComponent("p.xlsx").path,
            ])
        let calc = try String(contentsOf: out.appendingPathComponent("p.csv"), encoding: .utf8)
        let ours = String(
            decoding: try Data(contentsOf: folder.appendingPathComponent("p.csv")).dropFirst(3), as: UTF8.self)
        let calcRows = calc.split(separator: "\n").map { $0.replacingOccurrences(of: "\"", with: "") }
        let ourRows = ours.components(separatedBy: "\r\n").dropLast().map { $0 }
        #expect(calcRows.count == ourRows.count)
        for (theirs, mine) in zip(calcRows, ourRows) {
            let a = theirs.components(separatedBy: ",")
            let b = mine.components(separatedBy: ",")
            #expect(a.count == b.count && zip(a, b).allSatisfy(Self.sameCell), "\(theirs) vs \(mine)")
        }
        // The rates (columns 7 and 8) are numbers in a percent format to Calc, never text.
        let rates = calcRows.dropFirst().flatMap { $0.components(separatedBy: ",")[6...7] }.filter { !$0.isEmpty }
        #expect(!rates.isEmpty && rates.allSatisfy { $0.hasSuffix("%") })
        #expect(ourRows.count > 10)
    }

    /// What a program prints on stdout (found on PATH through env).
    static func capture(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text
    }

    /// A cell as Calc writes it and as jixiao does: the same text, or the same number (Calc writes
    /// a number in a percent format as `55%`, which only a number in a percent format becomes).
    static func sameCell(_ calc: String, _ ours: String) -> Bool {
        if calc == ours { return true }
        guard calc.hasSuffix("%"), let percent = Decimal(string: String(calc.dropLast())),
            let fraction = Decimal(string: ours)
        else { return false }
        return percent / 100 == fraction
    }

    static var chromium: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test(
        "the report renders in Chromium: no script errors, every bar drawn, a page per section on A4",
        .enabled(if: chromium != nil && Converted.programsInstalled))
    func reportInABrowser() throws {
        let folder = try Scratch.folder
        let console = Fixtures.run("load \(Self.county)\nreport r.html\nreport r.md\n", directory: folder).1
        #expect(console.output.contains("wrote r.html (8 sections"), "\(console.errors)")
        let html = try String(contentsOf: folder.appendingPathComponent("r.html"), encoding: .utf8)
        #expect(!html.contains("<script") && !html.contains("http://www.w3.org/1999") && !html.contains("src="))
        let browser = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--enable-logging=stderr",
            "--v=0", "--user-data-dir=\(folder.path)/chromium", "--host-resolver-rules=MAP * ~NOTFOUND",
        ]
        let page = "file://" + folder.appendingPathComponent("r.html").path
        let pdf = try Self.run(Self.chromium ?? "", browser + ["--print-to-pdf=\(folder.path)/r.pdf", page])
        let png = try Self.run(
            Self.chromium ?? "", browser + ["--screenshot=\(folder.path)/r.png", "--window-size=1000,1400", page])
        for log in [pdf.errors, png.errors] {
            #expect(!log.contains("Uncaught") && !log.contains(":CONSOLE("), "\(log)")
        }
        let screenshot = try Data(contentsOf: folder.appendingPathComponent("r.png"))
        #expect(screenshot.starts(with: [0x89, 0x50, 0x4E, 0x47]) && screenshot.count > 20_000)
        // Every page of the PDF: each section's heading heads a page of its own, in order.
        let info = try Self.capture("pdfinfo", [folder.appendingPathComponent("r.pdf").path])
        #expect(info.contains("A4"))
        let pages = Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "")
        let headings = [
            "概况", "执行率与等级", "等级变动", "执行率最低的项目",
            "审核发现", "各单位发现", "错误清单", "评分规则",
        ]
        var found: [Int] = []
        for number in 1...(pages ?? 0) {
            let text = try Self.capture(
                "pdftotext", ["-f", "\(number)", "-l", "\(number)", folder.appendingPathComponent("r.pdf").path, "-"])
            let top = text.split(separator: "\n").prefix(8)
            if let index = headings.firstIndex(where: { heading in top.contains { $0.hasPrefix(heading + " ") } }) {
                found.append(index)
            }
        }
        #expect(found == Array(headings.indices), "\(found) over \(pages ?? 0) pages")
        // The bars as the browser drew them: filled shapes in the bars' colour on the charts' page.
        let chartPage = try Self.capture(
            "pdftocairo", ["-svg", "-f", "2", "-l", "2", folder.appendingPathComponent("r.pdf").path, "-"])
        // #3a7ca5, the bars' colour in the report's CSS (poppler writes it to a few decimals).
        let drawn = chartPage.components(separatedBy: "fill:rgb(22.7").count - 1
        let bars = html.components(separatedBy: "<rect class=\"bar\"").count - 1
        let empty = html.components(separatedBy: "width=\"0\" height").count - 1
        #expect(bars == 7 && drawn == bars - empty, "\(drawn) drawn of \(bars) bars, \(empty) empty")
        let markdown = try String(contentsOf: folder.appendingPathComponent("r.md"), encoding: .utf8)
        #expect(headings.allSatisfy { markdown.contains("\n## " + $0) })
    }
}
