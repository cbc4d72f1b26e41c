import JixiaoRendering

/// The shell's settings, shown and changed with `option` (psql's `\pset` and `\timing`, sqlite3's
/// `.mode` and `.nullvalue`). They shape how output looks, never what a command computes.
package struct Settings: Equatable, Sendable {
    /// `on`, `off`, or `auto`: on at a terminal, off when piped.
    package enum Switch: String, CaseIterable, Sendable {
        case on, off, auto
    }

    /// `auto` is `wrapped` at a terminal and `aligned` when piped.
    package enum Format: Equatable, Sendable {
        case auto
        case fixed(Presentation.Format)

        static let names = ["auto"] + Presentation.Format.allCases.map(\.rawValue)

        var name: String {
            switch self {
            case .auto: return "auto"
            case .fixed(let format): return format.rawValue
            }
        }
    }

    package var timing = false
    package var pager = Switch.auto
    package var format = Format.auto
    package var null = ""
    /// Columns to fit tables and prose to; nil is the terminal's window (none when piped).
    package var width: Int? = nil
    package var color = Switch.auto
    /// Seconds a query (`sql`, a `--where`) may run; nil is the default: 60 in a script, none at a
    /// terminal (where Ctrl-C stops it); 0 is none.
    package var sqlTimeout: Int? = nil

    package init() {}

    /// The time a query may take here: `option sql_timeout`, else 60 s in a script.
    package func queryLimit(scripted: Bool) -> Duration? {
        let seconds = sqlTimeout ?? (scripted ? 60 : 0)
        return seconds > 0 ? .seconds(seconds) : nil
    }

    /// The settings by name, in the order `option` lists them, with the values each takes.
    static let names = ["timing", "pager", "format", "null", "width", "color", "sql_timeout"]

    static func values(of name: String) -> [String] {
        switch name {
        case "timing": return ["on", "off"]
        case "pager", "color": return Switch.allCases.map(\.rawValue)
        case "format": return Format.names
        case "width", "sql_timeout": return ["auto"]
        default: return []
        }
    }

    func value(of name: String) -> String {
        switch name {
        case "timing": return timing ? "on" : "off"
        case "pager": return pager.rawValue
        case "format": return format.name
        case "null": return "\"" + null + "\""
        case "width": return width.map(String.init) ?? "auto"
        case "sql_timeout": return sqlTimeout.map { "\($0)" } ?? "auto"
        default: return color.rawValue
        }
    }

    /// Sets `name` to `text`, or says what it takes.
    mutating func set(_ name: String, to text: String) throws(ShellError) {
        let word = text.lowercased()
        func problem(_ takes: String) -> ShellError {
            .usage(command: "option", usage: "option \(name) \(takes)", problem: "'\(text)' is not \(takes)")
        }
        switch name {
        case "timing":
            guard word == "on" || word == "off" else { throw problem("on|off") }
            timing = word == "on"
        case "pager":
            guard let value = Switch(rawValue: word) else { throw problem("on|off|auto") }
            pager = value
        case "color":
            guard let value = Switch(rawValue: word) else { throw problem("on|off|auto") }
            color = value
        case "format":
            guard Format.names.contains(word) else { throw problem(Format.names.joined(separator: "|")) }
            format = Presentation.Format(rawValue: word).map(Format.fixed) ?? .auto
        case "null":
            null = text
        case "sql_timeout":
            if word == "auto" {
                sqlTimeout = nil
                return
            }
            guard let seconds = Int(word), (0...86_400).contains(seconds) else {
                throw problem("auto or a number of seconds (0 for no limit)")
            }
            sqlTimeout = seconds
        default:
            if word == "auto" {
                width = nil
                return
            }
            guard let columns = Int(word), (20...1000).contains(columns) else {
                throw problem("auto or a number of columns from 20 to 1000")
            }
            width = columns
        }
    }
}

extension CommandSpec {
    static let optionCommands: [CommandSpec] = [
        CommandSpec(
            name: "option", aliases: ["\\pset"], group: .shell,
            usage: "option [NAME [VALUE]]",
            summary: "Show or change a setting (设置): timing, pager, format, null, width, color, sql_timeout",
            details: """
                Without arguments, lists every setting and its value; with a NAME, shows that one; with a VALUE, \
                changes it. timing on|off prints each command's time (Time: 12.345 ms). pager on|off|auto sends \
                output taller than the window through $PAGER (default less -FRSX); never when piped. format \
                auto|aligned|wrapped|records|csv|markdown|json is the form of every table: auto is wrapped at a \
                terminal (long cells wrap inside their columns, and a table too wide even then shows as records, one \
                field a line) and aligned when piped. null TEXT is what a blank cell shows. width N|auto fits tables \
                and text to N columns, also when piped; auto is the window's width at a terminal and no fitting \
                when piped. color on|off|auto colours differences, errors and warnings; auto is on at a terminal \
                unless NO_COLOR is set, TERM is dumb or --no-color was given. sql_timeout N|auto stops a query \
                ('sql', a --where) after N seconds (0: never); auto is 60 in a script and none at a terminal, \
                where Ctrl-C stops it. The word 'set' stays the what-if command.
                """,
            example: "option format csv",
            completion: .contextual { previous, _ in
                switch previous.count {
                case 0: return .words(Settings.names)
                case 1: return .words(Settings.values(of: previous[0].lowercased()))
                default: return .none
                }
            }
        ) { call throws(ShellError) in
            guard call.count <= 2 else { throw call.usage("takes a NAME and a VALUE at most") }
            guard let name = call.first?.lowercased() else { return OptionCommand(name: nil, value: nil) }
            guard Settings.names.contains(name) else {
                throw .notFound(kind: "setting", name: call[0], candidates: Settings.names, all: true)
            }
            return OptionCommand(name: name, value: call.count == 2 ? call[1] : nil)
        }
    ]
}

struct OptionCommand: Command, Equatable {
    var name: String?
    var value: String?

    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        if let name, let value {
            try session.settings.set(name, to: value)
            return Output("\(name) \(session.settings.value(of: name))\n", confirms: true)
        }
        let names = name.map { [$0] } ?? Settings.names
        return Output(keyValues(names.map { ($0, session.settings.value(of: $0)) }, indent: 0))
    }
}
