import Foundation
import JixiaoModel

extension Checker {
    static func staffNarrative(_ c: inout Checker) {
        guard let report = c.filing.report, let b = c.filing.basic, report.has(StaffPhrase.keyWords) else { return }
        let text = report.fullText
        let line = report.sections.first { $0.text.has("编制") || $0.heading.has("编制") }?.line
        // Each pattern runs only on a report that has its key word: the reports are long.
        if let count = StaffPhrase.authorized.firstCount(in: text),
            let n = Decimal(string: String(count)), let a = b.authorized.value, n != a
        {
            let tableLine = b.authorized.line ?? b.line
            c.add(
                line, .filing,
                "编制 is \(n.plain) in the narrative but \(points(a)) in the 基础数据表 (line"
                    + " \(tableLine))")
        }
        if let count = StaffPhrase.actual.firstCount(in: text),
            let n = Decimal(string: String(count)), let s = b.staff.value, n != s
        {
            let tableLine = b.staff.line ?? b.line
            c.add(
                line, .filing,
                "在职 is \(n.plain) in the narrative but \(points(s)) in the 基础数据表 (line"
                    + " \(tableLine))")
        }
    }

    /// A 基本支出 paragraph that quotes the whole year's spending.
    static func narrativeBasicSpend(_ c: inout Checker) {
        guard let report = c.filing.report, let d = c.filing.department,
            let basicSpend = c.basicSpend?.figure.value,
            let section = report.sections.first(where: { $0.heading.has("基本支出") })
        else { return }
        let text = section.heading + section.text
        guard
            let number = SpentPhrase.firstAmount(in: text),
            let quoted = Decimal(string: String(number)), quoted != basicSpend, quoted == d.funds.executed.value,
            // The match holds a number, so the paragraph does: only the table's 基本支出 must be missing.
            !text.has(basicSpend.fixed(2))
        else { return }
        c.add(
            section.line, .filing,
            "部门整体报告: the 基本支出 paragraph quotes \(amount(quoted)), the whole year's spending; the "
                + "table's "
                + "基本支出 is \(amount(basicSpend))")
    }

    /// A report that claims 100% while the projects fell short.
    static func narrativeClaim(_ c: inout Checker) {
        let budget = c.projectsSum { $0.fullYear }
        let spent = c.projectsSum { $0.executed }
        guard budget.isPositive, spent.isBelow(budget) else { return }
        for other in c.filing.otherReports {
            guard
                let section = other.sections.first(where: {
                    let text = $0.heading + $0.text
                    return text.has("100%") && text.claimsCompletion
                })
            else { continue }
            let claimLine = section.line { $0.has("100%") && $0.claimsCompletion }
            let title = other.title
            c.add(
                claimLine, .filing,
                "\(title): claims 100% completion, but the projects spent \(amount(spent)) of \(amount(budget)) "
                    + "(\((spent / budget).percent))")
        }
    }

    /// Part of `cell.missing`: covers left unsigned.
    mutating func unsignedCovers() {
        guard let report = filing.report else { return }
        let unsigned = ([report] + projectReports).filter { n in
            // The section's text is searched before it is split into lines: most have no cover.
            n.sections.contains { section in
                section.text.has("签字")
                    && section.lines(where: Self.signature.occurs).contains { line in
                        let key = Labels.norm(line.text)
                        return key.begins(with: "主要负责人签字") && (key.plainCount ?? key.count) <= 8
                    }
            }
        }
        guard !unsigned.isEmpty else { return }
        let count = unsigned.count
        add(report.line, .filing, "\(count) report cover(s) have a blank 主要负责人签字")
    }

    static let signature = WordList(["签字"])

    static func narrativeNoProblems(_ c: inout Checker) {
        guard let report = c.filing.report, c.findings.contains(where: { $0.severity != .info }),
            let problems = report.sections.first(where: { $0.heading.has("存在的问题") }),
            Labels.isPlaceholder(problems.text)
        else { return }
        let said = problems.text.isEmpty ? "(empty)" : problems.text
        c.add(
            problems.line, .filing,
            "部门整体报告 says 存在的问题 \(said) although this check finds prob"
                + "lems")
    }

    /// Prompt text of the blank form left in a report's body, a table's 评价结论/存在问题/改进措施
    /// row or a 偏差原因 cell.
    static func templateText(_ c: inout Checker) {
        for report in c.allReports {
            // Each section's text asked where it stands: the loop copied every section to ask.
            let sections = report.sections
            for s in sections.indices where Self.promptList.occurs(in: sections[s].text) {
                for line in sections[s].lines(where: Self.promptList.occurs) {
                    let (title, text) = (report.title, Self.excerpt(Self.fromPrompt(line.text)))
                    c.add(line.line ?? sections[s].line, .filing, "\(title): the form's prompt left in: '\(text)'")
                }
            }
        }
        c.eachTable { c, t in
            for remark in t.table.remarks where Self.promptList.occurs(in: remark.text.text) {
                let (name, label, text) = (t.name, remark.label, Self.excerpt(remark.text.text))
                c.add(remark.text.line ?? t.table.line, t.target, "\(name): \(label) holds the form's prompt '\(text)'")
            }
            for ind in t.indicators {
                guard let deviation = ind.deviation, Self.promptList.occurs(in: deviation) else { continue }
                let (name, level3, text) = (t.name, ind.level3, Self.excerpt(deviation))
                c.add(ind.line, t.target, "\(name): 偏差原因 of \(level3) holds the form's prompt '\(text)'")
            }
        }
    }

    /// Words only the blank form's instructions use.
    static let promptList = WordList(
        words("请简要说明 请简要 请说明 请填写 请根据 请对照 （如有） (如有)")
            + words("XX万元 xx万元 XX% xx% XXX xxx ×× 填写说明 填表说明"))

    static func excerpt(_ text: String) -> String { DisplayWidth.truncate(text, to: 40) }

    /// The text from the first prompt word on, so the message shows the prompt, not the line's start.
    static func fromPrompt(_ text: String) -> String {
        let marks = ["请", "（如有）", "(如有)", "XX", "xx", "××", "填"]
        let starts = marks.compactMap { text.range(of: $0)?.lowerBound }
        return starts.min().map { String(text[$0...]) } ?? text
    }
}

extension String {
    /// `完成率达100%` and the like.
    fileprivate var claimsCompletion: Bool {
        firstMatch(of: Patterns.completeClaim, beginningWith: ["完成值", "执行率", "完成率"]) != nil
    }
}
