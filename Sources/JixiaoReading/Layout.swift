import JixiaoModel

/// A table cell as the .docx dump writes it: a tab-led line, plus the untabbed lines
/// after it (joined with no separator), starting at `line`.
package struct Cell: Hashable, Sendable {
    package let text: String
    package let line: Int
    /// The text normalised for label matching, computed once.
    package let key: String
    package var isEmpty: Bool { Labels.placeholders.contains(key) }

    package init(text: String, line: Int) {
        self.text = text
        self.line = line
        self.key = Labels.norm(text)
    }
}

/// A table row: the cells between two blank-line breaks.
package struct Row: Hashable, Sendable {
    package var cells: [Cell]
    package var line: Int { cells.first?.line ?? 0 }
    package func index(where test: (String) -> Bool) -> Int? { cells.firstIndex { test($0.key) } }
    package func has(_ label: String) -> Bool { cells.contains { $0.key.has(label) } }
    package var isBlank: Bool { cells.allSatisfy(\.isEmpty) }
    package var preview: String {
        let texts = cells.map(\.text).filter { !$0.isEmpty }
        return DisplayWidth.truncate(texts.joined(separator: " | "), to: 60)
    }
}

/// What a title line announces.
package enum SectionKind: Equatable, Sendable {
    case departmentReport, basicData, departmentTable, projectTable, projectReport, summaryReport, otherReport
    case attachment  // 附件5: a boundary only
    case preamble  // lines before any title

    var isTable: Bool { self == .basicData || self == .departmentTable || self == .projectTable }

    /// Recognises a title line by its wording, tolerating spaces and a leading unit name or year.
    static func of(title text: String) -> SectionKind? {
        guard text.has("表") || text.has("报告") || text.has("说明") || text.has("附件") else { return nil }
        let t = Labels.norm(text)
        if t.hasPrefix("附件"), t.firstMatch(of: Patterns.attachment) != nil { return .attachment }
        guard t.count <= 48, !t.has("，"), !t.has("。"), !t.has(",") else { return nil }
        let endings: [(String, SectionKind)] = [
            ("基础数据表", .basicData),
            ("部门整体支出绩效自评表", .departmentTable), ("整体支出绩效自评表", .departmentTable),
            ("项目支出绩效自评表", .projectTable), ("项目绩效自评表", .projectTable),
            ("汇总报告", .summaryReport),
            ("项目支出绩效自评报告", .projectReport), ("项目绩效自评报告", .projectReport),
            ("整体支出绩效自评报告", .departmentReport), ("部门绩效自评报告", .departmentReport),
            ("自评情况说明", .otherReport), ("自评报告", .otherReport),
        ]
        for (ending, kind) in endings where t.hasSuffix(ending) { return kind }
        return nil
    }
}

/// A run of the file between two titles: its rows (tables) and its prose lines.
package struct Section: Sendable {
    package var kind: SectionKind
    package var title: String
    package var line: Int
    package var rows: [Row] = []
    package var prose: [Located] = []
}

/// Splits a dumped document into titled sections of rows and prose. It relies on the
/// dump's conventions, not on line counts: a tab starts a cell, an untabbed line
/// continues the cell before it, a blank line before a tab starts a new row, and a
/// title line (…自评表, …基础数据表, …报告, 附件N) ends whatever came before it.
package enum Layout {
    package static func sections(of text: String) -> (sections: [Section], lineCount: Int) {
        var sections: [Section] = [Section(kind: .preamble, title: "", line: 1)]
        var row: [Cell] = []
        var cell: (text: String, line: Int)? = nil
        var blankBefore = false
        var inTable = false

        func closeCell() {
            if let c = cell {
                row.append(Cell(text: c.text, line: c.line))
                cell = nil
            }
        }
        func closeRow() {
            closeCell()
            if !row.isEmpty {
                sections[sections.count - 1].rows.append(Row(cells: row))
                row = []
            }
        }

        var lineNumber = 0
        for rawLine in text.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        {
            lineNumber += 1
            let line = clean(String(rawLine))
            if line.hasPrefix("\t") {
                closeCell()
                if blankBefore || row.isEmpty { closeRow() }
                cell = (Labels.trim(String(line.dropFirst())), lineNumber)
                blankBefore = false
                inTable = true
                continue
            }
            let trimmed = Labels.trim(line)
            if trimmed.isEmpty {
                blankBefore = true
                continue
            }
            if isPageMarker(trimmed) { continue }
            if let kind = SectionKind.of(title: trimmed) {
                closeRow()
                inTable = false
                blankBefore = false
                sections.append(Section(kind: kind, title: trimmed, line: lineNumber))
                continue
            }
            if inTable, cell != nil, !(blankBefore && isNarrativeHeading(trimmed)) {
                cell?.text += trimmed
                blankBefore = false
                continue
            }
            closeRow()
            inTable = false
            blankBefore = false
            sections[sections.count - 1].prose.append(Located(trimmed, line: lineNumber))
        }
        closeRow()
        return (sections, lineNumber)
    }

    /// Removes dump debris from a line: `[bookmark: …]` tokens and `<br>` tags.
    static func clean(_ line: String) -> String {
        guard line.has("[") || line.has("<") else { return line }
        var out = line.replacing(Patterns.bookmark, with: "")
        out = out.replacing(Patterns.lineBreakTag, with: "")
        return out
    }

    /// `— 5 —`, `- 12 -`: page numbers from the printed document.
    static func isPageMarker(_ text: String) -> Bool {
        guard let first = text.first, "—-－".contains(first) else { return false }
        return text.firstMatch(of: Patterns.pageMarker) != nil
    }

    /// `一、`, `（二）`, `3、`: a narrative heading, which never continues a table cell.
    static func isNarrativeHeading(_ text: String) -> Bool {
        guard let first = text.first, "一二三四五六七八九十（(0123456789".contains(first) else {
            return false
        }
        return text.firstMatch(of: Patterns.narrativeHeading) != nil && text.count > 8
    }
}
