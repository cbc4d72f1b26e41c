import Foundation
import JixiaoModel

/// Reads 项目支出绩效自评汇总表: a header naming 项目名称 beside amount and score columns, one row
/// per project, and a 合计 row.
enum SummaryReader {
    enum Column { case name, initial, fullYear, executed, rate, score }

    static func column(_ key: String) -> Column? {
        if key.has("项目名称") { return .name }
        if key.has("得分") || key.has("评分") { return .score }
        return TableReader.fundColumn(key).flatMap { fund in
            switch fund {
            case .initial: return .initial
            case .fullYear: return .fullYear
            case .executed: return .executed
            case .rate: return .rate
            case .weight, .score, .deviation: return nil
            }
        }
    }

    /// A row naming 项目名称 and an amount or score column: a project table never has both in one row.
    static func isHeader(_ row: Row) -> Bool {
        // Asked of every row of every table: most rows name no 项目名称, and are passed at once.
        guard row.has("项目名称") else { return false }
        let columns = row.cells.compactMap { column($0.key) }
        return columns.contains(.name) && (columns.contains(.executed) || columns.contains(.score))
    }

    static func read(_ table: Section, warnings: inout [ReadWarning]) -> ProjectSummary {
        var summary = ProjectSummary(line: table.line)
        guard let h = table.rows.firstIndex(where: isHeader) else {
            warnings.append(ReadWarning(line: table.line, message: "'\(table.title)' has no 项目名称 header"))
            return summary
        }
        let columns = table.rows[h].cells.map { column($0.key) }
        let divisor: Decimal = table.rows[h].has("(元)") ? 10000 : 1
        for row in table.rows[(h + 1)...] where !row.isBlank {
            guard let nameIndex = columns.firstIndex(of: .name) else { break }
            let isTotal = row.cells.contains { Vocabulary.isTotalLabel($0.key) }
            let nameCell = nameIndex < row.cells.count ? row.cells[nameIndex] : nil
            var read = ProjectSummary.Row(name: isTotal ? "合计" : nameCell?.text ?? "", line: row.line)
            for (column, cell) in zip(columns, row.cells) {
                switch column {
                case .initial: read.initial = Labels.amount(cell, divisor: divisor).0
                case .fullYear: read.fullYear = Labels.amount(cell, divisor: divisor).0
                case .executed: read.executed = Labels.amount(cell, divisor: divisor).0
                case .rate: read.rate = Labels.rate(cell).0
                case .score: read.score = Labels.number(cell).0
                case .name, nil: break
                }
            }
            if isTotal { summary.total = read } else { summary.rows.append(read) }
        }
        return summary
    }
}
