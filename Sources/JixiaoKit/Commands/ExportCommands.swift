import Foundation

extension CommandSpec {
    static let exportCommands: [CommandSpec] = [
        CommandSpec(
            name: "export", group: .filings,
            usage: "export json|csv|md|text [PATH] [projects|indicators|findings] [--force]",
            summary: "Export (导出) the model as JSON, or a table as CSV, Markdown or JSON, to stdout or PATH",
            details: """
            'export json' prints the whole model of the current filing (the schema is in the README); after 'recompute' it carries \
            the computed values. With a table name — projects, indicators or findings — it exports that table of the current \
            scenario, reported beside computed. CSV is UTF-8 with a byte-order mark and RFC 4180 quoting (Excel and LibreOffice \
            open the Chinese text correctly); md is a Markdown table. With PATH the file is written atomically; an existing \
            file is replaced only with --force. 'export text' writes the text layout a .docx was read as: the FILE:LINE of \
            warnings and findings refer to its lines.
            """,
            example: "export csv 项目.csv projects",
            completion: .words(["json", "csv", "md", "text", "projects", "indicators", "findings"])
        ) { shell, call throws(ShellError) in
            let args = try call.arguments(allowing: ["--force"])
            guard let format = args.positional.first, ["json", "csv", "md", "text"].contains(format) else {
                throw call.usage("needs a format: json, csv, md or text")
            }
            let tables = ["projects", "indicators", "findings"]
            let rest = args.positional.dropFirst()
            let table = rest.first { tables.contains($0) }
            let paths = rest.filter { !tables.contains($0) }
            guard paths.count <= 1, rest.count <= 2 else { throw call.usage("give at most one PATH and one table") }
            let loaded = try shell.session.requireCurrent()
            let rules = shell.session.rules(for: loaded).rules
            let text: String
            if format == "text" {
                guard let layout = loaded.filing.layoutText else {
                    throw .refused("\(loaded.path) is text already; its line numbers are its own")
                }
                text = layout
            } else if format == "json" && table == nil {
                text = FilingExport.json(loaded.edited, rules: loaded.recomputed ? rules : nil).rendered()
            } else {
                let grid = TableExport.grid(table ?? "projects", loaded: loaded, rules: rules)
                switch format {
                case "csv": text = TableExport.csv(grid)
                case "md": text = TableExport.markdown(grid)
                default: text = TableExport.json(grid).rendered()
                }
            }
            if let path = paths.first {
                try shell.writeFile(text, to: path, force: args.has("--force"))
                shell.write("wrote \(path) (\(text.utf8.count) bytes)\n")
            } else {
                shell.write(text)
            }
        },
    ]
}

extension Shell {
    /// Writes a result file atomically. An existing file is replaced only with `force`
    /// or when jixiao wrote it before in this session.
    public func writeFile(_ text: String, to path: String, force: Bool) throws(ShellError) {
        let absolute = resolve(path)
        if Disk.isDirectory(absolute) { throw .io(path: path, reason: "is a folder") }
        if Disk.exists(absolute) && !force && !written.contains(absolute) {
            throw .refused("\(path) exists; add --force to overwrite it")
        }
        try Disk.writeAtomically(Data(text.utf8), to: absolute, shownAs: path)
        written.insert(absolute)
    }
}
