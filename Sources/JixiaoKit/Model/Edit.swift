import Foundation

/// One what-if edit. Projects are named, not numbered, and indicators carry their 三级 name,
/// so a saved scenario can be replayed on a filing that changed and say what no longer applies.
public struct Edit: Equatable, Sendable {
    public enum Field: String, Sendable, CaseIterable {
        case score, actual, weight, executed, budget
        var isIndicator: Bool { self == .score || self == .actual || self == .weight }
        var label: String {
            switch self {
            case .score: return "得分"
            case .actual: return "实际完成值"
            case .weight: return "分值"
            case .executed: return "全年执行数"
            case .budget: return "全年预算数"
            }
        }
    }
    public var field: Field
    /// A project name, or nil for the department.
    public var project: String?
    /// 1-based indicator number, for indicator fields.
    public var indicator: Int?
    /// The indicator's 三级指标 when the edit was made.
    public var level3: String?
    public var value: String

    var targetWord: String { project.map(Tokenizer.quote) ?? "dept" }

    /// The command that makes this edit, for `edits` and `save --script`.
    public var command: String {
        var words = ["set", field.rawValue, targetWord]
        if let indicator { words.append("\(indicator)") }
        words.append(Tokenizer.quote(value))
        return words.joined(separator: " ")
    }

    public var json: JSON {
        .object([("field", .string(field.rawValue)), ("project", .str(project)),
                 ("indicator", indicator.map { .number(Decimal($0)) } ?? .null), ("level3", .str(level3)), ("value", .string(value))])
    }

    public init(field: Field, project: String?, indicator: Int?, level3: String?, value: String) {
        self.field = field; self.project = project; self.indicator = indicator; self.level3 = level3; self.value = value
    }

    init?(json: JSON) {
        guard let f = json["field"]?.stringValue, let field = Field(rawValue: f), let value = json["value"]?.stringValue else { return nil }
        self.init(field: field, project: json["project"]?.stringValue, indicator: json["indicator"]?.intValue,
                  level3: json["level3"]?.stringValue, value: value)
    }

    /// Applies the edit to `filing`, or says why it cannot: a missing project or indicator,
    /// a value that is not a number, a negative amount, a score above its weight.
    public func apply(to filing: inout Filing) throws(ShellError) {
        if let project {
            guard let i = filing.projects.firstIndex(where: { $0.name == project }) else {
                throw .notFound(kind: "project", name: project, candidates: filing.projects.map(\.name))
            }
            var p = filing.projects[i]
            try apply(funds: &p.funds, indicators: &p.indicators, owner: project)
            filing.projects[i] = p
        } else {
            guard var d = filing.department else { throw .refused("this filing has no 部门整体支出绩效自评表") }
            try apply(funds: &d.funds, indicators: &d.indicators, owner: "部门整体")
            filing.department = d
        }
    }

    func apply(funds: inout Funds, indicators: inout [Indicator], owner: String) throws(ShellError) {
        if field.isIndicator {
            guard let n = indicator, n >= 1, n <= indicators.count else {
                throw .notFound(kind: "indicator", name: "\(indicator ?? 0)", candidates: indicators.indices.map { "\($0 + 1)" })
            }
            var ind = indicators[n - 1]
            if let level3, level3 != ind.level3 {
                throw .refused("\(owner) indicator \(n) is now '\(ind.level3)', not '\(level3)'")
            }
            switch field {
            case .actual:
                ind.actual = value.isEmpty ? nil : value
            case .score:
                let v = try Self.number(value, what: "得分")
                if let w = ind.weight.value, v > w { throw .refused("得分 \(v.plain) is above the indicator's 分值 \(w.plain)") }
                ind.score = Figure(v, text: value, line: ind.score.line)
                ind.scoreIsFixed = true
            case .weight:
                let v = try Self.number(value, what: "分值")
                if let s = ind.score.value, s > v { throw .refused("分值 \(v.plain) is below the indicator's 得分 \(s.plain); lower the score first") }
                ind.weight = Figure(v, text: value, line: ind.weight.line)
            default: break
            }
            indicators[n - 1] = ind
            return
        }
        let v = try Self.number(value, what: field.label)
        var rowIndex = funds.rows.firstIndex { $0 == funds.amountRow }
        if rowIndex == nil {
            funds.rows.append(FundRow(label: "年度资金总额", kind: .total, line: 0, initial: .blank, fullYear: .blank, executed: .blank,
                                      weight: .blank, rate: .blank, score: .blank))
            rowIndex = funds.rows.count - 1
        }
        guard let r = rowIndex else { return }
        if field == .executed { funds.rows[r].executed = Figure(v, text: value, line: funds.rows[r].executed.line) }
        if field == .budget { funds.rows[r].fullYear = Figure(v, text: value, line: funds.rows[r].fullYear.line) }
    }

    static func number(_ text: String, what: String) throws(ShellError) -> Decimal {
        guard case .number(let v, let percent) = Labels.value(text), !percent else {
            throw .invalidValue("\(what) must be a number, not '\(text)'")
        }
        guard v >= 0 else { throw .invalidValue("\(what) must not be negative") }
        return v
    }
}

/// A named set of edits over one filing. The loaded filing itself never changes.
public struct Scenario: Sendable {
    public var name: String
    public var edits: [Edit] = []
    /// Edits taken back with `undo`, for `redo`.
    public var undone: [Edit] = []
    /// Where it was last saved or opened from, and whether it changed since.
    public var savedAs: String?
    public var isDirty = false

    public init(name: String) { self.name = name }

    /// The filing with every edit applied in order.
    public func applied(to baseline: Filing) throws(ShellError) -> Filing {
        var filing = baseline
        for edit in edits { try edit.apply(to: &filing) }
        return filing
    }
}
