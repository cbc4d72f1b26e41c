import Foundation
import JixiaoModel

/// Reads a 绩效自评 filing dumped from .docx to text. It recognises tables and blocks by
/// their labels, never by line counts, and reports what it cannot place as warnings
/// with the line they concern.
public enum FilingReader {
    /// Reads `data`, the bytes of the file shown to the analyst as `source`.
    /// `pool`, when given, holds one copy of the labels the filings of one load repeat; without
    /// one, the filing's own repeats are shared.
    /// `made`: what an outside program made of the file, for the formats that need one.
    public static func read(
        _ data: Data, source: String, pool: TextPool? = nil, made: Made? = nil
    ) throws(ReadError) -> Filing {
        let read = try FrontEnds.read(data, made: made)
        var filing = try self.read(read.layout, source: source)
        filing.encoding = read.encoding
        filing.format = read.format
        // What `export text` writes and where findings point: never a control character either.
        filing.layoutText = read.text.map(ControlCharacters.escaped)
        filing.places = read.places.map(ControlCharacters.escaped)
        filing.convertedFrom = read.convertedFrom
        if !read.notes.isEmpty { filing.warnings = read.notes + filing.warnings }
        filing.sha256 = Digest.sha256Hex(data)
        filing.byteCount = data.count
        filing.compact(sharing: pool ?? TextPool())
        return filing
    }

    /// Reads already-decoded text.
    public static func read(text: String, source: String) throws(ReadError) -> Filing {
        try read(Layout.sections(of: text), source: source)
    }

    /// Said at each line whose text carried characters that act on a terminal.
    static let controlWarning =
        "control characters here (ESC, BEL, a bidi override …) are kept as escapes such as \\x1b: "
        + "a filing may not act on the terminal"

    /// Reads the sections a front end found.
    static func read(_ layout: Layout.Result, source: String) throws(ReadError) -> Filing {
        let sections = layout.sections
        let lineCount = layout.lineCount
        var filing = Filing(unit: "", year: nil, source: source, sha256: "", encoding: .utf8)
        filing.lineCount = lineCount
        var pendingReports: [Narrative] = []

        for section in sections {
            switch section.kind {
            case .departmentTable, .projectTable, .summaryTable, .basicData, .preamble, .attachment:
                for table in split(section) { readTable(table, into: &filing, pendingReports: &pendingReports) }
                if section.kind != .preamble && section.kind != .attachment && section.rows.isEmpty
                    && !section.prose.isEmpty
                {
                    filing.warnings.append(
                        ReadWarning(line: section.line, message: "'\(section.title)' has no table under it"))
                }
                if section.kind.isTable {
                    for line in section.prose {
                        if Vocabulary.isRemarkLine(Labels.norm(line.text)), keepRemark(line, in: &filing) { continue }
                        filing.warnings.append(
                            ReadWarning(
                                line: line.line ?? section.line,
                                message:
                                    "text outside the table cells, skipped: \(DisplayWidth.truncate(line.text, to: 50))"
                            ))
                    }
                }
            case .departmentReport:
                let narrative = Narratives.read(section)
                if var existing = filing.report {
                    existing.sections += narrative.sections
                    filing.report = existing
                } else {
                    filing.report = narrative
                }
            case .projectReport:
                let narrative = Narratives.read(section)
                if let last = filing.projects.indices.last,
                    filing.projects[last].report == nil || isCoverOnly(filing.projects[last].report)
                {
                    var merged = filing.projects[last].report ?? narrative
                    if filing.projects[last].report != nil { merged.sections += narrative.sections }
                    filing.projects[last].report = merged
                } else if filing.projects.isEmpty {
                    pendingReports.append(narrative)
                } else {
                    filing.otherReports.append(narrative)
                }
            case .summaryReport, .otherReport:
                filing.otherReports.append(Narratives.read(section))
            }
        }
        for report in pendingReports { filing.otherReports.append(report) }
        guard filing.department != nil || !filing.projects.isEmpty else {
            throw .notAFiling(saw: description(of: layout))
        }
        filing.unit = unit(of: filing, sections: sections)
        filing.year = year(of: filing, sections: sections)
        for line in Set(sections.flatMap(\.controlLines)) {
            filing.warnings.append(ReadWarning(line: line, message: controlWarning))
        }
        filing.warnings.sort { $0.line < $1.line }
        return filing
    }

    /// A signature or note under a table (`填表人：…  联系电话：…`) belongs to the table above it.
    static func keepRemark(_ line: Located, in filing: inout Filing) -> Bool {
        let remark = Remark(label: "", text: line)
        if let last = filing.projects.indices.last {
            filing.projects[last].table.remarks.append(remark)
        } else if filing.department != nil {
            filing.department?.table.remarks.append(remark)
        } else {
            return false
        }
        return true
    }

    /// What an unreadable file looked like, for the error: the layout and what was missing.
    static func description(of layout: Layout.Result) -> String {
        let rows = layout.sections.flatMap(\.rows)
        let lines = "\(layout.lineCount) line\(layout.lineCount == 1 ? "" : "s")"
        if rows.isEmpty, let joined = spaceJoinedHeader(layout) {
            return "\(lines) of prose, no table; line \(joined) is a table header with its cells joined by single "
                + "spaces (a web page copied as plain text), whose columns cannot be told apart: load the page "
                + "itself (.html) or the .docx"
        }
        guard !rows.isEmpty else { return "\(lines) of prose, no table" }
        let cells = rows.reduce(0) { $0 + $1.cells.count }
        let has = { (label: String) in rows.contains { $0.has(label) } }
        var missing: [String] = []
        if !has("项目名称") && !has("预算部门名称") && !has("单位)名称") {
            missing.append("no row with 项目名称 or 预算部门名称")
        }
        if !has("一级指标") { missing.append("no 一级指标 header") }
        if !has("执行数") { missing.append("no 执行数 column") }
        let what = missing.isEmpty ? "its tables match no 自评表 layout" : missing.joined(separator: ", ")
        return "\(layout.family.rawValue), \(lines), \(rows.count) rows of \(cells) cells; \(what)"
    }

    /// The line of a table header written as prose, its labels joined by single spaces
    /// (`一级指标 二级指标 三级指标 …`, `年初预算数 全年预算数 …`): three or more of
    /// the 自评表's header labels in one line of words.
    static func spaceJoinedHeader(_ layout: Layout.Result) -> Int? {
        let labels = [
            "一级指标", "二级指标", "三级指标", "年初预算数", "全年预算数",
            "全年执行数", "分值", "执行率", "得分",
        ]
        for line in layout.sections.lazy.flatMap(\.prose) {
            let words = line.text.split(separator: " ")
            guard words.count >= 3 else { continue }
            if words.filter({ word in labels.contains { word.contains($0) } }).count >= 3 { return line.line }
        }
        return nil
    }

    /// A report that holds only its cover (单位名称, signature) and waits for its body.
    static func isCoverOnly(_ report: Narrative?) -> Bool {
        guard let report else { return true }
        return report.sections.allSatisfy { $0.heading.isEmpty }
    }

    /// A section's rows as separate tables: one section may hold several project tables
    /// when their titles are missing, so it is cut at each 项目名称 after the first.
    static func split(_ section: Section) -> [Section] {
        let rows = section.rows
        let starts = rows.indices.filter { namesAProject(rows[$0].cells) }
        // Most sections hold one table: handed on as they are, not copied row by row.
        guard starts.count > 1 else { return rows.isEmpty ? [] : [section] }
        var first = Section(kind: section.kind, title: section.title, line: section.line)
        first.amountsInYuan = section.amountsInYuan
        first.rows = Array(rows[..<starts[1]])
        let ends = starts.dropFirst(2) + [rows.count]
        return [first]
            + zip(starts.dropFirst(), ends).map { start, end in
                var part = Section(kind: .projectTable, title: section.title, line: rows[start].line)
                part.rows = Array(rows[start..<end])
                return part
            }
    }

    private static let breakdownEndWords = WordList(["年度总体目标", "预期目标", "一级指标"])
    private static let staffingWords = WordList(["编制数", "经费控制情况"])
    private static let departmentWords = WordList(["预算部门名称", "部门(单位)名称", "按收入性质"])
    private static let fundWords = WordList(["年初预算", "预算数"])

    static func isProjectNameLabel(_ key: String) -> Bool { Vocabulary.isProjectNameLabel(key) }

    /// Whether a row's cells hold a 项目名称 label, each cell's key read where it stands: a closure
    /// over the cells was handed a copy of each, its two strings retained and released.
    static func namesAProject(_ cells: [Cell]) -> Bool {
        cells.indices.contains { isProjectNameLabel(cells[$0].key) }
    }

    /// Decides what a table is from its content (the title only breaks ties), then reads it.
    static func readTable(_ table: Section, into filing: inout Filing, pendingReports: inout [Narrative]) {
        let rows = table.rows
        // Each test scans every row, so each runs only when the ones before it have not decided.
        lazy var hasProjectName = rows.indices.contains { namesAProject(rows[$0].cells) }
        lazy var hasStaffing = rows.contains { $0.holds(staffingWords) }
        lazy var hasDeptName = rows.contains { $0.holds(departmentWords) }
        lazy var hasFunds = rows.contains { $0.holds(fundWords) }
        if table.kind == .summaryTable || rows.contains(where: SummaryReader.isHeader) {
            if filing.summary == nil { filing.summary = SummaryReader.read(table, warnings: &filing.warnings) }
        } else if hasProjectName || (table.kind == .projectTable && hasFunds) {
            var project = readProject(table, warnings: &filing.warnings)
            project.table.titleYear = titleYear(table.title)
            if project.report == nil, !pendingReports.isEmpty { project.report = pendingReports.removeFirst() }
            filing.projects.append(project)
        } else if hasDeptName || (table.kind == .departmentTable && hasFunds) {
            if filing.department != nil {
                filing.warnings.append(
                    ReadWarning(line: table.line, message: "a second 部门整体支出绩效自评表 was skipped"))
            } else {
                filing.department = readDepartment(table, warnings: &filing.warnings)
                filing.department?.table.titleYear = titleYear(table.title)
            }
        } else if hasStaffing || table.kind == .basicData {
            if filing.basic == nil { filing.basic = BasicDataReader.read(table, warnings: &filing.warnings) }
        } else if rows.contains(where: { !$0.isBlank }) {
            let what = table.title.isEmpty ? "a table" : "the table under '\(table.title)'"
            filing.warnings.append(
                ReadWarning(
                    line: table.rows.first?.line ?? table.line,
                    message: "\(what) is not a 自评表 or 基础数据表 and was skipped (\(rows.count) rows)"))
        }
    }

    static func readProject(_ table: Section, warnings: inout [ReadWarning]) -> Project {
        var reader = TableReader(rows: table.rows, amountsInYuan: table.amountsInYuan)
        let name = reader.value(after: isProjectNameLabel)
        var project = Project(name: name?.text ?? "", line: name?.line ?? table.line)
        if project.name.isEmpty {
            project.name = "(unnamed project, line \(project.line))"
            reader.warn(project.line, "project table without a 项目名称")
        }
        project.department = reader.value { $0.isExactly("主管部门") || $0.begins(with: "主管部门:") }
        project.implementer = reader.value { $0.begins(with: "实施单位") }
        project.table = reader.scoredTable(.project, line: project.line)
        if project.funds.rows.isEmpty {
            reader.warn(project.line, "\(project.name): no fund rows (年初预算数 / 全年执行数) found")
        }
        if project.indicators.isEmpty {
            reader.warn(project.line, "\(project.name): no indicators (绩效指标) found")
        }
        reader.reportUnused(in: project.name)
        warnings += reader.warnings
        return project
    }

    static func readDepartment(_ table: Section, warnings: inout [ReadWarning]) -> Department {
        var reader = TableReader(rows: table.rows, amountsInYuan: table.amountsInYuan)
        var department = Department(line: table.line)
        department.unit = reader.value {
            $0.has("预算部门名称") || $0.isExactly("单位名称") || $0.isExactly("部门(单位)名称")
        }
        department.table = reader.scoredTable(.department, line: table.line) { reader in
            (department.income, department.expenditure) = breakdown(&reader)
        }
        reader.reportUnused(in: "部门整体支出绩效自评表")
        warnings += reader.warnings
        return department
    }

    /// 按收入性质分 / 按支出性质分: label–value pairs between the funds and the goal, written
    /// as neighbouring cells or as `label:value` in one cell.
    static func breakdown(_ reader: inout TableReader) -> (income: [LabeledFigure], expenditure: [LabeledFigure]) {
        guard let start = reader.rows.firstIndex(where: { $0.has("按收入性质") || $0.has("按支出性质") })
        else { return ([], []) }
        var income: [LabeledFigure] = []
        var expenditure: [LabeledFigure] = []
        func add(_ label: String, _ figure: Figure) {
            let key = Labels.bareName(label)
            if key.isEmpty || key.has("偏差") || key.has("性质分") && figure.isBlank { return }
            let pair = LabeledFigure(label: key, figure: figure)
            if key.has("支出") { expenditure.append(pair) } else { income.append(pair) }
        }
        var r = start
        while r < reader.rows.count {
            let row = reader.rows[r]
            if row.holds(breakdownEndWords) { break }
            reader.used.insert(r)
            let cells = row.cells
            var i = 0
            while i < cells.count {
                let cell = cells[i]
                i += 1
                guard !cell.isEmpty, case .text = cell.value else { continue }
                var label = cell.text
                if let (before, value) = cell.text.splitAtColon(last: true) {
                    label = before
                    if !Labels.trim(value).isEmpty {
                        if case .text = Labels.value(value) {
                            label = cell.text
                        } else {
                            add(label, Labels.amount(value, line: cell.line).0)
                            continue
                        }
                    }
                }
                if i < cells.count, cells[i].value != .text(Labels.trim(cells[i].text)) {
                    add(label, Labels.amount(cells[i]).0)
                    i += 1
                } else {
                    add(label, Figure(nil, text: "", line: cell.line))
                }
            }
            r += 1
        }
        return (income, expenditure)
    }

    // MARK: Unit and year

    static func unit(of filing: Filing, sections: [Section]) -> String {
        if let name = filing.department?.unit?.text, !name.isEmpty { return name }
        let prose = sections.flatMap(\.prose)
        for line in prose {
            let t = Labels.norm(line.text)
            if t.begins(with: "单位名称:") || t.begins(with: "单位名称") && t.count > 4 {
                let name = t.dropFirst(t.begins(with: "单位名称:") ? 5 : 4)
                if !name.isEmpty { return String(name) }
            }
        }
        if let name = filing.projects.lazy.compactMap({ $0.department?.text }).first(where: { !$0.isEmpty }) {
            return name
        }
        for section in sections {
            if let m = Labels.norm(section.title).firstMatch(of: Patterns.unitBeforeYear) { return String(m.output.1) }
        }
        return "(unknown unit)"
    }

    /// `2021` of a table titled `项目支出绩效自评表（2021年度）` or
    /// `2021年度项目支出绩效自评表`.
    static func titleYear(_ title: String) -> Int? {
        guard title.has("年度") else { return nil }
        return reportYear(in: Labels.norm(title))
    }

    /// The year of the first `2023年度` (19xx or 20xx) in `text`: what `Patterns.yearOfReport`
    /// matches, found at each 年度's bytes, with the Character boundaries the regex would need
    /// before the digits and after 度 (the rest are ASCII and CJK, which Characters split between).
    /// The regex, its match and its output cost some 40,000 instructions a filing.
    static func reportYear(in text: String) -> Int? {
        text.withBytes { bytes in
            for end in text.offsets(of: "年度") where end >= 4 {
                let digits = bytes[(end - 4)..<end]
                guard digits.allSatisfy({ (0x30...0x39).contains($0) }),
                    digits.starts(with: [0x32, 0x30]) || digits.starts(with: [0x31, 0x39]),
                    text.isCharacterBoundary(atByte: end - 4), text.isCharacterBoundary(atByte: end + 6)
                else { continue }
                return digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
            }
            return nil
        }
    }

    static func year(of filing: Filing, sections: [Section]) -> Int? {
        let texts = sections.prefix(6).flatMap { [$0.title] + $0.prose.prefix(6).map(\.text) }
        for text in texts.lazy.map(Labels.norm) {
            if let year = reportYear(in: text) { return year }
        }
        let labels = filing.basic?.columnLabels ?? []
        let years = labels.compactMap { label in
            Labels.norm(label).firstMatch(of: Patterns.anyYear).flatMap { Int($0.output.1) }
        }
        return years.max()
    }
}
