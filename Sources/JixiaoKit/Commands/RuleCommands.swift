import Foundation
import JixiaoModel
import JixiaoRendering
import JixiaoRules

extension CommandSpec {
    static let ruleCommands: [CommandSpec] = [
        CommandSpec(
            name: "rules", group: .rules,
            usage: "rules [use NAME|auto | show [NAME] | load PATH]",
            summary: "List the scoring rule sets (评分规则), choose one, show one, or load your own (JSON)",
            details: """
                'rules' lists the rule sets and marks the one in force for the current filing, saying why (chosen, or \
                implied by the filing's template). 'rules use NAME' chooses one for every filing; 'rules use auto' \
                goes back to the template's. 'rules show [NAME]' prints a rule set in full. 'rules load PATH' reads a \
                rule set written as JSON (format in the README); a bad file gets an error with its line and changes \
                nothing.
                """,
            example: "rules use CN-2020",
            completion: .contextual { previous, session in
                switch previous.first?.lowercased() {
                case nil: return .words(["use", "show", "load"])
                case "use" where previous.count == 1: return .words(session.ruleSets.map(\.name) + ["auto"])
                case "show" where previous.count == 1: return .words(session.ruleSets.map(\.name))
                case "load" where previous.count == 1: return .paths
                default: return .none
                }
            }
        ) { call throws(ShellError) in
            switch (call.first, call.count) {
            case (nil, _): return RulesCommand(action: .list)
            case ("use", 2): return RulesCommand(action: call[1].lowercased() == "auto" ? .use(nil) : .use(call[1]))
            case ("use", _): throw call.usage("'rules use' needs a NAME or auto")
            case ("show", 1), ("show", 2): return RulesCommand(action: .show(call.count == 2 ? call[1] : nil))
            case ("show", _): throw call.usage("'rules show' takes at most one NAME")
            case ("load", 2): return RulesCommand(action: .load(call[1]))
            case ("load", _): throw call.usage("'rules load' needs a PATH")
            default: throw call.usage("unknown subcommand '\(call[0])'")
            }
        },
        CommandSpec(
            name: "recompute", group: .rules,
            usage: "recompute [PROJECT | dept | all]",
            summary:
                "Recompute 执行率, scores, 总分 and 等级 under the rules; show them beside the reported ones",
            details: """
                For a project (or 'dept'): 执行率 from the amounts, the execution score, each indicator's score \
                where target and actual are numbers (≥ ≤ = and units read from the text; a text actual such as \
                完成 keeps its reported score and is marked not verifiable), the total and the grade. Figures that \
                differ from the filing are marked with *. 'all' (the default) prints one row per project and the \
                department.
                """,
            example: "recompute 劳模",
            completion: .projects
        ) { call throws(ShellError) in
            RecomputeCommand(target: try scope(call))
        },
        CommandSpec(
            name: "check", group: .rules,
            usage:
                "check [PROJECT | dept | all] [FILTERS] "
                + "| check --all [--list] [FILTERS] [--sort COLUMN] [--desc] [--limit N]",
            summary: "List inconsistencies (审核): sums, rates, scores, deadlines, staffing, names, blanks",
            details: """
                Each finding has an id, a severity, the file:line it concerns, the check that found it and one line \
                with the numbers involved. An error is arithmetic or a total in the filing that is wrong; a warning \
                is something to ask the unit about; info is worth knowing. A clean filing gets a line saying so. \
                'check --all' counts the findings of every loaded filing by severity, one row per filing; with --list \
                it lists them all, the filing named on each row. --only ID,… runs only the checks named (an id, or a \
                family such as 'score.'), --skip ID,… all but those. FILTERS: --check keeps the findings of the \
                checks named, --severity those of the severities named; --where filters the rows as SQL does (the \
                columns of a finding: id, severity, line, check, 说明). \(Selection.help)
                """ + CheckScope.registryHelp,
            example: "check --all --list --check rate.differs --unit 教育",
            completion: .projects
        ) { call throws(ShellError) in
            let args = try call.arguments(
                allowing: Selection.flags.union(["--all", "--list"]),
                valued: Selection.options.union(["--check", "--severity", "--only", "--skip"]))
            let selection = try Selection(args, call)
            let scope = try FindingScope(args, call)
            if args.has("--all") {
                guard args.positional.isEmpty else { throw call.usage("--all takes no PROJECT") }
                return CheckCommand(
                    target: .everyFiling, list: args.has("--list"), selection: selection, findings: scope)
            }
            guard selection.column == nil, selection.limit == nil, !args.has("--list") else {
                throw call.usage("--list, --sort, --desc and --limit go with --all")
            }
            guard args.positional.count <= 1 else { throw call.usage("takes at most one PROJECT, 'dept' or 'all'") }
            let target = args.positional.first.map { Target.parse($0, allowingAll: true) } ?? .filing
            return CheckCommand(target: target, selection: selection, findings: scope)
        },
        CommandSpec(
            name: "summary", group: .rules,
            usage: "summary [--by unit|year|grade|rule] [--where EXPR] [--unit U] [--year Y]",
            summary: "Every loaded filing at a glance (汇总): spending, grades that move, checks that fire most",
            details: """
                For all loaded filings under the rules in force: how many filings (by year) and projects, the budget \
                and spending of the project tables and the department tables with the spending-weighted 执行率, \
                charts of the projects' 执行率 by band and of their grades, the grades reported against computed \
                (how many move, and where to), the ten checks that fire most, and the projects below 60% and \
                between 60% and 80% execution that still give themselves full marks on every indicator. --by \
                counts the projects per unit, year, computed grade or rule set instead: filings, projects, \
                budget, spending, weighted 执行率 and grades, one row per group. --where, --unit and --year choose \
                the filings first, by the columns of 'filings'.
                """,
            example: "summary --by unit --year 2024",
            completion: .words(["--by"] + CountyGroups.Key.allCases.map(\.rawValue))
        ) { call throws(ShellError) in
            let args = try call.arguments(valued: ["--by", "--where", "--unit", "--year"])
            guard args.positional.isEmpty else { throw call.usage("takes no arguments besides its options") }
            var key: CountyGroups.Key?
            if let word = args.values["--by"] {
                guard let chosen = CountyGroups.Key(rawValue: word.lowercased()) else {
                    throw call.usage("--by takes unit, year, grade or rule, not '\(word)'")
                }
                key = chosen
            }
            return SummaryCommand(by: key, selection: try Selection(args, call))
        },
    ]

    /// What `recompute` and `check` look at: `all` (the default), `dept`, or one project.
    static func scope(_ call: Invocation) throws(ShellError) -> Target {
        guard call.count <= 1 else { throw call.usage("takes at most one PROJECT, 'dept' or 'all'") }
        return call.first.map { Target.parse($0, allowingAll: true) } ?? .filing
    }
}

struct RulesCommand: Command, Equatable {
    enum Action: Equatable {
        case list
        /// A rule set for every filing; nil goes back to each filing's implied one.
        case use(String?)
        case show(String?)
        case load(String)
    }

    var action: Action

    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        switch action {
        case .list:
            return Output(list(session))
        case .use(let name):
            session.chosenRules = nil
            if let name { session.chosenRules = try session.ruleSet(named: name).name }
            guard let current = session.current else {
                return Output("rules: \(session.chosenRules ?? "implied by each filing")\n")
            }
            let inForce = session.rules(for: current)
            return Output("rules in force: \(inForce.rules.name) (\(inForce.reason))\n")
        case .show(let name):
            if let name { return Output(ScoreViews.ruleSet(try session.ruleSet(named: name))) }
            return Output(ScoreViews.ruleSet(session.rules(for: try session.requireCurrent()).rules))
        case .load(let path):
            let loaded = try Self.read(path, environment)
            session.add(loaded)
            return Output("loaded rule set \(loaded.name): \(loaded.title)\n")
        }
    }

    func list(_ session: Session) -> String {
        let inForce = session.current.map { session.rules(for: $0) }
        var table = Table(["", "name", "execution", "title"], align: [.left, .left, .right, .left])
        for r in session.ruleSets {
            table.add([r.name == inForce?.rules.name ? "*" : "", r.name, points(r.executionWeight), r.title])
        }
        var out = table.render()
        if let inForce { out += "in force: \(inForce.rules.name) (\(inForce.reason))\n" }
        return out
    }

    static func read(_ path: String, _ environment: any Environment) throws(ShellError) -> RuleSet {
        let text = try environment.readText(path)
        let rules: RuleSet
        do {
            rules = try RuleSet.parse(text, file: path, builtIns: RuleSet.builtIn)
        } catch {
            throw .ruleFile(path: path, error)
        }
        if RuleSet.builtIn.contains(where: { $0.name == rules.name }) {
            throw .invalidFile(
                location: path, reason: "'\(rules.name)' is a built-in rule set; give yours another name")
        }
        return rules
    }
}

extension Session {
    /// What `recompute` and `check` work on: the current filing (as filed, and as the scenario
    /// leaves it), the rules in force, and the target resolved against it.
    func scope(_ target: Target) throws(ShellError) -> (LoadedFiling, Filing, RuleSet, Target) {
        let loaded = try requireCurrent()
        let filing = loaded.edited
        return (loaded, filing, rules(for: loaded).rules, try filing.resolve(target))
    }
}

struct RecomputeCommand: Command, Equatable {
    var target: Target

    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        let (_, filing, rules, resolved) = try session.scope(target)
        guard let table = filing.table(for: resolved) else {
            var cards: [(target: Target, name: String, card: ScoreCard)] = []
            for (target, name, table) in filing.scoredTables {
                try environment.checkInterrupt()
                cards.append((target, name, Scorer.score(table, rules: rules)))
            }
            return Output(ScoreViews.summary(cards, rules: rules.name))
        }
        let card = Scorer.score(table, rules: rules)
        var title = Department.displayName
        if let name = resolved.projectName { title = "Project \(try filing.projectIndex(name) + 1): \(name)" }
        return Output(ScoreViews.card(card, title: title, rules: rules, indicators: table.indicators, detailed: true))
    }
}

struct CheckCommand: Command, Equatable {
    var target: Target
    /// With `.everyFiling`: every finding, not the counts per filing.
    var list = false
    var selection = Selection()
    var findings = FindingScope()

    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        if target == .everyFiling {
            guard !session.filings.isEmpty else { throw .noFiling }
            var results = try session.results(environment)
            if let running = findings.running {
                let session = session
                results = results.parallelMap { session.rechecked($0, running: running) }
            }
            results = results.map(findings.apply)
            let listing = list ? CountyViews.findingList(results, map: everyCore) : CountyViews.checks(results)
            return Output(try selection.apply(to: listing, environment))
        }
        let (loaded, filing, rules, resolved) = try session.scope(target)
        let index = try session.requireCurrentIndex()
        var result = session.result(index, session.analysis(index))
        if let running = findings.running { result = session.rechecked(result, running: running) }
        var kept = Array(result.findings.enumerated())
        var heading = "\(loaded.filing.unit) \(loaded.filing.year.map { "\($0)年度" } ?? "") under \(rules.name)"
        switch resolved {
        case .department:
            kept = kept.filter { $0.element.target == .department || $0.element.target == .filing }
            heading += ", department and basic data"
        case .project(let name):
            kept = kept.filter { $0.element.target == resolved }
            heading += ", project \(try filing.projectIndex(name) + 1) \(name)"
        case .filing, .everyFiling:
            break
        }
        kept = kept.filter { findings.keeps($0.element) }
        let file = FileNames.shown(loaded.path.split(separator: "/").last.map(String.init) ?? loaded.path)
        let all = ScoreViews.findingListing(kept, file: file, place: loaded.filing.place)
        let positions = selection.filters.isEmpty ? Array(kept.indices) : try selection.positions(in: all, environment)
        let listing = all.keeping(positions)
        kept = positions.map { kept[$0] }
        if Presentation.current.format.isMachine || Presentation.current.format == .markdown {
            return Output(listing)
        }
        let filtered = !findings.checks.isEmpty || !findings.severities.isEmpty || !selection.filters.isEmpty
        let text = ScoreViews.findings(
            kept, file: file, heading: heading, place: loaded.filing.place, filtered: filtered)
        var output = Output(text)
        output.listing = listing
        return output
    }
}

/// `--check ID,…` and `--severity S,…`: which findings a `check` keeps; `--only ID,…` and
/// `--skip ID,…`: which registered checks run. A check named with a trailing dot (`score.`)
/// stands for its family.
struct FindingScope: Equatable, Sendable {
    var checks: [String] = []
    var severities: Set<Finding.Severity> = []
    var only: [String] = []
    var skip: [String] = []

    init() {}

    init(_ arguments: Arguments, _ call: Invocation) throws(ShellError) {
        checks = try Self.names(arguments.values["--check"])
        only = try Self.names(arguments.values["--only"])
        skip = try Self.names(arguments.values["--skip"])
        if let text = arguments.values["--severity"] {
            for word in text.split(separator: ",") {
                guard let severity = Finding.Severity(rawValue: Labels.trim(String(word)).lowercased()) else {
                    throw call.usage("--severity takes error, warning or info, not '\(word)'")
                }
                severities.insert(severity)
            }
        }
    }

    /// The check names in `text`, each answered by some registered check.
    static func names(_ text: String?) throws(ShellError) -> [String] {
        guard let text else { return [] }
        let names = text.split(separator: ",").map { Labels.trim(String($0)) }.filter { !$0.isEmpty }
        if case .failure(let unknown) = Checks.selecting(names) {
            throw .notFound(kind: "check", name: unknown.name, candidates: Checks.all.map(\.id.rawValue))
        }
        return names
    }

    /// The checks that run, when `--only` or `--skip` chose them; nil for all of them.
    var running: [Check]? {
        guard !only.isEmpty || !skip.isEmpty else { return nil }
        let chosen = only.isEmpty ? Checks.all : Checks.all.filter { check in only.contains { check.isNamed($0) } }
        return chosen.filter { check in !skip.contains { check.isNamed($0) } }
    }

    func keeps(_ finding: Finding) -> Bool {
        (checks.isEmpty || checks.contains { Checks.named(finding.check)?.isNamed($0) ?? false })
            && (severities.isEmpty || severities.contains(finding.severity))
    }

    /// `result` with only the findings kept.
    func apply(_ result: FilingResult) -> FilingResult {
        guard checks != [] || !severities.isEmpty else { return result }
        var copy = result
        copy.analysis.findings = result.findings.filter(keeps)
        return copy
    }
}

/// The registry as `help check` lists it.
enum CheckScope {
    static var registryHelp: String {
        let width = Checks.all.map { $0.id.rawValue.count }.max() ?? 0
        // Padded by hand: Foundation's `padding(toLength:)` goes through NSString, and this text
        // is built at every start (a sixth of the start-up's instructions).
        func padded(_ text: String, to width: Int) -> String {
            text + String(repeating: " ", count: max(0, width - text.count))
        }
        let lines = Checks.all.map { check in
            let id = padded(check.id.rawValue, to: width)
            let severity = padded(check.severity.rawValue, to: 7)
            let reads = check.reads.map { $0.rawValue }.joined(separator: ", ")
            return "  \(id)  \(severity)  \(check.summary) [reads: \(reads)]"
        }
        return "\n\nThe checks (id, severity, what it finds, what it reads):\n" + lines.joined(separator: "\n")
    }
}

struct SummaryCommand: Command, Equatable {
    var by: CountyGroups.Key?
    /// Which filings are summed, by the columns of `filings`.
    var selection = Selection()

    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        guard !session.filings.isEmpty else { throw .noFiling }
        var results = try session.results(environment)
        if !selection.filters.isEmpty {
            let listing = CountyViews.filings(results, current: session.currentIndex)
            results = try selection.positions(in: listing, environment).map { results[$0] }
        }
        if let by { return Output(CountyGroups.listing(results, by: by)) }
        guard !results.isEmpty else { return Output("no filing matches; 'filings' lists them with their columns\n") }
        let note: String
        if let chosen = session.chosenRules {
            note = "\(chosen), chosen with 'rules use'"
        } else {
            var counts: [String: Int] = [:]
            for r in results { counts[r.rules, default: 0] += 1 }
            let list = counts.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
            note = "implied by each filing (\(list))"
        }
        // Counted in shares on every core, merged in filing order.
        let shares = stride(from: 0, to: results.count, by: 1_000).map { results[$0..<min($0 + 1_000, results.count)] }
        var summary = CountySummary()
        for share in shares.parallelMap(CountySummary.init) { summary.merge(share) }
        return Output(summary.render(rulesNote: note))
    }
}

extension Session {
    /// Every loaded filing with its scores and findings under its rules, for the county views.
    func results(_ environment: any Environment) throws(ShellError) -> [FilingResult] {
        let all = try analyses { () throws(ShellError) in try environment.checkInterrupt() }
        return filings.indices.map { result($0, all[$0]) }
    }

    /// `result` with the findings of only the checks `running`, its score cards reused.
    func rechecked(_ result: FilingResult, running: [Check]) -> FilingResult {
        var copy = result
        let rules = ruleSet(for: result.number - 1)
        copy.analysis = result.analysis.rechecked(result.filing, rules: rules, running: running)
        return copy
    }

    /// Filing `index` with its analysis, as the county views and the SQL mirror take it.
    func result(_ index: Int, _ analysis: Analysis) -> FilingResult {
        // Read in place: a LoadedFiling copied retains all it holds, ten thousand times a county.
        FilingResult(number: index + 1, path: filings[index].path, filing: edited(index), analysis: analysis)
    }
}
