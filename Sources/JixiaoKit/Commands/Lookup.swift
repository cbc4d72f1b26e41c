extension Filing {
    /// A project by its number in `projects`, its exact name, a unique prefix or a unique part of its name.
    package func projectIndex(_ word: String) throws(ShellError) -> Int {
        if let n = Int(word) {
            guard n >= 1 && n <= projects.count else {
                throw .notFound(kind: "project", name: word, candidates: projects.indices.map { "\($0 + 1)" })
            }
            return n - 1
        }
        let names = projects.map(\.name)
        if let exact = names.firstIndex(of: word) { return exact }
        let key = Labels.norm(word)
        for test in [{ (n: String) in Labels.norm(n).hasPrefix(key) }, { (n: String) in Labels.norm(n).contains(key) }] {
            let hits = names.indices.filter { test(names[$0]) }
            if hits.count == 1 { return hits[0] }
            if hits.count > 1 { throw .ambiguous(kind: "project", name: word, candidates: hits.map { names[$0] }) }
        }
        throw .notFound(kind: "project", name: word, candidates: names)
    }
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
        let hits = filings.indices.filter { filings[$0].filing.unit.hasPrefix(word) || filings[$0].path.hasSuffix(word) }
        if hits.count == 1 { return hits[0] }
        if hits.count > 1 { throw .ambiguous(kind: "filing", name: word, candidates: hits.map { "\($0 + 1) \(filings[$0].filing.unit)" }) }
        throw .notFound(kind: "filing", name: word, candidates: filings.map(\.filing.unit))
    }
}
