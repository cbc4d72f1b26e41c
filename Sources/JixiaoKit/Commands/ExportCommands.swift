import Foundation
import JixiaoModel
import JixiaoRendering
import JixiaoRules
import JixiaoSQL

extension CommandSpec {
    static let exportCommands: [CommandSpec] = [
        CommandSpec(
            name: "export", group: .filings,
            usage:
                "export json|csv|md|xlsx|text [PATH] [COMMAND…|TABLE] [--force] | export sqlite PATH "
                + "| export csv DIR --all",
            summary: "Export (导出) any table a command prints, the model, or the whole county, to stdout or PATH",
            details: """
                'export csv|json|md|xlsx PATH COMMAND…' runs COMMAND and writes the table it prints: \
                'export csv top.csv projects --all --where "执行率 < 0.6"', 'export xlsx q.xlsx sql SELECT …'. \
                Every county table carries 单位名称, 年度 and the file on each row; in CSV, JSON and .xlsx \
                numbers \
                are numbers and rates fractions (a .xlsx shows them with number formats, so Excel or WPS sorts \
                them). CSV is UTF-8 with a byte-order mark and RFC 4180 quoting (Excel and LibreOffice open the \
                Chinese text correctly); md is a Markdown table. Without a COMMAND, 'export json' writes the whole \
                model of the current filing (the schema is in the README) with the values computed under the rules \
                in force, and a table name — projects, indicators or findings — exports that table of the current \
                filing, reported beside computed. 'export text' writes the text layout a .docx was read as: the \
                FILE:LINE of warnings and findings refer to its lines. 'export sqlite PATH' writes every loaded \
                filing as an SQLite database file, the tables 'sql' queries; 'export csv DIR --all' writes each of \
                those tables as DIR/TABLE.csv with a README.md of the schema, for DuckDB, pandas or Spark. A file is \
                written atomically; an existing one is replaced only with --force (the last word, or before COMMAND).
                """,
            example: "export csv 最低执行率.csv projects --all --sort 执行率 --limit 20",
            completion: .contextual { previous, _ in
                previous.count < 2
                    ? .words(
                        ["json", "csv", "md", "markdown", "xlsx", "text", "sqlite"]
                            + TableExport.Name.allCases.map(\.rawValue))
                    : .commands
            }
        ) { call throws(ShellError) in try ExportCommand.parse(call) }
    ]
}

struct ExportCommand: Command, Equatable {
    enum Format: String, Sendable { case json, csv, md, xlsx, text, sqlite }

    var format: Format
    /// A table of the current filing; nil for the whole model (json) or the layout (text).
    var table: TableExport.Name?
    var path: String?
    var force: Bool
    /// A command line whose table is written (`projects --all --where …`).
    var command: String?
    /// `export csv DIR --all`: every mirror table into a folder.
    var everyTable = false

    static func parse(_ call: Invocation) throws(ShellError) -> ExportCommand {
        var words = call.words
        // `markdown` is the word `option format` uses; `md` the file ending.
        guard let first = words.first, let format = Format(rawValue: first == "markdown" ? "md" : first) else {
            throw call.usage("needs a format: json, csv, md (markdown), xlsx, text or sqlite")
        }
        var consumed = 1
        var force = false
        var path: String?
        // Export's own words come first: --force, then PATH unless a table or command follows at once.
        while consumed < words.count {
            let word = words[consumed]
            if word == "--force" {
                force = true
            } else if path == nil, !word.hasPrefix("--"), CommandSpec.named(word) == nil,
                TableExport.Name(rawValue: word) == nil
            {
                path = word
            } else {
                break
            }
            consumed += 1
        }
        if words.last == "--force", consumed < words.count {
            force = true
            words.removeLast()
        }
        let rest = Array(words[consumed...])
        if format == .sqlite {
            guard let path, rest.isEmpty else { throw call.usage("'export sqlite' needs a PATH, no table") }
            return ExportCommand(format: format, path: path, force: force)
        }
        if rest == ["--all"] {
            guard format == .csv, let path else {
                throw call.usage("--all writes CSV files into a folder: export csv DIR --all")
            }
            return ExportCommand(format: format, path: path, force: force, everyTable: true)
        }
        if rest.isEmpty || (rest.count == 1 && TableExport.Name(rawValue: rest[0]) != nil) {
            if format == .xlsx { throw call.usage("'export xlsx' needs a PATH and a COMMAND whose table it writes") }
            return ExportCommand(
                format: format, table: rest.first.flatMap(TableExport.Name.init), path: path, force: force)
        }
        guard CommandSpec.named(rest[0]) != nil else {
            throw call.usage("'\(rest[0])' is neither a table (projects, indicators, findings) nor a command")
        }
        guard format != .text else { throw call.usage("'export text' writes the layout, not a command's table") }
        guard format != .xlsx || path != nil else { throw call.usage("'export xlsx' needs a PATH") }
        var line = try Tokenizer.remainder(of: call.raw, afterWords: consumed) ?? ""
        if words.count < call.words.count, line.hasSuffix("--force") { line = String(line.dropLast(7)) }
        return ExportCommand(format: format, path: path, force: force, command: Labels.trim(line))
    }

    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        if format == .sqlite, let path {
            guard !session.filings.isEmpty else { throw .noFiling }
            let mirror = try session.syncedMirror(environment)
            let data = try sqlite { () throws(SQLError) in try mirror.database.serialized() }
            try environment.write(data, to: path, force: force)
            return Output("wrote \(path) (\(session.filings.count) filings, \(data.count) bytes)\n", confirms: true)
        }
        if everyTable, let path { return try MirrorExport.write(session, into: path, force: force, environment) }
        if let command { return try export(try table(of: command, session, environment), environment) }
        let text = try content(session)
        guard let path else { return Output(verbatim: text) }
        try environment.write(text, to: path, force: force)
        return Output("wrote \(path) (\(text.utf8.count) bytes)\n", confirms: true)
    }

    /// Runs `line` on a copy of the session, which is dropped: an export changes nothing.
    func table(of line: String, _ session: Session, _ environment: any Environment) throws(ShellError) -> Listing {
        guard let parsed = try CommandSpec.parse(line) else { throw .invalidValue("export: no COMMAND given") }
        if parsed is ExportCommand || parsed is OutputCommand {
            throw .refused("export: '\(line)' writes a file itself; give a command that prints a table")
        }
        var copy = session
        let output = try binding(Output.$wantsText, to: false) { () throws(ShellError) in
            try parsed.run(&copy, environment)
        }
        guard let listing = output.listing else {
            throw .refused(
                "export: '\(line)' prints no one table; these do: projects, filings, check, summary --by, sql")
        }
        return listing
    }

    /// Writes `listing` in the format asked, to PATH or as the command's text.
    func export(_ listing: Listing, _ environment: any Environment) throws(ShellError) -> Output {
        let data: Data
        switch format {
        case .xlsx: data = try XLSXWriter.workbook(listing, sheet: sheetName)
        case .json: data = Data(listing.json().rendered().utf8)
        case .md: data = Data(listing.table().render(Presentation(format: .markdown)).utf8)
        default:
            guard path != nil else { return Output(verbatim: listing.csv(byteOrderMark: false, lineEnd: "\n")) }
            data = Data(listing.csv().utf8)
        }
        guard let path else { return Output(verbatim: String(decoding: data, as: UTF8.self)) }
        try environment.write(data, to: path, force: force)
        let rows = listing.rows.count
        return Output("wrote \(path) (\(rows) row\(rows == 1 ? "" : "s"), \(data.count) bytes)\n", confirms: true)
    }

    /// The sheet's name: the command's first word (`projects`), as Excel allows it.
    var sheetName: String {
        let word = command?.split(separator: " ").first.map(String.init) ?? "jixiao"
        return String(word.filter { !"[]:*?/\\".contains($0) }.prefix(31))
    }

    func content(_ session: Session) throws(ShellError) -> String {
        let index = try session.requireCurrentIndex()
        let loaded = session.filings[index]
        let filing = loaded.edited
        let analysis = session.analysis(index)
        switch (format, table) {
        case (.text, _):
            guard let layout = loaded.filing.layoutText else {
                throw .refused("\(FileNames.shown(loaded.path)) is text already; its line numbers are its own")
            }
            return layout
        case (.json, nil):
            let cards = Dictionary(zip(filing.scoredTables.map(\.target), analysis.cards)) { first, _ in first }
            return FilingExport.json(filing, computed: .init(rules: analysis.rules, cards: cards)).rendered()
        case (_, let name):
            let grid = Self.grid(name ?? .projects, filing, analysis)
            switch format {
            case .csv: return TableExport.csv(grid)
            case .md: return TableExport.markdown(grid)
            default: return TableExport.json(grid).rendered()
            }
        }
    }

    /// A table of the filing, reported beside computed as `analysis` scored it.
    static func grid(_ name: TableExport.Name, _ filing: Filing, _ analysis: Analysis) -> TableExport.Grid {
        switch name {
        case .projects:
            let scored = zip(filing.projects, analysis.projects).map { (project: $0, card: $1) }
            return TableExport.projects(scored, rules: analysis.rules)
        case .indicators:
            let tables = zip(filing.scoredTables, analysis.cards).map { (name: $0.name, table: $0.table, card: $1) }
            return TableExport.indicators(tables)
        case .findings:
            return TableExport.findings(analysis.findings)
        }
    }
}

extension Output {
    /// Text that reaches stdout as it is: an export's CSV, JSON or Markdown.
    init(verbatim text: String) {
        self.init(text)
        verbatim = true
    }
}
