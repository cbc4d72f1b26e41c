import Foundation
import Testing

@testable import JixiaoModel
@testable import JixiaoReading

/// The reader's byte scans for headings and bookmarks, each against the general form it replaced:
/// the scalar split at a run of spaces, and the regex that takes bookmarks out.
@Suite struct ReaderScanTests {
    /// A section with several 项目名称 rows is cut before each after the first; one with a single
    /// table is handed on whole.
    @Test func sectionsAreCutAtEachProjectAfterTheFirst() {
        func row(_ texts: String..., line: Int) -> Row { Row(cells: texts.map { Cell(text: $0, line: line) }) }
        var section = Section(kind: .projectTable, title: "项目支出绩效自评表", line: 1)
        section.amountsInYuan = true
        section.rows = [
            row("单位：万元", line: 2), row("项目名称", "甲", line: 3), row("年初预算数", line: 4),
            row("项目名称", "乙", line: 5), row("项目名称", "丙", line: 6), row("得分", line: 7),
        ]
        let parts = FilingReader.split(section)
        #expect(parts.map { $0.rows.map(\.line) } == [[2, 3, 4], [5], [6, 7]])
        #expect(parts.map(\.line) == [1, 5, 6])
        #expect(parts.map(\.amountsInYuan) == [true, false, false])
        section.rows.removeLast(3)
        #expect(FilingReader.split(section).map { $0.rows.map(\.line) } == [[2, 3, 4]])
        section.rows = []
        #expect(FilingReader.split(section).isEmpty)
    }

    /// The saving measures written after 措施 in the 厉行节约 cell, and the cells after it.
    @Test func savingMeasuresFollowTheirLabel() {
        func row(_ texts: String..., line: Int) -> Row { Row(cells: texts.map { Cell(text: $0, line: line) }) }
        var section = Section(kind: .basicData, title: "基础数据表", line: 1)
        section.rows = [
            row("经费控制情况", "上年实际数", "本年预算数", "本年实际数", line: 2),
            row("三公经费", "1", "2", "3", line: 3),
            row("厉行节约保障措施： 严控会议费", "压减公务接待", line: 4),
        ]
        var warnings: [ReadWarning] = []
        let basic = BasicDataReader.read(section, warnings: &warnings)
        #expect(basic.savingMeasures?.text == "严控会议费 压减公务接待")
        section.rows[2] = row("厉行节约措施", "压减公务接待", line: 4)
        #expect(BasicDataReader.read(section, warnings: &warnings).savingMeasures?.text == "压减公务接待")
        section.rows[2] = row("厉行节约措施 会议费：压减", line: 4)
        #expect(BasicDataReader.read(section, warnings: &warnings).savingMeasures?.text == "会议费：压减")
    }

    @Test func headingsSplitAtARunOfSpaces() {
        #expect(
            Narratives.splitHeading("三、政府性基金预算支出情况  无") == (
                "三、政府性基金预算支出情况", "无"
            ))
        #expect(Narratives.splitHeading("三、情况\u{3000}\u{3000}无") == ("三、情况", "无"))
        #expect(Narratives.splitHeading("一、 基本情况 说明") == ("一、 基本情况 说明", ""))
    }

    /// The split on bytes is the split on scalars it replaced, over seeded texts of spaces of both
    /// widths beside characters that share U+3000's lead byte (、 。) and blanks it does not split at.
    @Test func headingsSplitOnBytesAsOnScalars() {
        func scalarSplit(_ text: String) -> (String, String) {
            let scalars = text.unicodeScalars
            var index = scalars.startIndex
            while index != scalars.endIndex {
                var end = index
                while end != scalars.endIndex, scalars[end] == " " || scalars[end] == "\u{3000}" {
                    end = scalars.index(after: end)
                }
                if scalars.distance(from: index, to: end) >= 2 {
                    return (Labels.trim(String(scalars[..<index])), Labels.trim(String(scalars[end...])))
                }
                index = end == index ? scalars.index(after: index) : end
            }
            return (text, "")
        }
        var generator = SplitMix(seed: 0x5EED_0C22)
        let alphabet = [" ", "\u{3000}", "、", "。", "\t", "\u{A0}", "一", "情况", "a", "无"]
        for _ in 0..<2_000 {
            let text = (0..<Int(generator.next() % 10)).map { _ in
                alphabet[Int(generator.next() % UInt64(alphabet.count))]
            }.joined()
            let (heading, rest) = Narratives.splitHeading(text)
            let expected = scalarSplit(text)
            #expect(heading.isExactly(expected.0) && rest.isExactly(expected.1), "\(text.debugDescription)")
        }
    }

    /// Bookmarks taken out by hand as the regex takes them out: several, nested openings, one
    /// never closed, empty ones, next to CJK text.
    @Test(arguments: [
        "[bookmark: OLE_LINK3]工会工作", "a[bookmark:x]b[bookmark:]c", "[bookmark:[bookmark:x]]", "[bookmark: open",
        "x[bookmark:a]y[bookmark: never", "[bookmark", "[[bookmark:汉]]", "", "无书签",
    ])
    func bookmarksGoAsTheRegexTakesThem(_ text: String) {
        #expect(Layout.withoutBookmarks(text).isExactly(text.replacing(Patterns.bookmark, with: "")))
    }
}
