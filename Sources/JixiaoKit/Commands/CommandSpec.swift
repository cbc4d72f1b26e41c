/// What the word after a command name completes to at the prompt.
package enum Completion: Sendable {
    case none
    case words([String])
    case paths
    case projects
    case commands
}

/// One command's syntax, help and implementation: the single list the loop dispatches on
/// and `help` is generated from. A new command is one more value in `CommandSpec.all`.
package struct CommandSpec: Sendable {
    package let name: String
    package var aliases: [String] = []
    package let group: Group
    package let usage: String
    package let summary: String
    package let details: String
    package let example: String
    package var completion: Completion = .none
    /// Commands that change nothing and need no filing may run while a scenario is unsaved, etc.
    package let run: @Sendable (Shell, Invocation) throws(ShellError) -> Void

    package enum Group: String, CaseIterable, Sendable {
        case shell = "Shell"
        case filings = "Filings (自评报告)"
        case rules = "Rules and checks (评分规则与审核)"
        case whatIf = "What-if and saving (模拟调整与保存)"
    }

    package func usageError(_ problem: String) -> ShellError {
        .usage(command: name, usage: usage, problem: problem)
    }

    package static var all: [CommandSpec] {
        shellCommands + filingCommands + exportCommands + ruleCommands + whatIfCommands + saveCommands
    }

    package static func named(_ word: String) -> CommandSpec? {
        let lower = word.lowercased()
        return all.first { $0.name == lower || $0.aliases.contains(lower) }
    }

    /// The nearest command name: one it is a prefix of, else the fewest edits away.
    package static func suggestion(for word: String) -> (name: String, close: Bool)? {
        let names = all.map(\.name)
        let lower = word.lowercased()
        if let prefix = names.first(where: { $0.hasPrefix(lower) }) { return (prefix, true) }
        let scored = names.map { ($0, editDistance(Array(lower), Array($0))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return (best.0, best.1 <= max(1, min(2, word.count / 2)))
    }
}

/// Levenshtein distance, for command suggestions.
package func editDistance<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}

/// One call of a command: its spec and the words after its name.
package struct Invocation {
    package let spec: CommandSpec
    package let words: [String]
    package var first: String? { words.first }
    package var count: Int { words.count }
    package subscript(_ i: Int) -> String { words[i] }
    package var isEmpty: Bool { words.isEmpty }
    /// A usage error naming this command, its usage line and the problem.
    package func usage(_ problem: String) -> ShellError { spec.usageError(problem) }
    /// Splits `--flags` (which must be in `allowed`) from positional words.
    package func arguments(allowing allowed: Set<String> = []) throws(ShellError) -> Arguments {
        try Arguments(words, allowed: allowed, spec: spec)
    }
}

/// Parsed `--flag` words and positional arguments of one command.
package struct Arguments {
    package var positional: [String] = []
    package var flags: Set<String> = []

    package init(_ words: [String], allowed: Set<String>, spec: CommandSpec) throws(ShellError) {
        for word in words {
            if word.hasPrefix("--") && word.count > 2 {
                guard allowed.contains(word) else { throw spec.usageError("unknown option '\(word)'") }
                flags.insert(word)
            } else {
                positional.append(word)
            }
        }
    }

    package func has(_ flag: String) -> Bool { flags.contains(flag) }
}
