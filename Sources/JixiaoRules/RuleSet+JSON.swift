import Foundation
import JixiaoModel

/// A rule file that cannot be used, with the line of the key at fault.
public struct RuleFileError: Error, Equatable, Sendable {
    public var line: Int
    public var reason: String
}

extension RuleSet {
    /// Three shares of a weight, each from 0 to 1, highest first: the tiers or their bands.
    static func threeShares(
        _ value: JSON, key: String, fail: (String, String) -> RuleFileError,
        number: (String, JSON) throws(RuleFileError) -> Decimal
    ) throws(RuleFileError) -> [Decimal] {
        guard let items = value.arrayValue, items.count == 3 else {
            throw fail(key, "\(key) must list three shares, e.g. [1, 0.7, 0.3]")
        }
        var shares: [Decimal] = []
        for (i, item) in items.enumerated() {
            let share = try number("\(key).\(i)", item)
            guard share <= 1 else { throw fail(key, "\(key) are shares of the weight, at most 1") }
            shares.append(share)
        }
        return shares
    }

    /// Reads a rule set written by the user as JSON (see the README), from `file`. Every problem
    /// names its line: `executionWeight must be a number` at line 4.
    public static func parse(_ text: String, file: String, builtIns: [RuleSet]) throws(RuleFileError) -> RuleSet {
        let json: JSON
        do {
            json = try JSON.parse(text)
        } catch {
            throw RuleFileError(line: error.line, reason: error.message)
        }
        if let problem = JSON.firstNumberProblem(text) {
            throw RuleFileError(line: problem.line, reason: problem.message)
        }
        let lines = JSON.keyLines(text)
        guard case .object(let unordered) = json else {
            throw RuleFileError(line: 1, reason: "a rule set is a JSON object")
        }
        // In the file's order, so the first problem reported is the first one a reader meets.
        let pairs = unordered.sorted { (lines[$0.0] ?? 0) < (lines[$1.0] ?? 0) }
        func fail(_ key: String, _ message: String) -> RuleFileError {
            RuleFileError(line: lines[key] ?? 1, reason: message)
        }
        func number(_ key: String, _ value: JSON) throws(RuleFileError) -> Decimal {
            guard let n = value.decimalValue else { throw fail(key, "\(key) must be a number") }
            guard n >= 0 else { throw fail(key, "\(key) must not be negative") }
            return n
        }
        func weights(_ key: String, _ value: JSON) throws(RuleFileError) -> [String: Decimal] {
            guard case .object(let items) = value else {
                throw fail(key, "\(key) must be an object of 一级指标 → points")
            }
            var out: [String: Decimal] = [:]
            for (name, v) in items { out[name] = try number(key + "." + name, v) }
            return out
        }
        var rules: RuleSet
        if let base = json["base"] {
            guard let name = base.stringValue, let found = builtIns.first(where: { $0.name == name }) else {
                throw fail("base", "base must name a rule set: \(builtIns.map(\.name).joined(separator: ", "))")
            }
            rules = found
        } else {
            rules = RuleSet(name: "", title: "", source: "")
        }
        rules.source = file
        for (key, value) in pairs {
            switch key {
            case "base": continue
            case "name":
                guard let s = value.stringValue, !s.isEmpty, !s.contains(" ") else {
                    throw fail(key, "name must be a word without spaces")
                }
                rules.name = s
            case "title":
                guard let s = value.stringValue else { throw fail(key, "title must be text") }
                rules.title = s
            case "executionWeight": rules.executionWeight = try number(key, value)
            case "projectDenominator", "departmentDenominator":
                guard let s = value.stringValue, let d = Denominator(rawValue: s) else {
                    throw fail(key, "\(key) must be \"fullYear\" or \"initial\"")
                }
                if key == "projectDenominator" { rules.projectDenominator = d } else { rules.departmentDenominator = d }
            case "capExecution":
                guard case .bool(let b) = value else { throw fail(key, "capExecution must be true or false") }
                rules.capExecution = b
            case "roundRateFirst":
                guard case .bool(let b) = value else { throw fail(key, "roundRateFirst must be true or false") }
                rules.roundRateFirst = b
            case "projectWeights": rules.projectWeights = try weights(key, value)
            case "departmentWeights": rules.departmentWeights = try weights(key, value)
            case "reverse":
                guard let s = value.stringValue, let r = ReverseMethod(rawValue: s) else {
                    throw fail(key, "reverse must be \"mirror\" or \"linear\"")
                }
                rules.reverse = r
            case "qualitativeTiers", "qualitativeBands":
                let shares = try Self.threeShares(value, key: key, fail: fail, number: number)
                if key == "qualitativeTiers" {
                    rules.qualitativeTiers = shares
                } else {
                    rules.qualitativeBands = shares
                }
            case "deviationRate": rules.deviationRate = try number(key, value)
            case "easyTargetRatio": rules.easyTargetRatio = try number(key, value)
            case "initialFallsBackToFullYear":
                guard case .bool(let b) = value else { throw fail(key, "\(key) must be true or false") }
                rules.initialFallsBackToFullYear = b
            case "templates":
                guard let items = value.arrayValue else {
                    throw fail(key, "templates must be a list of {\"name\", \"projectWeights\", \"departmentWeights\"}")
                }
                rules.templates = []
                for (i, item) in items.enumerated() {
                    guard let name = item["name"]?.stringValue, let p = item["projectWeights"],
                        let d = item["departmentWeights"]
                    else {
                        throw fail("\(key).\(i)", "each template needs a name, projectWeights and departmentWeights")
                    }
                    rules.templates.append(
                        Template(
                            name: name, projectWeights: try weights(key, p), departmentWeights: try weights(key, d)))
                }
            case "rounding":
                guard let n = value.intValue, (0...6).contains(n) else {
                    throw fail(key, "rounding must be a whole number of decimals, 0 to 6")
                }
                rules.rounding = n
            case "grades":
                guard let items = value.arrayValue else {
                    throw fail(key, "grades must be a list of {\"name\", \"min\"}")
                }
                var grades: [Grade] = []
                for (i, item) in items.enumerated() {
                    guard let name = item["name"]?.stringValue, let min = item["min"] else {
                        throw fail("\(key).\(i)", "each grade needs a name and a min")
                    }
                    grades.append(Grade(name: name, minimum: try number("\(key).\(i).min", min)))
                }
                rules.grades = grades.sorted { $0.minimum > $1.minimum }
            case "totalCap":
                rules.totalCap = value == .null ? nil : try number(key, value)
            default:
                throw fail(key, "unknown key '\(key)'")
            }
        }
        guard !rules.name.isEmpty else { throw RuleFileError(line: 1, reason: "the rule set needs a name") }
        // Each tier scores inside its band: 达成 from the first band's start to 100%, each lower
        // tier from its band's start up to (not including) the start of the band above.
        let (tiers, bands) = (rules.qualitativeTiers, rules.qualitativeBands)
        for i in 0..<3 {
            let top = i == 0 ? Decimal(1) : bands[i - 1]
            guard tiers[i] >= bands[i], i == 0 ? tiers[i] <= top : tiers[i] < top else {
                let key = pairs.contains { $0.0 == "qualitativeTiers" } ? "qualitativeTiers" : "qualitativeBands"
                throw fail(
                    key,
                    "qualitative tier \(i + 1) scores \(tiers[i].percent), outside its band from \(bands[i].percent)"
                        + (i == 0 ? " to 100%" : " up to \(top.percent)"))
            }
        }
        if rules.title.isEmpty { rules.title = "rules from \(file)" }
        return rules
    }
}
