import Foundation
import JixiaoModel

/// A horizontal bar chart for the terminal: a label, a bar of Unicode blocks drawn to an eighth of
/// a column, and the value with its share. Labels align by display width, so Chinese labels line up.
package struct BarChart: Equatable, Sendable {
    package struct Bar: Equatable, Sendable {
        package var label: String
        package var value: Decimal
        /// The value as printed after the bar (`37`, `55.00%`).
        package var shown: String

        package init(_ label: String, _ value: Decimal, shown: String? = nil) {
            self.label = label
            self.value = value
            self.shown = shown ?? value.plain
        }
    }

    package var title: String
    package var bars: [Bar]
    /// Whether each bar's share of the total follows its value (counts add up; means do not).
    package var shares = true
    /// What a share is of, when the bars are the first of more (`chart --by … --limit`).
    package var total: Decimal?

    package init(_ title: String, _ bars: [Bar], shares: Bool = true) {
        self.title = title
        self.bars = bars
        self.shares = shares
    }

    /// The eighths a block character fills, emptiest first: U+258F … U+2588.
    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]

    /// The longest bar is `width` columns less the label and the figures, at most 40.
    package func render(_ style: Presentation = Presentation.current) -> String {
        var out = title + "\n"
        guard !bars.isEmpty else { return out + "  (nothing to draw)\n" }
        let labelWidth = bars.map { DisplayWidth.of($0.label) }.max() ?? 0
        let total = self.total ?? bars.reduce(Decimal(0)) { $0 + $1.value }
        let figures = bars.map { bar -> String in
            guard shares, total > 0 else { return bar.shown }
            return bar.shown + " (" + (bar.value / total).percent + ")"
        }
        let figureWidth = figures.map(DisplayWidth.of).max() ?? 0
        let room = (style.width ?? 80) - labelWidth - figureWidth - 6
        let longest = max(10, min(40, room))
        let largest = bars.map(\.value).max() ?? 0
        for (bar, figure) in zip(bars, figures) {
            let drawn = Self.bar(bar.value, of: largest, columns: longest)
            let padded = drawn + String(repeating: " ", count: longest - DisplayWidth.of(drawn))
            out +=
                "  " + DisplayWidth.pad(bar.label, to: labelWidth) + " │" + style.paint(padded, .bar) + " "
                + DisplayWidth.pad(figure, to: figureWidth, right: true) + "\n"
        }
        return out
    }

    /// `value` of `largest` as blocks in `columns` columns; a value above zero shows at least an eighth.
    static func bar(_ value: Decimal, of largest: Decimal, columns: Int) -> String {
        guard largest > 0, value > 0 else { return "" }
        let eighthsTotal = max(1, Int((value / largest * Decimal(columns * 8)).rounded(0).doubleValue))
        let full = String(repeating: "█", count: eighthsTotal / 8)
        let rest = eighthsTotal % 8
        return rest == 0 ? full : full + String(eighths[rest - 1])
    }
}

extension BarChart {
    /// The bands of 执行率 a reviewer reads a county by: below 60%, 60–80%, 80–90%, 90–100% and above.
    package static let rateBands: [(label: String, below: Decimal?)] = [
        ("<60%", Decimal(string: "0.6")), ("60–80%", Decimal(string: "0.8")), ("80–90%", Decimal(string: "0.9")),
        ("90–100%", nil), (">100%", nil),
    ]

    /// The band a rate falls in (an index of `rateBands`): 100% itself is in 90–100%.
    package static func band(of rate: Decimal) -> Int {
        // `exceeds` and `isBelow` compare on the words: a county's summary bands every project.
        if rate.exceeds(1) { return 4 }
        for (i, band) in rateBands.prefix(3).enumerated() where rate.isBelow(band.below ?? 0) { return i }
        return 3
    }

    /// Projects by band of their computed 执行率, with how many have none.
    package static func rates(_ rates: [Decimal?], title: String) -> BarChart {
        var counts = Array(repeating: 0, count: rateBands.count)
        var none = 0
        for rate in rates {
            if let rate { counts[band(of: rate)] += 1 } else { none += 1 }
        }
        var bars = zip(rateBands, counts).map { Bar($0.label, Decimal($1)) }
        if none > 0 { bars.append(Bar("n/a", Decimal(none))) }
        return BarChart(title, bars)
    }
}
