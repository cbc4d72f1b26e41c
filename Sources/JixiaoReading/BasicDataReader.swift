import Foundation
import JixiaoModel

/// Reads 部门整体支出绩效评价基础数据表: staffing (编制数, 实际在职人数, 控制率) and the
/// expense-control rows (三公经费, 项目支出, 公用经费, 政府采购金额) with their three columns.
package enum BasicDataReader {
    /// The rows that end the table of amounts, and those that begin the buildings' part.
    static let tableEndWords = WordList(["楼堂馆所", "厉行节约", "批复规模"])
    static let buildingWords = WordList(["批复规模", "楼堂馆所"])

    /// `：严控会议费` → `严控会议费`.
    static func withoutLeadingColon(_ text: String) -> String {
        guard let split = text.splitAtColon(last: false), split.before.isEmpty else { return text }
        return Labels.trim(split.after)
    }

    static func read(_ table: Section, warnings: inout [ReadWarning]) -> BasicData {
        var reader = TableReader(rows: table.rows)
        var basic = BasicData(line: table.rows.first?.line ?? table.line)
        let rows = table.rows
        if let h = rows.firstIndex(where: { $0.has("编制数") }), h + 1 < rows.count {
            reader.used.insert(h)
            reader.used.insert(h + 1)
            let header = rows[h]
            let data = rows[h + 1]
            let shift = data.cells.count - header.cells.count
            func figure(_ label: String, rate: Bool = false) -> Figure {
                guard let i = header.index(where: { $0.has(label) }) else { return .blank }
                let j = shift < 0 ? i + shift : i
                guard j >= 0, j < data.cells.count else { return .blank }
                let cell = data.cells[j]
                let parsed = rate ? Labels.rate(cell) : Labels.number(cell)
                if let p = parsed.problem { reader.warn(cell.line, "基础数据表 \(label) '\(cell.text)' is \(p)") }
                return parsed.0
            }
            basic.authorized = figure("编制数")
            basic.staff = figure("在职")
            basic.controlRate = figure("控制率", rate: true)
        }
        guard let h = rows.firstIndex(where: { $0.has("经费控制情况") }) else {
            reader.reportUnused(in: "基础数据表")
            warnings += reader.warnings
            return basic
        }
        reader.used.insert(h)
        let header = rows[h]
        basic.columnLabels = header.cells.filter { !$0.key.has("经费控制") && !$0.isEmpty }.map(\.text)
        let divisor: Decimal = header.cells.contains { $0.key.has("(元)") || $0.key.ends(with: "(元") } ? 10000 : 1
        var group = BasicData.Group.other
        var end = rows.count
        for r in (h + 1)..<rows.count {
            let row = rows[r]
            if row.holds(Self.tableEndWords) {
                end = r
                break
            }
            guard let li = row.cells.indices.first(where: { !row.cells[$0].isEmpty }) else {
                reader.used.insert(r)
                continue
            }
            reader.used.insert(r)
            let labelCell = row.cells[li]
            let key = Labels.bareName(labelCell.text)
            if key.isExactly("……") || key.isExactly("…") { continue }
            var isTotal = true
            if key.begins(with: "三公经费") {
                group = .sanGong
            } else if key.begins(with: "项目支出") {
                group = .projects
            } else if key.begins(with: "公用经费") {
                group = .publicFunds
            } else if key.begins(with: "政府采购") {
                group = .procurement
            } else if key.has("预算调整") {
                group = .adjustment
            } else {
                isTotal = false
            }
            let values = Array(row.cells.dropFirst(li + 1))
            func figure(_ i: Int) -> Figure {
                guard i < values.count else { return .blank }
                let parsed = Labels.amount(values[i], divisor: divisor)
                if let p = parsed.problem {
                    reader.warn(values[i].line, "基础数据表 \(key) '\(values[i].text)' is \(p)")
                }
                return parsed.0
            }
            basic.rows.append(
                BasicData.Row(
                    label: labelCell.text, line: labelCell.line, group: group, isGroupTotal: isTotal,
                    prior: figure(0), budget: figure(1), actual: figure(2), name: key))
        }
        if end < rows.count { readBuildings(rows, from: end, into: &basic, reader: &reader) }
        reader.reportUnused(in: "基础数据表")
        warnings += reader.warnings
        return basic
    }

    /// 楼堂馆所控制情况 (a header row and a value row) and 厉行节约保障措施 (a label and its text).
    static func readBuildings(_ rows: [Row], from start: Int, into basic: inout BasicData, reader: inout TableReader) {
        for r in start..<rows.count {
            let row = rows[r]
            if row.holds(Self.buildingWords) {
                reader.used.insert(r)
                let labels = row.cells.filter { !$0.isEmpty && !$0.key.has("楼堂馆所") }
                guard r + 1 < rows.count, !rows[r + 1].has("厉行节约") else { continue }
                reader.used.insert(r + 1)
                let values = rows[r + 1].cells.suffix(labels.count)
                for (label, cell) in zip(labels, values) {
                    basic.buildings.append(
                        LabeledFigure(label: label.text, figure: Labels.amount(cell).0))
                }
            } else if let i = row.index(where: { $0.has("厉行节约") }) {
                reader.used.insert(r)
                let rest = row.cells[(i + 1)...].filter { !$0.isEmpty }
                let label = row.cells[i].text
                // What follows 措施 and its colon, found as bytes: Foundation's range(of:) cost eight
                // thousand instructions a search.
                let measures = label.firstOffset(of: "措施", from: 0).map { label.utf8.dropFirst($0 + 6) }
                let inline = measures.map { Self.withoutLeadingColon(Labels.trim(String(Substring($0)))) } ?? ""
                let text = ([inline] + rest.map(\.text)).filter { !$0.isEmpty }.joined(separator: " ")
                if !text.isEmpty { basic.savingMeasures = Located(text, line: rest.first?.line ?? row.cells[i].line) }
            }
        }
    }
}
