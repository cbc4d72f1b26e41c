import Foundation
import JixiaoModel

/// A table of typed cells that can be sorted by any column and cut to its first rows before it
/// is rendered: the county tables (`projects --all`, `check --all`, `filings`) and `sql` results.
package struct Listing {
    package struct Column {
        /// The header as printed, often Chinese: 执行率.
        package var header: String
        /// Other names `--sort` accepts: English, such as `rate`.
        package var aliases: [String]
        package var alignment: Table.Alignment

        package init(_ header: String, _ aliases: [String] = [], _ alignment: Table.Alignment = .left) {
            self.header = header
            self.aliases = aliases
            self.alignment = alignment
        }
    }

    /// A cell's text and the value it sorts by: numbers numerically (a blank sorts last), text by text.
    package struct Cell {
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

    package init(_ columns: [Column]) { self.columns = columns }

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
        // The sort keys of one column, worked out once: doubles order filed figures exactly as
        // their decimals do (they have at most 15 significant digits) and compare far faster.
        let keyed = rows.enumerated().map { position, row in
            (position: position, number: row[index].number?.doubleValue, text: row[index].text, row: row)
        }
        var copy = self
        copy.rows = keyed.sorted { a, b in
            switch (a.number, b.number) {
            case let (x?, y?) where x != y: return descending ? x > y : x < y
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil) where a.text != b.text: return descending ? a.text > b.text : a.text < b.text
            default: return a.position < b.position
            }
        }.map(\.row)
        return copy
    }

    package func limited(to count: Int?) -> Listing {
        guard let count else { return self }
        var copy = self
        copy.rows = Array(rows.prefix(count))
        return copy
    }

    package func render() -> String {
        var table = Table(columns.map(\.header), align: columns.map(\.alignment))
        for row in rows { table.add(row.map(\.text)) }
        return table.render()
    }
}
