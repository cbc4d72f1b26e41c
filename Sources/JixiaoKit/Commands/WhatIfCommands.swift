import Foundation
import JixiaoModel
import JixiaoRendering
import JixiaoRules

extension CommandSpec {
    static let whatIfCommands: [CommandSpec] = [
        CommandSpec(
            name: "set", group: .whatIf,
            usage:
                "set score|actual|weight|tier PROJECT|dept INDICATOR VALUE | set executed|budget PROJECT|dept AMOUNT",
            summary: "A what-if edit (模拟调整): change a score, actual, weight or amount and see what moves",
            details: """
                Edits the current scenario, never the loaded filing. INDICATOR is its number in 'show' or a unique \
                part of its 三级指标 name. The edit prints the old and new value and every figure it moves under \
                the rules in force: execution rate and score, the total and the grade. A score above the weight, a \
                negative amount or a value that is not a number is refused and changes nothing. 'set score' fixes the \
                score: it stands even where jixiao could recompute it. 'set tier' scores a qualitative indicator by \
                its tier (达成, 部分达成, 未达成): the rule set's share of the weight, recorded as a 'set \
                score'.
                """,
            example: "set score 劳模 1 3",
            completion: .contextual { previous, session in
                switch previous.count {
                case 0: return .words(Edit.Field.allCases.map(\.rawValue) + ["tier"])
                case 1: return .words((session.current?.filing.projects.map(\.name) ?? []) + ["dept"])
                case 2 where ["score", "actual", "weight", "tier"].contains(previous[0].lowercased()):
                    return .words(session.indicatorNames(of: previous[1]))
                default: return .none
                }
            }
        ) { call throws(ShellError) in
            try SetCommand.parse(call)
        },
        CommandSpec(
            name: "edits", group: .whatIf,
            usage: "edits",
            summary: "List the current scenario's edits in order, as the commands that make them",
            details: """
                Shows the scenario's name, where it was saved, whether it has unsaved changes, and each edit as a \
                'set' command.
                """,
            example: "edits"
        ) { call throws(ShellError) in
            try call.expectNone()
            return EditsCommand()
        },
        CommandSpec(
            name: "undo", group: .whatIf,
            usage: "undo",
            summary: "Take back the last edit of the current scenario",
            details: "The edit goes onto the redo list; 'redo' applies it again. A new edit clears the redo list.",
            example: "undo"
        ) { call throws(ShellError) in
            try call.expectNone()
            return UndoCommand(redo: false)
        },
        CommandSpec(
            name: "redo", group: .whatIf,
            usage: "redo",
            summary: "Apply again the edit last taken back with undo",
            details: "Re-applies edits in the reverse order of 'undo'.",
            example: "redo"
        ) { call throws(ShellError) in
            try call.expectNone()
            return UndoCommand(redo: true)
        },
        CommandSpec(
            name: "reset", group: .whatIf,
            usage: "reset",
            summary: "Drop every edit of the current scenario, back to the filing as filed",
            details: "The scenario stays, empty. 'undo' cannot bring the edits back; 'open' a saved copy can.",
            example: "reset"
        ) { call throws(ShellError) in
            try call.expectNone()
            return ResetCommand()
        },
        CommandSpec(
            name: "diff", group: .whatIf,
            usage: "diff",
            summary: "The filing as filed beside the scenario, for every project and the department, where they differ",
            details: """
                For each project and the department: the amounts, the rate and execution score, each edited indicator \
                and the total and grade under the rules in force, shown only where the scenario differs from the \
                baseline.
                """,
            example: "diff"
        ) { call throws(ShellError) in
            try call.expectNone()
            return DiffCommand()
        },
        CommandSpec(
            name: "scenario", group: .whatIf,
            usage: "scenario new NAME | list | use NAME | drop NAME",
            summary: "Named sets of edits over the current filing (方案)",
            details: """
                'scenario new NAME' starts an empty scenario and makes it current; 'list' shows them with their edits \
                and save state; 'use' switches; 'drop' deletes one (never the last).
                """,
            example: "scenario new 下调劳模",
            completion: .contextual { previous, session in
                switch previous.first {
                case nil: return .words(["new", "list", "use", "drop"])
                case "use",
                    "drop" where previous.count == 1:
                    return .words(session.current?.scenarios.map(\.name) ?? [])
                default: return .none
                }
            }
        ) { call throws(ShellError) in
            switch (call.first, call.count) {
            case ("list", 1): return ScenarioCommand(action: .list)
            case ("new", 2): return ScenarioCommand(action: .new(call[1]))
            case ("use", 2): return ScenarioCommand(action: .use(call[1]))
            case ("drop", 2): return ScenarioCommand(action: .drop(call[1]))
            case (nil, _): throw call.usage("needs new, list, use or drop")
            default: throw call.usage("needs new NAME, list, use NAME or drop NAME")
            }
        },
    ]
}

extension Session {
    /// The numbers and 三级指标 names of the indicators of `target` in the current filing, for
    /// completion; none when it names nothing.
    func indicatorNames(of target: String) -> [String] {
        guard let filing = current?.filing else { return [] }
        let indicators: [Indicator]
        switch Target.parse(target) {
        case .department: indicators = filing.department?.indicators ?? []
        case .project(let word):
            guard let index = try? filing.projectIndex(word) else { return [] }
            indicators = filing.projects[index].indicators
        default: return []
        }
        let names = indicators.map(\.level3).filter { !$0.isEmpty && !$0.contains(" ") }
        return indicators.indices.map { "\($0 + 1)" } + names
    }

    /// Changes the current filing; nothing changes if `change` throws.
    mutating func updateCurrent<T>(
        _ change: (inout LoadedFiling) throws(ShellError) -> T
    ) throws(ShellError) -> T {
        let index = try requireCurrentIndex()
        return try change(&filings[index])
    }
}

struct SetCommand: Command, Equatable {
    /// What is set: a field of an edit, or a qualitative tier that becomes a `set score`.
    enum What: Equatable {
        case field(Edit.Field)
        case tier
    }

    var what: What
    var target: Target
    /// The indicator as typed (a number or part of its 三级指标); nil for amounts.
    var indicator: String?
    var value: String

    var field: Edit.Field {
        if case .field(let field) = what { return field }
        return .score
    }

    static func parse(_ call: Invocation) throws(ShellError) -> SetCommand {
        let isTier = call.first?.lowercased() == "tier"
        guard let first = call.first, let field = isTier ? .score : Edit.Field(rawValue: first.lowercased()) else {
            throw call.usage("say what to set: score, actual, weight, tier, executed or budget")
        }
        guard call.count == (field.isIndicator ? 4 : 3) else {
            let wanted = field.isIndicator ? "needs PROJECT|dept, INDICATOR and VALUE" : "needs PROJECT|dept and AMOUNT"
            throw call.usage(wanted)
        }
        return SetCommand(
            what: isTier ? .tier : .field(field), target: Target.parse(call[1]),
            indicator: field.isIndicator ? call[2] : nil, value: call[call.count - 1])
    }

    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        let loaded = try session.requireCurrent()
        let rules = session.rules(for: loaded).rules
        let before = loaded.edited
        let target = try before.resolve(self.target)
        let indicators = before.table(for: target)?.indicators ?? []
        let number = try indicator.map { word throws(ShellError) in try indicatorIndex(word, in: indicators) + 1 }
        var value = self.value
        var note = ""
        if what == .tier, let n = number {
            (value, note) = try Self.tierScore(self.value, indicators[n - 1], number: n, rules: rules)
        }
        let level3 = number.map { indicators[$0 - 1].level3 }
        let edit = Edit(field: field, target: target, indicator: number, level3: level3, value: value)
        let (old, new) = try session.updateCurrent { loaded throws(ShellError) in
            do throws(ModelError) {
                return try loaded.scenario.apply(edit, over: loaded.filing)
            } catch {
                throw .model(error)
            }
        }
        let change = TableChange(target, before: old, after: new, rules: rules)
        return Output(note + WhatIfViews.effect(of: edit, change, rules: rules.name))
    }

    /// The score a tier word gives an indicator under `rules`, and a note saying how.
    static func tierScore(
        _ word: String, _ indicator: Indicator, number: Int, rules: RuleSet
    ) throws(ShellError) -> (value: String, note: String) {
        guard let tier = Tiers.index(of: word) else {
            throw .invalidValue("tier must be 达成, 部分达成 or 未达成, not '\(word)'")
        }
        guard let weight = indicator.weight.value else {
            throw .refused("indicator \(number) has no 分值 to take a share of")
        }
        let share = rules.qualitativeTiers[tier]
        let value = (weight * share).rounded(rules.rounding).plain
        let top = tier == 0 ? Decimal(1) : rules.qualitativeBands[tier - 1]
        let band = "\((top * 100).plain)–\((rules.qualitativeBands[tier] * 100).plain)%"
        let note =
            "\(Tiers.names[tier]): \(share.percent) of \(weight.plain) under \(rules.name) (its band \(band)), "
            + "recorded as: set score\n"
        return (value, note)
    }
}

struct EditsCommand: Command, Equatable {
    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        let scenario = try session.requireCurrent().scenario
        return Output(WhatIfViews.edits(scenario, commands: scenario.edits.map(\.command)))
    }
}

struct UndoCommand: Command, Equatable {
    var redo: Bool

    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        let verb = redo ? "redo" : "undo"
        let edit = try session.updateCurrent { loaded throws(ShellError) in
            do throws(ModelError) {
                return redo ? try loaded.scenario.redo(over: loaded.filing) : loaded.scenario.undo()
            } catch {
                throw .model(error)
            }
        }
        guard let edit else { throw .refused("nothing to \(verb)") }
        return Output("\(redo ? "redone" : "undone"): \(edit.command)\n")
    }
}

struct ResetCommand: Command, Equatable {
    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        let (count, name) = try session.updateCurrent { loaded throws(ShellError) in
            (loaded.scenario.reset(), loaded.scenario.name)
        }
        return Output("reset: dropped \(count) edit\(count == 1 ? "" : "s") of scenario \(name)\n")
    }
}

struct DiffCommand: Command, Equatable {
    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        let loaded = try session.requireCurrent()
        let rules = session.rules(for: loaded).rules
        let changes = loaded.filing.scoredTables.map { table in
            TableChange(table.target, before: loaded.filing, after: loaded.edited, rules: rules)
        }
        return Output(WhatIfViews.diff(changes, scenario: loaded.scenario.name, rules: rules.name))
    }
}

struct ScenarioCommand: Command, Equatable {
    enum Action: Equatable {
        case list
        case new(String)
        case use(String)
        case drop(String)
    }

    var action: Action

    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        try session.updateCurrent { loaded throws(ShellError) in try perform(on: &loaded) }
    }

    func perform(on loaded: inout LoadedFiling) throws(ShellError) -> Output {
        switch action {
        case .list:
            var table = Table(
                ["", "scenario", "edits", "saved as", "unsaved"], align: [.left, .left, .right, .left, .left])
            for (i, s) in loaded.scenarios.enumerated() {
                let unsaved = s.isDirty && s.editCount > 0 ? "yes" : ""
                table.add([i == loaded.scenarioIndex ? "*" : "", s.name, "\(s.editCount)", s.savedAs ?? "", unsaved])
            }
            return Output(table.render())
        case .new(let name):
            guard !loaded.scenarios.contains(where: { $0.name == name }) else {
                throw .refused("scenario '\(name)' exists; 'scenario use \(name)'")
            }
            loaded.scenarios.append(Scenario(name: name))
            loaded.scenarioIndex = loaded.scenarios.count - 1
            return Output("scenario \(name): new, current\n")
        case .use(let name):
            loaded.scenarioIndex = try index(of: name, in: loaded)
            return Output("scenario \(name): current, \(loaded.scenario.editCount) edits\n")
        case .drop(let name):
            let i = try index(of: name, in: loaded)
            guard loaded.scenarios.count > 1 else {
                throw .refused("cannot drop the only scenario; 'reset' empties it")
            }
            loaded.scenarios.remove(at: i)
            if loaded.scenarioIndex >= i && loaded.scenarioIndex > 0 { loaded.scenarioIndex -= 1 }
            return Output("dropped scenario \(name); current: \(loaded.scenario.name)\n")
        }
    }

    func index(of name: String, in loaded: LoadedFiling) throws(ShellError) -> Int {
        guard let i = loaded.scenarios.firstIndex(where: { $0.name == name }) else {
            throw .notFound(kind: "scenario", name: name, candidates: loaded.scenarios.map(\.name))
        }
        return i
    }
}

extension TableChange {
    /// One table as `before` and `after` have it, each scored under `rules` here, since the
    /// rendering layer only turns the values it is given into text.
    init(_ target: Target, before: Filing, after: Filing, rules: RuleSet) {
        let old = before.table(for: target) ?? ScoredTable(kind: .project, line: 0)
        let new = after.table(for: target) ?? old
        self.init(
            name: before.name(of: target), before: old, after: new,
            cardBefore: Scorer.score(old, rules: rules), cardAfter: Scorer.score(new, rules: rules))
    }
}

/// The three qualitative tiers of 财预〔2020〕10号 第十二条, in the order of `RuleSet.qualitativeTiers`.
enum Tiers {
    static let names = [
        "达成预期指标", "部分达成预期指标并具有一定效果", "未达成预期指标且效果较差",
    ]
    static let words: [[String]] = [
        ["达成", "full"], ["部分达成", "partial"], ["未达成", "未完成", "none"],
    ]

    static func index(of word: String) -> Int? {
        words.firstIndex { $0.contains(word) } ?? names.firstIndex(of: word)
    }
}
