import Foundation
import JixiaoModel

extension Checker {
    mutating func narrative() {
        guard let report = filing.report else { return }
        let text = report.fullText
        if let b = filing.basic {
            let line = report.sections.first { $0.text.has("编制") || $0.heading.has("编制") }?.line
            // Each pattern runs only on a report that has its key word: the reports are long.
            if let m = text.firstMatch(of: Patterns.staffAuthorized, beginningWith: ["编制"]),
                let n = Decimal(string: String(m.1)),
                let a = b.authorized.value, n != a
            {
                let tableLine = b.authorized.line ?? b.line
                add(
                    .staffNarrative, .warning, line, .filing,
                    "编制 is \(n.plain) in the narrative but \(points(a)) in the 基础数据表 (line \(tableLine))")
            }
            if let m = text.firstMatch(of: Patterns.staffActual, beginningWith: ["在职", "实有"]),
                let n = Decimal(string: String(m.1)),
                let s = b.staff.value, n != s
            {
                let tableLine = b.staff.line ?? b.line
                add(
                    .staffNarrative, .warning, line, .filing,
                    "在职 is \(n.plain) in the narrative but \(points(s)) in the 基础数据表 (line \(tableLine))")
            }
        }
        // A 基本支出 paragraph that quotes the whole year's spending.
        if let d = filing.department,
            let basicSpend = d.expenditure.first(where: { $0.label.has("基本支出") })?.figure.value,
            let section = report.sections.first(where: { $0.heading.has("基本支出") }),
            let m = (section.heading + section.text).firstMatch(
                of: Patterns.spentAmount, beginningWith: ["全年实际支出", "全年支出", "实际支出"]),
            let quoted = Decimal(string: String(m.1)),
            quoted != basicSpend, quoted == d.funds.executed.value,
            (section.heading + section.text).firstMatch(of: Patterns.number).map({ _ in
                !(section.heading + section.text).has(basicSpend.fixed(2))
            }) ?? true
        {
            add(
                .narrativeBasicSpend, .warning, section.line, .filing,
                "部门整体报告: the 基本支出 paragraph quotes \(money(quoted)), the whole year's spending; "
                    + "the table's 基本支出 is "
                    + "\(money(basicSpend))"
            )
        }
        // A summary that claims 100% while projects fell short.
        let budget = filing.projects.reduce(Decimal(0)) { $0 + ($1.funds.fullYear.value ?? 0) }
        let spent = filing.projects.reduce(Decimal(0)) { $0 + ($1.funds.executed.value ?? 0) }
        if budget > 0, spent < budget {
            for other in filing.otherReports {
                guard
                    let section = other.sections.first(where: {
                        let text = $0.heading + $0.text
                        return text.has("100%") && text.claimsCompletion
                    })
                else { continue }
                let claimLine = section.line { $0.has("100%") && $0.claimsCompletion }
                let title = other.title
                add(
                    .narrativeClaim, .warning, claimLine, .filing,
                    "\(title): claims 100% completion, but the projects spent \(money(spent)) of "
                        + "\(money(budget)) (\((spent / budget).percent))"
                )
            }
        }
        // Covers left unsigned.
        let unsigned = ([report] + filing.projects.compactMap(\.report)).filter { n in
            // The section's text is searched before it is split into lines: most have no cover.
            n.sections.contains { section in
                section.text.has("签字")
                    && section.text.split(separator: "\n").contains { line in
                        let key = Labels.norm(String(line))
                        return key.begins(with: "主要负责人签字") && key.count <= 8
                    }
            }
        }
        if !unsigned.isEmpty {
            let count = unsigned.count
            add(
                .cellMissing, .info, report.line, .filing,
                "\(count) report cover(s) have a blank 主要负责人签字")
        }
        let serious = findings.contains { $0.severity != .info }
        if serious, let problems = report.sections.first(where: { $0.heading.has("存在的问题") }),
            Labels.isPlaceholder(problems.text)
        {
            let said = problems.text.isEmpty ? "(empty)" : problems.text
            add(
                .narrativeNoProblems, .info, problems.line, .filing,
                "部门整体报告 says 存在的问题 \(said) although this check finds problems")
        }
    }
}

extension String {
    /// `完成率达100%` and the like.
    fileprivate var claimsCompletion: Bool {
        firstMatch(of: Patterns.completeClaim, beginningWith: ["完成值", "执行率", "完成率"]) != nil
    }
}
