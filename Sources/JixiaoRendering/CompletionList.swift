import JixiaoModel

/// Completion candidates as readline lists them: sorted down the columns, then across, each
/// column as wide as the widest candidate by display width (Chinese names take two columns a
/// character) and two spaces, as many columns as the window holds.
package enum CompletionList {
    package static func lines(_ items: [String], width: Int) -> [String] {
        guard !items.isEmpty else { return [] }
        let widths = items.map(DisplayWidth.of)
        let column = (widths.max() ?? 0) + 2
        let across = max(1, (width + 2) / column)  // the last column needs no gap after it
        let rows = (items.count + across - 1) / across
        return (0..<rows).map { row in
            let line = stride(from: row, to: items.count, by: rows).map { index in
                items[index] + String(repeating: " ", count: column - widths[index])
            }
            return Prose.trimmingTrailingSpaces(line.joined())
        }
    }

    /// Whether the list should be asked for first, as readline asks past a screenful.
    package static func asksFirst(lines: Int, rows: Int) -> Bool { lines >= rows - 1 }
}
