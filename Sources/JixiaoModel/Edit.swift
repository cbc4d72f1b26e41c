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
        if let why = Labels.limitProblem(text, value: value) { throw .outOfRange(what: what, text: text, why: why) }
        return value
    }
}

/// An immutable stack that copies share: pushing or popping costs the same at any depth, where
/// a Swift array held in a copied value would be copied whole on its first change.
final class Stack<Element: Sendable>: Sendable {
    let top: Element
    let below: Stack?
    let count: Int

    init(_ top: Element, on below: Stack?) {
        self.top = top
        self.below = below
        self.count = (below?.count ?? 0) + 1
    }

    /// The elements from the bottom up.
    var elements: [Element] {
        var out: [Element] = []
        out.reserveCapacity(count)
        var node: Stack? = self
        while let current = node {
            out.append(current.top)
            node = current.below
        }
        return out.reversed()
    }
}

/// A named set of edits over one filing. The loaded filing itself never changes.
///
/// The filing after every edit is kept with the edit, so an edit costs the same whether it is the
/// first or the thousandth, and `undo` restores the state before it without replaying anything.
/// Unchanged projects and indicators are shared between the states (value types copy on write).
public struct Scenario: Sendable {
    public var name: String
    /// Each edit with the filing as it left it, the latest on top.
    private var history: Stack<Step>?
    /// Edits taken back with `undo`, for `redo`, the most recent on top.
    private var redoable: Stack<Edit>?
    /// Where it was last saved or opened from, and whether it changed since.
    public var savedAs: String?
    public var isDirty = false
    /// Counts every change, undo included, so a cache of results can tell a state it has not seen.
    public private(set) var version = 0

    private struct Step: Sendable {
        var edit: Edit
        var filing: Filing
    }

    public init(name: String) { self.name = name }

    /// The edits in the order they were made.
    public var edits: [Edit] { history?.elements.map(\.edit) ?? [] }
    public var editCount: Int { history?.count ?? 0 }
    /// Edits taken back with `undo`, the most recent last.
    public var undone: [Edit] { redoable?.elements ?? [] }

    /// The filing as the edits leave it.
    public func filing(over baseline: Filing) -> Filing { editedFiling ?? baseline }

    /// The filing as the edits leave it, nil before the first: so a caller that holds the baseline
    /// where it stands reads it there, where passing it in copied it.
    public var editedFiling: Filing? { history?.top.filing }

    /// Applies `edit` after the others; a new edit clears the redo list. Nothing changes if it fails.
    @discardableResult
    public mutating func apply(
        _ edit: Edit, over baseline: Filing
    ) throws(ModelError) -> (before: Filing, after: Filing) {
        let before = filing(over: baseline)
        var after = before
        try edit.apply(to: &after)
        history = Stack(Step(edit: edit, filing: after), on: history)
        redoable = nil
        isDirty = true
        version += 1
        return (before, after)
    }

    /// Takes back the last edit, restoring the filing before it.
    public mutating func undo() -> Edit? {
        guard let last = history else { return nil }
        history = last.below
        redoable = Stack(last.top.edit, on: redoable)
        isDirty = true
        version += 1
        return last.top.edit
    }

    /// Applies again the edit last taken back. It applied to this very state before, so a failure
    /// means the model changed under it: reported, and the edit stays on the redo list.
    public mutating func redo(over baseline: Filing) throws(ModelError) -> Edit? {
        guard let next = redoable else { return nil }
        var after = filing(over: baseline)
        try next.top.apply(to: &after)
        history = Stack(Step(edit: next.top, filing: after), on: history)
        redoable = next.below
        isDirty = true
        version += 1
        return next.top
    }

    /// Drops every edit; returns how many there were.
    public mutating func reset() -> Int {
        let count = editCount
        history = nil
        redoable = nil
        isDirty = count > 0
        version += 1
        return count
    }
}
