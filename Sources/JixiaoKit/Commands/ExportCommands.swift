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
                "export json|csv|md|text [PATH] [projects|indicators|findings] [--force] "
                + "| export sqlite PATH [--force]",
            summary: "Export (导出) the model as JSON, or a table as CSV, Markdown or JSON, to stdout or PATH",
            details: """
                'export json' prints the whole model of the current filing (the schema is in the README) with the \
                values computed under the rules in force. With a table name — projects, indicators or findings — \
                it exports that table of the current scenario, reported beside computed. CSV is UTF-8 with a \
                byte-order mark and RFC 4180 quoting (Excel and LibreOffice open the Chinese text correctly); md is a \
                Markdown table. With PATH the file is written atomically; an existing file is replaced only with \
                --force. 'export text' writes the text layout a .docx was read as: the FILE:LINE of warnings and \
                findings refer to its lines. 'export sqlite PATH' writes every loaded filing as an SQLite database \
                file, the tables 'sql' queries, for sqlite3, DuckDB, Datasette or LibreOffice Base.
                """,
            example: "export csv 项目.csv projects",
            completion: .words(["json", "csv", "md", "text", "sqlite"] + TableExport.Name.allCases.map(\.rawValue))
        ) { call throws(ShellError) in
            let args = try call.arguments(allowing: ["--force"])
            guard let first = args.positional.first, let format = ExportCommand.Format(rawValue: first) else {
                throw call.usage("needs a format: json, csv, md, text or sqlite")
            }
            let rest = args.positional.dropFirst()
            let tables = rest.compactMap(TableExport.Name.init(rawValue:))
            let paths = rest.filter { TableExport.Name(rawValue: $0) == nil }
            guard paths.count <= 1, tables.count <= 1 else { throw call.usage("give at most one PATH and one table") }
            if format == .sqlite {
                guard let path = paths.first, tables.isEmpty else {
                    throw call.usage("'export sqlite' needs a PATH, no table")
                }
                return ExportCommand(format: format, table: nil, path: path, force: args.has("--force"))
            }
            return ExportCommand(format: format, table: tables.first, path: paths.first, force: args.has("--force"))
        }
    ]
}

struct ExportCommand: Command, Equatable {
    enum Format: String, Sendable { case json, csv, md, text, sqlite }

    var format: Format
    /// A table to export; nil for the whole model (json) or the layout (text).
    var table: TableExport.Name?
    var path: String?
    var force: Bool

    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        if format == .sqlite, let path {
            guard !session.filings.isEmpty else { throw .noFiling }
            let mirror = try session.syncedMirror(environment)
            let data = try sqlite { () throws(SQLError) in try mirror.database.serialized() }
            try environment.write(data, to: path, force: force)
            return Output("wrote \(path) (\(session.filings.count) filings, \(data.count) bytes)\n", confirms: true)
        }
        let text = try content(session)
        guard let path else { return Output(text) }
        try environment.write(text, to: path, force: force)
        return Output("wrote \(path) (\(text.utf8.count) bytes)\n", confirms: true)
    }

    func content(_ session: Session) throws(ShellError) -> String {
        let index = try session.requireCurrentIndex()
        let loaded = session.filings[index]
        let filing = loaded.edited
        let analysis = session.analysis(index)
        switch (format, table) {
        case (.text, _):
            guard let layout = loaded.filing.layoutText else {
                throw .refused("\(loaded.path) is text already; its line numbers are its own")
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
