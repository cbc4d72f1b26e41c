import Foundation
import JixiaoModel

extension Checker {
    /// The three amount columns' headings, as the table gives them or as the form prints them.
    static func basicColumnLabels(_ b: BasicData) -> [String] {
        b.columnLabels.count >= 3 ? b.columnLabels : ["上年决算数", "预算数", "决算数"]
    }

    /// A row's amount in column `column` (0: 上年决算数, 1: 预算数, 2: 决算数), read in place.
    static func basicValue(_ row: BasicData.Row, _ column: Int) -> Decimal? {
        switch column {
        case 0: return row.prior.value
        case 1: return row.budget.value
        default: return row.actual.value
        }
    }

    /// 基础数据表 groups against their rows: 项目支出 and 三公经费 equal their rows (rows under
    /// `其中：` name some of the group, so they must only not exceed it); 公用经费 holds its 其中.
    static func basicSum(_ c: inout Checker) {
        guard let b = c.filing.basic else { return }
        let labels = basicColumnLabels(b)
        // The rows are read in place, by index: a group's rows copied retained every string they hold.
        let rows = b.rows
        for group in [BasicData.Group.projects, .sanGong] {
            guard let total = b.total(group) else { continue }
            let members = rows.indices.filter { i in
                rows[i].group == group && !rows[i].isGroupTotal
                    && (group != .sanGong || rows[i].label.first?.isNumber == true)
            }
            guard let first = members.first else { continue }
            let partial = Labels.norm(rows[first].label).begins(with: "其中")
            for (column, label) in labels.prefix(3).enumerated() {
                guard let t = basicValue(total, column) else { continue }
                let sum = members.sum { basicValue(rows[$0], column) }
                guard partial ? sum.exceeds(t) : !sum.equals(t) else { continue }
                let rowName = total.name
                c.add(
                    total.line, .filing,
                    "基础数据表: \(rowName) \(label) \(amount(t)) ≠ \(amount(sum)), the sum of its rows "
                        + "(gap \(amount(t - sum)))")
            }
        }
        guard let total = b.total(.publicFunds) else { return }
        let members = rows.indices.filter { rows[$0].group == .publicFunds && !rows[$0].isGroupTotal }
        for (column, label) in labels.prefix(3).enumerated() {
            let parts = members.sum { basicValue(rows[$0], column) }
            guard let t = basicValue(total, column), parts.exceeds(t) else { continue }
            c.add(
                total.line, .filing,
                "基础数据表: 公用经费 \(label) \(amount(t)) is less than its 其中 rows (\(amount(parts)))")
        }
    }

    /// 在职 and 编制 with the 控制率 between them, when both are given and 编制 is not 0.
    var staffing: (authorized: Decimal, staff: Decimal, rate: Decimal)? {
        guard let b = filing.basic, let a = b.authorized.value, let s = b.staff.value, a > 0 else { return nil }
        return (a, s, s.dividedExactly(by: a))
    }

    static func controlStaff(_ c: inout Checker) {
        guard let b = c.filing.basic, let (a, s, rate) = c.staffing, rate.exceeds(1) else { return }
        c.add(
            b.staff.line, .filing,
            "基础数据表: 在职人数 \(points(s)) above 编制数 \(points(a)): 控制率 \(rate.percent)")
    }

    static func controlRate(_ c: inout Checker) {
        guard let b = c.filing.basic, let (a, s, rate) = c.staffing, let reported = b.controlRate.value,
            reported.rounded(4) != rate.rounded(4)
        else { return }
        c.add(
            b.controlRate.line, .filing,
            "基础数据表: 控制率 reported \(reported.percent) ≠ \(rate.percent) = \(points(s)) / \(points(a))")
    }

    /// Part of `cell.missing`: a blank 控制率 the checks compute.
    mutating func basicCellsMissing() {
        guard let b = filing.basic, let (_, _, rate) = staffing, b.controlRate.isBlank else { return }
        add(
            b.controlRate.line ?? b.staff.line, .filing,
            "基础数据表: 控制率 is blank (computed"
                + " \(rate.percent))")
    }

    /// The groups whose 决算 is held against a 预算, with the name their rate goes by.
    func controlledRows(_ groups: [BasicData.Group]) -> [(row: BasicData.Row, actual: Decimal, name: String)] {
        guard let b = filing.basic else { return [] }
        return groups.compactMap { group in
            guard let row = b.total(group), let actual = row.actual.value else { return nil }
            let name = group == .procurement ? "政府采购执行率" : "\(row.name)控制率"
            return (row, actual, name)
        }
    }

    static func controlSpend(_ c: inout Checker) { c.overBudget([.publicFunds, .sanGong]) }
    static func controlProcurement(_ c: inout Checker) { c.overBudget([.procurement]) }

    mutating func overBudget(_ groups: [BasicData.Group]) {
        for (row, actual, name) in controlledRows(groups) {
            guard let budget = row.budget.value, budget.isPositive, actual.exceeds(budget) else { continue }
            add(
                row.line, .filing,
                "基础数据表: \(name) \((actual / budget).percent) (决算 \(amount(actual)) against 预算"
                    + " \(amount(budget)))")
        }
    }

    static func controlUnbudgeted(_ c: inout Checker) {
        for (row, actual, name) in c.controlledRows([.publicFunds, .sanGong, .procurement]) {
            guard (row.budget.value ?? 0).isAtMost(0), actual.isPositive else { continue }
            let rowName = row.name
            c.add(
                row.line, .filing,
                "基础数据表: \(rowName) 决算 \(amount(actual)) with no 预算: \(name) is"
                    + " undefined")
        }
    }

    static func controlChange(_ c: inout Checker) {
        guard let s = c.filing.basic?.total(.sanGong), let prior = s.prior.value, let actual = s.actual.value,
            prior == 0
        else { return }
        c.add(
            s.line, .filing,
            "基础数据表: 三公经费变动率 is undefined: the prior year's 决算 is 0 (this year"
                + " \(amount(actual)))")
    }

    /// Each project table matched to its 基础数据表 row: by name, else by the most similar name
    /// (`named` false), else nil.
    /// The keys of the project tables' names and of the 基础数据表's 项目支出 rows, worked out
    /// once for the checks that match the two.
    mutating func projectKeys() -> ProjectKeys {
        if let matchingKeys { return matchingKeys }
        let rows = filing.basic?.members(.projects) ?? []
        let keys = ProjectKeys(
            projects: filing.projects.indices.map { Self.projectKey(filing.projects[$0].name) }, rows: rows,
            rowKeys: rows.map { Self.projectKey($0.name) })
        matchingKeys = keys
        return keys
    }

    mutating func basicRows() -> [BasicMatch] {
        if let matchedRows { return matchedRows }
        let matched = matchBasicRows()
        matchedRows = matched
        return matched
    }

    private mutating func matchBasicRows() -> [BasicMatch] {
        let keys = projectKeys()
        let (rows, rowKeys) = (keys.rows, keys.rowKeys)
        guard !rows.isEmpty else { return [] }
        return keys.projects.indices.map { p in
            let key = keys.projects[p]
            if let index = rowKeys.firstIndex(where: { $0.isSameText(as: key) }) {
                return BasicMatch(project: p, row: index, named: true)
            }
            let scored = rows.indices.map { ($0, Self.similarity(key, Labels.norm(rows[$0].name))) }.max { $0.1 < $1.1 }
            if let (row, score) = scored, score >= 0.5 { return BasicMatch(project: p, row: row, named: false) }
            return BasicMatch(project: p, row: nil, named: false)
        }
    }

    static func nameMismatch(_ c: inout Checker) {
        let rows = c.projectKeys().rows
        for match in c.basicRows() where !match.named {
            guard let r = match.row else { continue }
            let (name, tableLine) = (c.filing.projects[match.project].name, c.filing.projects[match.project].line)
            let (rowName, rowLine) = (rows[r].name, rows[r].line)
            c.add(
                rowLine, .project(name),
                "\(name): named '\(rowName)' in the 基础数据表 (line \(rowLine)) but '\(name)' in its project ta"
                    + "ble "
                    + "(line \(tableLine))")
        }
    }

    static func basicMissingProject(_ c: inout Checker) {
        for match in c.basicRows() where match.row == nil {
            let (name, line) = (c.filing.projects[match.project].name, c.filing.projects[match.project].line)
            c.add(line, .project(name), "\(name): no row in the 基础数据表's 项目支出")
        }
    }

    static func basicProject(_ c: inout Checker) {
        let rows = c.projectKeys().rows
        for match in c.basicRows() {
            guard let r = match.row else { continue }
            let (name, funds, rowLine) = (
                c.filing.projects[match.project].name, c.filing.projects[match.project].funds, rows[r].line
            )
            if let budget = rows[r].budget.value, let full = funds.fullYear.value, !budget.equals(full) {
                let label = funds.budgetLabel
                c.add(
                    rowLine, .project(name),
                    "\(name): 基础数据表 预算 \(amount(budget)) ≠ project table \(label) \(amount(full))")
            }
            if let actual = rows[r].actual.value, let executed = funds.executed.value, !actual.equals(executed) {
                c.add(
                    rowLine, .project(name),
                    "\(name): 基础数据表 决算 \(amount(actual)) ≠ project table 全年执行数"
                        + " \(amount(executed))")
            }
        }
    }

    /// A project name reduced for matching: 双联工作经费 and 双联工作 are the same project.
    static func projectKey(_ name: String) -> String {
        let key = Labels.norm(name)
        // Characters counted and cut on the bytes for a name of ASCII and CJK ideographs (each scalar a
        // Character), by `count` and `dropLast` otherwise: counting Characters walked every name.
        lazy var plainCount = key.plainCount  // asked only of a name with one of the endings
        for (suffix, count) in projectSuffixes where key.ends(with: suffix) {
            guard (plainCount ?? key.count) > count + 1 else { continue }
            let kept: String
            if plainCount == nil {
                kept = String(key.dropLast(count))
            } else {
                kept = String(Substring(key.utf8.dropLast(suffix.utf8.count)))
            }
            return kept + (suffix.isExactly("工作经费") ? "工作" : "")
        }
        return key
    }

    /// The endings a project name may have or not, with their Characters.
    static let projectSuffixes = ["专项经费", "专项资金", "工作经费", "经费", "资金", "项目"].map {
        ($0, $0.count)
    }

    /// Share of characters two names have in common, in order (longest common subsequence).
    static func similarity(_ a: String, _ b: String) -> Double {
        // Names of Chinese characters, ASCII and full-width forms are compared scalar by scalar:
        // each such scalar is a Character of its own and equal to no other, where comparing
        // Characters checks canonical equivalence in every cell of the table.
        if let x = simpleScalars(a), let y = simpleScalars(b) { return commonShare(x, y) }
        return commonShare(Array(a), Array(b))
    }

    /// The scalars of `name` when every one is a Chinese character (U+4E00–U+9FFF), printable
    /// ASCII, a full-width form (U+FF01–U+FF5E) or CJK punctuation before the tone marks
    /// (U+3000–U+3029): none of them decomposes, combines or clusters. Nil otherwise.
    static func simpleScalars(_ name: String) -> [UInt32]? {
        var values: [UInt32] = []
        values.reserveCapacity(name.utf8.count)  // no fewer bytes than scalars: made once, not grown
        for scalar in name.unicodeScalars {
            switch scalar.value {
            case 0x20...0x7E, 0x3000...0x3029, 0x4E00...0x9FFF, 0xFF01...0xFF5E: values.append(scalar.value)
            default: return nil
            }
        }
        return values
    }

    /// The longest common subsequence of `x` and `y` over the longer length, the table a row at a
    /// time (each row needs only the one before).
    static func commonShare<Element: Equatable>(_ x: [Element], _ y: [Element]) -> Double {
        guard !x.isEmpty, !y.isEmpty else { return 0 }
        var previous = [Int](repeating: 0, count: y.count + 1)
        var current = previous
        for i in 1...x.count {
            for j in 1...y.count {
                current[j] = x[i - 1] == y[j - 1] ? previous[j - 1] + 1 : max(previous[j], current[j - 1])
            }
            swap(&previous, &current)
        }
        return Double(previous[y.count]) / Double(max(x.count, y.count))
    }
}

/// A project table (its index in the filing) matched to a 基础数据表 row (its index in
/// `ProjectKeys.rows`): by name (`named`), else by the most similar name, else to none. Indices,
/// where each match held copies of the project and the row that every check's loop copied again.
struct BasicMatch {
    var project: Int
    var row: Int?
    var named: Bool
}

/// The project tables' names and the 基础数据表's 项目支出 rows with their keys (`projectKey`).
struct ProjectKeys {
    /// One key a project table, in the filing's order.
    var projects: [String]
    var rows: [BasicData.Row]
    /// One key a row, in the rows' order.
    var rowKeys: [String]
}
