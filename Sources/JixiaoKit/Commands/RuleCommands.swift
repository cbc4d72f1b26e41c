extension CommandSpec {
    static let ruleCommands: [CommandSpec] = [
        CommandSpec(
            name: "rules", group: .rules,
            usage: "rules [use NAME|auto | show [NAME] | load PATH]",
            summary: "List the scoring rule sets (评分规则), choose one, show one, or load your own (JSON)",
            details: """
            'rules' lists the rule sets and marks the one in force for the current filing, saying why (chosen, or implied by the filing's \
            template). 'rules use NAME' chooses one for every filing; 'rules use auto' goes back to the template's. 'rules show [NAME]' \
            prints a rule set in full. 'rules load PATH' reads a rule set written as JSON (format in the README); a bad file gets an \
            error with its line and changes nothing.
            """,
            example: "rules use CN-2020",
            completion: .words(["use", "show", "load", "auto"] + RuleSet.builtIn.map(\.name))
        ) { shell, call throws(ShellError) in
            var session = shell.session
            switch call.first {
            case nil:
                guard call.count == 0 else { throw call.usage("unexpected arguments") }
                let inForce = session.current.map { session.rules(for: $0) }
                var table = Table(["", "name", "execution", "title"], align: [.left, .left, .right, .left])
                for r in session.ruleSets {
                    table.add([r.name == inForce?.rules.name ? "*" : "", r.name, points(r.executionWeight), r.title])
                }
                var out = table.render()
                if let inForce { out += "in force: \(inForce.rules.name) (\(inForce.reason))\n" }
                shell.write(out)
            case "use":
                guard call.count == 2 else { throw call.usage("'rules use' needs a NAME or auto") }
                if call[1].lowercased() == "auto" {
                    session.chosenRules = nil
                } else {
                    session.chosenRules = try session.ruleSet(named: call[1]).name
                }
                shell.session = session
                if let current = session.current {
                    let r = session.rules(for: current)
                    shell.write("rules in force: \(r.rules.name) (\(r.reason))\n")
                } else {
                    shell.write("rules: \(session.chosenRules ?? "implied by each filing")\n")
                }
            case "show":
                guard call.count <= 2 else { throw call.usage("'rules show' takes at most one NAME") }
                let r: RuleSet
                if call.count == 2 { r = try session.ruleSet(named: call[1]) } else { r = session.rules(for: try session.requireCurrent()).rules }
                shell.write(ScoreViews.ruleSet(r))
            case "load":
                guard call.count == 2 else { throw call.usage("'rules load' needs a PATH") }
                let text = try Disk.readText(shell.resolve(call[1]), shownAs: call[1])
                let loaded = try RuleSet.parse(text, file: call[1], builtIns: RuleSet.builtIn)
                if RuleSet.builtIn.contains(where: { $0.name == loaded.name }) {
                    throw .invalidFile(location: call[1], reason: "'\(loaded.name)' is a built-in rule set; give yours another name")
                }
                session.ruleSets.removeAll { $0.name == loaded.name }
                session.ruleSets.append(loaded)
                shell.session = session
                shell.write("loaded rule set \(loaded.name): \(loaded.title)\n")
            default:
                throw call.usage("unknown subcommand '\(call[0])'")
            }
        },
        CommandSpec(
            name: "recompute", group: .rules,
            usage: "recompute [PROJECT | dept | all]",
            summary: "Recompute 执行率, scores, 总分 and 等级 under the rules; show them beside the reported ones",
            details: """
            For a project (or 'dept'): 执行率 from the amounts, the execution score, each indicator's score where target and actual are \
            numbers (≥ ≤ = and units read from the text; a text actual such as 完成 keeps its reported score and is marked not \
            verifiable), the total and the grade. Figures that differ from the filing are marked with *. 'all' (the default) prints \
            one row per project and the department. Afterwards 'projects' and 'export json' include the computed values.
            """,
            example: "recompute 劳模",
            completion: .projects
        ) { shell, call throws(ShellError) in
            let (_, filing, rules, scope) = try Scope.parse(call, shell: shell)
            switch scope {
            case .all:
                var cards: [(String, ScoreCard)] = []
                for p in filing.projects {
                    try shell.checkInterrupt()
                    cards.append((p.name, Scorer.score(p, rules: rules)))
                }
                if let d = filing.department { cards.append(("部门整体", Scorer.score(d, rules: rules))) }
                shell.write(ScoreViews.summary(cards, rules: rules.name))
            case .department:
                guard let d = filing.department else { throw .refused("this filing has no 部门整体支出绩效自评表") }
                shell.write(ScoreViews.card(Scorer.score(d, rules: rules), title: "部门整体", indicators: d.indicators, detailed: true))
            case .project(let i):
                let p = filing.projects[i]
                shell.write(ScoreViews.card(Scorer.score(p, rules: rules), title: "Project \(i + 1): \(p.name)", indicators: p.indicators, detailed: true))
            }
            if let index = shell.session.currentIndex { shell.session.filings[index].recomputed = true }
        },
        CommandSpec(
            name: "check", group: .rules,
            usage: "check [PROJECT | dept | all]",
            summary: "List inconsistencies (审核): sums, rates, scores, deadlines, staffing, names, blanks",
            details: """
            Each finding has an id, a severity (error, warning, info), the file:line it concerns, the check that found it and one line \
            with the numbers involved. The checks: fund rows and breakdowns that do not add up, 基础数据表 rows against their totals \
            and against the project tables, indicator weights against the first-level weight, 总分 against the scores, reported rates \
            and scores against the recomputed ones, scores above their weight, full marks beside a shortfall with no 偏差原因, target \
            dates outside the filing year, staffing in the narrative against the table, control ratios above 100%, one project named \
            two ways, and missing cells. A clean filing gets a line saying so.
            """,
            example: "check",
            completion: .projects
        ) { shell, call throws(ShellError) in
            let (loaded, filing, rules, scope) = try Scope.parse(call, shell: shell)
            var findings = Checker.check(filing, rules: rules)
            var heading = "\(loaded.filing.unit) \(loaded.filing.year.map { "\($0)年度" } ?? "") under \(rules.name)"
            switch scope {
            case .all: break
            case .department:
                findings = findings.filter { $0.project == nil }
                heading += ", department and basic data"
            case .project(let i):
                findings = findings.filter { $0.project == i }
                heading += ", project \(i + 1) \(loaded.filing.projects[i].name)"
            }
            findings.sort { ($0.severity, $0.line ?? 0) < ($1.severity, $1.line ?? 0) }
            let file = loaded.path.split(separator: "/").last.map(String.init) ?? loaded.path
            shell.write(ScoreViews.findings(findings, file: file, heading: heading))
        },
    ]
}

/// What `recompute` and `check` look at: `all` (the default), `dept`, or one project.
enum Scope {
    case all, department, project(Int)

    /// Reads the optional argument, with the current filing (its scenario applied once) and the rules in force.
    static func parse(_ call: Invocation, shell: Shell) throws(ShellError) -> (LoadedFiling, Filing, RuleSet, Scope) {
        guard call.count <= 1 else { throw call.usage("takes at most one PROJECT, 'dept' or 'all'") }
        let loaded = try shell.session.requireCurrent()
        let filing = loaded.edited
        let rules = shell.session.rules(for: loaded).rules
        switch call.first?.lowercased() {
        case nil, "all": return (loaded, filing, rules, .all)
        case "dept", "department", "部门": return (loaded, filing, rules, .department)
        default: return (loaded, filing, rules, .project(try filing.projectIndex(call[0])))
        }
    }
}
