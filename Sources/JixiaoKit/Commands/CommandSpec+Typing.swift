/// What the shell offers a typist: a command's `--options` and target words for completion, and
/// the command a mistyped name was probably meant to be.
extension Completion {
    var isProjects: Bool {
        if case .projects = self { return true }
        return false
    }
}

extension CommandSpec {
    /// The `--options` its usage and help name, for completion after `-`.
    var options: [String] {
        let text = usage + " " + details
        let words = text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        return Array(Set(words.filter { $0.hasPrefix("--") && $0.count > 2 }.map(String.init))).sorted()
    }

    /// The words its usage takes in a project's place (`dept`, `basic`, `all`, `other`).
    var targets: [String] {
        let words = Set(usage.split(whereSeparator: { !$0.isLetter }).map(String.init))
        return ["dept", "basic", "all", "other"].filter(words.contains)
    }
}

extension CommandSpec {
    /// The command `word` was probably meant to be: a name or alias it begins, else one a
    /// small number of edits away; nil when none is that close (a guess far off misleads).
    package static func suggestion(for word: String) -> String? {
        let lower = word.lowercased()
        let spellings = all.flatMap { [$0.name] + $0.aliases }.filter { $0.count > 1 }
        if lower.count > 1, let prefix = spellings.first(where: { $0.hasPrefix(lower) }) { return prefix }
        let scored = spellings.map { ($0, editDistance(Array(lower), Array($0))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(1, min(2, word.count / 3)) else { return nil }
        return best.0
    }
}

/// Edits between two words, a swap of neighbours counting as one (`shwo` is one from `show`):
/// the optimal-string-alignment distance, for command suggestions.
package func editDistance<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var beforePrevious: [Int] = []
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], beforePrevious[j - 2] + 1)
            }
        }
        beforePrevious = previous
        previous = current
    }
    return previous[b.count]
}
