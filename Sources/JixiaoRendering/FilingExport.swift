import Foundation
import JixiaoModel

/// The filing model as JSON (`export json`). The key names of the answer keys in
/// shared/filings are kept: unit, year, department{initial, adjusted, …}, projects[…].
package enum FilingExport {
    /// The computed scores that go beside the model: the rule set's name and a card per scored table.
    package struct Computed {
        package var rules: String
        package var cards: [Target: ScoreCard]

        package init(rules: String, cards: [Target: ScoreCard]) {
            self.rules = rules
            self.cards = cards
        }
    }

    /// The model, plus each project's and the department's computed score when `computed` is given.
    package static func json(_ filing: Filing, computed scores: Computed? = nil) -> JSON {
        var pairs: [(String, JSON)] = [
            ("format", .string("jixiao-filing")), ("version", .number(1)),
            ("unit", .string(filing.unit)), ("year", filing.year.map { .number(Decimal($0)) } ?? .null),
            ("source", .string(filing.source)), ("sha256", .string(filing.sha256)),
            ("encoding", .string(filing.encoding.rawValue)), ("format", .string(filing.format.rawValue)),
        ]
        if let scores { pairs.append(("rules", .string(scores.rules))) }
        func withCard(_ json: JSON, _ target: Target) -> JSON {
            guard let card = scores?.cards[target], case .object(let items) = json else { return json }
            return .object(items + [("computed", computed(card))])
        }
        pairs.append(("department", filing.department.map { withCard(department($0), .department) } ?? .null))
        pairs.append(("basic", filing.basic.map(basic) ?? .null))
        pairs.append(("summary", filing.summary.map(summary) ?? .null))
        pairs.append(("projects", .array(filing.projects.map { withCard(project($0), .project($0.name)) })))
        pairs.append(("reports", .array(([filing.report].compactMap { $0 } + filing.otherReports).map(narrative))))
        pairs.append(
            (
                "warnings",
                .array(
                    filing.warnings.map {
                        .object([("line", .number(Decimal($0.line))), ("message", .string($0.message))])
                    })
            ))
        return .object(pairs)
    }

    static func department(_ d: Department) -> JSON {
        .object([
            ("line", .number(Decimal(d.line))),
            ("initial", .num(d.funds.initial.value)), ("adjusted", .num(d.funds.fullYear.value)),
            ("executed", .num(d.funds.executed.value)), ("weight", .num(d.funds.weight.value)),
            ("reportedRate", .num(d.funds.reportedRate.value)), ("reportedScore", .num(d.funds.reportedScore.value)),
            ("reportedTotal", .num(d.reportedTotal.value)), ("budgetLabel", .string(d.funds.budgetLabel)),
            ("funds", .array(d.funds.rows.map(fundRow))),
            ("income", .array(d.income.map(labeled))), ("expenditure", .array(d.expenditure.map(labeled))),
            ("goal", d.goal.map(goal) ?? .null),
            ("indicators", .array(d.indicators.map(indicator))),
        ])
    }

    static func project(_ p: Project) -> JSON {
        .object([
            ("name", .string(p.name)), ("line", .number(Decimal(p.line))),
            ("department", .str(p.department?.text)), ("implementer", .str(p.implementer?.text)),
            ("initial", .num(p.funds.initial.value)), ("fullYear", .num(p.funds.fullYear.value)),
            ("executed", .num(p.funds.executed.value)), ("weight", .num(p.funds.weight.value)),
            ("reportedRate", .num(p.funds.reportedRate.value)), ("reportedScore", .num(p.funds.reportedScore.value)),
            ("reportedTotal", .num(p.reportedTotal.value)), ("budgetLabel", .string(p.funds.budgetLabel)),
            ("funds", .array(p.funds.rows.map(fundRow))),
            ("goal", p.goal.map(goal) ?? .null),
            ("indicators", .array(p.indicators.map(indicator))),
            ("report", p.report.map(narrative) ?? .null),
        ])
    }

    /// A score card: `rate`, `executionScore`, `indicatorScores` (null where not verifiable), `total`, `grade`.
    package static func computed(_ c: ScoreCard) -> JSON {
        .object([
            ("rules", .string(c.rules)), ("rate", .num(c.execution.rate?.rounded(4))),
            ("executionWeight", .number(c.execution.weight)),
            ("executionScore", .num(c.execution.score)),
            ("indicatorScores", .array(c.indicators.map { .num($0.computed) })),
            ("indicatorTotal", .number(c.indicatorTotal)), ("total", .number(c.total)), ("grade", .str(c.grade)),
        ])
    }

    static func fundRow(_ r: FundRow) -> JSON {
        .object([
            ("label", .string(r.label)), ("line", .number(Decimal(r.line))),
            ("initial", .num(r.initial.value)), ("fullYear", .num(r.fullYear.value)),
            ("executed", .num(r.executed.value)),
            ("weight", .num(r.weight.value)), ("rate", .num(r.rate.value)), ("score", .num(r.score.value)),
        ])
    }

    static func indicator(_ i: Indicator) -> JSON {
        .object([
            ("level1", .string(i.level1)), ("level1Weight", .num(i.level1Weight)), ("level2", .string(i.level2)),
            ("level3", .string(i.level3)), ("target", .str(i.target)), ("actual", .str(i.actual)),
            ("weight", .num(i.weight.value)), ("score", .num(i.score.value)), ("deviation", .str(i.deviation)),
            ("line", .number(Decimal(i.line))),
        ])
    }

    static func goal(_ g: Goal) -> JSON {
        .object([("expected", .string(g.expected.text)), ("actual", .string(g.actual.text))])
    }

    static func labeled(_ l: LabeledFigure) -> JSON {
        .object([
            ("label", .string(l.label)), ("amount", .num(l.figure.value)),
            ("line", l.figure.line.map { .number(Decimal($0)) } ?? .null),
        ])
    }

    /// 项目支出绩效自评汇总表: its rows and its 合计 row.
    static func summary(_ s: ProjectSummary) -> JSON {
        func row(_ r: ProjectSummary.Row) -> JSON {
            .object([
                ("name", .string(r.name)), ("line", .number(Decimal(r.line))), ("initial", .num(r.initial.value)),
                ("fullYear", .num(r.fullYear.value)), ("executed", .num(r.executed.value)),
                ("rate", .num(r.rate.value)), ("score", .num(r.score.value)),
            ])
        }
        return .object([
            ("line", .number(Decimal(s.line))), ("rows", .array(s.rows.map(row))), ("total", s.total.map(row) ?? .null),
        ])
    }

    static func basic(_ b: BasicData) -> JSON {
        .object([
            ("line", .number(Decimal(b.line))),
            ("authorized", .num(b.authorized.value)), ("staff", .num(b.staff.value)),
            ("controlRate", .num(b.controlRate.value)),
            ("columns", .array(b.columnLabels.map { .string($0) })),
            (
                "rows",
                .array(
                    b.rows.map { r in
                        .object([
                            ("label", .string(r.label)), ("name", .string(r.name)),
                            ("group", .string(r.group.rawValue)),
                            ("groupTotal", .bool(r.isGroupTotal)), ("prior", .num(r.prior.value)),
                            ("budget", .num(r.budget.value)),
                            ("actual", .num(r.actual.value)), ("line", .number(Decimal(r.line))),
                        ])
                    })
            ),
        ])
    }

    static func narrative(_ n: Narrative) -> JSON {
        .object([
            ("title", .string(n.title)), ("line", .number(Decimal(n.line))),
            (
                "sections",
                .array(
                    n.sections.map { s in
                        .object([
                            ("heading", .string(s.heading)), ("text", .string(s.text)),
                            ("line", .number(Decimal(s.line))),
                        ])
                    })
            ),
        ])
    }
}
