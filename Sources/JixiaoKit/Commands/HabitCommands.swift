import JixiaoRendering
import JixiaoSQL

/// The commands a psql or sqlite3 user's hands type (`\d`, `.schema`, `\x`, `\timing`,
/// `.mode`, `\e`), each a jixiao command of its own with the other tools' spellings as aliases.
extension CommandSpec {
    static let habitCommands: [CommandSpec] = [
        CommandSpec(
            name: "tables", aliases: ["\\d", "\\dt", ".tables"], group: .rules,
            usage: "tables [NAME]",
            summary: "List the tables and views 'sql' reads, or one's columns (表), as psql's \\d",
            details: """
                Without NAME, lists the mirror's tables and the temp views made with 'sql CREATE TEMP VIEW', each \
                with its columns. With NAME, lists that table's or view's columns and their types. 'schema' prints \
                the statements that make them.
                """,
            example: "\\d projects",
            completion: relationNames
        ) { call throws(ShellError) in
            guard call.count <= 1 else { throw call.usage("takes at most one NAME") }
            return TablesCommand(name: call.first)
        },
        CommandSpec(
            name: "schema", aliases: [".schema"], group: .rules,
            usage: "schema [NAME]",
            summary: "Print the CREATE statements of the tables and views 'sql' reads (结构), as sqlite3's .schema",
            details: "Without NAME, every table and temp view; with NAME, that one.",
            example: ".schema indicators",
            completion: relationNames
        ) { call throws(ShellError) in
            guard call.count <= 1 else { throw call.usage("takes at most one NAME") }
            return SchemaCommand(name: call.first)
        },
        CommandSpec(
            name: "expanded", aliases: ["\\x"], group: .shell,
            usage: "expanded [on|off|auto]",
            summary: "Show tables as records, one field a line (展开显示), as psql's \\x",
            details: """
                on is 'option format records'; off is 'option format aligned' (never records); auto is 'option \
                format auto' (records only when a table is too wide for the window). Alone, switches between on \
                and auto.
                """,
            example: "\\x",
            completion: .contextual { previous, _ in previous.isEmpty ? .words(["on", "off", "auto"]) : .none }
        ) { call throws(ShellError) in
            guard call.count <= 1 else { throw call.usage("takes at most one of on, off, auto") }
            let formats = ["on": "records", "off": "aligned", "auto": "auto"]
            guard let word = call.first?.lowercased() else { return ExpandedCommand(format: nil) }
            guard let format = formats[word] else { throw call.usage("'\(call[0])' is not on, off or auto") }
            return ExpandedCommand(format: format)
        },
        CommandSpec(
            name: "timing", aliases: ["\\timing", ".timer"], group: .shell,
            usage: "timing [on|off]",
            summary: "Print each command's time (计时), as psql's \\timing; alone, switches it",
            details: "The same setting as 'option timing': Time: 12.345 ms after each command's output.",
            example: "\\timing on",
            completion: .contextual { previous, _ in previous.isEmpty ? .words(["on", "off"]) : .none }
        ) { call throws(ShellError) in
            guard call.count <= 1 else { throw call.usage("takes at most one of on, off") }
            if let word = call.first, !["on", "off"].contains(word.lowercased()) {
                throw call.usage("'\(word)' is not on or off")
            }
            return TimingCommand(value: call.first?.lowercased())
        },
        CommandSpec(
            name: "mode", aliases: [".mode"], group: .shell,
            usage: "mode [FORMAT]",
            summary: "Set the form of every table (格式), as sqlite3's .mode: also line, column, table, box",
            details: """
                The same setting as 'option format', with sqlite3's names too: line is records, and column, table \
                and box are aligned. Alone, shows the format in force.
                """,
            example: ".mode csv",
            completion: .contextual { previous, _ in
                previous.isEmpty ? .words(Settings.Format.names + ModeCommand.sqliteNames.keys.sorted()) : .none
            }
        ) { call throws(ShellError) in
            guard call.count <= 1 else { throw call.usage("takes at most one FORMAT") }
            guard let word = call.first?.lowercased() else { return OptionCommand(name: "format", value: nil) }
            let format = ModeCommand.sqliteNames[word] ?? word
            guard Settings.Format.names.contains(format) else {
                let all = Settings.Format.names + ModeCommand.sqliteNames.keys.sorted()
                throw call.usage("'\(call[0])' is not one of \(all.joined(separator: ", "))")
            }
            return OptionCommand(name: "format", value: format)
        },
        CommandSpec(
            name: "edit", aliases: ["\\e"], group: .shell,
            usage: "edit",
            summary: "Edit the last command in $EDITOR and run it when saved (编辑), as psql's \\e",
            details: """
                Writes the last command (nothing before the first) to a private temporary file and opens it in \
                $VISUAL, else $EDITOR, else vi. When the editor exits successfully, every line of the saved file \
                runs as if typed, and enters the history; an editor that fails, or a file left empty, runs nothing.
                """,
            example: "\\e"
        ) { call throws(ShellError) in
            try call.expectNone()
            return EditCommand()
        },
    ]
}

extension CommandSpec {
    /// The mirror's tables and the temp views, for the one NAME `tables` and `schema` take.
    static let relationNames = Completion.contextual { previous, session in
        previous.isEmpty ? .words(MirrorTable.allCases.map(\.rawValue) + session.tempViews().map(\.name)) : .none
    }
}

/// `tables`: the relations `sql` reads, or one's columns.
struct TablesCommand: Command, Equatable {
    var name: String?

    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        let database = try session.mirrorBox.get().database
        guard let name else {
            var listing = Listing([.init("name"), .init("type"), .init("columns")])
            for relation in try sqlite({ () throws(SQLError) in try database.relations() }) {
                let columns = try sqlite { () throws(SQLError) in try database.columns(of: relation.name) } ?? []
                listing.rows.append(
                    [.init(relation.name), .init(relation.kind), .init(columns.map(\.name).joined(separator: ", "))])
            }
            return Output(listing)
        }
        guard let columns = try sqlite({ () throws(SQLError) in try database.columns(of: name) }) else {
            let names = try sqlite { () throws(SQLError) in try database.relations() }.map(\.name)
            throw .notFound(kind: "table or view", name: name, candidates: names, all: true)
        }
        var listing = Listing([.init("column"), .init("type")])
        for column in columns { listing.rows.append([.init(column.name), .init(column.type)]) }
        return Output(listing)
    }
}

/// `schema`: the CREATE statements, each ending in `;` as sqlite3 prints them.
struct SchemaCommand: Command, Equatable {
    var name: String?

    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        let database = try session.mirrorBox.get().database
        let relations = try sqlite { () throws(SQLError) in try database.relations() }
        let chosen = relations.filter { name == nil || $0.name.lowercased() == name?.lowercased() }
        if let name, chosen.isEmpty {
            throw .notFound(kind: "table or view", name: name, candidates: relations.map(\.name), all: true)
        }
        return Output(chosen.map { Session.temporary($0.sql) + ";\n" }.joined())
    }
}

/// `\x`: records on, off (aligned) or auto; alone, between records and auto.
struct ExpandedCommand: Command, Equatable {
    var format: String?

    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        let toggled = session.settings.format == .fixed(.records) ? "auto" : "records"
        return try OptionCommand(name: "format", value: format ?? toggled).run(&session, environment)
    }
}

/// `\timing`: on, off, or alone the other of the two.
struct TimingCommand: Command, Equatable {
    var value: String?

    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        let value = value ?? (session.settings.timing ? "off" : "on")
        return try OptionCommand(name: "timing", value: value).run(&session, environment)
    }
}

enum ModeCommand {
    /// sqlite3's `.mode` names that are jixiao's formats under another name.
    static let sqliteNames = ["line": "records", "column": "aligned", "table": "aligned", "box": "aligned"]
}

/// `\e`: the shell opens the editor and runs what was saved.
struct EditCommand: Command, Equatable {
    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        Output(effect: .edit)
    }
}
