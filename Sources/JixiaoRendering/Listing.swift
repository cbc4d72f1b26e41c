import Foundation
import JixiaoModel

/// A table of typed cells that can be filtered, sorted by any column and cut to its first rows
/// before it is rendered: the county tables (`projects --all`, `check --all`, `filings`), the
/// current filing's projects and findings, and `sql` results. On a screen it is a `Table`; in a
/// machine format (CSV, JSON, .xlsx) its numbers are numbers and its rates fractions.
package struct Listing: Equatable, Sendable {
    /// What a column holds, which decides how a machine format writes it.
    package enum Kind: Equatable, Sendable {
        case text
        /// A whole number: a count, a filing number, a year.
        case integer
        /// 万元 with two decimals.
        case amount
        /// A fraction shown as a percentage: 0.55 is shown `55.00%` and exported 0.55.
        case rate
        /// A score or weight, up to two decimals.
        case points
        /// Any other number (a `sql` result).
        case number
    }

    package struct Column: Equatable, Sendable {
        /// The header as printed, often Chinese: 执行率.
        package var header: String
        /// Other names `--sort` and `--where` accept: English, such as `rate`.
        package var aliases: [String]
        package var alignment: Table.Alignment
        package var kind: Kind
        /// False for a column only exports show (the file of a county row): filters may use it.
        package var onScreen = true
        /// A file path: a narrow window shows its tail, `…/county/f0019.txt`.
        package var isPath = false

        package init(
            _ header: String, _ aliases: [String] = [], _ alignment: Table.Alignment = .left, kind: Kind? = nil,
            onScreen: Bool = true
        ) {
            self.header = header
            self.aliases = aliases
            self.alignment = alignment
            self.kind = kind ?? (alignment == .right ? .number : .text)
            self.onScreen = onScreen
        }

        /// A column of file paths, as the analyst typed them.
        package static func path(_ header: String, _ aliases: [String], onScreen: Bool = true) -> Column {
            var column = Column(header, aliases, onScreen: onScreen)
            column.isPath = true
            return column
        }
    }

    /// A cell's text and the value it sorts by: numbers numerically (a blank sorts last), text by text.
    package struct Cell: Equatable, Sendable {
        package var text: String
        package var number: Decimal?

        package init(_ text: String, number: Decimal? = nil) {
            self.text = text
            self.number = number
        }

        package static func amount(_ value: Decimal?) -> Cell { Cell(money(value), number: value) }
        package static func rate(_ value: Decimal?) -> Cell { Cell(JixiaoModel.rate(value), number: value) }
        package static func points(_ value: Decimal?) -> Cell { Cell(JixiaoModel.points(value), number: value) }
        package static func count(_ value: Int) -> Cell { Cell("\(value)", number: Decimal(value)) }
    }

    package var columns: [Column]
    package var rows: [[Cell]] = []
    /// Printed above the table on a screen (`… 2024年度 项目支出 (万元, as reported)`); never in a
    /// machine format, whose first line is the header.
    package var title: String?
    /// Printed under the table on a screen, after its `(N rows)`: the ties at a `--limit`.
    package var footnotes: [String] = []
    /// Rows to colour as differences.
    package var marked: Set<Int> = []
    /// Whether the `(N rows)` footer is printed.
    package var footer = true

    package init(_ columns: [Column], title: String? = nil) {
        self.columns = columns
        self.title = title
    }

    /// The column a `--sort` word names: its header or an alias, in any case.
    package func column(named name: String) -> Int? {
        let key = name.lowercased()
        return columns.firstIndex { $0.header.lowercased() == key || $0.aliases.contains { $0.lowercased() == key } }
    }

    /// The names `--sort` takes, for an error that lists them.
    package var columnNames: [String] {
        columns.map { column in ([column.header] + column.aliases).joined(separator: "/") }
    }

    /// Rows in the order of column `index`: numbers by value with blanks last, text by its text.
    /// Ties keep their order, so a sort is repeatable.
    package func sorted(by index: Int, descending: Bool) -> Listing {
        keeping(order(by: index, descending: descending))
    }

    /// The positions of the rows in the order `sorted(by:descending:)` puts them.
    package func order(by index: Int, descending: Bool) -> [Int] {
        // The sort keys of one column, worked out once: doubles order filed figures exactly as
        // their decimals do (they have at most 15 significant digits) and compare far faster.
        let keyed = rows.enumerated().map { position, row in
            (position: position, number: row[index].number?.doubleValue, text: row[index].text)
        }
        let order = keyed.sorted { a, b in
            switch (a.number, b.number) {
            case let (x?, y?) where x != y: return descending ? x > y : x < y
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil) where a.text != b.text: return descending ? a.text > b.text : a.text < b.text
            default: return a.position < b.position
            }
        }
        return order.map(\.position)
    }

    package func limited(to count: Int?) -> Listing {
        guard let count else { return self }
        var copy = self
        copy.rows = Array(rows.prefix(count))
        return copy
    }

    /// The rows at `positions`, in their order.
    package func keeping(_ positions: [Int]) -> Listing {
        var copy = self
        copy.rows = positions.map { rows[$0] }
        copy.marked = Set(positions.enumerated().filter { marked.contains($0.element) }.map(\.offset))
        return copy
    }

    /// The listing with only the columns headed `headers` on screen (a report's narrower table).
    package func showing(_ headers: Set<String>) -> Listing {
        var copy = self
        for i in copy.columns.indices { copy.columns[i].onScreen = headers.contains(copy.columns[i].header) }
        return copy
    }

    // MARK: Values

    /// A cell as data: a number in a numeric column (a rate as its fraction, at the precision
    /// shown), nil for a blank, else its text.
    package func value(row: Int, column: Int) -> JSON {
        let cell = rows[row][column]
        let kind = columns[column].kind
        if kind != .text, let number = cell.number {
            switch kind {
            case .rate: return .number(number.rounded(4))
            case .points, .amount: return .number(number.rounded(2))
            default: return .number(number)
            }
        }
        return cell.text.isEmpty ? .null : .string(cell.text)
    }

    /// Every column's header, export-only ones too.
    package var headers: [String] { columns.map(\.header) }

    // MARK: Rendering

    /// The listing as the presentation shows it: a titled table on a screen; in CSV or JSON
    /// every column with numbers as numbers and no title.
    package func render(_ style: Presentation = Presentation.current) -> String {
        switch style.format {
        case .csv: return csv(byteOrderMark: false, lineEnd: "\n")
        case .json: return json().rendered()
        case .markdown: return table(style).render(style)
        default:
            var out = title.map { $0 + "\n" } ?? ""
            out += table(style).render(style)
            for note in footnotes { out += note + "\n" }
            return out
        }
    }

    /// The columns shown on a screen as a `Table` of their text.
    package func table(_ style: Presentation = Presentation.current) -> Table {
        let shown = columns.indices.filter { columns[$0].onScreen }
        var table = Table(shown.map { columns[$0].header }, align: shown.map { columns[$0].alignment })
        table.rows = rows.map { row in shown.map { row[$0].text } }
        table.marked = marked
        table.paths = Set(shown.indices.filter { columns[shown[$0]].isPath })
        table.footer = footer
        return table
    }

    /// RFC 4180 CSV of every column (see `TableExport.csv`), numbers as numbers.
    package func csv(byteOrderMark: Bool = true, lineEnd: String = "\r\n") -> String {
        let cells = rows.indices.map { r in
            columns.indices.map { c -> String in
                switch value(row: r, column: c) {
                case .number(let n): return n.plain
                case .string(let s): return s
                default: return ""
                }
            }
        }
        return TableExport.csv(.init(header: headers, rows: cells), byteOrderMark: byteOrderMark, lineEnd: lineEnd)
    }

    /// An array of objects keyed by header, numbers as JSON numbers, blanks as null.
    package func json() -> JSON {
        .array(
            rows.indices.map { r in .object(columns.indices.map { (columns[$0].header, value(row: r, column: $0)) }) })
    }
}
