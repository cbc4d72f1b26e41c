import Foundation
import JixiaoModel
import JixiaoRendering
import JixiaoRules

extension CommandSpec {
    static let saveCommands: [CommandSpec] = [
        CommandSpec(
            name: "save", group: .whatIf,
            usage: "save PATH [--force] | save --script PATH [--force]",
            summary: "Save the current scenario (保存): versioned JSON, or a jixiao script that recreates it",
            details: """
                'save PATH' writes a JSON document with the filing's path and SHA-256, the rule set, the edits in \
                order (to be replayed by 'open') and the computed results. 'save --script PATH' writes the commands \
                that recreate the scenario when piped into jixiao. Writes are atomic (a temporary file in the same \
                folder, flushed, then renamed): a failed save leaves the old file as it was. An existing file that is \
                not this scenario's own is replaced only with --force.
                """,
            example: "save 劳模-下调.json",
            completion: .paths
        ) { call throws(ShellError) in
            let args = try call.arguments(allowing: ["--force", "--script"])
            guard args.positional.count == 1 else { throw call.usage("needs one PATH") }
            return SaveCommand(path: args.positional[0], script: args.has("--script"), force: args.has("--force"))
        },
        CommandSpec(
            name: "open", group: .whatIf,
            usage: "open PATH",
            summary: "Open a saved scenario: load its filing if needed and replay its edits",
            details: """
                Reads a scenario saved with 'save', loads its filing unless it is loaded already (found by SHA-256 or \
                path), chooses its rule set, and replays the edits. When the filing's SHA-256 differs from the saved \
                one it warns, replays what still applies and lists what does not; over the same filing, an edit \
                that does not apply means the file was changed by hand, and nothing is opened.
                """,
            example: "open 劳模-下调.json",
            completion: .paths
        ) { call throws(ShellError) in
            guard call.count == 1 else { throw call.usage("needs one PATH") }
            return OpenCommand(path: call[0])
        },
    ]
}

extension Edit {
    /// The command that makes this edit, for `edits` and `save --script`.
    var command: String {
        var words = ["set", field.rawValue, target.projectName.map(Tokenizer.quote) ?? "dept"]
        if let indicator { words.append("\(indicator)") }
        words.append(Tokenizer.quote(value))
        return words.joined(separator: " ")
    }

    var json: JSON {
        .object([
            ("field", .string(field.rawValue)), ("project", .str(target.projectName)), ("indicator", .int(indicator)),
            ("level3", .str(level3)), ("value", .string(value)),
        ])
    }

    /// An edit as `save` wrote it; nil when it is not one.
    init?(json: JSON) {
        guard let name = json["field"]?.stringValue, let field = Field(rawValue: name),
            let value = json["value"]?.stringValue
        else { return nil }
        let target = json["project"]?.stringValue.map(Target.project) ?? .department
        self.init(
            field: field, target: target, indicator: json["indicator"]?.intValue, level3: json["level3"]?.stringValue,
            value: value)
    }
}

struct SaveCommand: Command, Equatable {
    var path: String
    /// Write the commands that recreate the scenario instead of the JSON document.
    var script: Bool
    var force: Bool

    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        let loaded = try session.requireCurrent()
        let rules = session.rules(for: loaded).rules
        let text =
            script
            ? Scenarios.script(loaded, chosen: session.chosenRules, views: session.tempViews())
            : Scenarios.document(loaded, rules: rules, views: session.tempViews()).rendered()
        let absolute = environment.resolve(path)
        let own = loaded.scenario.savedAs.map(environment.resolve) == absolute || Scenarios.isOwn(absolute, of: loaded)
        try environment.write(text, to: path, force: force || own, isPrivate: true)
        if !script {
            try session.updateCurrent { loaded throws(ShellError) in
                loaded.scenario.savedAs = path
                loaded.scenario.isDirty = false
            }
        }
        return Output(
            "saved scenario \(loaded.scenario.name) (\(loaded.scenario.editCount) edits) to \(path)\n", confirms: true)
    }
}

struct OpenCommand: Command, Equatable {
    var path: String

    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        let saved = try Scenarios.read(path, environment)
        var out = ""
        // The filing: loaded already (same hash, else same path), or loaded now.
        let known =
            session.filings.firstIndex { $0.filing.sha256 == saved.sha256 }
            ?? session.filings.firstIndex { $0.path == saved.filingPath }
        let index: Int
        if let known {
            index = known
        } else {
            let filing =
                saved.filingPath == "example"
                ? try Loader.example() : try Loader.load([saved.filingPath], environment)[0]
            session.add([filing])
            index = session.filings.count - 1
            out += FilingViews.summary(session.filings.count, filing.filing, path: filing.path) + "\n"
        }
        var (scenario, skipped) = Scenarios.replay(saved, over: session.filings[index].filing)
        // Over the very filing it was saved from, every edit applied once: one that does not
        // now was changed by hand, and nothing of the file is taken.
        if let first = skipped.first, session.filings[index].filing.sha256 == saved.sha256 {
            let line = saved.editLines[first.index].map { ":\($0)" } ?? ""
            throw .invalidFile(
                location: path + line,
                reason: "edit \(first.index + 1) does not apply to the filing it was saved from "
                    + "(\(first.text)); nothing was opened")
        }
        scenario.savedAs = path
        var loaded = session.filings[index]
        var notes: [String] = []
        if loaded.filing.sha256 != saved.sha256 {
            notes.append(
                "warning: \(loaded.path) has changed since the scenario was saved (SHA-256 differs); "
                    + "replaying what still applies")
        }
        if let existing = loaded.scenarios.firstIndex(where: { $0.name == saved.name }) {
            loaded.scenarios[existing] = scenario
            loaded.scenarioIndex = existing
        } else {
            loaded.scenarios.append(scenario)
            loaded.scenarioIndex = loaded.scenarios.count - 1
        }
        session.filings[index] = loaded
        session.currentIndex = index
        if let rules = saved.rules {
            if session.ruleSets.contains(where: { $0.name == rules }) {
                if session.rules(for: loaded).rules.name != rules { session.chosenRules = rules }
            } else {
                let inForce = session.rules(for: loaded).rules.name
                notes.append("warning: the scenario was scored under \(rules), which is not loaded; using \(inForce)")
            }
        }
        try session.makeViews(saved.views, environment)
        out += notes.map { $0 + "\n" }.joined()
        if !saved.views.isEmpty { out += "views made again: \(saved.views.map(\.name).joined(separator: ", "))\n" }
        out += "opened scenario \(saved.name): \(scenario.editCount) of \(saved.edits.count) edits replayed\n"
        if !skipped.isEmpty { out += "not replayed:\n" + skipped.map { "  " + $0.text }.joined(separator: "\n") + "\n" }
        return Output(out)
    }
}

/// Saving and opening scenarios.
enum Scenarios {
    /// A scenario file as read, before it is replayed.
    struct Saved {
        var name: String
        var filingPath: String
        var sha256: String
        var rules: String?
        var edits: [Edit]
        /// Named queries (`sql CREATE TEMP VIEW`) saved with the scenario.
        var views: [(name: String, sql: String)] = []
        /// The file line of each edit, for errors.
        var editLines: [Int?] = []
    }

    static func document(_ loaded: LoadedFiling, rules: RuleSet, views: [(name: String, sql: String)] = []) -> JSON {
        let edited = loaded.edited
        func result(_ table: ScoredTable) -> [(String, JSON)] {
            guard case .object(let c) = FilingExport.computed(Scorer.score(table, rules: rules)) else { return [] }
            return c.filter { $0.0 != "indicatorScores" }
        }
        var results: [(String, JSON)] = []
        results.append(
            ("projects", .array(edited.projects.map { .object([("name", .string($0.name))] + result($0.table)) })))
        if let department = edited.department { results.append(("department", .object(result(department.table)))) }
        let filing: JSON = .object([
            ("path", .string(loaded.path)), ("sha256", .string(loaded.filing.sha256)),
            ("unit", .string(loaded.filing.unit)), ("year", .int(loaded.filing.year)),
        ])
        var fields: [(String, JSON)] = [
            ("format", .string("jixiao-scenario")), ("version", .number(1)),
            ("scenario", .string(loaded.scenario.name)), ("filing", filing), ("rules", .string(rules.name)),
            ("edits", .array(loaded.scenario.edits.map(\.json))),
        ]
        // Only a scenario with views names them, so one without reads as before.
        if !views.isEmpty {
            fields.append(
                ("views", .array(views.map { .object([("name", .string($0.name)), ("sql", .string($0.sql))]) })))
        }
        return .object(fields + [("results", .object(results))])
    }

    static func script(
        _ loaded: LoadedFiling, chosen: String?, views: [(name: String, sql: String)] = []
    ) -> String {
        let name = loaded.scenario.name
        var lines = [
            "# jixiao scenario \(name) over \(loaded.filing.unit) (sha256 \(loaded.filing.sha256))",
            "# Recreate it with: jixiao < this-file", "",
        ]
        lines.append(loaded.path == "example" ? "load --example" : "load \(Tokenizer.quote(loaded.path))")
        if let chosen { lines.append("rules use \(chosen)") }
        if name != "default" { lines.append("scenario new \(Tokenizer.quote(name))") }
        lines += loaded.scenario.edits.map(\.command)
        // A view's statement on one line, as the shell reads a script line by line.
        lines += views.map { "sql " + $0.sql.split(whereSeparator: \.isNewline).joined(separator: " ") }
        lines.append("diff")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A file that holds a saved scenario of the same name over the same filing.
    static func isOwn(_ path: String, of loaded: LoadedFiling) -> Bool {
        guard let text = try? Disk.readText(path, shownAs: path) else { return false }
        if text.hasPrefix("# jixiao scenario \(loaded.scenario.name) over \(loaded.filing.unit) ") { return true }
        guard let json = try? JSON.parse(text) else { return false }
        return json["format"]?.stringValue == "jixiao-scenario" && json["scenario"]?.stringValue == loaded.scenario.name
            && json["filing"]?["sha256"]?.stringValue == loaded.filing.sha256
    }

    /// Reads a scenario file, checking its format and every edit before anything is applied.
    static func read(_ path: String, _ environment: any Environment) throws(ShellError) -> Saved {
        let text = try environment.readText(path)
        let json: JSON
        do {
            json = try JSON.parse(text)
        } catch {
            throw .jsonSyntax(path: path, error)
        }
        guard json["format"]?.stringValue == "jixiao-scenario" else {
            throw .invalidFile(location: path, reason: "not a jixiao scenario (no \"format\": \"jixiao-scenario\")")
        }
        guard json["version"]?.intValue == 1 else {
            let version = json["version"]?.intValue ?? 0
            let line = JSON.keyLines(text)["version"].map { ":\($0)" } ?? ""
            throw .invalidFile(
                location: path + line,
                reason: "scenario version \(version) is not supported (this jixiao reads version 1)")
        }
        guard let filingPath = json["filing"]?["path"]?.stringValue, let name = json["scenario"]?.stringValue,
            let list = json["edits"]?.arrayValue
        else { throw .invalidFile(location: path, reason: "missing filing, scenario or edits") }
        try checkFields(json, text: text, path: path)
        var edits: [Edit] = []
        for (i, item) in list.enumerated() {
            guard let edit = Edit(json: item) else {
                let line = JSON.keyLines(text)["edits.\(i).field"].map { ":\($0)" } ?? ""
                throw .invalidFile(location: path + line, reason: "edit \(i + 1) is not an edit")
            }
            edits.append(edit)
        }
        let sha256 = json["filing"]?["sha256"]?.stringValue ?? ""
        let lines = JSON.keyLines(text)
        var views: [(name: String, sql: String)] = []
        for (i, item) in (json["views"]?.arrayValue ?? []).enumerated() {
            guard let name = item["name"]?.stringValue, let sql = item["sql"]?.stringValue,
                sql.uppercased().hasPrefix("CREATE TEMP VIEW")
            else {
                let line = JSON.keyLines(text)["views.\(i).name"].map { ":\($0)" } ?? ""
                throw .invalidFile(location: path + line, reason: "view \(i + 1) is not a CREATE TEMP VIEW statement")
            }
            views.append((name, sql))
        }
        return Saved(
            name: name, filingPath: filingPath, sha256: sha256, rules: json["rules"]?.stringValue, edits: edits,
            views: views, editLines: edits.indices.map { lines["edits.\($0).field"] })
    }

    /// The fields a scenario file may hold; any other is a hand edit jixiao would silently drop.
    static let scenarioFields: Set<String> = [
        "format", "version", "scenario", "filing", "rules", "edits", "views", "results",
    ]
    static let filingFields: Set<String> = ["path", "sha256", "unit", "year"]
    static let editFields: Set<String> = ["field", "project", "department", "indicator", "level3", "value"]

    /// A located error for the first field jixiao does not know, at the top, in `filing` or in an edit.
    static func checkFields(_ json: JSON, text: String, path: String) throws(ShellError) {
        let lines = JSON.keyLines(text)
        func check(_ object: JSON?, _ allowed: Set<String>, at prefix: String) throws(ShellError) {
            guard case .object(let pairs)? = object else { return }
            for (key, _) in pairs where !allowed.contains(key) {
                let line = lines[prefix + key].map { ":\($0)" } ?? ""
                throw .invalidFile(location: path + line, reason: "unknown field \"\(key)\"; nothing was opened")
            }
        }
        try check(json, scenarioFields, at: "")
        try check(json["filing"], filingFields, at: "filing.")
        for (i, edit) in (json["edits"]?.arrayValue ?? []).enumerated() {
            try check(edit, editFields, at: "edits.\(i).")
        }
    }

    /// Replays the saved edits over `filing`: what applies is kept, what does not is listed.
    static func replay(_ saved: Saved, over filing: Filing) -> (Scenario, skipped: [(index: Int, text: String)]) {
        var scenario = Scenario(name: saved.name)
        var skipped: [(index: Int, text: String)] = []
        for (i, edit) in saved.edits.enumerated() {
            do {
                try scenario.apply(edit, over: filing)
            } catch {
                skipped.append((i, "\(edit.command): \(error.description)"))
            }
        }
        scenario.isDirty = !skipped.isEmpty
        return (scenario, skipped)
    }
}
