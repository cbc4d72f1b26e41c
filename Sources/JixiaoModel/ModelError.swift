import Foundation

/// Why an edit cannot be applied to a filing. The shell shows `description` as the error.
public enum ModelError: Error, Equatable, Sendable, CustomStringConvertible {
    case noProject(String, candidates: [String])
    case noDepartment
    case notATable
    case noIndicator(Int, count: Int)
    case indicatorRenamed(owner: String, number: Int, now: String, was: String)
    case notANumber(what: String, text: String)
    case negative(what: String)
    case outOfRange(what: String, text: String, why: String)
    case scoreAboveWeight(score: Decimal, weight: Decimal)
    case weightBelowScore(weight: Decimal, score: Decimal)

    public var description: String {
        switch self {
        case .noProject(let name, let candidates):
            let list = candidates.prefix(8).joined(separator: ", ")
            return candidates.isEmpty ? "no project '\(name)'" : "no project '\(name)'; choose one of: \(list)"
        case .noDepartment:
            return "this filing has no 部门整体支出绩效自评表"
        case .notATable:
            return "an edit names one project or the department"
        case .noIndicator(let number, let count):
            let list = (1...max(count, 1)).prefix(8).map(String.init).joined(separator: ", ")
            return count == 0 ? "no indicator '\(number)'" : "no indicator '\(number)'; choose one of: \(list)"
        case .indicatorRenamed(let owner, let number, let now, let was):
            return "\(owner) indicator \(number) is now '\(now)', not '\(was)'"
        case .notANumber(let what, let text):
            return "\(what) must be a number, not '\(text)'"
        case .negative(let what):
            return "\(what) must not be negative"
        case .outOfRange(let what, let text, let why):
            return "\(what) '\(text)' \(why)"
        case .scoreAboveWeight(let score, let weight):
            return "得分 \(score.plain) is above the indicator's 分值 \(weight.plain)"
        case .weightBelowScore(let weight, let score):
            return "分值 \(weight.plain) is below the indicator's 得分 \(score.plain); lower the score first"
        }
    }
}
