import Foundation
import JixiaoModel

/// The views across every loaded filing: `filings`, `projects --all`, `check --all` and `summary`.
package enum CountyViews {
    /// `filings`: one row per loaded filing with its findings by severity; `*` marks the current one.
    package static func filings(_ results: [FilingResult], current: Int?) -> Listing {
        var listing = Listing([
            .init("", ["current"]), .init("#", ["filing_id"], .right, kind: .integer), .init("单位名称", ["unit"]),
            .init("年度", ["year"], kind: .integer),
            .init("项目", ["projects"], .right, kind: .integer),
            .init("读取警告", ["warnings"], .right, kind: .integer),
            .init("error", ["errors"], .right, kind: .integer), .init("warning", [], .right, kind: .integer),
            .init("info", [], .right, kind: .integer),
            .init("格式", ["format", "encoding"]), .path("文件", ["path"]),
        ])
        for r in results {
            let f = r.filing
            listing.rows.append([
                .init(r.number - 1 == current ? "*" : ""), .count(r.number), .init(f.unit),
                .init(f.year.map(String.init) ?? "", number: f.year.map { Decimal($0) }), .count(f.projects.count),
                .count(f.warnings.count), .count(r.count(.error)), .count(r.count(.warning)), .count(r.count(.info)),
                .init(f.formatDescription), .init(FileNames.shown(r.path)),
            ])
        }
        return listing
    }

    /// A grade, or the reported grade → the computed one where they differ.
    static func grade(_ card: ScoreCard) -> String {
        let computed = card.grade ?? "—"
        guard let reported = card.reportedGrade, reported != computed else { return computed }
        return "\(reported) → \(computed)"
    }

    /// `projects --all`: one row per project of every filing, reported beside computed.
    package static func projects(_ results: [FilingResult], map: RowMap = serial) -> Listing {
        var listing = Listing(
            countyColumns + [
                ProjectColumns.name, ProjectColumns.budget, ProjectColumns.executed, ProjectColumns.reportedRate,
                ProjectColumns.rate, ProjectColumns.weight, ProjectColumns.reportedScore, executionScore,
                ProjectColumns.reportedTotal, ProjectColumns.total, ProjectColumns.grade,
                .init("发现", ["findings"], .right, kind: .integer),
                .path("文件", ["path", "file"], onScreen: false),
            ])
        listing.rows = map(results, projectRows).flatMap { $0 }
        return listing
    }

    /// The first `count` rows of `projects(results)` sorted by computed 执行率, lowest first, with
    /// `total`, the number of rows sorted. Only the rows kept are made: a county's every row was
    /// most of a report's memory. The order is the whole listing's, as its rate cells sort.
    package static func lowestRates(_ results: [FilingResult], count: Int) -> (listing: Listing, total: Int) {
        var rates = Listing([ProjectColumns.rate])
        var places: [(result: Int, project: Int)] = []
        for (i, r) in results.enumerated() {
            for (k, card) in r.projectCards.prefix(r.filing.projects.count).enumerated() {
                rates.rows.append([.rate(card.execution.rate)])
                places.append((i, k))
            }
        }
        var listing = projects([])
        var made: [Int: [[Listing.Cell]]] = [:]
        for position in rates.order(by: 0, descending: false).prefix(count) {
            let (i, k) = places[position]
            let rows = made[i] ?? projectRows(results[i])
            made[i] = rows
            listing.rows.append(rows[k])
        }
        return (listing, places.count)
    }

    /// 得分(计算), in exports and filters only: the screen's table is wide enough without it.
    static let executionScore: Listing.Column = {
        var column = ProjectColumns.executionScore
        column.onScreen = false
        return column
    }()

    /// How the rows of many filings are worked out: in order here; the shell passes a map that
    /// works on every core (formatting a county's figures is most of a county table's cost).
    package typealias RowMap =
        @Sendable ([FilingResult], @escaping @Sendable (FilingResult) -> [[Listing.Cell]]) -> [[[Listing.Cell]]]
    package static let serial: RowMap = { results, rows in results.map(rows) }

    @Sendable static func projectRows(_ r: FilingResult) -> [[Listing.Cell]] {
        var counts: [String: Int] = [:]
        for finding in r.findings { if let name = finding.target.projectName { counts[name, default: 0] += 1 } }
        let filing = countyCells(r)
        return zip(r.filing.projects, r.projectCards).map { p, card in
            let cells: [Listing.Cell] = [
                .init(p.name, number: nil), .amount(p.funds.fullYear.value), .amount(p.funds.executed.value),
                .rate(p.funds.reportedRate.value), .rate(card.execution.rate), .points(p.funds.weight.value),
                .points(p.funds.reportedScore.value), .points(card.execution.score),
                .points(p.reportedTotal.value), .points(card.total), .init(grade(card)), .count(counts[p.name] ?? 0),
                .init(FileNames.shown(r.path)),
            ]
            return filing + cells
        }
    }

    /// The columns that name a filing on every county row: its number, 单位名称 and 年度.
    static let countyColumns: [Listing.Column] = [
        .init("#", ["filing_id"], .right, kind: .integer), .init("单位名称", ["unit"]),
        .init("年度", ["year"], kind: .integer),
    ]

    static func countyCells(_ r: FilingResult) -> [Listing.Cell] {
        [
            .count(r.number), .init(r.filing.unit),
            .init(r.filing.year.map(String.init) ?? "", number: r.filing.year.map { Decimal($0) }),
        ]
    }

    /// `check --all`: one row per filing, its findings counted by severity.
    package static func checks(_ results: [FilingResult]) -> Listing {
        var listing = Listing(
            countyColumns + [
                .init("error", ["errors"], .right, kind: .integer),
                .init("warning", ["warnings"], .right, kind: .integer),
                .init("info", [], .right, kind: .integer), .init("发现", ["findings"], .right, kind: .integer),
                .init("规则", ["rules"]), .path("文件", ["path", "file"]),
            ])
        for r in results {
            let cells: [Listing.Cell] = [
                .count(r.count(.error)), .count(r.count(.warning)), .count(r.count(.info)),
                .count(r.findings.count), .init(r.rules), .init(FileNames.shown(r.path)),
            ]
            listing.rows.append(countyCells(r) + cells)
        }
        return listing
    }

    /// `check --all --list`: every finding of every filing, the filing named on each row.
    /// Only the findings `include` keeps get a row (the report's error list).
    package static func findingList(
        _ results: [FilingResult], map: RowMap = serial,
        including include: @escaping @Sendable (Finding) -> Bool = { _ in true }
    ) -> Listing {
        var listing = Listing(
            countyColumns + [
                .init("severity"), .init("位置", ["location"]), .init("check", ["check_id"]),
                .init("说明", ["message"]),
                .path("文件", ["path", "file"], onScreen: false),
                .init("line", [], .right, kind: .integer, onScreen: false),
            ])
        listing.columns[2].onScreen = false
        listing.rows = map(results) { findingRows($0, including: include) }.flatMap { $0 }
        return listing
    }

    @Sendable static func findingRows(_ r: FilingResult, including include: (Finding) -> Bool) -> [[Listing.Cell]] {
        let filing = countyCells(r)
        return r.findings.filter(include).map { f in
            let file = FileNames.shown(r.file)
            let location = f.line.map { "\(file):\(r.filing.place($0))" } ?? file
            let rank = Decimal(f.severity == .error ? 0 : f.severity == .warning ? 1 : 2)
            let line = Listing.Cell(f.line.map(String.init) ?? "", number: f.line.map { Decimal($0) })
            let cells: [Listing.Cell] = [
                .init(f.severity.rawValue, number: rank), .init(location), .init(f.check.rawValue),
                .init(f.message), .init(FileNames.shown(r.path)), line,
            ]
            return filing + cells
        }
    }
}
