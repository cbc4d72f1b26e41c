import Foundation
import JixiaoModel
import JixiaoSQL

/// What the shell does with what is typed before a command runs: gathering a query's lines,
/// and completing the word under the cursor.
extension Shell {
    /// Gathers the lines of one command: a line is a command, but an `sql` query that is not
    /// whole at the end of its line takes the lines after it, up to the one that ends in `;`.
    struct Lines {
        private var pending: (text: String, line: Int)?

        var isEmpty: Bool { pending == nil }

        /// The command `line` completes, with the number of its first line; nil while it goes on.
        /// A query that went on to a second line ends only at `;`, as in psql and sqlite3
        /// (`SELECT name,` then `rate` would be whole too early).
        mutating func add(_ line: String, at number: Int) -> (text: String, line: Int)? {
            if let started = pending {
                let text = started.text + "\n" + line
                guard Labels.trim(text).hasSuffix(";"), !SQLText.isIncomplete(text) else {
                    pending = (text, started.line)
                    return nil
                }
                pending = nil
                return (text, started.line)
            }
            guard Self.continues(line) else { return (line, number) }
            pending = (line, number)
            return nil
        }

        /// What was left when the input ended: run as it is, so its error is reported.
        var rest: (text: String, line: Int)? { pending }

        static func continues(_ text: String) -> Bool {
            let trimmed = Labels.trim(text)
            guard trimmed.count > 4, trimmed.prefix(4).lowercased() == "sql ", !trimmed.hasPrefix("#") else {
                return false
            }
            return SQLText.isIncomplete(String(trimmed.dropFirst(4)))
        }
    }

    // MARK: Completion

    /// Candidates for the word under the cursor, given the text before the cursor.
    public func completions(before text: String) -> [String] {
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let endsInSpace = text.hasSuffix(" ")
        let partial = endsInSpace ? "" : (words.last ?? "")
        let index = endsInSpace ? words.count : max(0, words.count - 1)
        let candidates: [String]
        if index == 0 {
            candidates = CommandSpec.all.flatMap { [$0.name] + $0.aliases }
        } else if let spec = CommandSpec.named(words[0]) {
            candidates =
                partial.hasPrefix("-")
                ? spec.options
                : self.candidates(spec.completion, previous: Array(words[1..<index]), partial: partial)
                    + (spec.completion.isProjects ? spec.targets : [])
        } else {
            candidates = []
        }
        return Array(Set(candidates.filter { $0.hasPrefix(partial) })).sorted()
    }

    func candidates(_ completion: Completion, previous: [String], partial: String) -> [String] {
        switch completion {
        case .none: return []
        case .words(let list): return list
        case .commands: return CommandSpec.all.map(\.name)
        case .projects: return session.current.map { $0.filing.projects.map(\.name) } ?? []
        case .paths: return Disk.pathCompletions(partial, directory: directory)
        case .contextual(let next): return candidates(next(previous, session), previous: previous, partial: partial)
        }
    }
}
