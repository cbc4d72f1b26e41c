import Foundation
import Testing

@testable import JixiaoKit
@testable import JixiaoModel
@testable import JixiaoReading

/// A PDF as poppler describes it, written by hand: pages of words with their boxes, and the rules
/// `PDFDrawing.encode` keeps of its drawing.
struct PDFSketch {
    struct Word {
        var text: String
        var x: Double
        var y: Double
        var width = 48.0
    }
    var pages: [[Word]] = []
    var rules: [[PDFRule]] = []

    /// pdftotext -bbox-layout's XHTML for the pages.
    var words: Data {
        var xml = "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><doc>\n"
        for page in pages {
            xml += "<page width=\"595.3\" height=\"841.9\"><flow><block><line>\n"
            for word in page {
                let box =
                    "xMin=\"\(word.x)\" yMin=\"\(word.y)\" xMax=\"\(word.x + word.width)\" yMax=\"\(word.y + 15.6)\""
                xml += "<word \(box)>\(word.text)</word>\n"
            }
            xml += "</line></block></flow></page>\n"
        }
        return Data((xml + "</doc></body></html>\n").utf8)
    }

    /// A grid of rules: horizontal at `ys` across `xs`, vertical at `xs` down `ys`, except the
    /// vertical segments `open` names (column boundary index, row index) to merge cells across.
    static func grid(xs: [Double], ys: [Double], open: Set<[Int]> = [], openDown: Set<[Int]> = []) -> [PDFRule] {
        var rules: [PDFRule] = []
        for (row, y) in ys.enumerated() {
            for column in 0..<(xs.count - 1) where !openDown.contains([row, column]) {
                rules.append(PDFRule(isHorizontal: true, at: y, from: xs[column], to: xs[column + 1]))
            }
        }
        for (index, x) in xs.enumerated() {
            for row in 0..<(ys.count - 1) where !open.contains([index, row]) {
                rules.append(PDFRule(isHorizontal: false, at: x, from: ys[row], to: ys[row + 1]))
            }
        }
        return rules
    }

    func read() throws(ReadError) -> FrontEndResult {
        try PDFFrontEnd.read(words: words, rules: PDFDrawing.encode(rules))
    }
}

@Suite struct PDFTests {
    // MARK: Drawing

    @Test("a path's straight segments are read in absolute and relative form; a curve draws none")
    func pathSegments() {
        let absolute = SVGRules.segments("M 1 2 L 3 2 L 3 4 Z")
        #expect(absolute.count == 3)
        #expect(absolute[0] == (1, 2, 3, 2) && absolute[2] == (3, 4, 1, 2))
        let relative = SVGRules.segments("m10,10 h5 v-5 l-5,0")
        #expect(relative.map { [$0.0, $0.1, $0.2, $0.3] } == [[10, 10, 15, 10], [15, 10, 15, 5], [15, 5, 10, 5]])
        let curve = SVGRules.segments("M 0 0 C 1 1 2 2 3 3 L 3 9")
        #expect(curve.map { [$0.0, $0.1, $0.2, $0.3] } == [[3, 3, 3, 9]])
        #expect(SVGRules.segments("M - - 1e L").isEmpty)  // garbage is no segment and no crash
    }

    @Test("pdftocairo's flipped transform puts a rule where the page shows it")
    func transformedRule() throws {
        let svg = """
            <svg xmlns="http://www.w3.org/2000/svg"><defs><symbol id="g"><path style="stroke:none;" d="M 0 0 L 9 0"/>\
            </symbol></defs><pageSet><page><path style="fill:none;stroke-width:0.25;stroke:rgb(0%,0%,0%);" \
            d="M 56 353 L 567 353 " transform="matrix(1,0,0,-1,0,841)"/>\
            <path style="fill:rgb(0%,0%,0%);" d="M 100 100 L 100 400 L 101 400 L 101 100 Z"/>\
            <path style="fill:rgb(90%,90%,90%);" d="M 0 0 L 300 0 L 300 300 L 0 300 Z"/></page>\
            <page><g transform="translate(0,10)"><rect x="10" y="20" width="200" height="0.5" style="fill:black"/></g>\
            </page></pageSet></svg>
            """
        let pages = try PDFDrawing.rules(svg: Data(svg.utf8))
        #expect(pages.count == 2)
        #expect(
            pages[0] == [
                PDFRule(isHorizontal: true, at: 488, from: 56, to: 567),
                PDFRule(isHorizontal: false, at: 100.5, from: 100, to: 400),
            ])
        #expect(pages[1] == [PDFRule(isHorizontal: true, at: 30.25, from: 10, to: 210)])
        #expect(PDFDrawing.decode(PDFDrawing.encode(pages)) == pages)
        #expect(PDFDrawing.decode("p 1\nh 1 2\n") == nil)
        #expect(throws: ReadError.notPDF("poppler's drawing of it is not well-formed XML (line 1)")) {
            try PDFDrawing.rules(svg: Data("<svg><path d=\"M".utf8))
        }
    }

    // MARK: Tables

    @Test("a missing rule merges cells: across as one wide cell, down as one cell and an empty one below")
    func latticeMerges() throws {
        let xs = [50.0, 150, 250, 350]
        let ys = [100.0, 130, 160, 190]
        // Row 0: columns 1 and 2 one cell. Column 0: rows 1 and 2 one cell.
        let rules = PDFSketch.grid(xs: xs, ys: ys, open: [[2, 0]], openDown: [[2, 0]])
        let page = PDFPage(
            number: 1, width: 595, height: 842,
            words: [
                PDFWord(text: "名称", box: PDFBox(left: 55, top: 105, right: 80, bottom: 120)),
                PDFWord(text: "合并", box: PDFBox(left: 155, top: 105, right: 180, bottom: 120)),
                PDFWord(text: "居中", box: PDFBox(left: 55, top: 150, right: 80, bottom: 165)),
                PDFWord(text: "甲", box: PDFBox(left: 155, top: 135, right: 170, bottom: 150)),
                PDFWord(text: "乙", box: PDFBox(left: 255, top: 165, right: 270, bottom: 180)),
                PDFWord(text: "页脚", box: PDFBox(left: 55, top: 800, right: 80, bottom: 815)),
            ], rules: rules)
        let (tables, loose) = PDFTables.find(on: page)
        #expect(loose.map(\.text) == ["页脚"])
        let table = try #require(tables.first)
        #expect(table.rows.map { $0.map(\.text) } == [["名称", "合并"], ["居中", "甲", ""], ["", "", "乙"]])
        #expect(table.rows[2][0].isCovered && table.rows[2][0].origin == 1)
        #expect(table.rows[1][0].spansRows && table.rows[1][0].reachesBottom)
    }

    @Test("collinear rules join, and rules on nearby lines stay apart")
    func rulesJoin() {
        let rules = [
            PDFRule(isHorizontal: true, at: 100, from: 0, to: 50),
            PDFRule(isHorizontal: true, at: 100.4, from: 51, to: 90),
            PDFRule(isHorizontal: false, at: 283.6, from: 650, to: 785),
            PDFRule(isHorizontal: false, at: 284.2, from: 29, to: 526),
        ]
        let merged = PDFTables.merged(rules)
        #expect(merged.filter(\.isHorizontal).map { [$0.from, $0.to] } == [[0, 90]])
        #expect(merged.filter { !$0.isHorizontal }.map { [$0.from, $0.to] } == [[29, 526], [650, 785]])
    }

    @Test("words on one line: a gap a space wide is a space, none where only the font changed")
    func lineText() {
        let words = [
            PDFWord(text: "示范县", box: PDFBox(left: 0, top: 0, right: 36, bottom: 15.6)),
            PDFWord(text: "2023", box: PDFBox(left: 38.4, top: 0, right: 65, bottom: 15.6)),
            PDFWord(text: "年", box: PDFBox(left: 68.1, top: 0, right: 80, bottom: 15.6)),
            PDFWord(text: "无", box: PDFBox(left: 90, top: 0, right: 102, bottom: 15.6)),
        ]
        #expect(PDFLine.lines(words).map(\.text) == ["示范县2023 年  无"])
    }

    // MARK: The front end

    static let columns = [56.0, 150, 250, 350, 450, 560]

    /// A 部门整体支出绩效自评表 whose last indicator row Writer split over a page break, with a
    /// running head on both pages and the 一级 cell's text centred onto the second page.
    static func splitTable() -> PDFSketch {
        var sketch = PDFSketch()
        let head = PDFSketch.Word(text: "示范县人民政府", x: 250, y: 20, width: 80)
        sketch.pages = [
            [
                head, .init(text: "部门整体支出绩效自评表", x: 56, y: 60, width: 160),
                .init(text: "一级指标", x: 60, y: 104), .init(text: "二级指标", x: 154, y: 104),
                .init(text: "三级指标", x: 254, y: 104), .init(text: "分值", x: 354, y: 104),
                .init(text: "得分", x: 454, y: 104),
                .init(text: "数量指标", x: 154, y: 734), .init(text: "在园幼儿", x: 254, y: 734, width: 92),
                .init(text: "10", x: 354, y: 734, width: 14), .init(text: "10", x: 454, y: 734, width: 14),
            ],
            [
                head, .init(text: "产出指标", x: 60, y: 60), .init(text: "人数", x: 254, y: 40, width: 24),
            ],
        ]
        sketch.rules = [
            PDFSketch.grid(xs: columns, ys: [100, 130, 760], openDown: []),
            PDFSketch.grid(xs: columns, ys: [36, 100], openDown: []),
        ]
        return sketch
    }

    @Test("a row split over a page break is one row, and a merged cell's centred text finds its row")
    func splitRowJoins() throws {
        let result = try Self.splitTable().read()
        let rows = result.layout.sections.flatMap(\.rows).map { $0.cells.map(\.text) }
        let header = ["一级指标", "二级指标", "三级指标", "分值", "得分"]
        #expect(rows == [header, ["产出指标", "数量指标", "在园幼儿人数", "10", "10"]])
        // The running head is dropped; the title is a section of its own.
        #expect(!result.layout.sections.contains { $0.prose.contains { $0.text.contains("示范县人民政府") } })
        #expect(result.layout.sections.contains { $0.kind == .departmentTable })
        let lines = result.text?.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) ?? []
        let placed = Dictionary(zip(lines, result.places), uniquingKeysWith: { first, _ in first })
        #expect(placed["\t在园幼儿"] == "p1:4" && placed["人数"] == "p2:2" && placed["\t产出指标"] == "p2:3")
    }

    @Test("a row of its own at the top of a page stays its own row")
    func newRowAtPageTop() throws {
        var sketch = Self.splitTable()
        sketch.pages[1] = [
            .init(text: "质量指标", x: 154, y: 40), .init(text: "合格率", x: 254, y: 40),
            .init(text: "5", x: 354, y: 40, width: 7), .init(text: "5", x: 454, y: 40, width: 7),
        ]
        sketch.pages[0][8].width = 48  // 在园幼儿 ends well short of its cell's edge: not cut
        let rows = try sketch.read().layout.sections.flatMap(\.rows).map { $0.cells.map(\.text) }
        #expect(rows.count == 3)
        #expect(rows.last == ["", "质量指标", "合格率", "5", "5"])
    }

    @Test("a PDF with no words is a scan, one with words but no ruled table is refused, each clearly")
    func refusals() {
        var scan = PDFSketch()
        scan.pages = [[], []]
        #expect(throws: ReadError.scannedPDF(pages: 2)) { try scan.read() }
        var memo = PDFSketch()
        memo.pages = [[.init(text: "会议纪要", x: 56, y: 60)]]
        memo.rules = [[]]
        #expect(throws: ReadError.noTableInPDF(pages: 1)) { try memo.read() }
        #expect(throws: ReadError.notPDF("poppler found no pages in it")) {
            try PDFFrontEnd.read(words: Data("<html><body></body></html>".utf8), rules: "")
        }
        #expect(throws: ReadError.notPDF("poppler's word list is not well-formed XML (line 2)")) {
            try PDFFrontEnd.read(words: Data("<html>\n<page width=\"1\"><word xMin=\"1\"".utf8), rules: "")
        }
        #expect(ReadError.scannedPDF(pages: 2).description.contains("ocrmypdf"))
    }

    @Test("the fuzzer's PDF seeds hold a word list and rules the front end reads as tables")
    func fuzzSeedsRead() throws {
        let folder = Fixtures.root.appendingPathComponent("Tests/Fixtures/fuzz")
        for name in ["pdf-words-and-rules-v2-p4-5.txt", "pdf-words-and-svg.txt"] {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            let marker = try #require(data.firstRange(of: Data("\n%%RULES\n".utf8)))
            let drawing = Data(data[marker.upperBound...])
            let rules =
                drawing.first == UInt8(ascii: "<")
                ? PDFDrawing.encode(try PDFDrawing.rules(svg: drawing)) : String(decoding: drawing, as: UTF8.self)
            let result = try PDFFrontEnd.read(words: Data(data[..<marker.lowerBound]), rules: rules)
            #expect(result.layout.sections.contains { !$0.rows.isEmpty }, "\(name)")
        }
    }

    /// Found by `make fuzz`: a drawing whose tag name holds a byte that is not UTF-8 made the XML
    /// scanner slice past the tag (the decoded name is longer than its bytes). It is read now.
    @Test("an SVG tag name with a byte that is not UTF-8 is scanned within its tag")
    func tagNameNotUTF8() throws {
        let data = try Data(
            contentsOf: Fixtures.root.appendingPathComponent("Tests/Fixtures/fuzz/svg-tag-name-not-utf8.txt"))
        let marker = try #require(data.firstRange(of: Data("\n%%RULES\n".utf8)))
        _ = try? PDFDrawing.rules(svg: Data(data[marker.upperBound...]))
        var events: [String] = []
        try XMLScanner.scan([0x3C, 0x61, 0xFF, 0xFF, 0x2F, 0x3E]) { event in  // <a\xFF\xFF/>
            if case .start(let name, _) = event { events.append(name) }
        }
        #expect(events == ["a\u{FFFD}\u{FFFD}"])
    }

    // MARK: Tables without borders

    @Test("a table without borders: rows by the space between them and by a cell's text that did not wrap")
    func borderlessTable() throws {
        var sketch = PDFSketch()
        sketch.pages = [
            [
                .init(text: "项目支出绩效自评表", x: 56, y: 60, width: 160),
                .init(text: "资金来源", x: 150, y: 100), .init(text: "年初预算", x: 250, y: 100),
                .init(text: "全年执行数", x: 350, y: 100, width: 60),
                .init(text: "得分", x: 450, y: 100, width: 24),
                .init(text: "数", x: 250, y: 114, width: 12),  // a header broken onto a line of its own
                .init(text: "项目资金", x: 72, y: 140),
                .init(text: "当年财政拨款", x: 150, y: 140, width: 72),
                .init(text: "6", x: 256, y: 140, width: 7), .init(text: "3.4", x: 350, y: 140, width: 18),
                .init(text: "9", x: 450, y: 140, width: 7),
                .init(text: "(万元)", x: 72, y: 154, width: 34),
                .init(text: "其他资金", x: 150, y: 180), .init(text: "——", x: 250, y: 180, width: 24),
                .init(text: "上年结转资金很长的名称", x: 150, y: 206, width: 96),  // runs to the edge: wraps
                .init(text: "续行文字内容", x: 150, y: 220, width: 72),
                .init(text: "年度资金总额", x: 150, y: 234, width: 72),  // the line above ended short: a row
            ]
        ]
        sketch.rules = [[]]
        let result = try sketch.read()
        let rows = result.layout.sections.flatMap(\.rows).map { $0.cells.map(\.text) }
        #expect(
            rows == [
                ["", "资金来源", "年初预算数", "全年执行数", "得分"],
                ["项目资金(万元)", "当年财政拨款", "6", "3.4", "9"],
                ["", "其他资金", "——", "", ""],
                ["", "上年结转资金很长的名称续行文字内容", "", "", ""],
                ["", "年度资金总额", "", "", ""],
            ])
        #expect(result.notes.map(\.message) == [PDFFrontEnd.byPositionNote])
    }

    @Test("where rows stand far apart, the space alone divides them; a number never goes on from a label")
    func spacedRowsAndNumbers() {
        let line = { (text: String, x: Double, y: Double, width: Double) in
            PDFLine(
                words: [PDFWord(text: text, box: PDFBox(left: x, top: y, right: x + width, bottom: y + 14))],
                box: PDFBox(left: x, top: y, right: x + width, bottom: y + 14), page: 1)
        }
        let label = line("满意度指标", 124, 100, 32)
        let slots = [PDFSlot(left: 124, right: 176, lines: [label])]
        let total = line("90", 124, 113.7, 14)
        #expect(PDFStream.startsRow(total, [(0, total)], after: label, in: slots, rowGap: 11))
        let rest = line("（10分）", 124, 113.7, 35)
        #expect(!PDFStream.startsRow(rest, [(0, rest)], after: label, in: slots, rowGap: 11))
        // python-docx leaves four lines between rows: a line close below is the same row.
        let next = line("第二行文字", 124, 124.4, 32)
        #expect(!PDFStream.startsRow(next, [(0, next)], after: label, in: slots, rowGap: 60))
        let far = line("下一行", 124, 174, 24)
        #expect(PDFStream.startsRow(far, [(0, far)], after: label, in: slots, rowGap: 60))
    }
}
