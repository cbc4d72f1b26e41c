import JixiaoModel
import JixiaoReading
import JixiaoRules
import JixiaoSQL

/// An error a command reports to the analyst. The message is written in one place, here.
/// Errors of the layers below (a model edit, a file read, a rule file) are converted here, at
/// the boundary, so each layer keeps its own error type.
public enum ShellError: Error, CustomStringConvertible, Sendable {
    case unknownCommand(String, suggestion: String?)
    case usage(command: String, usage: String, problem: String)
    case syntax(String)
    case io(path: String, reason: String)
    case invalidFile(location: String, reason: String)
    case noFiling
    /// `all` lists every candidate (a table's columns), not only the first eight.
    case notFound(kind: String, name: String, candidates: [String], all: Bool = false)
    case ambiguous(kind: String, name: String, candidates: [String])
    case invalidValue(String)
    case refused(String)
    case cancelled
    case nestingTooDeep(String)
    case model(ModelError)
    /// A file that is not a readable filing, as the analyst named it.
    case unreadable(path: String, ReadError)
    case ruleFile(path: String, RuleFileError)
    case jsonSyntax(path: String, JSONSyntaxError)
    /// SQLite's own message for a query it refused.
    case sql(SQLError)

    public var description: String {
        switch self {
        case let .unknownCommand(name, suggestion):
            guard let suggestion else { return "unknown command '\(name)'; type 'help' for the list of commands" }
            return "unknown command '\(name)'; did you mean '\(suggestion)'? (type 'help' for the list)"
        case let .usage(command, usage, problem):
            return "\(command): \(problem)\nusage: \(usage)"
        case let .syntax(message):
            return message
        case let .io(path, reason):
            return "\(FileNames.shown(path)): \(reason)"
        case let .invalidFile(location, reason):
            return "\(FileNames.shown(location)): \(reason)"
        case .noFiling:
            return "no filing loaded; use 'load PATH' or 'load --example'"
        case let .notFound(kind, name, candidates, all):
            let list = candidates.prefix(all ? candidates.count : 8).joined(separator: ", ")
            return candidates.isEmpty ? "no \(kind) '\(name)'" : "no \(kind) '\(name)'; choose one of: \(list)"
        case let .ambiguous(kind, name, candidates):
            return "'\(name)' matches several \(kind)s: \(candidates.joined(separator: ", "))"
        case let .invalidValue(message), let .refused(message):
            return message
        case .cancelled:
            return "cancelled by Ctrl-C"
        case let .nestingTooDeep(path):
            return "source: \(path): scripts nested too deeply (a script that sources itself?)"
        case let .model(error):
            return error.description
        case let .unreadable(path, error):
            return "\(FileNames.shown(path)): \(error.description)"
        case let .ruleFile(path, error):
            return "\(path):\(error.line): \(error.reason)"
        case let .jsonSyntax(path, error):
            return "\(path):\(error.line): \(error.message)"
        case let .sql(error):
            return "sql: \(error.message)"
        }
    }
}

/// Runs SQLite work, turning its error into the shell's: the one place a `SQLError` crosses over.
func sqlite<T>(_ body: () throws(SQLError) -> T) throws(ShellError) -> T {
    do { return try body() } catch { throw .sql(error) }
}

/// Runs `body` with the task-local `local` bound to `value`, keeping `body`'s typed error:
/// `TaskLocal.withValue` would rethrow it untyped.
func binding<Value: Sendable, T>(
    _ local: TaskLocal<Value>, to value: Value, _ body: () throws(ShellError) -> T
) throws(ShellError) -> T {
    let result = local.withValue(value) { () -> Result<T, ShellError> in
        do throws(ShellError) {
            return .success(try body())
        } catch {
            return .failure(error)
        }
    }
    return try result.get()
}
