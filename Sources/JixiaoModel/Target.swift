/// What a command, an edit or a finding is about: one project (by its name as filed), the
/// department's table, the whole filing, or every loaded filing.
public enum Target: Hashable, Sendable {
    case project(String)
    case department
    case filing
    case everyFiling

    /// The project's name, or nil for any other target.
    public var projectName: String? {
        if case .project(let name) = self { return name }
        return nil
    }
}

extension Filing {
    /// Every scored table in the order the views list them: the projects, then the department.
    public var scoredTables: [(target: Target, name: String, table: ScoredTable)] {
        var tables = projects.map { (target: Target.project($0.name), name: $0.name, table: $0.table) }
        if let department {
            tables.append((target: .department, name: Department.displayName, table: department.table))
        }
        return tables
    }

    /// The scored table a target names, if the filing has it.
    public func table(for target: Target) -> ScoredTable? {
        switch target {
        case .project(let name): return projects.first { $0.name == name }?.table
        case .department: return department?.table
        case .filing, .everyFiling: return nil
        }
    }

    /// Changes the scored table a target names, or says why there is none.
    public mutating func updateTable(
        _ target: Target, _ change: (inout ScoredTable) throws(ModelError) -> Void
    ) throws(ModelError) {
        switch target {
        case .project(let name):
            guard let index = projects.firstIndex(where: { $0.name == name }) else {
                throw .noProject(name, candidates: projects.map(\.name))
            }
            try change(&projects[index].table)
        case .department:
            guard var changed = department else { throw .noDepartment }
            try change(&changed.table)
            department = changed
        case .filing, .everyFiling:
            throw .notATable
        }
    }
}
