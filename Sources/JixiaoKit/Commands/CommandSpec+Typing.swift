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
        let typed = Array(lower.unicodeScalars)
        if typed.count > 1, let prefix = spellings.first(where: { $0.name.hasPrefix(lower) }) { return prefix.name }
        let limit = max(1, min(2, typed.count / 3))
        // Words whose lengths differ by more than the limit are at least that many edits apart:
        // skipping them keeps a long mistyped line from costing a distance against every name.
        let near = spellings.filter { abs($0.letters.count - typed.count) <= limit }
        let scored = near.map { ($0.name, editDistance(typed, $0.letters)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= limit else { return nil }
        return best.0
    }

    /// Every name and alias longer than one letter, with its letters, in the registry's order.
    private static let spellings: [(name: String, letters: [Unicode.Scalar])] = all.flatMap { [$0.name] + $0.aliases }
        .filter { $0.count > 1 }
        .map { ($0, Array($0.unicodeScalars)) }
}

/// Edits between two words, a swap of neighbours counting as one (`shwo` is one from `show`):
/// the optimal-string-alignment distance, for command suggestions.
package func editDistance<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    // Three rows, reused: the one before the previous is needed for the swap.
    var beforePrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], beforePrevious[j - 2] + 1)
            }
        }
        (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[b.count]
}
