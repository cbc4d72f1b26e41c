import Foundation

extension CommandSpec {
    static let filingCommands: [CommandSpec] = [
        CommandSpec(
            name: "load", aliases: ["open-filing"], group: .filings,
            usage: "load PATH... | load --example",
            summary: "Load filings (加载自评报告): files, folders, globs, or the bundled example",
            details: """
            Reads each filing (a .docx, or a .docx dumped to text in UTF-8 or GB18030) and prints one line per filing: unit (单位名称), \
            year, projects, warnings. A folder loads every .txt and .docx inside; a glob such as 'filings/*.txt' loads every match. If any file cannot be read, nothing is loaded \
            and the filings already loaded stay as they were. The last filing loaded becomes the current one.
            """,
            example: "load ../shared/filings/000_4163b9005dfad92f.txt",
            completion: .paths
        ) { shell, call throws(ShellError) in
            let args = try call.arguments(allowing: ["--example"])
            if args.has("--example") == !args.positional.isEmpty {
                throw call.usage(args.positional.isEmpty ? "needs a PATH (or --example)" : "give either PATHs or --example")
            }
            let loaded = args.has("--example") ? [try Loader.example()] : try Loader.load(args.positional, shell: shell)
            let first = shell.session.filings.count + 1
            shell.session.add(loaded)
            for (i, item) in loaded.enumerated() { shell.write(FilingViews.summary(first + i, item)) }
        },
        CommandSpec(
            name: "filings", group: .filings,
            usage: "filings",
            summary: "List the loaded filings; * marks the current one",
            details: "One row per loaded filing: number, 单位名称, 年度, projects, warnings, encoding and the file it came from.",
            example: "filings"
        ) { shell, call throws(ShellError) in
            guard call.isEmpty else { throw call.usage("takes no arguments") }
            guard !shell.session.filings.isEmpty else { throw .noFiling }
            shell.write(FilingViews.filings(shell.session))
        },
        CommandSpec(
            name: "use", group: .filings,
            usage: "use FILING",
            summary: "Make another loaded filing the current one (by number or 单位名称)",
            details: "FILING is the number shown by 'filings', or the unit name (a unique prefix is enough).",
            example: "use 2"
        ) { shell, call throws(ShellError) in
            guard call.count == 1 else { throw call.usage("needs one FILING") }
            let index = try shell.session.filingIndex(call[0])
            shell.session.currentIndex = index
            shell.write(FilingViews.summary(index + 1, shell.session.filings[index]))
        },
        CommandSpec(
            name: "warnings", group: .filings,
            usage: "warnings [FILING]",
            summary: "List what the reader could not place, as FILE:LINE: warning: …",
            details: "Every cell or row the reader saw but could not place is kept as a warning with its line, so nothing is dropped silently.",
            example: "warnings"
        ) { shell, call throws(ShellError) in
            guard call.count <= 1 else { throw call.usage("takes at most one FILING") }
            let loaded: LoadedFiling
            if let word = call.first { loaded = shell.session.filings[try shell.session.filingIndex(word)] } else { loaded = try shell.session.requireCurrent() }
            shell.write(FilingViews.warnings(loaded))
        },
        CommandSpec(
            name: "projects", group: .filings,
            usage: "projects",
            summary: "One row per project (项目): budget, execution, 执行率, 分值, 得分, 总分",
            details: "Lists the projects of the current filing with the figures as reported. After 'recompute', computed columns follow.",
            example: "projects"
        ) { shell, call throws(ShellError) in
            guard call.isEmpty else { throw call.usage("takes no arguments") }
            shell.write(shell.session.projectsView(try shell.session.requireCurrent()))
        },
        CommandSpec(
            name: "show", group: .filings,
            usage: "show PROJECT [INDICATOR] | show dept | show basic",
            summary: "Show a project's funds, goal and numbered indicators; or 部门整体表, 基础数据表",
            details: """
            PROJECT is a number from 'projects', a name, or a unique part of a name. The indicators are numbered; 'show PROJECT N' prints \
            indicator N in full, and later commands address indicators by the same numbers. 'show dept' shows the 部门整体支出绩效自评表, \
            'show basic' the 基础数据表.
            """,
            example: "show 劳模",
            completion: .projects
        ) { shell, call throws(ShellError) in
            guard call.count == 1 || call.count == 2 else { throw call.usage("needs PROJECT, 'dept' or 'basic'") }
            let filing = try shell.session.requireCurrent().edited
            switch call[0].lowercased() {
            case "dept", "department", "部门":
                guard let d = filing.department else { throw .refused("this filing has no 部门整体支出绩效自评表") }
                if call.count == 2 {
                    let i = try indicatorIndex(call[1], in: d.indicators)
                    shell.write(FilingViews.indicator(d.indicators[i], number: i + 1, of: "部门整体"))
                } else {
                    shell.write(FilingViews.department(d, unit: filing.unit))
                }
            case "basic", "基础数据":
                guard let b = filing.basic else { throw .refused("this filing has no 基础数据表") }
                shell.write(FilingViews.basic(b))
            default:
                let p = try filing.projectIndex(call[0])
                if call.count == 2 {
                    let project = filing.projects[p]
                    let i = try indicatorIndex(call[1], in: project.indicators)
                    shell.write(FilingViews.indicator(project.indicators[i], number: i + 1, of: project.name))
                } else {
                    shell.write(FilingViews.project(filing.projects[p], number: p + 1))
                }
            }
        },
        CommandSpec(
            name: "report", group: .filings,
            usage: "report PROJECT | report dept | report other",
            summary: "Print the narrative (自评报告) of a project, the department, or the other reports",
            details: "Prints the 项目支出绩效自评报告 that follows a project's table, section by section; 'dept' the 部门整体支出绩效自评报告; 'other' the 汇总报告 and 情况说明.",
            example: "report 1",
            completion: .projects
        ) { shell, call throws(ShellError) in
            guard call.count == 1 else { throw call.usage("needs PROJECT, 'dept' or 'other'") }
            let filing = try shell.session.requireCurrent().edited
            switch call[0].lowercased() {
            case "dept", "department", "部门":
                shell.write(FilingViews.narrative(filing.report, what: "部门整体"))
            case "other", "summary", "汇总":
                if filing.otherReports.isEmpty { shell.write("no other reports\n") }
                for n in filing.otherReports { shell.write(FilingViews.narrative(n, what: n.title)) }
            default:
                let p = try filing.projectIndex(call[0])
                shell.write(FilingViews.narrative(filing.projects[p].report, what: filing.projects[p].name))
            }
        },
    ]

    /// An indicator by its number in `show`, or a unique part of its 三级指标 name.
    static func indicatorIndex(_ word: String, in indicators: [Indicator]) throws(ShellError) -> Int {
        if let n = Int(word) {
            guard n >= 1 && n <= indicators.count else {
                throw .notFound(kind: "indicator", name: word, candidates: indicators.indices.map { "\($0 + 1)" })
            }
            return n - 1
        }
        let key = Labels.norm(word)
        let hits = indicators.indices.filter { Labels.norm(indicators[$0].level3).contains(key) }
        if hits.count == 1 { return hits[0] }
        if hits.count > 1 { throw .ambiguous(kind: "indicator", name: word, candidates: hits.map { "\($0 + 1) \(indicators[$0].level3)" }) }
        throw .notFound(kind: "indicator", name: word, candidates: indicators.map(\.level3))
    }
}

extension Shell {
    /// Loads the filings named on the command line. Their summaries are notes (stderr, and
    /// only in a terminal), so `jixiao FILE -c 'export json'` prints nothing but the JSON.
    public func loadAtStartup(_ paths: [String]) {
        do throws(ShellError) {
            let loaded = try Loader.load(paths, shell: self)
            let first = session.filings.count + 1
            session.add(loaded)
            for (i, item) in loaded.enumerated() { note(FilingViews.summary(first + i, item)) }
        } catch {
            reportFailure(error, location: "<command-line>: ")
        }
    }

    /// Loads the bundled example, with a one-line note naming it.
    public func loadExample() {
        do throws(ShellError) {
            let example = try Loader.example()
            session.add([example])
            note("No filing given: loaded the bundled example (\(example.filing.unit), an invented unit). 'load PATH' opens your own.")
        } catch {
            reportFailure(error, location: "")
        }
    }
}

extension Session {
    /// The `projects` table, with computed columns once `recompute` has run.
    func projectsView(_ loaded: LoadedFiling) -> String {
        let filing = loaded.edited
        guard loaded.recomputed else { return FilingViews.projects(filing) }
        let rules = self.rules(for: loaded).rules
        return FilingViews.projects(filing, cards: filing.projects.map { Scorer.score($0, rules: rules) }, rules: rules.name)
    }
}

/// Turns what the analyst typed after `load` into filings, all or nothing.
package enum Loader {
    static func example() throws(ShellError) -> LoadedFiling {
        guard let url = Bundle.module.url(forResource: "example", withExtension: "txt") else {
            throw .io(path: "example", reason: "the bundled example filing is missing from this build")
        }
        return try read(url.path, shownAs: "example")
    }

    static func read(_ path: String, shownAs shown: String) throws(ShellError) -> LoadedFiling {
        let data = try Disk.read(path, shownAs: shown)
        do {
            return LoadedFiling(filing: try FilingReader.read(data, source: shown), path: shown)
        } catch {
            throw .invalidFile(location: shown, reason: error.description)
        }
    }

    static func load(_ words: [String], shell: Shell) throws(ShellError) -> [LoadedFiling] {
        var result: [LoadedFiling] = []
        for word in words {
            let absolute = shell.resolve(word)
            if word.contains(where: { "*?[".contains($0) }) {
                let matches = Disk.glob(absolute)
                guard !matches.isEmpty else { throw .io(path: word, reason: "no file matches this pattern") }
                for path in matches where !Disk.isDirectory(path) && isCandidate(path) {
                    try shell.checkInterrupt()
                    result.append(try read(path, shownAs: shown(path, for: word, absolute: absolute)))
                }
            } else if Disk.isDirectory(absolute) {
                let files = try Disk.files(in: absolute, shownAs: word).filter(isCandidate)
                guard !files.isEmpty else { throw .io(path: word, reason: "no .txt filings in this folder") }
                for path in files {
                    try shell.checkInterrupt()
                    let name = (path as NSString).lastPathComponent
                    result.append(try read(path, shownAs: (word as NSString).appendingPathComponent(name)))
                }
            } else {
                result.append(try read(absolute, shownAs: word))
            }
        }
        return result
    }

    /// Files a folder or glob load takes: text dumps, not answer keys or notes.
    static func isCandidate(_ path: String) -> Bool {
        let ext = (path as NSString).pathExtension.lowercased()
        return ext == "txt" || ext == "text" || ext == "docx"
    }

    static func shown(_ path: String, for word: String, absolute: String) -> String {
        guard !word.hasPrefix("/") else { return path }
        let base = String(absolute.dropLast(word.count))
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }
}
