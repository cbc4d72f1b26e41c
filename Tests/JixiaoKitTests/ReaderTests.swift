import Foundation
import Testing
import ZIPFoundation

@testable import JixiaoKit
@testable import JixiaoModel
@testable import JixiaoReading
@testable import JixiaoRendering
@testable import JixiaoRules

/// The reader on small inline layouts and bad input: each case names the layout quirk it covers.
@Suite struct ReaderTests {
    /// A minimal project table in the dump layout: a tab per cell, blank line between rows.
    static func table(_ rows: [[String]], title: String = " 项目支出绩效自评表") -> String {
        var lines = [title]
        for row in rows {
            lines.append("")
            for cell in row { lines.append("\t" + cell) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let header = [
        "绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值",
        "得分", "偏差原因分析及改进措施",
    ]

    static func project(funds: [[String]], indicators: [[String]], fundHeader: [String]? = nil) -> String {
        table(
            [
                ["项目名称", "测试项目"], ["主管部门", "示范单位", "实施单位", ""],
                fundHeader ?? [
                    "项目资金(万元)", "资金来源", "年初预算数", "全年预算数", "全年执行数",
                    "分值", "执行率", "得分",
                ],
            ]
                + funds + [
                    ["年度总体目标", "预期目标", "实际完成情况"], ["", "目标", "完成"], header,
                ] + indicators + [["总分", "95"]])
    }

    @Test("filings read with one pool hold the same values and share one copy of a repeated label")
    func sharedTextsKeepEverything() throws {
        let data = try Fixtures.data("000_4163b9005dfad92f.txt")
        let pool = TextPool()
        let plain = try FilingReader.read(data, source: "a")
        let first = try FilingReader.read(data, source: "a", pool: pool)
        let second = try FilingReader.read(data + Data("\n".utf8), source: "a", pool: pool)
        #expect(first == plain)
        func storage(_ text: String) -> UnsafeRawPointer? {
            text.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
        }
        let label = first.projects[0].indicators[1].level3
        #expect(label.utf8.count > 15)
        #expect(storage(label) == storage(second.projects[0].indicators[1].level3))
        #expect(storage(label) != storage(plain.projects[0].indicators[1].level3))
    }

    @Test("the pool keeps a label's own bytes: canonically equal is not the same text")
    func poolComparesBytes() {
        let pool = TextPool()
        let composed = "资金到位率达到百分之百\u{E9}"  // é as one scalar
        let decomposed = "资金到位率达到百分之百e\u{301}"  // e and a combining acute
        #expect(composed == decomposed)  // String's own == sees them as equal
        #expect(Array(pool.shared(composed).utf8) == Array(composed.utf8))
        #expect(Array(pool.shared(decomposed).utf8) == Array(decomposed.utf8))
        let again = "资金到位率达到百分之百" + "\u{E9}"
        #expect(Array(pool.shared(again).utf8) == Array(composed.utf8))
    }

    @Test("a filing handed over with its arrays trimmed holds the same values")
    func trimmedCapacityKeepsEverything() throws {
        var filing = try Fixtures.filing("000_4163b9005dfad92f.txt")
        filing.projects[0].table.indicators.reserveCapacity(1_000)
        let trimmed = filing.compacted(sharing: TextPool())
        #expect(trimmed == filing)
        #expect(trimmed.projects[0].table.indicators.capacity < 1_000)
    }

    @Test func emptyFileIsAnError() {
        #expect(throws: ReadError.empty) { try FilingReader.read(Data(), source: "x") }
    }

    @Test("a control byte in a file that is not UTF-8 is binary data, located")
    func controlByteInLegacyBytesIsAnError() {
        // ESC at 8; tab, form feed, CR and LF are text, and DEL is no control here.
        let data = Data([0xB2, 0xE2, 0x41, 0x09, 0x0C, 0x0D, 0x0A, 0x7F, 0x1B, 0x42])
        #expect(throws: ReadError.binary(offset: 8)) { try FilingReader.read(data, source: "x.txt") }
        #expect(TextDecoding.firstControl(Data([0x41, 0x42])) == -1)
        #expect(TextDecoding.firstControl(Data(repeating: 0x41, count: 70_000) + Data([0x01])) == -1)  // past 64 KB
    }

    @Test func binaryFileIsAnError() {
        let data = Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x00, 0x12])  // an ELF header
        #expect(throws: ReadError.binary(offset: 4)) { try FilingReader.read(data, source: "x.bin") }
    }

    @Test func brokenDocxAndOldWordAreErrors() {
        #expect(throws: ReadError.notDocx("the zip archive cannot be opened")) {
            try FilingReader.read(Data([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x12]), source: "x.docx")
        }
        // Without what LibreOffice or poppler made of them, the formats they read say what is needed.
        let magic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        let wordStream = Array("WordDocument\0".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(throws: ReadError.needsProgram(.libreOffice(to: "docx"))) {
            try FilingReader.read(Data(magic + [0, 0] + wordStream), source: "x.doc")
        }
        // LibreOffice would open it as plain text: it never gets it.
        let neither = "an OLE2 compound file (as .doc and .xls are) with neither a Word document nor a workbook inside"
        #expect(throws: ReadError.notOfficeFile(neither)) { try FilingReader.read(Data(magic), source: "x.doc") }
        #expect(throws: ReadError.needsProgram(.poppler)) {
            try FilingReader.read(Data("%PDF-1.7\n%\u{E2}\n".utf8), source: "x.pdf")
        }
    }

    @Test func textWithoutATableIsNotAFiling() {
        #expect(throws: ReadError.notAFiling(saw: "2 lines of prose, no table")) {
            try FilingReader.read(Data("会议纪要\n今天开会。\n".utf8), source: "x")
        }
    }

    /// A file with tables the reader cannot classify says which layout it saw and what it missed.
    @Test(arguments: [
        ("| 姓名 | 电话 |\n|---|---|\n| 王某 | 略 |\n", "markdown rows, 3 lines, 2 rows of 4 cells"),
        ("姓名 |\n电话 |\n王某 |\n略 |\n", "pipe-ended cells, 4 lines, 1 rows of 4 cells"),
        ("名单\n\t姓名\n\t电话\n\n\t王某\n\t略\n", "tab-led cells, 6 lines, 2 rows of 4 cells"),
    ])
    func unknownLayoutsSayWhatTheySaw(_ text: String, _ saw: String) {
        let missing = "no row with 项目名称 or 预算部门名称, no 一级指标 header, no 执行数 column"
        #expect(throws: ReadError.notAFiling(saw: "\(saw); \(missing)")) {
            try FilingReader.read(Data(text.utf8), source: "x")
        }
    }

    @Test func undecodableBytesAreAnError() {
        let data = Data([0xFF, 0x41, 0x81, 0x30, 0x81])  // neither UTF-8 nor GB18030
        #expect(throws: ReadError.self) { try FilingReader.read(data, source: "x") }
    }

    @Test func gb18030WithCRLFAndAFourByteCharacter() throws {
        let filing = try Fixtures.filing("v3_gb18030_crlf_2023.txt")
        #expect(filing.encoding == .gb18030)
        #expect(filing.report?.fullText.contains("𠮷") == true)
        #expect(!filing.projects[0].name.hasSuffix("\r"))
    }

    @Test func utf8BOMAndCRLFAreAccepted() throws {
        let text =
            "\u{FEFF}"
            + Self.project(
                funds: [["", "年度资金总额", "10", "10", "8", "10", "80%", "8"]],
                indicators: [
                    ["", "产出指标（90分）", "数量指标", "场次", "≥10场", "8场", "90", "72", "原因"]
                ]
            ).replacingOccurrences(of: "\n", with: "\r\n")
        let filing = try FilingReader.read(Data(text.utf8), source: "bom")
        #expect(filing.encoding == .utf8WithBOM)
        #expect(filing.projects[0].funds.executed.value == 8)
        #expect(filing.projects[0].indicators[0].score.value == 72)
        #expect(filing.projects[0].indicators[0].deviation == "原因")
        // The bytes of a UTF-8 file are laid out as they stand; a decoded string gives the same tables.
        let decoded = try FilingReader.read(text: String(text.unicodeScalars.dropFirst()), source: "bom")
        #expect(decoded.projects == filing.projects)
    }

    @Test func amountsInYuanAreConvertedToWanYuan() throws {
        let text = Self.project(
            funds: [["", "年度资金总额", "60,000", "60,000", "34,000.50", "10", "56.67%", ""]],
            indicators: [["", "产出指标（90分）", "数量指标", "人数", "34人", "34人", "90", "90", ""]],
            fundHeader: [
                "项目资金(元)", "资金来源", "年初预算数", "全年预算数", "全年执行数", "分值",
                "执行率", "得分",
            ])
        let funds = try FilingReader.read(Data(text.utf8), source: "yuan").projects[0].funds
        #expect(funds.convertedFromYuan)
        #expect(funds.fullYear.value == 6)
        #expect(funds.executed.value == Decimal(string: "3.40005"))
        #expect(funds.reportedRate.value == Decimal(string: "0.5667"))
    }

    @Test("a template with only 预算数 and 执行数 columns, in another order")
    func twoAmountColumns() throws {
        let text = Self.project(
            funds: [["", "年度资金总额", "8", "10", "10", "80%", "8"]],
            indicators: [
                ["", "产出指标（90分）", "数量指标", "场次", "≥10场", "8场", "90", "72", ""]
            ],
            fundHeader: [
                "项目资金(万元)", "资金来源", "执行数", "预算数", "分值", "执行率", "得分",
            ])
        let funds = try FilingReader.read(Data(text.utf8), source: "two").projects[0].funds
        #expect(funds.fullYear.value == 10 && funds.executed.value == 8 && funds.initial.isBlank)
        #expect(funds.reportedRate.value == Decimal(string: "0.8") && funds.reportedScore.value == 8)
    }

    @Test func rowsMissingTheMergedLeadCellStillLineUp() throws {
        let text = Self.project(
            funds: [["", "年度资金总额", "10", "10", "10", "10", "100%", "10"]],
            indicators: [
                ["产出指标（20分）", "数量指标", "场次", "≥10场", "12场", "20", "20", ""],
                [
                    "", "满意度指标（10分）", "服务对象满意度指标", "满意度", "≥90%", "95%", "10",
                    "10",
                ],
            ])
        let inds = try FilingReader.read(Data(text.utf8), source: "shift").projects[0].indicators
        #expect(inds.map(\.level1) == ["产出指标", "满意度指标"])
        #expect(inds.map(\.weight.value) == [20, 10])
        #expect(inds[0].target == "≥10场")
    }

    @Test func splitTargetColumnsAreJoined() throws {
        var text = Self.project(
            funds: [["", "年度资金总额", "10", "10", "10", "10", "100%", "10"]],
            indicators: [
                [
                    "", "产出指标（20分）", "质量指标", "验收合格率", "≥", "95", "%", "97%", "20",
                    "20", "",
                ],
                ["", "", "质量指标", "工作质量", "定性", "好", "", "好", "10", "10", ""],
            ])
        text = text.replacingOccurrences(of: "\t指标值\n", with: "\t指标性质\n\t指标值\n\t度量单位\n")
        let inds = try FilingReader.read(Data(text.utf8), source: "split").projects[0].indicators
        #expect(inds.map(\.target) == ["≥95%", "好"])
        #expect(inds.map(\.actual) == ["97%", "好"])
    }

    @Test func placeholderRowsAreSkippedAndNamesCarriedDown() throws {
        let text = Self.project(
            funds: [["", "年度资金总额", "10", "10", "10", "10", "100%", "10"]],
            indicators: [
                ["", "产出指标（20分）", "数量指标", "场次", "≥10场", "12场", "10", "10", ""],
                ["", "", "", "人次", "≥100", "120", "10", "10", ""],
                ["", "", "质量指标", "——", "——", "——", "——", "——", "——"],
                ["", "", "社会成本指标", "无", "", "", "", "", ""],
            ])
        let inds = try FilingReader.read(Data(text.utf8), source: "carry").projects[0].indicators
        #expect(inds.count == 2)
        #expect(inds[1].level1 == "产出指标" && inds[1].level2 == "数量指标")
    }

    @Test func unplaceableCellsBecomeLocatedWarnings() throws {
        let text =
            Self.project(
                funds: [["", "年度资金总额", "十万", "10", "10", "10", "100%", "10"]],
                indicators: [
                    ["", "产出指标（20分）", "数量指标", "场次", "≥10场", "12场", "二十", "20", ""]
                ]) + "\n\t一行无法识别的表格内容\n\t另一格\n"
        let filing = try FilingReader.read(Data(text.utf8), source: "warn")
        let messages = filing.warnings.map(\.description)
        #expect(messages.contains { $0.contains("年初预算数 '十万' is not a number") })
        #expect(messages.contains { $0.contains("分值 '二十' is not a number") })
        #expect(messages.contains { $0.contains("row not recognised") && $0.contains("一行无法识别") })
        #expect(filing.warnings.allSatisfy { $0.line > 0 })
    }

    @Test func aFirstLevelNameThatIsANumberIsAWarning() throws {
        let text = Self.project(
            funds: [["", "年度资金总额", "10", "10", "10", "10", "100%", "10"]],
            indicators: [["", "20", "数量指标", "场次", "≥10场", "12场", "20", "20", ""]])
        let filing = try FilingReader.read(Data(text.utf8), source: "shifted")
        #expect(filing.warnings.map(\.description).contains { $0.contains("一级指标 '20' is a number") })
    }

    /// After a table's last cell and a blank line, a line that is not a cell ends the table:
    /// `附表2` is a boundary, a signature is a remark, a page footer is dropped.
    @Test(arguments: ["附表2", "填表人：王某某  联系电话：略", "第 4 页 共 6 页", "— 7 —"])
    func aLineAfterTheTableIsNotPartOfItsLastCell(_ after: String) throws {
        let text = Self.project(
            funds: [["", "年度资金总额", "10", "10", "10", "10", "100%", "10"]],
            indicators: [
                ["", "产出指标（20分）", "数量指标", "场次", "≥10场", "12场", "20", "20", ""]
            ])
        let filing = try FilingReader.read(Data((text + "\n" + after + "\n").utf8), source: "boundary")
        #expect(filing.projects.first?.reportedTotal.value == 95)
        #expect(filing.warnings.isEmpty, "\(filing.warnings)")
    }

    /// Rows rebuilt from a stream of pipe-ended cells: the merged 一级 and 二级 cells appear only
    /// on their first row, so the three indicator rows have 10, 8 and 9 cells.
    @Test func pipeCellRowsFollowTheHeadersShape() throws {
        let cells = [
            "项目支出绩效自评表", "项目名称", "测试", "预算执行情况(10分)", "年初预算数",
            "调整后预算数",
            "预算执行数", "预算执行率", "权重", "得分", "偏差原因", "总额", "10", "10", "10",
            "100%",
            "10", "10", "", "绩效指标(90分)", "一级指标", "二级指标", "三级指标", "指标性质",
            "指标值",
            "度量单位", "完成值", "权重", "得分", "原因", "产出指标", "数量指标", "场次", "≥",
            "10", "场",
            "12", "50", "50", "", "人数", "≥", "5", "人", "5", "10", "10", "", "满意度指标", "满意度",
            "≥", "90",
            "%", "95", "30", "30", "", "总分", "100",
        ]
        let text = cells.map { $0.isEmpty ? "|" : $0 + " |" }.joined(separator: "\n") + "\n"
        let filing = try FilingReader.read(Data(text.utf8), source: "pipes")
        let indicators = try #require(filing.projects.first?.indicators)
        #expect(indicators.map(\.level1) == ["产出指标", "产出指标", "产出指标"])
        #expect(indicators.map(\.level2) == ["数量指标", "数量指标", "满意度指标"])
        #expect(indicators.map(\.target) == ["≥10场", "≥5人", "≥90%"])
        #expect(indicators.map(\.weight.value) == [50, 10, 30])
        #expect(filing.projects.first?.reportedTotal.value == 100)
        #expect(filing.warnings.isEmpty, "\(filing.warnings)")
    }

    /// Inputs that once crashed the reader, each refused with an error now.
    @Test(arguments: [
        ("zip-directory-past-end.docx", "the zip archive cannot be opened"),
        ("xml-name-not-utf8.docx", "word/document.xml is not UTF-8 text"),
        ("zip-bomb-300mb.docx", "word/document.xml would expand to 300 MB, above the 256 MB jixiao reads"),
    ])
    func fuzzFindingsAreErrors(_ file: String, _ why: String) throws {
        let data = try Data(contentsOf: Fixtures.root.appendingPathComponent("Tests/Fixtures/fuzz/\(file)"))
        #expect(throws: ReadError.notDocx(why)) { try FilingReader.read(data, source: file) }
    }

    /// Lines are split on bytes: CR LF (one Character in Swift), lone CR files, combining marks
    /// after a line break.
    @Test func linesSplitOnBytes() {
        #expect(TextLines.split("a\r\nb\r\n\r\nc") == ["a", "b", "", "c"])
        #expect(TextLines.split("a\rb\r") == ["a", "b"])
        #expect(TextLines.split("\r\r\n\u{301}x\n") == ["\r", "\u{301}x"])
        #expect(TextLines.split("") == [])
    }

    @Test func labelAndValueInOneCell() throws {
        let filing = try Fixtures.filing("v2_hengshan_label_variants_2023.txt")
        let income = filing.department?.income.map(\.label) ?? []
        #expect(income.contains("一般公共预算"))
        #expect(
            filing.department?.expenditure.first { $0.label == "基本支出" }?.figure.value
                == Decimal(string: "1037.66"))
    }

    @Test func realFilingDetails() throws {
        let f = try Fixtures.filing("000_4163b9005dfad92f.txt")
        #expect(f.unit == "石鼓区总工会" && f.year == 2023)
        #expect(f.basic?.authorized.value == 3 && f.basic?.staff.value == 5 && f.basic?.controlRate.isBlank == true)
        #expect(f.basic?.total(.projects)?.prior.value == Decimal(string: "15.75"))
        #expect(f.basic?.members(.projects).map(\.name).contains("省级困难职工补助和送温暖") == true)
        #expect(f.projects[0].funds.rows.first?.line == 405)
        #expect(f.projects[0].report?.fullText.contains("剩余2.6万结转到下一年") == true)
        #expect(f.projects[1].indicators[5].level1 == "满意度指标")
        #expect(f.department?.funds.budgetLabel == "调整后预算数")
        #expect(f.report?.sections.contains { $0.heading.hasPrefix("七、存在的问题") } == true)
    }

    /// A zip holding `xml` as word/document.xml.
    static func docx(with xml: Data) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        try archive.addEntry(with: "word/document.xml", type: .file, uncompressedSize: Int64(xml.count)) {
            position, size in
            xml.subdata(in: Int(position)..<Int(position) + size)
        }
        return archive.data ?? Data()
    }
}

/// A small deterministic random generator for the tests that draw inputs: seeded, so a failure
/// is the same failure on the next run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Money is read as written: a comma is only ever a thousands separator.
@Suite struct DecimalCommaTests {
    @Test("a decimal comma is no thousands separator: '3,4' is text with a located warning, never 34")
    func decimalCommaIsNoNumber() throws {
        let text = try String(contentsOf: Fixtures.real, encoding: .utf8).replacingOccurrences(
            of: "\t3.4\n", with: "\t3,4\n")
        let filing = try FilingReader.read(Data(text.utf8), source: "comma.txt")
        #expect(filing.projects[0].funds.executed.value == nil)
        #expect(filing.warnings.contains { $0.line == 408 && $0.message.contains("'3,4' is not a number") })
        #expect(Labels.decimal("250,000.00") == Decimal(string: "250000.00"))
    }
}
