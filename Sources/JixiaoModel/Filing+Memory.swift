import Foundation

// A county keeps tens of thousands of filings for the session, so the reader hands each over in
// the least memory that holds the same values: arrays without spare room, and one copy of each
// label the filings of a load repeat.

extension Filing {
    /// The filing as the reader hands it over: every array at its element count (appending leaves
    /// up to twice the room needed) and its repeated labels taken from `pool`. `map` makes an array
    /// of just its count.
    public func compacted(sharing pool: TextPool) -> Filing {
        var filing = self
        filing.projects = projects.map { project in
            var project = project
            project.name = pool.shared(project.name)
            project.table = project.table.compacted(sharing: pool)
            project.report = project.report?.compacted()
            return project
        }
        if var department {
            department.table = department.table.compacted(sharing: pool)
            department.income = department.income.exactly
            department.expenditure = department.expenditure.exactly
            filing.department = department
        }
        if var basic {
            basic.rows = basic.rows.map { row in
                var row = row
                row.label = pool.shared(row.label)
                row.name = pool.shared(row.name)
                return row
            }
            filing.basic = basic
        }
        filing.report = report?.compacted()
        filing.otherReports = otherReports.map { $0.compacted() }
        filing.warnings = warnings.exactly
        return filing
    }
}

extension ScoredTable {
    func compacted(sharing pool: TextPool) -> ScoredTable {
        var table = self
        table.funds.rows = funds.rows.map { row in
            var row = row
            row.label = pool.shared(row.label)
            return row
        }
        table.indicators = indicators.map { indicator in
            var indicator = indicator
            indicator.level1 = pool.shared(indicator.level1)
            indicator.level2 = pool.shared(indicator.level2)
            indicator.level3 = pool.shared(indicator.level3)
            indicator.target = pool.shared(indicator.target)
            indicator.actual = pool.shared(indicator.actual)
            indicator.deviation = pool.shared(indicator.deviation)
            return indicator
        }
        table.remarks = remarks.exactly
        return table
    }
}

extension Narrative {
    func compacted() -> Narrative {
        var narrative = self
        narrative.sections = sections.map { $0.trimmingCapacity() }
        return narrative
    }
}

extension Array {
    /// A copy with room for its elements and no more.
    package var exactly: [Element] {
        guard capacity > count else { return self }
        var copy: [Element] = []
        copy.reserveCapacity(count)
        copy.append(contentsOf: self)
        return copy
    }
}

/// One copy of each text that many filings repeat (一级/二级指标, fund rows, common indicator
/// names and targets): a county's tables hold the same few hundred labels tens of thousands of
/// times. Texts of 15 bytes or less are kept inside the `String` value and are left alone.
public final class TextPool: @unchecked Sendable {
    // Readers on every core share one pool; the lock keeps the set whole.
    private let lock = NSLock()
    private var texts: Set<Bytes> = []

    public init() {}

    /// The pool's copy of `text`, which becomes the copy when it is new.
    package func shared(_ text: String) -> String {
        guard text.utf8.count > 15 else { return text }
        lock.lock()
        defer { lock.unlock() }
        return texts.insert(Bytes(text: text)).memberAfterInsert.text
    }

    package func shared(_ text: String?) -> String? { text.map { shared($0) } }

    /// A text compared and hashed as its UTF-8 bytes. `String`'s own `==` and hash work on the
    /// canonical form of non-ASCII text, which cost two thousand instructions a label here, and
    /// would hand one filing a canonically equal label spelled with another filing's bytes.
    private struct Bytes: Hashable {
        let text: String

        static func == (a: Bytes, b: Bytes) -> Bool { a.text.isExactly(b.text) }

        func hash(into hasher: inout Hasher) {
            text.withBytes { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }
}
