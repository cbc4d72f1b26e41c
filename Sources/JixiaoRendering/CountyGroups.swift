import Foundation
import JixiaoModel

/// `summary --by unit|year|grade|rule`: the county's projects counted and summed per group.
package enum CountyGroups {
    package enum Key: String, CaseIterable, Sendable {
        case unit, year, grade, rule

        /// The group column's header.
        var header: String {
            switch self {
            case .unit: return "单位名称"
            case .year: return "年度"
            case .grade: return "等级"
            case .rule: return "规则"
            }
        }
    }

    /// What one group adds up to.
    struct Tally {
        var filings = Set<Int>()
        var projects = 0
        var budget = Decimal(0)
        var spent = Decimal(0)
        var grades: [String: Int] = [:]

        mutating func add(_ number: Int, _ project: Project, _ card: ScoreCard) {
            filings.insert(number)
            projects += 1
            if let budget = project.funds.fullYear.value, let spent = project.funds.executed.value {
                self.budget += budget
                self.spent += spent
            }
            grades[card.grade ?? "—", default: 0] += 1
        }
    }

    static let gradeOrder = ["优", "良", "中", "差", "—"]

    /// One row per group, in the group's natural order (grades best first, the rest as text).
    package static func listing(_ results: [FilingResult], by key: Key) -> Listing {
        var tallies: [String: Tally] = [:]
        var order: [String] = []
        for r in results {
            for (project, card) in zip(r.filing.projects, r.projectCards) {
                let group = name(of: r, card, key)
                if tallies[group] == nil { order.append(group) }
                tallies[group, default: Tally()].add(r.number, project, card)
            }
        }
        order.sort { a, b in
            key == .grade ? rank(a) < rank(b) : a < b
        }
        var listing = Listing(
            [
                .init(key.header, [key.rawValue], kind: key == .year ? .integer : .text),
                .init("filings", [], .right, kind: .integer), .init("项目", ["projects"], .right, kind: .integer),
                ProjectColumns.budget, ProjectColumns.executed,
                .init("执行率", ["rate"], .right, kind: .rate),
            ] + gradeOrder.map { .init($0, [], .right, kind: .integer) })
        for group in order {
            guard let t = tallies[group] else { continue }
            let rate = t.budget > 0 ? t.spent / t.budget : nil
            let label = Listing.Cell(group, number: key == .year ? Decimal(string: group) : nil)
            listing.rows.append(
                [label, .count(t.filings.count), .count(t.projects), .amount(t.budget), .amount(t.spent), .rate(rate)]
                    + gradeOrder.map { .count(t.grades[$0] ?? 0) })
        }
        return listing
    }

    static func name(of r: FilingResult, _ card: ScoreCard, _ key: Key) -> String {
        switch key {
        case .unit: return r.filing.unit
        case .year: return r.filing.year.map(String.init) ?? "year unknown"
        case .grade: return card.grade ?? "—"
        case .rule: return r.rules
        }
    }

    static func rank(_ grade: String) -> Int { gradeOrder.firstIndex(of: grade) ?? gradeOrder.count }
}
