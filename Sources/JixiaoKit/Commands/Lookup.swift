import JixiaoModel

extension Target {
    /// The word that names what a command is about: `dept` (department, 部门), `all` where the
    /// command takes it, or a project as typed, to be resolved with `Filing.resolve`.
    package static func parse(_ word: String, allowingAll: Bool = false) -> Target {
        switch word.lowercased() {
        case "dept", "department", "部门": return .department
        case "all" where allowingAll: return .filing
        default: return .project(word)
        }
    }
}

extension Filing {
    /// A target with its project word resolved to the project's exact name; a department
    /// target is checked to exist.
    package func resolve(_ target: Target) throws(ShellError) -> Target {
        switch target {
        case .project(let word): return .project(projects[try projectIndex(word)].name)
        case .department:
            guard department != nil else { throw .model(.noDepartment) }
            return .department
        case .filing, .everyFiling: return target
        }
    }

    /// A project by its number in `projects`, its exact name, a unique prefix or a unique part of its name.
    package func projectIndex(_ word: String) throws(ShellError) -> Int {
        let names = projects.map(\.name)
        if let n = Int(word) {
            guard n >= 1 && n <= projects.count else {
                throw .notFound(kind: "project", name: word, candidates: projects.indices.map { "\($0 + 1)" })
            }
            return n - 1
        }
        if let exact = names.firstIndex(of: word) { return exact }
        let key = Labels.norm(word)
        // A part of the name is found over the UTF-8 (`has`): Foundation's `contains` traps on a word
        // that holds NUL (the command-script fuzzer's crash: `set score 务\0\0… 1 8`).
        let tests: [(String) -> Bool] = [
            { Labels.norm($0).hasPrefix(key) }, { !key.isEmpty && Labels.norm($0).has(key) },
        ]
        for test in tests {
            let hits = names.indices.filter { test(names[$0]) }
            if hits.count == 1 { return hits[0] }
            if hits.count > 1 { throw .ambiguous(kind: "project", name: word, candidates: hits.map { names[$0] }) }
        }
        throw .notFound(kind: "project", name: word, candidates: names)
    }

    /// The display name of a table target: the project's name, or 部门整体.
    package func name(of target: Target) -> String {
        target.projectName ?? Department.displayName
    }
}

/// An indicator by its number in `show`, or a unique part of its 三级指标 name.
package func indicatorIndex(_ word: String, in indicators: [Indicator]) throws(ShellError) -> Int {
    if let n = Int(word) {
        guard n >= 1 && n <= indicators.count else {
            throw .notFound(kind: "indicator", name: word, candidates: indicators.indices.map { "\($0 + 1)" })
        }
        return n - 1
    }
    let key = Labels.norm(word)
    let hits = indicators.indices.filter { !key.isEmpty && Labels.norm(indicators[$0].level3).has(key) }
    if hits.count == 1 { return hits[0] }
    if hits.count > 1 {
        throw .ambiguous(kind: "indicator", name: word, candidates: hits.map { "\($0 + 1) \(indicators[$0].level3)" })
    }
    throw .notFound(kind: "indicator", name: word, candidates: indicators.map(\.level3))
}

extension Session {
    /// A loaded filing by its number in `filings` or its unit name (a unique prefix will do).
    package func filingIndex(_ word: String) throws(ShellError) -> Int {
        if let n = Int(word) {
            guard n >= 1 && n <= filings.count else {
                throw .notFound(kind: "filing", name: word, candidates: filings.indices.map { "\($0 + 1)" })
            }
            return n - 1
        }
        let hits = filings.indices.filter {
            filings[$0].filing.unit.hasPrefix(word) || filings[$0].path.hasSuffix(word)
        }
        if hits.count == 1 { return hits[0] }
        if hits.count > 1 {
            throw .ambiguous(
                kind: "filing", name: word, candidates: hits.map { "\($0 + 1) \(filings[$0].filing.unit)" })
        }
        throw .notFound(kind: "filing", name: word, candidates: filings.map(\.filing.unit))
    }
}
