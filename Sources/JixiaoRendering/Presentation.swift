/// How the text a command renders is laid out for where it goes: the table format, the width to
/// fit (the terminal's window, or one the analyst set), what a blank cell shows, and colour.
///
/// Views read it from `Presentation.current`, which the shell binds around each command, so a view
/// stays a function of its values and the one setting that shapes all text is not threaded through
/// every call.
package struct Presentation: Equatable, Sendable {
    /// The form of every table, as sqlite3's `.mode` and psql's `\pset format`.
    package enum Format: String, CaseIterable, Sendable {
        /// psql's aligned table; cells may be cut to keep `show` readable.
        case aligned
        /// Fitted to `width`: long text wraps inside its cell, and a table that cannot fit is
        /// shown as records.
        case wrapped
        /// One field a line, a block per row (psql's `\x`).
        case records
        case csv
        case markdown
        case json

        /// Data for a program, not text for a reader: never wrapped, paged or titled.
        package var isMachine: Bool { self == .csv || self == .json }
    }

    package var format: Format
    /// Columns to fit tables and prose to; nil never wraps or cuts to a width (piped output).
    package var width: Int?
    /// What a blank cell shows.
    package var null: String
    /// Whether to colour differences (ANSI escapes).
    package var color: Bool

    package init(format: Format = .aligned, width: Int? = nil, null: String = "", color: Bool = false) {
        self.format = format
        self.width = width
        self.null = null
        self.color = color
    }

    /// What views see unless the shell binds another: aligned, unfitted, uncoloured text.
    @TaskLocal package static var current = Presentation()

    /// Wraps `text` in the ANSI colour `code` when colour is on.
    package func paint(_ text: String, _ code: Colour) -> String {
        color && !text.isEmpty ? "\u{1B}[\(code.rawValue)m" + text + "\u{1B}[0m" : text
    }

    package enum Colour: String, Sendable {
        /// A figure that differs from the filing.
        case difference = "33"
        case error = "1;31"
        case warning = "35"
        /// The bars of a chart.
        case bar = "36"
    }
}
