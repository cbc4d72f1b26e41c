import Foundation

// A county keeps tens of thousands of filings for the session, so the reader hands each over in
// the least memory that holds the same values: arrays without spare room, and one copy of each
// label the filings of a load repeat.

/// Arrays filled by appending keep up to twice the room they need.
extension Filing {
    /// The filing with every array at its element count.
    public func trimmingCapacity() -> Filing {
        var filing = self
        filing.projects =
            filing.projects.map { project in
                var project = project
                project.table = project.table.trimmingCapacity()
                project.report = project.report?.trimmingCapacity()
                return project
            }.exactly
        if var department = filing.department {
            department.table = department.table.trimmingCapacity()
            department.income = department.income.exactly
            department.expenditure = department.expenditure.exactly
            filing.department = department
        }
        if var basic = filing.basic {
            basic.rows = basic.rows.exactly
            filing.basic = basic
        }
        filing.report = filing.report?.trimmingCapacity()
        filing.otherReports = filing.otherReports.map { $0.trimmingCapacity() }.exactly
        filing.warnings = filing.warnings.exactly
        return filing
    }
}

extension ScoredTable {
    func trimmingCapacity() -> ScoredTable {
        var table = self
        table.funds.rows = table.funds.rows.exactly
        table.indicators = table.indicators.exactly
        table.remarks = table.remarks.exactly
        return table
    }
}

extension Narrative {
    func trimmingCapacity() -> Narrative {
        var narrative = self
        narrative.sections = narrative.sections.map { $0.trimmingCapacity() }.exactly
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
    private var texts: Set<String> = []

    public init() {}

    /// The pool's copy of `text`, which becomes the copy when it is new.
    func shared(_ text: String) -> String {
        guard text.utf8.count > 15 else { return text }
        lock.lock()
        defer { lock.unlock() }
        return texts.insert(text).memberAfterInsert
    }

    func shared(_ text: String?) -> String? { text.map { shared($0) } }
}

extension Filing {
    /// The filing with its repeated labels taken from `pool`.
    public func sharingTexts(_ pool: TextPool) -> Filing {
        var filing = self
        for p in filing.projects.indices {
            filing.projects[p].name = pool.shared(filing.projects[p].name)
            filing.projects[p].table.share(pool)
        }
        filing.department?.table.share(pool)
        if var basic = filing.basic {
            for r in basic.rows.indices {
                basic.rows[r].label = pool.shared(basic.rows[r].label)
                basic.rows[r].name = pool.shared(basic.rows[r].name)
            }
            filing.basic = basic
        }
        return filing
    }
}

extension ScoredTable {
    mutating func share(_ pool: TextPool) {
        for r in funds.rows.indices { funds.rows[r].label = pool.shared(funds.rows[r].label) }
        for i in indicators.indices {
            indicators[i].level1 = pool.shared(indicators[i].level1)
            indicators[i].level2 = pool.shared(indicators[i].level2)
            indicators[i].level3 = pool.shared(indicators[i].level3)
            indicators[i].target = pool.shared(indicators[i].target)
            indicators[i].actual = pool.shared(indicators[i].actual)
            indicators[i].deviation = pool.shared(indicators[i].deviation)
        }
    }
}
