import Foundation

extension CommandSpec {
    static let saveCommands: [CommandSpec] = [
        CommandSpec(
            name: "save", group: .whatIf,
            usage: "save PATH [--force] | save --script PATH [--force]",
            summary: "Save the current scenario (保存): versioned JSON, or a jixiao script that recreates it",
            details: """
            'save PATH' writes a JSON document with the filing's path and SHA-256, the rule set, the edits in order (to be replayed \
            by 'open') and the computed results. 'save --script PATH' writes the commands that recreate the scenario when piped into \
            jixiao. Writes are atomic (a temporary file in the same folder, flushed, then renamed): a failed save leaves the old \
            file as it was. An existing file that is not this scenario's own is replaced only with --force.
            """,
            example: "save 劳模-下调.json",
            completion: .paths
        ) { shell, call throws(ShellError) in
            let args = try call.arguments(allowing: ["--force", "--script"])
            guard args.positional.count == 1 else { throw call.usage("needs one PATH") }
            let path = args.positional[0]
            let loaded = try shell.session.requireCurrent()
            let rules = shell.session.rules(for: loaded).rules
            let text = args.has("--script") ? Scenarios.script(loaded, rules: rules, chosen: shell.session.chosenRules) : Scenarios.document(loaded, rules: rules).rendered()
            let absolute = shell.resolve(path)
            let own = loaded.scenario.savedAs.map(shell.resolve) == absolute || Scenarios.isOwn(absolute, of: loaded)
            try shell.writeFile(text, to: path, force: args.has("--force") || own)
            if !args.has("--script") {
                try shell.session.updateCurrent { l throws(ShellError) in
                    l.scenario.savedAs = path
                    l.scenario.isDirty = false
                }
            }
            shell.write("saved scenario \(loaded.scenario.name) (\(loaded.scenario.edits.count) edits) to \(path)\n")
        },
        CommandSpec(
            name: "open", group: .whatIf,
            usage: "open PATH",
            summary: "Open a saved scenario: load its filing if needed and replay its edits",
            details: """
            Reads a scenario saved with 'save', loads its filing unless it is loaded already (found by SHA-256 or path), chooses its \
            rule set, and replays the edits. When the filing's SHA-256 differs from the saved one it warns, replays what still \
            applies and lists what does not.
            """,
            example: "open 劳模-下调.json",
            completion: .paths
        ) { shell, call throws(ShellError) in
            guard call.count == 1 else { throw call.usage("needs one PATH") }
            try Scenarios.open(call[0], shell: shell)
        },
    ]
}

/// Saving and opening scenarios.
enum Scenarios {
    static func document(_ loaded: LoadedFiling, rules: RuleSet) -> JSON {
        let edited = loaded.edited
        var results: [(String, JSON)] = []
        results.append(("projects", .array(edited.projects.map { p in
            var pairs = [("name", JSON.string(p.name))]
            if case .object(let c) = FilingExport.computed(Scorer.score(p, rules: rules)) { pairs += c.filter { $0.0 != "indicatorScores" } }
            return .object(pairs)
        })))
        if let d = edited.department, case .object(let c) = FilingExport.computed(Scorer.score(d, rules: rules)) {
            results.append(("department", .object(c.filter { $0.0 != "indicatorScores" })))
        }
        return .object([
            ("format", .string("jixiao-scenario")), ("version", .number(1)),
            ("scenario", .string(loaded.scenario.name)),
            ("filing", .object([("path", .string(loaded.path)), ("sha256", .string(loaded.filing.sha256)),
                                ("unit", .string(loaded.filing.unit)), ("year", loaded.filing.year.map { .number(Decimal($0)) } ?? .null)])),
            ("rules", .string(rules.name)),
            ("edits", .array(loaded.scenario.edits.map(\.json))),
            ("results", .object(results)),
        ])
    }

    static func script(_ loaded: LoadedFiling, rules: RuleSet, chosen: String?) -> String {
        var lines = ["# jixiao scenario \(loaded.scenario.name) over \(loaded.filing.unit) (sha256 \(loaded.filing.sha256))",
                     "# Recreate it with: jixiao < this-file", ""]
        lines.append(loaded.path == "example" ? "load --example" : "load \(Tokenizer.quote(loaded.path))")
        if let chosen { lines.append("rules use \(chosen)") }
        if loaded.scenario.name != "default" { lines.append("scenario new \(Tokenizer.quote(loaded.scenario.name))") }
        lines += loaded.scenario.edits.map(\.command)
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

    static func open(_ path: String, shell: Shell) throws(ShellError) {
        let text = try Disk.readText(shell.resolve(path), shownAs: path)
        let json = try JSON.parse(text, file: path)
        guard json["format"]?.stringValue == "jixiao-scenario" else { throw .invalidFile(location: path, reason: "not a jixiao scenario (no \"format\": \"jixiao-scenario\")") }
        guard json["version"]?.intValue == 1 else { throw .invalidFile(location: path, reason: "scenario version \(json["version"]?.intValue ?? 0) is not supported (this jixiao reads version 1)") }
        guard let filingPath = json["filing"]?["path"]?.stringValue, let name = json["scenario"]?.stringValue,
              let editList = json["edits"]?.arrayValue else { throw .invalidFile(location: path, reason: "missing filing, scenario or edits") }
        var edits: [Edit] = []
        for (i, item) in editList.enumerated() {
            guard let edit = Edit(json: item) else { throw .invalidFile(location: path, reason: "edit \(i + 1) is not an edit") }
            edits.append(edit)
        }
        let hash = json["filing"]?["sha256"]?.stringValue ?? ""
        // The filing: loaded already (same hash, else same path), or loaded now.
        var session = shell.session
        var index = session.filings.firstIndex { $0.filing.sha256 == hash } ?? session.filings.firstIndex { $0.path == filingPath }
        if index == nil {
            let loaded = filingPath == "example" ? try Loader.example() : try Loader.load([filingPath], shell: shell)[0]
            session.add([loaded])
            index = session.filings.count - 1
            shell.write(FilingViews.summary(session.filings.count, loaded))
        }
        guard let i = index else { return }
        var loaded = session.filings[i]
        var notes: [String] = []
        if loaded.filing.sha256 != hash {
            notes.append("warning: \(loaded.path) has changed since the scenario was saved (SHA-256 differs); replaying what still applies")
        }
        var scenario = Scenario(name: name)
        var skipped: [String] = []
        var filing = loaded.filing
        for edit in edits {
            do throws(ShellError) {
                try edit.apply(to: &filing)
                scenario.edits.append(edit)
            } catch {
                skipped.append("  \(edit.command): \(error.description)")
            }
        }
        scenario.savedAs = path
        scenario.isDirty = !skipped.isEmpty
        if let existing = loaded.scenarios.firstIndex(where: { $0.name == name }) {
            loaded.scenarios[existing] = scenario
            loaded.scenarioIndex = existing
        } else {
            loaded.scenarios.append(scenario)
            loaded.scenarioIndex = loaded.scenarios.count - 1
        }
        session.filings[i] = loaded
        session.currentIndex = i
        if let rules = json["rules"]?.stringValue {
            if session.ruleSets.contains(where: { $0.name == rules }) {
                if session.rules(for: loaded).rules.name != rules { session.chosenRules = rules }
            } else {
                notes.append("warning: the scenario was scored under \(rules), which is not loaded; using \(session.rules(for: loaded).rules.name)")
            }
        }
        shell.session = session
        for note in notes { shell.write(note + "\n") }
        shell.write("opened scenario \(name): \(scenario.edits.count) of \(edits.count) edits replayed\n")
        if !skipped.isEmpty { shell.write("not replayed:\n" + skipped.joined(separator: "\n") + "\n") }
    }
}
