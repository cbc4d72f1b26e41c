import Foundation

/// One what-if edit. Projects are named, not numbered, and indicators carry their 三级 name,
/// so a saved scenario can be replayed on a filing that changed and say what no longer applies.
public struct Edit: Equatable, Sendable {
    public enum Field: String, Sendable, CaseIterable {
        case score, actual, weight, executed, budget

        public var isIndicator: Bool { self == .score || self == .actual || self == .weight }

        public var label: String {
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
    /// A project (by its name as filed) or the department.
    public var target: Target
    /// 1-based indicator number, for indicator fields.
    public var indicator: Int?
    /// The indicator's 三级指标 when the edit was made.
    public var level3: String?
    /// The value as typed: what is stored is exactly this.
    public var value: String

    public init(field: Field, target: Target, indicator: Int?, level3: String?, value: String) {
        self.field = field
        self.target = target
        self.indicator = indicator
        self.level3 = level3
        self.value = value
    }

    /// Applies the edit to `filing`, or says why it cannot: a missing project or indicator,
    /// a value that is not a number, a negative amount, a score above its weight.
    public func apply(to filing: inout Filing) throws(ModelError) {
        let owner = target.projectName ?? Department.displayName
        try filing.updateTable(target) { (table: inout ScoredTable) throws(ModelError) in
            if field.isIndicator {
                try apply(to: &table.indicators, owner: owner)
            } else {
                try apply(to: &table.funds)
            }
        }
    }

    func apply(to indicators: inout [Indicator], owner: String) throws(ModelError) {
        guard let n = indicator, n >= 1, n <= indicators.count else {
            throw .noIndicator(indicator ?? 0, count: indicators.count)
        }
        var changed = indicators[n - 1]
        if let level3, level3 != changed.level3 {
            throw .indicatorRenamed(owner: owner, number: n, now: changed.level3, was: level3)
        }
        switch field {
        case .actual:
            changed.actual = value.isEmpty ? nil : value
        case .score:
            let score = try Self.number(value, what: "得分")
            if let weight = changed.weight.value, score > weight {
                throw .scoreAboveWeight(score: score, weight: weight)
            }
            changed.score = Figure(score, text: value, line: changed.score.line)
            changed.scoreIsFixed = true
        case .weight:
            let weight = try Self.number(value, what: "分值")
            if let score = changed.score.value, score > weight { throw .weightBelowScore(weight: weight, score: score) }
            changed.weight = Figure(weight, text: value, line: changed.weight.line)
        case .executed, .budget:
            break
        }
        indicators[n - 1] = changed
    }

    func apply(to funds: inout Funds) throws(ModelError) {
        let amount = try Self.number(value, what: field.label)
        var index = funds.rows.firstIndex { $0 == funds.amountRow }
        if index == nil {
            funds.rows.append(FundRow(label: "年度资金总额", kind: .total, line: 0))
            index = funds.rows.count - 1
        }
        guard let row = index else { return }
        if field == .executed {
            funds.rows[row].executed = Figure(amount, text: value, line: funds.rows[row].executed.line)
        } else {
            funds.rows[row].fullYear = Figure(amount, text: value, line: funds.rows[row].fullYear.line)
        }
    }

    static func number(_ text: String, what: String) throws(ModelError) -> Decimal {
        guard case .number(let value, let percent) = Labels.value(text), !percent else {
            throw .notANumber(what: what, text: text)
        }
        guard value >= 0 else { throw .negative(what: what) }
        return value
    }
}

/// A named set of edits over one filing. The loaded filing itself never changes.
///
/// The filing after every edit is kept, so an edit costs the same whether it is the first or
/// the thousandth, and `undo` restores the state before it without replaying anything.
/// Unchanged projects and indicators are shared between the states (value types copy on write).
public struct Scenario: Sendable {
    public var name: String
    public private(set) var edits: [Edit] = []
    /// Edits taken back with `undo`, for `redo`, the most recent last.
    public private(set) var undone: [Edit] = []
    /// `states[i]` is the filing after `edits[i]`.
    private var states: [Filing] = []
    /// Where it was last saved or opened from, and whether it changed since.
    public var savedAs: String?
    public var isDirty = false

    public init(name: String) { self.name = name }

    /// The filing as the edits leave it.
    public func filing(over baseline: Filing) -> Filing { states.last ?? baseline }

    /// Applies `edit` after the others; a new edit clears the redo list. Nothing changes if it fails.
    @discardableResult
    public mutating func apply(
        _ edit: Edit, over baseline: Filing
    ) throws(ModelError) -> (before: Filing, after: Filing) {
        let before = filing(over: baseline)
        var after = before
        try edit.apply(to: &after)
        edits.append(edit)
        states.append(after)
        undone = []
        isDirty = true
        return (before, after)
    }

    /// Takes back the last edit, restoring the filing before it.
    public mutating func undo() -> Edit? {
        guard let edit = edits.popLast() else { return nil }
        states.removeLast()
        undone.append(edit)
        isDirty = true
        return edit
    }

    /// Applies again the edit last taken back. It applied to this very state before, so a failure
    /// means the model changed under it: reported, and the edit stays on the redo list.
    public mutating func redo(over baseline: Filing) throws(ModelError) -> Edit? {
        guard let edit = undone.last else { return nil }
        var after = filing(over: baseline)
        try edit.apply(to: &after)
        undone.removeLast()
        edits.append(edit)
        states.append(after)
        isDirty = true
        return edit
    }

    /// Drops every edit; returns how many there were.
    public mutating func reset() -> Int {
        let count = edits.count
        edits = []
        states = []
        undone = []
        isDirty = count > 0
        return count
    }
}
