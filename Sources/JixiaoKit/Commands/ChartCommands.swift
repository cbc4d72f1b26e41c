import Foundation
import JixiaoModel
import JixiaoRendering

extension CommandSpec {
    static let chartCommands: [CommandSpec] = [
        CommandSpec(
            name: "chart", group: .rules,
            usage: "chart COLUMN [--by COLUMN] [--from projects|filings|checks|findings] [--bins N] [--where EXPR] "
                + "[--unit U] [--year Y]",
            summary: "Draw a column of a county table as a bar chart (图表): a histogram, or one bar per group",
            details: """
                COLUMN is a column of 'projects --all' (or, with --from, of 'filings', 'check --all' or \
                'check --all --list'), named as --sort names it. A rate is drawn in the bands a reviewer reads \
                (<60%, 60–80%, 80–90%, 90–100%, >100%); another number in N equal bins (--bins, 10 unless \
                given); text, one bar per value with its count. --by GROUP draws one bar per value of GROUP \
                instead: the sum of COLUMN for amounts and counts, the mean for rates and scores, largest first \
                (the first 20; --limit N for more). --where, --unit and --year choose the rows first.
                """,
            example: "chart 执行率(计算) --unit 教育",
            completion: .words(["--by", "--from", "--bins", "--where", "projects", "filings", "checks", "findings"])
        ) { call throws(ShellError) in
            let args = try call.arguments(
                valued: ["--by", "--from", "--bins", "--limit", "--where", "--unit", "--year"])
            guard args.positional.count == 1 else { throw call.usage("needs one COLUMN") }
            let source = args.values["--from"] ?? "projects"
            guard let table = ChartCommand.Source(rawValue: source) else {
                throw call.usage("--from takes projects, filings, checks or findings, not '\(source)'")
            }
            var bins = 10
            if let text = args.values["--bins"] {
                guard let n = Int(text), (1...100).contains(n) else {
                    throw call.usage("--bins takes a whole number from 1 to 100, not '\(text)'")
                }
                bins = n
            }
            let selection = try Selection(args, call)
            return ChartCommand(
                column: args.positional[0], by: args.values["--by"], source: table, bins: bins,
                limit: selection.limit ?? 20, filters: Selection(filters: selection.filters))
        }
    ]
}

struct ChartCommand: Command, Equatable {
    enum Source: String, Sendable { case projects, filings, checks, findings }

    var column: String
    var by: String?
    var source = Source.projects
    var bins = 10
    var limit = 20
    var filters = Selection()

    func run(_ session: inout Session, _ environment: any Environment) throws(ShellError) -> Output {
        guard !session.filings.isEmpty else { throw .noFiling }
        let results = try session.results(environment)
        var listing: Listing
        switch source {
        case .projects: listing = CountyViews.projects(results, map: everyCore)
        case .filings: listing = CountyViews.filings(results, current: session.currentIndex)
        case .checks: listing = CountyViews.checks(results)
        case .findings: listing = CountyViews.findingList(results, map: everyCore)
        }
        listing = try filters.apply(to: listing, environment)
        let index = try Self.column(column, in: listing)
        let chart: BarChart
        if let by {
            chart = ChartData.grouped(listing, value: index, group: try Self.column(by, in: listing), limit: limit)
        } else {
            chart = ChartData.histogram(listing, column: index, bins: bins)
        }
        return Output(chart.render())
    }

    static func column(_ name: String, in listing: Listing) throws(ShellError) -> Int {
        guard let index = listing.column(named: name) else {
            throw .notFound(kind: "column", name: name, candidates: listing.columnNames, all: true)
        }
        return index
    }
}
