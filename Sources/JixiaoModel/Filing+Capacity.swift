/// Arrays filled by appending keep up to twice the room they need; a county keeps tens of
/// thousands of them for the session, so the reader hands over a filing whose arrays hold just
/// their elements (a quarter less memory for a county's tables).
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
