import Foundation

extension CommandSpec {
    static let exportCommands: [CommandSpec] = [
        CommandSpec(
            name: "export", group: .filings,
            usage: "export json [PATH]",
            summary: "Write the current filing's whole model as JSON (导出), to stdout or PATH",
            details: """
            'export json' prints the model of the current filing: unit, year, department, basic data, projects with their funds and \
            indicators, reports and warnings, amounts in 万元 as JSON numbers and rates as fractions. With PATH the file is written \
            atomically; an existing file is replaced only with --force. The schema is in the README.
            """,
            example: "export json 石鼓区总工会.json",
            completion: .words(["json"])
        ) { shell, call throws(ShellError) in
            let args = try call.arguments(allowing: ["--force"])
            guard let format = args.positional.first, args.positional.count <= 2 else { throw call.usage("needs a format: json") }
            guard format == "json" else { throw call.usage("unknown format '\(format)'; use json") }
            let loaded = try shell.session.requireCurrent()
            let rules = loaded.recomputed ? shell.session.rules(for: loaded).rules : nil
            let text = FilingExport.json(loaded.filing, rules: rules).rendered()
            if args.positional.count == 2 {
                let path = args.positional[1]
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
