import Foundation
import JixiaoModel

/// The bars `chart` draws from a column of a listing.
package enum ChartData {
    /// A rate in the reviewer's bands, another number in `bins` equal bins, text by its values.
    package static func histogram(_ listing: Listing, column: Int, bins: Int) -> BarChart {
        let header = listing.columns[column].header
        let kind = listing.columns[column].kind
        let numbers = listing.rows.map { $0[column].number }
        if kind == .rate { return BarChart.rates(numbers, title: "\(header), \(listing.rows.count) rows:") }
        guard kind != .text else { return counts(listing, column: column) }
        let present = numbers.compactMap { $0 }
        let blanks = numbers.count - present.count
        guard let low = present.min(), let high = present.max() else {
            return BarChart("\(header): no figures to draw", [])
        }
        let step = high > low ? (high - low) / Decimal(bins) : 1
        var counts = Array(repeating: 0, count: high > low ? bins : 1)
        for x in present {
            let slot = high > low ? Int(((x - low) / step).doubleValue.rounded(.down)) : 0
            counts[min(counts.count - 1, max(0, slot))] += 1
        }
        var bars = counts.enumerated().map { i, count -> BarChart.Bar in
            let from = low + step * Decimal(i)
            let to = i == counts.count - 1 ? high : from + step
            let close = i == counts.count - 1 ? "]" : ")"
            return BarChart.Bar("[\(from.rounded(2).plain), \(to.rounded(2).plain)\(close)", Decimal(count))
        }
        if blanks > 0 { bars.append(BarChart.Bar("blank", Decimal(blanks))) }
        return BarChart("\(header), \(listing.rows.count) rows:", bars)
    }

    /// One bar per distinct text, most frequent first.
    static func counts(_ listing: Listing, column: Int) -> BarChart {
        var counts: [String: Int] = [:]
        for row in listing.rows { counts[row[column].text.isEmpty ? "blank" : row[column].text, default: 0] += 1 }
        let bars = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map {
            BarChart.Bar($0.key, Decimal($0.value))
        }
        return BarChart("\(listing.columns[column].header), \(listing.rows.count) rows:", bars)
    }

    /// One bar per value of `group`: the sum of an amount or count, the mean of a rate or score.
    package static func grouped(_ listing: Listing, value: Int, group: Int, limit: Int) -> BarChart {
        let kind = listing.columns[value].kind
        let averages = kind == .rate || kind == .points || kind == .text
        var sums: [String: (sum: Decimal, count: Int)] = [:]
        for row in listing.rows {
            let key = row[group].text.isEmpty ? "blank" : row[group].text
            let number = kind == .text ? 1 : row[value].number
            guard let number else { continue }
            sums[key, default: (0, 0)].sum += number
            sums[key, default: (0, 0)].count += 1
        }
        let valued = sums.map { key, tally in
            (key, kind == .text ? Decimal(tally.count) : averages ? tally.sum / Decimal(tally.count) : tally.sum)
        }
        let sorted = valued.sorted { ($1.1, $0.0) < ($0.1, $1.0) }
        let bars = sorted.prefix(limit).map { key, v in BarChart.Bar(key, v, shown: shown(v, kind)) }
        let what = kind == .text ? "rows" : (averages ? "mean " : "sum of ") + listing.columns[value].header
        var title = "\(what) by \(listing.columns[group].header)"
        if sorted.count > limit { title += " (the first \(limit) of \(sorted.count))" }
        var chart = BarChart(title + ":", Array(bars), shares: !averages || kind == .text)
        chart.total = sorted.reduce(Decimal(0)) { $0 + $1.1 }
        return chart
    }

    static func shown(_ value: Decimal, _ kind: Listing.Kind) -> String {
        switch kind {
        case .rate: return value.percent
        case .amount: return money(value)
        case .points: return points(value)
        default: return value.rounded(2).plain
        }
    }
}
