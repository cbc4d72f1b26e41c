import Foundation

extension CommandSpec {
    static let whatIfCommands: [CommandSpec] = [
        CommandSpec(
            name: "set", group: .whatIf,
            usage: "set score|actual|weight|tier PROJECT|dept INDICATOR VALUE | set executed|budget PROJECT|dept AMOUNT",
            summary: "A what-if edit (模拟调整): change a score, actual, weight or amount and see what moves",
            details: """
            Edits the current scenario, never the loaded filing. INDICATOR is its number in 'show' or a unique part of its 三级指标 name. \
            The edit prints the old and new value and every figure it moves under the rules in force: execution rate and score, \
            the total and the grade. A score above the weight, a negative amount or a value that is not a number is refused and \
            changes nothing. 'set score' fixes the score: it stands even where jixiao could recompute it. 'set tier' scores a \
            qualitative indicator by its tier (达成, 部分达成, 未达成): the rule set's share of the weight, recorded as a 'set score'.
            """,
            example: "set score 劳模 1 3",
            completion: .words(Edit.Field.allCases.map(\.rawValue) + ["tier"])
        ) { shell, call throws(ShellError) in
            let isTier = call.first?.lowercased() == "tier"
            guard let first = call.first, let field = isTier ? .score : Edit.Field(rawValue: first.lowercased()) else {
                throw call.usage("say what to set: score, actual, weight, tier, executed or budget")
            }
            let wanted = field.isIndicator ? 4 : 3
            guard call.count == wanted else {
                throw call.usage(field.isIndicator ? "needs PROJECT|dept, INDICATOR and VALUE" : "needs PROJECT|dept and AMOUNT")
            }
            let loaded = try shell.session.requireCurrent()
            let before = loaded.edited
            var project: String? = nil
            var indicators = before.department?.indicators ?? []
            if !["dept", "department", "部门"].contains(call[1].lowercased()) {
                let p = try before.projectIndex(call[1])
                project = before.projects[p].name
                indicators = before.projects[p].indicators
            } else if before.department == nil {
                throw .refused("this filing has no 部门整体支出绩效自评表")
            }
            var number: Int? = nil
            if field.isIndicator { number = try indicatorIndex(call[2], in: indicators) + 1 }
            var value = call[call.count - 1]
            var tierNote = ""
            if isTier, let n = number {
                let rules = shell.session.rules(for: loaded).rules
                guard let tier = Tiers.index(of: value) else { throw .invalidValue("tier must be 达成, 部分达成 or 未达成, not '\(value)'") }
                guard let w = indicators[n - 1].weight.value else { throw .refused("indicator \(n) has no 分值 to take a share of") }
                let share = rules.qualitativeTiers[tier]
                value = (w * share).rounded(rules.rounding).plain
                tierNote = "\(Tiers.names[tier]): \(share.percent) of \(w.plain) under \(rules.name), recorded as: set score\n"
            }
            let edit = Edit(field: field, project: project, indicator: number, level3: number.map { indicators[$0 - 1].level3 },
                            value: value)
            var after = before
            try edit.apply(to: &after)
            try shell.session.updateCurrent { loaded throws(ShellError) in
                loaded.scenario.edits.append(edit)
                loaded.scenario.undone = []
                loaded.scenario.isDirty = true
            }
            let rules = shell.session.rules(for: loaded).rules
            shell.write(tierNote + WhatIfViews.effect(of: edit, before: before, after: after, rules: rules))
        },
        CommandSpec(
            name: "edits", group: .whatIf,
            usage: "edits",
            summary: "List the current scenario's edits in order, as the commands that make them",
            details: "Shows the scenario's name, where it was saved, whether it has unsaved changes, and each edit as a 'set' command.",
            example: "edits"
        ) { shell, call throws(ShellError) in
            guard call.isEmpty else { throw call.usage("takes no arguments") }
            let loaded = try shell.session.requireCurrent()
            shell.write(WhatIfViews.edits(loaded.scenario))
        },
        CommandSpec(
            name: "undo", group: .whatIf,
            usage: "undo",
            summary: "Take back the last edit of the current scenario",
            details: "The edit goes onto the redo list; 'redo' applies it again. A new edit clears the redo list.",
            example: "undo"
        ) { shell, call throws(ShellError) in
            guard call.isEmpty else { throw call.usage("takes no arguments") }
            try move(shell, from: \.edits, to: \.undone, verb: "undo")
        },
        CommandSpec(
            name: "redo", group: .whatIf,
            usage: "redo",
            summary: "Apply again the edit last taken back with undo",
            details: "Re-applies edits in the reverse order of 'undo'.",
            example: "redo"
        ) { shell, call throws(ShellError) in
            guard call.isEmpty else { throw call.usage("takes no arguments") }
            try move(shell, from: \.undone, to: \.edits, verb: "redo")
        },
        CommandSpec(
            name: "reset", group: .whatIf,
            usage: "reset",
            summary: "Drop every edit of the current scenario, back to the filing as filed",
            details: "The scenario stays, empty. 'undo' cannot bring the edits back; 'open' a saved copy can.",
            example: "reset"
        ) { shell, call throws(ShellError) in
            guard call.isEmpty else { throw call.usage("takes no arguments") }
            try shell.session.updateCurrent { loaded throws(ShellError) in
                let n = loaded.scenario.edits.count
                loaded.scenario.edits = []
                loaded.scenario.undone = []
                loaded.scenario.isDirty = n > 0
                shell.write("reset: dropped \(n) edit\(n == 1 ? "" : "s") of scenario \(loaded.scenario.name)\n")
            }
        },
        CommandSpec(
            name: "diff", group: .whatIf,
            usage: "diff",
            summary: "The filing as filed beside the scenario, for every project and the department, where they differ",
            details: "For each project and the department: the amounts, the rate and execution score, each edited indicator and the total and grade under the rules in force, shown only where the scenario differs from the baseline.",
            example: "diff"
        ) { shell, call throws(ShellError) in
            guard call.isEmpty else { throw call.usage("takes no arguments") }
            let loaded = try shell.session.requireCurrent()
            let rules = shell.session.rules(for: loaded).rules
            shell.write(WhatIfViews.diff(baseline: loaded.filing, scenario: loaded.edited, name: loaded.scenario.name, rules: rules))
        },
        CommandSpec(
            name: "scenario", group: .whatIf,
            usage: "scenario new NAME | list | use NAME | drop NAME",
            summary: "Named sets of edits over the current filing (方案)",
            details: "'scenario new NAME' starts an empty scenario and makes it current; 'list' shows them with their edits and save state; 'use' switches; 'drop' deletes one (never the last).",
            example: "scenario new 下调劳模",
            completion: .words(["new", "list", "use", "drop"])
        ) { shell, call throws(ShellError) in
            guard let sub = call.first else { throw call.usage("needs new, list, use or drop") }
            try shell.session.updateCurrent { loaded throws(ShellError) in
                func index(_ name: String) throws(ShellError) -> Int {
                    guard let i = loaded.scenarios.firstIndex(where: { $0.name == name }) else {
                        throw .notFound(kind: "scenario", name: name, candidates: loaded.scenarios.map(\.name))
                    }
                    return i
                }
                switch (sub, call.count) {
                case ("list", 1):
                    var table = Table(["", "scenario", "edits", "saved as", "unsaved"], align: [.left, .left, .right, .left, .left])
                    for (i, s) in loaded.scenarios.enumerated() {
                        table.add([i == loaded.scenarioIndex ? "*" : "", s.name, "\(s.edits.count)", s.savedAs ?? "", s.isDirty && !s.edits.isEmpty ? "yes" : ""])
                    }
                    shell.write(table.render())
                case ("new", 2):
                    guard !loaded.scenarios.contains(where: { $0.name == call[1] }) else { throw .refused("scenario '\(call[1])' exists; 'scenario use \(call[1])'") }
                    loaded.scenarios.append(Scenario(name: call[1]))
                    loaded.scenarioIndex = loaded.scenarios.count - 1
                    shell.write("scenario \(call[1]): new, current\n")
                case ("use", 2):
                    loaded.scenarioIndex = try index(call[1])
                    shell.write("scenario \(call[1]): current, \(loaded.scenario.edits.count) edits\n")
                case ("drop", 2):
                    let i = try index(call[1])
                    guard loaded.scenarios.count > 1 else { throw .refused("cannot drop the only scenario; 'reset' empties it") }
                    loaded.scenarios.remove(at: i)
                    if loaded.scenarioIndex >= i && loaded.scenarioIndex > 0 { loaded.scenarioIndex -= 1 }
                    shell.write("dropped scenario \(call[1]); current: \(loaded.scenario.name)\n")
                default:
                    throw call.usage("needs new NAME, list, use NAME or drop NAME")
                }
            }
        },
    ]

    /// `undo` and `redo`: moves the last edit from one list of the scenario to the other.
    static func move(_ shell: Shell, from: WritableKeyPath<Scenario, [Edit]>, to: WritableKeyPath<Scenario, [Edit]>, verb: String) throws(ShellError) {
        try shell.session.updateCurrent { loaded throws(ShellError) in
            guard let edit = loaded.scenario[keyPath: from].popLast() else { throw .refused("nothing to \(verb)") }
            loaded.scenario[keyPath: to].append(edit)
            loaded.scenario.isDirty = true
            shell.write("\(verb == "undo" ? "undone" : "redone"): \(edit.command)\n")
        }
    }
}

/// The three qualitative tiers of 财预〔2020〕10号 第十二条, in the order of `RuleSet.qualitativeTiers`.
enum Tiers {
    static let names = ["达成预期指标", "部分达成预期指标并具有一定效果", "未达成预期指标且效果较差"]
    static let words: [[String]] = [["达成", "full"], ["部分达成", "partial"], ["未达成", "未完成", "none"]]

    static func index(of word: String) -> Int? {
        words.firstIndex { $0.contains(word) } ?? names.firstIndex(of: word)
    }
}
