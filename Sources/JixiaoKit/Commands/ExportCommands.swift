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
                values computed under the rules in force. With a table name — projects, indicators or findings — it \
                exports that table of the current scenario, reported beside computed. CSV is UTF-8 with a byte-order \
                mark and RFC 4180 quoting (Excel and LibreOffice open the Chinese text correctly); md is a Markdown \
                table. With PATH the file is written atomically; an existing file is replaced only with --force. \
                'export text' writes the text layout a .docx was read as: the FILE:LINE of warnings and findings \
                refer to its lines. 'export sqlite PATH' writes every loaded filing as an SQLite database file, the \
                tables 'sql' queries, for sqlite3, DuckDB, Datasette or LibreOffice Base.
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
            let data: Data
            do throws(SQLError) {
                data = try mirror.database.serialized()
            } catch {
                throw .sql(error.message)
            }
            try environment.write(data, to: path, force: force)
            return Output("wrote \(path) (\(session.filings.count) filings, \(data.count) bytes)\n")
        }
        let text = try content(session)
        guard let path else { return Output(text) }
        try environment.write(text, to: path, force: force)
        return Output("wrote \(path) (\(text.utf8.count) bytes)\n")
    }

    func content(_ session: Session) throws(ShellError) -> String {
        let loaded = try session.requireCurrent()
        let rules = session.rules(for: loaded).rules
        let filing = loaded.edited
        switch (format, table) {
        case (.text, _):
            guard let layout = loaded.filing.layoutText else {
                throw .refused("\(loaded.path) is text already; its line numbers are its own")
            }
            return layout
        case (.json, nil):
            return FilingExport.json(filing, computed: Scoring.computed(filing, rules: rules)).rendered()
        case (_, let name):
            let grid = Scoring.grid(name ?? .projects, filing, rules: rules)
            switch format {
            case .csv: return TableExport.csv(grid)
            case .md: return TableExport.markdown(grid)
            default: return TableExport.json(grid).rendered()
            }
        }
    }
}

/// Scores and findings of a filing, computed here for the views and exports that show them:
/// the rendering layer only turns the values it is given into text.
enum Scoring {
    static func computed(_ filing: Filing, rules: RuleSet) -> FilingExport.Computed {
        var cards: [Target: ScoreCard] = [:]
        for (target, _, table) in filing.scoredTables { cards[target] = Scorer.score(table, rules: rules) }
        return FilingExport.Computed(rules: rules.name, cards: cards)
    }

    static func findings(_ filing: Filing, rules: RuleSet) -> [Finding] {
        Checker.check(filing, rules: rules).sorted { ($0.severity, $0.line ?? 0) < ($1.severity, $1.line ?? 0) }
    }

    static func grid(_ name: TableExport.Name, _ filing: Filing, rules: RuleSet) -> TableExport.Grid {
        switch name {
        case .projects:
            let scored = filing.projects.map { (project: $0, card: Scorer.score($0.table, rules: rules)) }
            return TableExport.projects(scored, rules: rules.name)
        case .indicators:
            let tables = filing.scoredTables.map { t in
                (name: t.name, table: t.table, card: Scorer.score(t.table, rules: rules))
            }
            return TableExport.indicators(tables)
        case .findings:
            return TableExport.findings(findings(filing, rules: rules))
        }
    }
}
