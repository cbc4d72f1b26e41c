import JixiaoModel

/// A line of text on a PDF page: words whose boxes share a band, left to right.
struct PDFLine: Equatable {
    var words: [PDFWord]
    var box: PDFBox
    /// Where a reader finds it (`p4:12`), once its page is laid out.
    var place = ""
    /// The page it stands on, where lines of several pages are read together.
    var page = 0

    /// The words joined as they stand: poppler splits a line at a space and where the font changes
    /// (`2023` between two runs of 汉字, set a little apart). A gap a space wide is a space; a gap
    /// of two or more is two, as a heading and its text on one line are set apart.
    var text: String {
        var text = ""
        var previous: PDFWord?
        for word in words {
            if let previous {
                let gap = word.box.left - previous.box.right
                let em = max(word.box.height, 1)
                if gap >= em * 0.3 { text += "  " } else if gap >= em * 0.17 { text += " " }
            }
            text += word.text
            previous = word
        }
        return text
    }

    /// Groups words into lines: a word whose middle lies within a line's band joins it.
    static func lines(_ words: [PDFWord]) -> [PDFLine] {
        var lines: [PDFLine] = []
        for word in words.sorted(by: { ($0.box.top, $0.box.left) < ($1.box.top, $1.box.left) }) {
            if let index = lines.lastIndex(where: { $0.box.top <= word.box.midY && word.box.midY <= $0.box.bottom }) {
                lines[index].words.append(word)
                lines[index].box.left = min(lines[index].box.left, word.box.left)
                lines[index].box.right = max(lines[index].box.right, word.box.right)
            } else {
                lines.append(PDFLine(words: [word], box: word.box))
            }
        }
        for index in lines.indices { lines[index].words.sort { $0.box.left < $1.box.left } }
        return lines.sorted { $0.box.top < $1.box.top }
    }
}

/// One cell of a table row as found on the page.
struct PDFSlot: Equatable {
    var left, right: Double
    var lines: [PDFLine]
    /// The lower part of a cell merged down from a row above: an empty cell in this row, as Word
    /// writes a vertically merged cell.
    var isCovered = false
    /// The row (of the table's rows) the cell begins in: this one, unless it is covered.
    var origin = 0
    /// Whether the cell reaches down to the table's last rule on the page: it may go on over the break.
    var reachesBottom = false
    /// Whether the cell is merged down over more than one row.
    var spansRows = false
    var text: String { lines.map(\.text).joined() }
}

/// A ruled table on one page, its rows top to bottom.
struct PDFTable: Equatable {
    var box: PDFBox
    /// The x of every column boundary, left to right.
    var columns: [Double]
    var rows: [[PDFSlot]]
}

/// Rebuilds ruled tables from a page's rules and words, as a lattice: the rules that meet make a
/// grid, a grid cell with no rule between it and its neighbour is one merged cell with it, and a
/// word belongs to the cell its middle lies in. Positions, not poppler's text flow, decide, since a
/// vertically centred cell's lines fall between its neighbours' lines.
enum PDFTables {
    /// How far apart two positions may be and still be one boundary, in points.
    static let tolerance = 2.0

    static func find(on page: PDFPage) -> (tables: [PDFTable], loose: [PDFWord]) {
        var tables: [PDFTable] = []
        var claimed = Array(repeating: false, count: page.words.count)
        for group in groups(merged(page.rules)) {
            guard let grid = Lattice(group) else { continue }
            let (table, taken) = grid.table(page.words)
            guard let table else { continue }
            for index in taken { claimed[index] = true }
            tables.append(table)
        }
        let loose = page.words.indices.filter { !claimed[$0] }.map { page.words[$0] }
        return (tables.sorted { $0.box.top < $1.box.top }, loose)
    }

    /// Rules on one line that touch or overlap are one rule.
    static func merged(_ rules: [PDFRule]) -> [PDFRule] {
        var result: [PDFRule] = []
        for horizontal in [true, false] {
            var line: [PDFRule] = []  // rules within a point of the first one's position
            for rule in rules.filter({ $0.isHorizontal == horizontal }).sorted(by: { $0.at < $1.at }) {
                if let first = line.first, rule.at - first.at > 1 {
                    result += joined(line)
                    line = []
                }
                line.append(rule)
            }
            result += joined(line)
        }
        return result
    }

    /// Rules on one line, their overlapping stretches joined.
    static func joined(_ line: [PDFRule]) -> [PDFRule] {
        var result: [PDFRule] = []
        for rule in line.sorted(by: { $0.from < $1.from }) {
            if let last = result.last, rule.from <= last.to + tolerance {
                result[result.count - 1].to = max(last.to, rule.to)
            } else {
                result.append(rule)
            }
        }
        return result
    }

    /// Rules that cross or touch, gathered: each group is one table's frame.
    static func groups(_ rules: [PDFRule]) -> [[PDFRule]] {
        var parent = Array(rules.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
            return i
        }
        for i in rules.indices where rules[i].isHorizontal {
            for j in rules.indices where !rules[j].isHorizontal && meet(rules[i], rules[j]) {
                parent[root(i)] = root(j)
            }
        }
        return Dictionary(grouping: rules.indices, by: root).values.sorted { $0[0] < $1[0] }.map {
            $0.map { rules[$0] }
        }
    }

    static func meet(_ h: PDFRule, _ v: PDFRule) -> Bool {
        h.from - tolerance <= v.at && v.at <= h.to + tolerance && v.from - tolerance <= h.at
            && h.at <= v.to + tolerance
    }

    /// Positions within `tolerance` of each other, as one, in order.
    static func boundaries(_ positions: [Double]) -> [Double] {
        var result: [Double] = []
        for position in positions.sorted() {
            if let last = result.last, position - last <= tolerance { continue }
            result.append(position)
        }
        return result
    }
}

/// One frame of rules as a grid of rows and columns, its cells merged where a rule is missing.
struct Lattice {
    let xs: [Double]
    let ys: [Double]
    /// The merged cell each grid cell belongs to, by row then column.
    private(set) var region: [[Int]] = []
    /// Each merged cell's first and last grid row and column.
    private(set) var spans: [(top: Int, left: Int, bottom: Int, right: Int)] = []

    init?(_ rules: [PDFRule]) {
        xs = PDFTables.boundaries(rules.filter { !$0.isHorizontal }.map(\.at))
        ys = PDFTables.boundaries(rules.filter(\.isHorizontal).map(\.at))
        guard xs.count >= 2, ys.count >= 2, xs.count * ys.count <= 40_000 else { return nil }
        let (rows, columns) = (ys.count - 1, xs.count - 1)
        var sets = DisjointSets(rows * columns)
        let tolerance = PDFTables.tolerance
        func ruled(_ horizontal: Bool, at: Double, across middle: Double) -> Bool {
            rules.contains {
                $0.isHorizontal == horizontal && abs($0.at - at) <= tolerance && $0.from - tolerance <= middle
                    && middle <= $0.to + tolerance
            }
        }
        for row in 0..<rows {
            let middle = (ys[row] + ys[row + 1]) / 2
            for column in 0..<columns {
                let here = row * columns + column
                if column + 1 < columns, !ruled(false, at: xs[column + 1], across: middle) {
                    sets.join(here, here + 1)
                }
                if row + 1 < rows, !ruled(true, at: ys[row + 1], across: (xs[column] + xs[column + 1]) / 2) {
                    sets.join(here, here + columns)
                }
            }
        }
        var ids: [Int: Int] = [:]
        region = Array(repeating: Array(repeating: 0, count: columns), count: rows)
        for row in 0..<rows {
            for column in 0..<columns {
                let key = sets.root(row * columns + column)
                if let id = ids[key] {
                    let span = spans[id]
                    spans[id] = (span.top, min(span.left, column), max(span.bottom, row), max(span.right, column))
                    region[row][column] = id
                } else {
                    ids[key] = spans.count
                    region[row][column] = spans.count
                    spans.append((row, column, row, column))
                }
            }
        }
    }

    /// The index of the band `value` falls in among `edges`, if inside them.
    static func band(_ value: Double, _ edges: [Double]) -> Int? {
        guard let first = edges.first, let last = edges.last, value >= first, value <= last else { return nil }
        var (low, high) = (0, edges.count - 1)
        while high - low > 1 {
            let middle = (low + high) / 2
            if edges[middle] <= value { low = middle } else { high = middle }
        }
        return low
    }

    /// The table the grid holds with the words inside it, and which words those are; no table
    /// when no word lies inside (a frame around a picture, a ruled-off page border).
    func table(_ words: [PDFWord]) -> (PDFTable?, [Int]) {
        var contents = Array(repeating: [PDFWord](), count: spans.count)
        var taken: [Int] = []
        for (index, word) in words.enumerated() {
            guard let row = Self.band(word.box.midY, ys), let column = Self.band(word.box.midX, xs) else { continue }
            contents[region[row][column]].append(word)
            taken.append(index)
        }
        guard !taken.isEmpty else { return (nil, []) }
        var rows: [[PDFSlot]] = []
        var kept: [Int: Int] = [:]  // grid row → its index among the rows
        for row in region.indices {
            var slots: [PDFSlot] = []
            var column = 0
            while column < xs.count - 1 {
                let id = region[row][column]
                let span = spans[id]
                let covered = span.top < row
                var slot = PDFSlot(left: xs[span.left], right: xs[span.right + 1], lines: [], isCovered: covered)
                slot.lines = covered ? [] : PDFLine.lines(contents[id])
                slot.origin = kept[span.top] ?? rows.count
                slot.reachesBottom = span.bottom == region.count - 1
                slot.spansRows = span.bottom > span.top
                slots.append(slot)
                column = span.right + 1
            }
            // A band every cell of which began above is no row of its own.
            if slots.contains(where: { !$0.isCovered }) {
                kept[row] = rows.count
                rows.append(slots)
            }
        }
        let box = PDFBox(left: xs[0], top: ys[0], right: xs[xs.count - 1], bottom: ys[ys.count - 1])
        return (PDFTable(box: box, columns: xs, rows: rows), taken)
    }
}

/// Sets of indices joined two at a time (union–find with path halving): rules that meet, grid
/// cells with no rule between them.
struct DisjointSets {
    private var parent: [Int]

    init(_ count: Int) { parent = Array(0..<count) }

    mutating func root(_ index: Int) -> Int {
        var index = index
        while parent[index] != index {
            parent[index] = parent[parent[index]]
            index = parent[index]
        }
        return index
    }

    mutating func join(_ a: Int, _ b: Int) { parent[root(a)] = root(b) }
}
