import JixiaoModel

extension Analysis {
    /// Scores every table of `filing` and checks it under `rules`.
    /// The filing is consumed, so the checks keep it without a copy of their own.
    public init(_ filing: consuming Filing, rules: RuleSet) {
        // Each table's indicators are read as quantities once, for the scoring and the checks.
        // The projects' tables taken by index: a map over the projects copied each whole project.
        let filed = filing.projects
        let tables = filed.indices.map { filed[$0].table } + (filing.department.map { [$0.table] } ?? [])
        let read = tables.map(Quantity.Read.each)
        let cards = zip(tables, read).map { Scorer.score($0, rules: rules, read: $1) }
        let projects = Array(cards.prefix(filing.projects.count))
        let department = filing.department == nil ? nil : cards.last
        let findings = Self.inCheckOrder(Checker.check(consume filing, rules: rules, cards: cards, read: read))
        self.init(rules: rules.name, projects: projects, department: department, findings: findings)
    }

    /// How many of the other filings of a repeated unit and year a finding names; the rest are counted.
    public static let twinsNamed = 5

    /// The analysis with the finding that the same unit filed for the same year in other filings
    /// too (`others`: the first of their numbers and paths; `more`: how many others go unnamed), a
    /// fact about the county no one filing shows. A county that repeats a unit a hundred times
    /// would otherwise hold a hundred paths in each of a hundred findings.
    public consuming func withTwins(
        _ others: [(number: Int, path: String)], more: Int = 0, unit: String, year: Int
    ) -> Analysis {
        guard !others.isEmpty else { return self }
        let finding = Finding(
            check: .filingDuplicateUnitYear, severity: Checks.named(.filingDuplicateUnitYear)?.severity ?? .warning,
            line: nil, target: .filing,
            message: Self.twinsMessage(others, more: more, unit: unit, year: year))
        // In check order, as `inCheckOrder` would put it: after every finding that sorts before
        // or with it, the findings being in that order already and this one found last.
        // By index, and on the analysis given up (`consuming`): a closure over the findings copied
        // each, and a copy of the analysis copied them all to insert one.
        let place = Self.place(of: finding, in: findings)
        var copy = self
        copy.findings.insert(finding, at: place)
        return copy
    }

    /// Where `inCheckOrder` would put a finding without a line found after `findings`.
    private static func place(of finding: Finding, in findings: [Finding]) -> Int {
        let key = (finding.severity, 0)
        return findings.indices.first { key < (findings[$0].severity, findings[$0].line ?? 0) } ?? findings.count
    }

    private static func twinsMessage(
        _ others: [(number: Int, path: String)], more: Int, unit: String, year: Int
    ) -> String {
        let list = others.map { "[\($0.number)] \($0.path)" }.joined(separator: ", ")
        let rest = more > 0 ? " and \(more) more" : ""
        return "\(unit) filed for \(year) more than once: also \(list)\(rest)"
    }

    /// The analysis with the findings of only the checks `running`, its score cards kept; the
    /// county's findings stay if their check is among them.
    public func rechecked(_ filing: Filing, rules: RuleSet, running: [Check]) -> Analysis {
        let cards = projects + (department.map { [$0] } ?? [])
        let ids = Set(running.map(\.id))
        let countyIDs = Set(Checks.county.map(\.id))
        let county = findings.filter { countyIDs.contains($0.check) && ids.contains($0.check) }
        var copy = self
        copy.findings = Self.inCheckOrder(Checker.check(filing, rules: rules, cards: cards, checks: running) + county)
        return copy
    }

    /// Errors, then warnings, then info, each by line, ties in the order found. The keys are sorted,
    /// not the findings, so a sort moves three integers instead of copying findings; the findings are
    /// then put in that order where they stand, moved, where building the sorted array copied each
    /// (its strings and message retained) and then dropped the array it came from.
    static func inCheckOrder(_ findings: consuming [Finding]) -> [Finding] {
        // Read by index: `enumerated()` handed out a copy of each finding to read two fields.
        let keys = findings.indices.map { (severity: findings[$0].severity, line: findings[$0].line ?? 0, index: $0) }
        let order = keys.sorted { ($0.severity, $0.line, $0.index) < ($1.severity, $1.line, $1.index) }.map(\.index)
        var sorted = findings
        sorted.permute(to: order)
        return sorted
    }
}

extension Array {
    /// Puts the elements in `order` (the element at `order[k]` moves to `k`) by swapping them along
    /// each cycle of the permutation: each element moves, none is copied.
    mutating func permute(to order: [Int]) {
        precondition(order.count == count, "an order of every element")
        var placed = [Bool](repeating: false, count: count)
        for start in indices where !placed[start] {
            var position = start
            while true {
                placed[position] = true
                let source = order[position]
                if source == start { break }
                swapAt(position, source)
                position = source
            }
        }
    }
}
