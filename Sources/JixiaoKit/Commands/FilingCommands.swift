import Foundation
import JixiaoModel
import JixiaoRendering
import JixiaoRules

extension CommandSpec {
    static let filingCommands: [CommandSpec] = [
        CommandSpec(
            name: "load", aliases: ["open-filing"], group: .filings,
            usage: "load PATH... [--strict] [--no-cache] | load --example",
            summary: "Load filings (加载自评报告): files, folders, globs, or the bundled example",
            details: """
                Reads each filing and prints one line per filing: unit (单位名称), year, projects, warnings. \
                A filing is text (UTF-8 or GB18030), a .docx, a web page, a workbook (.xlsx), a PDF with a text \
                layer (read with poppler), or a legacy office file (.doc, .wps, .xls, .et, .rtf, .odt, .ods, \
                converted with LibreOffice); the kind is judged from the bytes, not the name. Conversions are \
                cached by SHA-256 in $XDG_CACHE_HOME/jixiao (else ~/.cache/jixiao); --no-cache converts afresh \
                and keeps nothing. A folder loads every filing inside; a glob such as 'filings/*.txt' loads every \
                match. A file that cannot be read is reported as FILE: error: reason and the others are loaded \
                (the command then counts as failed); with --strict nothing is loaded if any file fails. A file \
                already loaded (the same SHA-256) is skipped with a note. The filings already loaded stay as they \
                were, and the last filing loaded becomes the current one.
                """,
            example: "load ../shared/filings/000_4163b9005dfad92f.txt",
            completion: .paths
        ) { call throws(ShellError) in
            let args = try call.arguments(allowing: ["--example", "--strict", "--no-cache"])
            if args.has("--example") == !args.positional.isEmpty {
                let problem = args.positional.isEmpty ? "needs a PATH (or --example)" : "give either PATHs or --example"
                throw call.usage(problem)
            }
            return LoadCommand(paths: args.positional, strict: args.has("--strict"), cached: !args.has("--no-cache"))
        },
        CommandSpec(
            name: "filings", group: .filings,
            usage: "filings [--where EXPR] [--unit U] [--year Y] [--sort COLUMN] [--desc] [--limit N]",
            summary: "List the loaded filings with their findings by severity; * marks the current one",
            details: """
                One row per loaded filing: number, 单位名称, 年度, projects, the reader's warnings, the findings \
                of 'check' by severity, the encoding and the file it came from. \(Selection.help)
                """,
            example: "filings --where \"error > 0 AND 年度 = 2024\" --sort error --desc --limit 10"
        ) { call throws(ShellError) in
            let args = try call.arguments(allowing: Selection.flags, valued: Selection.options)
            guard args.positional.isEmpty else { throw call.usage("takes no arguments besides its options") }
            return FilingsCommand(selection: try Selection(args, call))
        },
        CommandSpec(
            name: "unload", group: .filings,
            usage: "unload FILING... [--force] | unload --all [--force]",
            summary: "Drop filings from the session (by number or 单位名称), or all of them",
            details: """
                The filings named (numbers from 'filings', or unit names) leave the session: listings, 'summary', \
                'sql' and exports no longer hold them, and the rest are numbered again in order. A filing whose \
                what-if edits are not saved is kept unless --force. The bundled example is unloaded by itself \
                when you load your own filings into a shell that holds only it.
                """,
            example: "unload 3",
            completion: .contextual { previous, session in
                .words(session.filings.map(\.filing.unit) + (previous.isEmpty ? ["--all"] : []))
            }
        ) { call throws(ShellError) in
            let args = try call.arguments(allowing: ["--all", "--force"])
            if args.has("--all") == !args.positional.isEmpty {
                throw call.usage(args.positional.isEmpty ? "needs a FILING (or --all)" : "give either FILINGs or --all")
            }
            return UnloadCommand(filings: args.positional, all: args.has("--all"), force: args.has("--force"))
        },
        CommandSpec(
            name: "use", group: .filings,
            usage: "use FILING",
            summary: "Make another loaded filing the current one (by number or 单位名称)",
            details: "FILING is the number shown by 'filings', or the unit name (a unique prefix is enough).",
            example: "use 2",
            completion: .contextual { previous, session in
                previous.isEmpty ? .words(session.filings.map(\.filing.unit)) : .none
            }
        ) { call throws(ShellError) in
            guard call.count == 1 else { throw call.usage("needs one FILING") }
            return UseCommand(filing: call[0])
        },
        CommandSpec(
            name: "warnings", group: .filings,
            usage: "warnings [FILING]",
            summary: "List what the reader could not place, as FILE:LINE: warning: …",
            details: """
                Every cell or row the reader saw but could not place is kept as a warning with its line, so nothing is \
                dropped silently.
                """,
            example: "warnings"
        ) { call throws(ShellError) in
            guard call.count <= 1 else { throw call.usage("takes at most one FILING") }
            return WarningsCommand(filing: call.first)
        },
        CommandSpec(
            name: "projects", group: .filings,
            usage:
                "projects [--computed] [--all] [--where EXPR] [--unit U] [--year Y] "
                + "[--sort COLUMN] [--desc] [--limit N]",
            summary: "One row per project (项目): budget, execution, 执行率, 分值, 得分, 总分",
            details: """
                Lists the projects of the current filing with the figures as reported. With --computed, or in a \
                scenario with edits (whose amounts the reported 执行率 no longer describes), the figures computed \
                under the rules in force follow. --all lists the projects of every loaded filing: filing number, \
                单位名称, 年度, 项目名称, amounts, 执行率 reported and computed, the execution row's \
                分值 and 得分, 总分 reported and computed, 等级 (reported → computed where it moves) and the \
                number of findings; \
                exports add 得分(计算) and the file. \(Selection.help)
                """,
            example: "projects --all --where \"执行率 < 0.6 AND 得分 = 分值\" --sort 执行率 --limit 20"
        ) { call throws(ShellError) in
            let args = try call.arguments(
                allowing: Selection.flags.union(["--computed", "--all"]), valued: Selection.options)
            guard args.positional.isEmpty else { throw call.usage("takes no arguments besides its options") }
            let selection = try Selection(args, call)
            if args.has("--all") { return ProjectsCommand(computed: true, all: true, selection: selection) }
            return ProjectsCommand(computed: args.has("--computed"), selection: selection)
        },
        CommandSpec(
            name: "show", group: .filings,
            usage: "show PROJECT [INDICATOR] | show dept | show basic",
            summary: "Show a project's funds, goal and numbered indicators; or 部门整体表, 基础数据表",
            details: """
                PROJECT is a number from 'projects', a name, or a unique part of a name. The indicators are numbered; \
                'show PROJECT N' prints indicator N in full, and later commands address indicators by the same \
                numbers. 'show dept' shows the 部门整体支出绩效自评表, 'show basic' the 基础数据表.
                """,
            example: "show 劳模",
            completion: .projects
        ) { call throws(ShellError) in
            guard call.count == 1 || call.count == 2 else { throw call.usage("needs PROJECT, 'dept' or 'basic'") }
            if ["basic", "基础数据"].contains(call[0].lowercased()) { return ShowCommand(what: .basic) }
            return ShowCommand(what: .table(Target.parse(call[0]), indicator: call.count == 2 ? call[1] : nil))
        },
        CommandSpec(
            name: "report", group: .filings,
            usage: "report PROJECT | report dept | report other | report FILE.html|FILE.md [--force]",
            summary: "Print a narrative (自评报告), or write the county's review report (审核报告) to hand on",
            details: """
                Prints the 项目支出绩效自评报告 that follows a project's table, section by section; 'dept' \
                the 部门整体支出绩效自评报告; 'other' the 汇总报告 and 情况说明. \
                'report FILE.html' writes the \
                review of every loaded filing as one self-contained web page (no network, fonts or scripts; charts \
                as inline SVG; laid out for A4 with a page per section): the county at a glance, charts of 执行率 \
                and grades, the grades that move under the rules in force, the projects with the lowest 执行率, \
                the findings by check and by unit, the errors with their file and line, and the rule sets used. \
                'report FILE.md' writes the same as Markdown.
                """,
            example: "report 审核报告.html",
            completion: .projects
        ) { call throws(ShellError) in
            let args = try call.arguments(allowing: ["--force"])
            if let first = args.positional.first, ReportFileCommand.isDocument(first), args.positional.count == 1 {
                return ReportFileCommand(path: first, force: args.has("--force"))
            }
            guard call.count == 1 else { throw call.usage("needs PROJECT, 'dept' or 'other'") }
            if ["other", "summary", "汇总"].contains(call[0].lowercased()) { return ReportCommand(target: nil) }
            return ReportCommand(target: Target.parse(call[0]))
        },
    ]
}

struct LoadCommand: Command, Equatable {
    /// Files, folders or globs; empty for the bundled example.
    var paths: [String]
    /// All or nothing: any file that fails fails the whole load.
    var strict = false
    /// Whether conversions are read from and kept in the user's cache (`--no-cache`: neither).
    var cached = true

    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        let started = ContinuousClock.now
        var batch = Loader.Batch()
        if paths.isEmpty {
            batch.loaded = [try Loader.example()]
        } else {
            batch = try Loader.load(
                paths, environment, strict: strict, cache: cached ? environment.conversionCache : nil)
        }
        // One file that fails, and nothing else named: the load's own error, as for any command.
        if batch.loaded.isEmpty, batch.failed.count == 1 { throw batch.failed[0].error }
        let long = batch.loaded.count + batch.failed.count > Self.listedFiles
        var notes: [Output.Diagnostic] = []
        // The example a shell started with is never counted, checked or exported with real filings.
        if !paths.isEmpty, !batch.loaded.isEmpty, session.holdsOnlyTheExample {
            session.remove(at: [0])
            notes.append(.init(kind: .note, subject: "example", message: "unloaded: your filings replace it"))
        }
        var known = Dictionary(session.filings.enumerated().map { ($1.filing.sha256, $0 + 1) }) { first, _ in first }
        var fresh: [LoadedFiling] = []
        fresh.reserveCapacity(batch.loaded.count)
        var read: [LoadedFiling] = []
        swap(&read, &batch.loaded)  // the only reference, so the filings move out of it
        let count = read.count
        for item in (consume read).draining() {
            if let number = known[item.filing.sha256] {
                if !long {
                    notes.append(
                        .init(kind: .note, subject: item.path, message: "already loaded as [\(number)] (same SHA-256)"))
                }
                continue
            }
            known[item.filing.sha256] = session.filings.count + fresh.count + 1
            fresh.append(item)
        }
        let first = session.filings.count + 1
        let added = fresh.count
        // A short load lists what it read; a long one says how many, so its filings move to the
        // session uncopied.
        let listing =
            long
            ? ""
            : fresh.enumerated().map { i, item in
                FilingViews.summary(first + i, item.filing, path: item.path) + "\n"
            }
            .joined()
        session.add(consume fresh)
        let errors = batch.failed.map { Output.Diagnostic(kind: .error, subject: $0.path, message: Self.reason($0)) }
        let duplicates = count - added
        var counts = "\(added) loaded, \(errors.count) failed"
        if duplicates > 0 { counts += ", \(duplicates) duplicate\(duplicates == 1 ? "" : "s") skipped" }
        guard !long else {
            // A long load is one line, after its failures: 'filings' lists what it read.
            if environment.atTerminal { counts += " in " + Self.seconds(since: started) }
            var output = Output(counts + "\n", diagnostics: errors + notes, confirms: true)
            output.summarizes = true
            return output
        }
        var text = listing
        if !errors.isEmpty || duplicates > 0 { text += counts + "\n" }
        return Output(text, diagnostics: errors + notes, confirms: true)
    }

    /// Loads of more files than this say what they did in one line.
    static let listedFiles = 20

    /// `1.9 s`: a load's time, for its summary line at a terminal.
    static func seconds(since start: ContinuousClock.Instant) -> String {
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return String(format: "%.1f s", seconds)
    }

    /// A failure's reason without the path it begins with, which the diagnostic names.
    static func reason(_ failure: (path: String, error: ShellError)) -> String {
        let message = failure.error.description
        let prefix = failure.path + ": "
        return message.hasPrefix(prefix) ? String(message.dropFirst(prefix.count)) : message
    }
}

struct FilingsCommand: Command, Equatable {
    var selection = Selection()

    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        guard !session.filings.isEmpty else { throw .noFiling }
        let results = try session.results(environment)
        return Output(try selection.apply(to: CountyViews.filings(results, current: session.currentIndex), environment))
    }
}

/// `unload N|UNIT|--all`: drops filings from the session, refusing where a scenario has edits
/// not saved unless `--force`.
struct UnloadCommand: Command, Equatable {
    var filings: [String]
    var all = false
    var force = false

    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        var indices = Set<Int>()
        if all {
            indices = Set(session.filings.indices)
        } else {
            for word in filings { indices.insert(try session.filingIndex(word)) }
        }
        let unsaved = indices.sorted().filter { index in
            session.filings[index].scenarios.contains { $0.isDirty && $0.editCount > 0 }
        }
        if !force, let first = unsaved.first {
            throw .refused(
                "[\(first + 1)] \(session.filings[first].filing.unit) has what-if edits not saved; "
                    + "'save FILE' keeps them, or add --force to unload anyway")
        }
        let names = indices.sorted().map { "[\($0 + 1)] \(FileNames.shown(session.filings[$0].path))" }
        session.remove(at: indices)
        let left = session.filings.count
        return Output(
            "unloaded \(names.joined(separator: ", ")); \(left) filing\(left == 1 ? "" : "s") loaded\n",
            confirms: true)
    }
}

struct UseCommand: Command, Equatable {
    var filing: String

    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        let index = try session.filingIndex(filing)
        session.currentIndex = index
        let loaded = session.filings[index]
        return Output(FilingViews.summary(index + 1, loaded.filing, path: loaded.path))
    }
}

struct WarningsCommand: Command, Equatable {
    var filing: String?

    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        var shown = try session.requireCurrent()
        if let filing { shown = session.filings[try session.filingIndex(filing)] }
        return Output(FilingViews.warnings(shown.filing, path: shown.path))
    }
}

struct ProjectsCommand: Command, Equatable {
    /// Show the computed columns even when the scenario has no edits.
    var computed: Bool
    /// Every loaded filing's projects, not the current filing's.
    var all = false
    var selection = Selection()

    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        if all {
            guard !session.filings.isEmpty else { throw .noFiling }
            let listing = CountyViews.projects(try session.results(environment), map: everyCore)
            return Output(try selection.apply(to: listing, environment))
        }
        let index = try session.requireCurrentIndex()
        let loaded = session.filings[index]
        let filing = loaded.edited
        guard computed || loaded.scenario.editCount > 0 else {
            return Output(try selection.apply(to: FilingViews.projects(filing), environment))
        }
        let analysis = session.analysis(index)
        let listing = FilingViews.projects(filing, cards: analysis.projects, rules: analysis.rules)
        return Output(try selection.apply(to: listing, environment))
    }
}

struct ShowCommand: Command, Equatable {
    enum What: Equatable {
        /// A project or the department, or one indicator of it.
        case table(Target, indicator: String?)
        case basic
    }

    var what: What

    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        let filing = try session.requireCurrent().edited
        switch what {
        case .basic:
            guard let basic = filing.basic else { throw .refused("this filing has no 基础数据表") }
            return Output(FilingViews.basic(basic, place: filing.place))
        case .table(let word, let indicator):
            let target = try filing.resolve(word)
            guard let table = filing.table(for: target) else { throw .model(.noDepartment) }
            let name = filing.name(of: target)
            if let indicator {
                let i = try indicatorIndex(indicator, in: table.indicators)
                return Output(FilingViews.indicator(table.indicators[i], number: i + 1, of: name, place: filing.place))
            }
            if let department = filing.department, target == .department {
                return Output(FilingViews.department(department, unit: filing.unit, place: filing.place))
            }
            let number = try filing.projectIndex(name)
            return Output(FilingViews.project(filing.projects[number], number: number + 1, place: filing.place))
        }
    }
}

struct ReportCommand: Command, Equatable {
    /// A project or the department; nil for the other reports (汇总报告, 情况说明).
    var target: Target?

    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        let filing = try session.requireCurrent().edited
        guard let target else {
            if filing.otherReports.isEmpty { return Output("no other reports\n") }
            return Output(filing.otherReports.map { FilingViews.narrative($0, what: $0.title) }.joined())
        }
        if target == .department {
            return Output(FilingViews.narrative(filing.report, what: Department.displayName))
        }
        let p = try filing.projectIndex(target.projectName ?? "")
        return Output(FilingViews.narrative(filing.projects[p].report, what: filing.projects[p].name))
    }
}
