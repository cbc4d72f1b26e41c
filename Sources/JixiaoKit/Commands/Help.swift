import JixiaoModel
import JixiaoRendering

/// Help text, generated from the command list so it cannot fall out of step with it.
package enum Help {
    static let column = 28

    package static func overview() -> String {
        var out = "jixiao: an analysis shell for 绩效自评报告 (budget performance self-evaluation filings).\n"
        for group in CommandSpec.Group.allCases {
            let specs = CommandSpec.all.filter { $0.group == group }
            guard !specs.isEmpty else { continue }
            out += "\n\(group.rawValue):\n"
            for spec in specs {
                if DisplayWidth.of(spec.usage) <= column {
                    out += "  " + DisplayWidth.pad(spec.usage, to: column) + "  " + spec.summary + "\n"
                } else {
                    out += "  " + spec.usage + "\n" + String(repeating: " ", count: column + 4) + spec.summary + "\n"
                }
            }
        }
        out += "\nType 'help COMMAND' for details and an example. Lines starting with # are comments.\n"
        return Prose.fit(out)
    }

    package static func page(for spec: CommandSpec) -> String {
        var out = "usage: \(spec.usage)\n"
        if !spec.aliases.isEmpty { out += "aliases: \(spec.aliases.joined(separator: ", "))\n" }
        out += "\n\(spec.summary).\n\(spec.details)\n\nexample:\n  \(spec.example)\n"
        return Prose.fit(out)
    }
}
