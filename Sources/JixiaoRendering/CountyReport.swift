import Foundation
import JixiaoModel

/// `report FILE.html|FILE.md`: the review to hand on, as data. The shell gathers it from the
/// county's results; `html()` writes one self-contained page (inline SVG, print CSS for A4) and
/// `markdown()` the same for those who edit it further.
package struct CountyReport {
    package struct Section {
        package var heading: String
        /// A sentence or two above the tables.
        package var lead: String = ""
        package var charts: [BarChart] = []
        package var tables: [Listing] = []
        package var note: String = ""

        package init(
            _ heading: String, lead: String = "", charts: [BarChart] = [], tables: [Listing] = [], note: String = ""
        ) {
            self.heading = heading
            self.lead = lead
            self.charts = charts
            self.tables = tables
            self.note = note
        }
    }

    package var title: String
    package var subtitle: String
    package var sections: [Section]

    package init(title: String, subtitle: String, sections: [Section]) {
        self.title = title
        self.subtitle = subtitle
        self.sections = sections
    }

    // MARK: HTML

    package func html() -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="generator" content="jixiao">
            <title>\(Self.escaped(title))</title>
            <style>\(Self.css)</style>
            </head>
            <body>
            <header><h1>\(Self.escaped(title))</h1><p class="subtitle">\(Self.escaped(subtitle))</p></header>

            """
        for (i, section) in sections.enumerated() {
            out += "<section id=\"s\(i + 1)\">\n<h2>\(Self.escaped(section.heading))</h2>\n"
            if !section.lead.isEmpty { out += "<p>\(Self.escaped(section.lead))</p>\n" }
            if !section.charts.isEmpty {
                out += "<div class=\"charts\">\n" + section.charts.map(Self.svg).joined() + "</div>\n"
            }
            for table in section.tables { out += Self.htmlTable(table) }
            if !section.note.isEmpty { out += "<p class=\"note\">\(Self.escaped(section.note))</p>\n" }
            out += "</section>\n"
        }
        return out + "<footer>jixiao</footer>\n</body>\n</html>\n"
    }

    /// A CJK stack first (Noto CJK as Debian ships it, then the Windows and macOS faces), print on A4
    /// with each section after the first on a new page.
    static let css = """

        @page { size: A4; margin: 18mm 16mm; }
        html { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", \
        "PingFang SC", "SimSun", "Songti SC", sans-serif; font-size: 10.5pt; color: #1b1b1b; line-height: 1.5; }
        body { max-width: 190mm; margin: 0 auto; padding: 8mm 0; }
        h1 { font-size: 20pt; margin: 0 0 2mm; letter-spacing: 0.05em; }
        h2 { font-size: 14pt; border-bottom: 1.5pt solid #2b5c8a; padding-bottom: 1mm; margin-top: 8mm; }
        .subtitle, .note, footer { color: #555; }
        footer { margin-top: 10mm; font-size: 8pt; text-align: right; }
        table { border-collapse: collapse; width: 100%; margin: 3mm 0; font-size: 9pt; }
        th, td { border: 0.5pt solid #9aa7b4; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
        th { background: #e8eef4; font-weight: 600; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td { overflow-wrap: anywhere; } th { white-space: nowrap; }
        tr { break-inside: avoid; }
        thead { display: table-header-group; }
        .charts { display: flex; flex-wrap: wrap; gap: 6mm; }
        figure { margin: 0; break-inside: avoid; }
        figcaption { font-weight: 600; margin-bottom: 1mm; }
        svg text { font-family: inherit; font-size: 11px; fill: #1b1b1b; }
        svg .bar { fill: #3a7ca5; }
        @media print { section + section { break-before: page; } body { padding: 0; } }

        """

    static func htmlTable(_ listing: Listing) -> String {
        let shown = listing.columns.indices.filter { listing.columns[$0].onScreen }
        // Short cells (a number, a grade, a unit's name) never break; long text wraps.
        func cls(_ i: Int) -> String { listing.columns[i].alignment == .right ? " class=\"num\"" : "" }
        var out = "<table>\n<thead><tr>"
        for i in shown { out += "<th\(cls(i))>\(escaped(listing.columns[i].header))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for row in listing.rows {
            out += "<tr>" + shown.map { "<td\(cls($0))>\(escaped(row[$0].text))</td>" }.joined() + "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// A horizontal bar chart as inline SVG: one `rect.bar` per bar with its label and value.
    static func svg(_ chart: BarChart) -> String {
        let rowHeight = 22
        let labelWidth = 12 + 8 * (chart.bars.map { DisplayWidth.of($0.label) }.max() ?? 4)
        let barRoom = 260
        let width = labelWidth + barRoom + 110
        let height = rowHeight * max(1, chart.bars.count) + 6
        let largest = chart.bars.map(\.value).max() ?? 0
        var out = "<figure><figcaption>\(escaped(chart.title.trimmingSuffix(":")))</figcaption>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" "
        out += "viewBox=\"0 0 \(width) \(height)\" role=\"img\">\n"
        for (i, bar) in chart.bars.enumerated() {
            let y = 3 + i * rowHeight
            let length = largest > 0 ? Int((bar.value / largest * Decimal(barRoom)).rounded(0).doubleValue) : 0
            let drawn = bar.value > 0 ? max(1, length) : 0
            out += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" text-anchor=\"end\">\(escaped(bar.label))</text>"
            out +=
                "<rect class=\"bar\" x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(drawn)\" height=\"\(rowHeight - 6)\">"
            out += "<title>\(escaped(bar.label)): \(escaped(bar.shown))</title></rect>"
            out += "<text x=\"\(labelWidth + drawn + 6)\" y=\"\(y + 15)\">\(escaped(bar.shown))</text>\n"
        }
        return out + "</svg></figure>\n"
    }

    /// HTML text: markup characters as entities, control characters as their escapes.
    static func escaped(_ text: String) -> String {
        var out = ""
        for ch in ControlCharacters.escaped(text) {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }

    // MARK: Markdown

    package func markdown() -> String {
        var out = "# \(title)\n\n\(subtitle)\n"
        let plain = Presentation(format: .aligned)
        for section in sections {
            out += "\n## \(section.heading)\n\n"
            if !section.lead.isEmpty { out += section.lead + "\n\n" }
            for chart in section.charts { out += "```\n" + chart.render(plain) + "```\n\n" }
            for table in section.tables { out += table.table(plain).render(Presentation(format: .markdown)) + "\n" }
            if !section.note.isEmpty { out += section.note + "\n" }
        }
        return out
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
