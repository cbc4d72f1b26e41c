import JixiaoModel

/// Rebuilds table rows from a stream of cells that has lost its row breaks (the pipe-cell
/// layout). Each block is cut by the shape of its header, never by counting lines:
///
/// - a name, remark or 总分 label starts a row that runs to the next label;
/// - a funds header (年初预算数 … 执行数 …) is one row, and each fund row starts at its
///   label (总额, 其中:财政资金, …), however many cells it has;
/// - a goal or task header is one row, and its data rows have one cell per column head;
/// - an indicator header is one row, and its data rows are found by `IndicatorRows`: a
///   merged 一级 or 二级 cell appears only on its first row, so rows have different lengths.
enum RowRebuilder {
    static func rows(from cells: [Cell]) -> [Row] {
        var rows: [Row] = []
        var i = 0
        while i < cells.count {
            if let end = fundHeaderEnd(cells, at: i) {
                rows.append(Row(cells: Array(cells[i..<end])))
                i = fundRows(cells, from: end, into: &rows)
            } else if let end = indicatorHeaderEnd(cells, at: i) {
                let header = Array(cells[i..<end])
                rows.append(Row(cells: header))
                var stop = end
                while stop < cells.count && !endsIndicators(cells[stop].key) { stop += 1 }
                rows += IndicatorRows.rows(from: Array(cells[end..<stop]), header: header)
                i = stop
            } else if let end = headerEnd(cells, at: i, where: Vocabulary.isGoalLabel) {
                i = columnRows(cells, header: i..<end, dataRows: 1, into: &rows)
            } else if let end = headerEnd(cells, at: i, where: Vocabulary.isTaskLabel) {
                i = columnRows(cells, header: i..<end, dataRows: Int.max, into: &rows)
            } else {
                var row = [cells[i]]
                i += 1
                while i < cells.count && !startsRow(cells, at: i) {
                    row.append(cells[i])
                    i += 1
                }
                rows.append(Row(cells: row))
            }
        }
        return rows
    }

    static func startsRow(_ cells: [Cell], at i: Int) -> Bool {
        let key = cells[i].key
        return Vocabulary.isNameLabel(key) || Vocabulary.isTotalLabel(key) || Vocabulary.isRemarkLabel(key)
            || TableReader.fundKind(key) != nil || fundHeaderEnd(cells, at: i) != nil
            || indicatorHeaderEnd(cells, at: i) != nil
            || headerEnd(cells, at: i, where: Vocabulary.isGoalLabel) != nil
            || headerEnd(cells, at: i, where: Vocabulary.isTaskLabel) != nil
    }

    // MARK: Funds

    static func isFundHeaderCell(_ key: String) -> Bool {
        TableReader.fundColumn(key) != nil || key.begins(with: "预算执行情况") || key.begins(with: "年度预算")
            || key.begins(with: "项目资金") || key == "资金来源" || key.begins(with: "偏差原因")
    }

    /// The end of a funds header starting at `i`: a run of column heads with 执行数 and a budget.
    static func fundHeaderEnd(_ cells: [Cell], at i: Int) -> Int? {
        guard isFundHeaderCell(cells[i].key), TableReader.fundKind(cells[i].key) == nil else { return nil }
        var end = i
        var columns: [TableReader.FundColumn] = []
        while end < cells.count, isFundHeaderCell(cells[end].key), TableReader.fundKind(cells[end].key) == nil {
            if let column = TableReader.fundColumn(cells[end].key) { columns.append(column) }
            end += 1
        }
        let hasBudget = columns.contains(.initial) || columns.contains(.fullYear)
        return columns.contains(.executed) && hasBudget ? end : nil
    }

    /// Fund rows, each from its label to the next label; returns where they end.
    static func fundRows(_ cells: [Cell], from start: Int, into rows: inout [Row]) -> Int {
        var i = start
        while i < cells.count, TableReader.fundKind(cells[i].key) != nil {
            var row = [cells[i]]
            i += 1
            while i < cells.count, !startsRow(cells, at: i) {
                row.append(cells[i])
                i += 1
            }
            rows.append(Row(cells: row))
        }
        return i
    }

    // MARK: Goal and tasks

    /// The end of a run of at least two column heads that `isHead` recognises.
    static func headerEnd(_ cells: [Cell], at i: Int, where isHead: (String) -> Bool) -> Int? {
        var end = i
        while end < cells.count, isHead(cells[end].key) { end += 1 }
        return end - i >= 2 ? end : nil
    }

    /// A header and up to `dataRows` rows under it, each one cell per column head (the
    /// first head of three or more labels the block and spans its rows).
    static func columnRows(_ cells: [Cell], header: Range<Int>, dataRows: Int, into rows: inout [Row]) -> Int {
        rows.append(Row(cells: Array(cells[header])))
        let width = header.count >= 3 ? header.count - 1 : header.count
        var i = header.upperBound
        var taken = 0
        while taken < dataRows, i < cells.count, !startsRow(cells, at: i) {
            let end = min(i + width, cells.count)
            rows.append(Row(cells: Array(cells[i..<end])))
            i = end
            taken += 1
        }
        return i
    }

    // MARK: Indicators

    static func isIndicatorHeaderCell(_ key: String) -> Bool {
        TableReader.indicatorColumn(key) != .lead || key.begins(with: "绩效指标")
    }

    /// The end of an indicator header starting at `i`: column heads including 一级指标 and
    /// 二级 or 三级指标.
    static func indicatorHeaderEnd(_ cells: [Cell], at i: Int) -> Int? {
        guard isIndicatorHeaderCell(cells[i].key) else { return nil }
        var end = i
        var columns: [TableReader.IndicatorColumn] = []
        while end < cells.count, isIndicatorHeaderCell(cells[end].key) {
            columns.append(TableReader.indicatorColumn(cells[end].key))
            end += 1
        }
        let complete = columns.contains(.level1) && (columns.contains(.level2) || columns.contains(.level3))
        return complete ? end : nil
    }

    /// 总分, a remark or the next table's header ends the indicator rows.
    static func endsIndicators(_ key: String) -> Bool {
        Vocabulary.isTotalLabel(key) || Vocabulary.isRemarkLabel(key) || Vocabulary.isProjectNameLabel(key)
    }
}

/// Cuts a run of indicator cells into rows. A row holds the header's columns from 一级指标
/// on, less the 一级 (and 二级) cells carried down from a merged cell above, and perhaps less
/// a merged 偏差原因 at its end. Of all the ways to cut the run, it takes the one whose cells
/// best fit their columns (a sign under 指标性质, numbers under 分值 and 得分, …), found by
/// dynamic programming over the cells. Rows come back padded to the header's width.
enum IndicatorRows {
    typealias Column = TableReader.IndicatorColumn

    struct Shape {
        var skip: Int  // leading columns carried down from above
        var columns: ArraySlice<Column>
        var penalty: Int
    }

    static func rows(from cells: [Cell], header: [Cell]) -> [Row] {
        guard !cells.isEmpty else { return [] }
        let all = header.map { TableReader.indicatorColumn($0.key) }
        let leads = all.prefix { $0 == .lead }.count
        let columns = Array(all.dropFirst(leads))
        let shapes = self.shapes(columns)
        let cuts = bestCuts(cells, shapes: shapes)
        var end = cells.count
        var pieces: [Row] = []
        while end > 0 {
            let (start, shape) = cuts[end]
            let piece = Array(cells[start..<end])
            guard let shape else {
                pieces.append(Row(cells: piece))
                end = start
                continue
            }
            let pad = Cell(text: "", line: piece.first?.line ?? 0)
            var padded = Array(repeating: pad, count: leads + shape.skip) + piece
            while padded.count < all.count { padded.append(pad) }
            pieces.append(Row(cells: padded))
            end = start
        }
        return pieces.reversed()
    }

    /// The row shapes a header allows: 0–2 carried-down leading columns (only 一级/二级), and
    /// the 偏差原因 column present or merged away.
    static func shapes(_ columns: [Column]) -> [Shape] {
        var result: [Shape] = []
        for skip in 0...2 where skip < columns.count {
            if skip > 0 && ![Column.level1, .level2].contains(columns[skip - 1]) { break }
            let body = columns[skip...]
            result.append(Shape(skip: skip, columns: body, penalty: 0))
            if body.last == .deviation, body.count > 1 {
                result.append(Shape(skip: skip, columns: body.dropLast(), penalty: 2))
            }
        }
        return result
    }

    /// For every prefix length, the best last cut: (start of the last row, its shape), or a
    /// one-cell row that fits no shape (reported later as an unrecognised row).
    static func bestCuts(_ cells: [Cell], shapes: [Shape]) -> [(Int, Shape?)] {
        let misfit = -12
        var best = [Int](repeating: Int.min, count: cells.count + 1)
        var cuts = [(Int, Shape?)](repeating: (0, nil), count: cells.count + 1)
        best[0] = 0
        for end in 1...cells.count {
            best[end] = best[end - 1] + misfit
            cuts[end] = (end - 1, nil)
            for shape in shapes where shape.columns.count <= end {
                let start = end - shape.columns.count
                guard best[start] != Int.min else { continue }
                var score = best[start] - shape.penalty
                for (cell, column) in zip(cells[start..<end], shape.columns) { score += fit(cell, column) }
                if score > best[end] {
                    best[end] = score
                    cuts[end] = (start, shape)
                }
            }
        }
        return cuts
    }

    /// How well a cell's content fits a column: strongly positive for a sign under 指标性质
    /// or a number under 分值, strongly negative for the reverse.
    static func fit(_ cell: Cell, _ column: Column) -> Int {
        let key = cell.key
        let sign = Vocabulary.isSign(key)
        let value = Labels.value(cell.text)
        var number = false
        if case .number = value { number = true }
        switch column {
        case .level1, .level2:
            if sign { return -6 }
            if number { return -4 }
            if cell.isEmpty { return -1 }
            return key.ends(with: "指标") || key.has("指标(") ? 2 : 0
        case .level3:
            if sign { return -6 }
            return cell.isEmpty ? -1 : (number ? -1 : 1)
        case .sign: return sign ? 6 : (cell.isEmpty ? -1 : -6)
        case .target, .actual: return sign ? -4 : 0
        case .unit:
            if sign { return -4 }
            if number { return -3 }
            return key.utf8.count <= 18 ? 1 : -2
        case .weight, .score:
            if number { return 3 }
            return cell.isEmpty ? 0 : -4
        case .deviation:
            if sign { return -4 }
            if number { return -2 }
            return key.ends(with: "指标") ? -2 : 0
        case .lead: return 0
        }
    }
}
