import Foundation
import JixiaoModel

extension Checker {
    /// 基础数据表: group totals, control ratios, and its project rows against the project tables.
    mutating func basic(_ b: BasicData) {
        let labels = b.columnLabels.count >= 3 ? b.columnLabels : ["上年决算数", "预算数", "决算数"]
        // Functions rather than key paths: a key path is applied through the runtime, slowly.
        let columns: [(String, (BasicData.Row) -> Figure)] = [
            (labels[0], { $0.prior }), (labels[1], { $0.budget }), (labels[2], { $0.actual }),
        ]
        for group in [BasicData.Group.projects, .sanGong] {
            guard let total = b.total(group) else { continue }
            var members = b.members(group)
            if group == .sanGong { members = members.filter { $0.label.first?.isNumber == true } }
            guard !members.isEmpty else { continue }
            // Rows under `其中：` name some of the group, not all: they must not exceed it.
            let partial = Labels.norm(members[0].label).begins(with: "其中")
            for (label, get) in columns {
                guard let t = get(total).value else { continue }
                let sum = members.reduce(Decimal(0)) { $0 + (get($1).value ?? 0) }
                if partial ? sum > t : sum != t {
                    let rowName = total.name
                    add(
                        .basicSum, .error, total.line, .filing,
                        "基础数据表: \(rowName) \(label) \(money(t)) ≠ \(money(sum)), the sum of its rows "
                            + "(gap \(money(t - sum)))"
                    )
                }
            }
        }
        if let total = b.total(.publicFunds) {
            let members = b.members(.publicFunds)
            for (label, get) in columns {
                let parts = members.reduce(Decimal(0)) { $0 + (get($1).value ?? 0) }
                if let t = get(total).value, parts > t {
                    add(
                        .basicSum, .error, total.line, .filing,
                        "基础数据表: 公用经费 \(label) \(money(t)) is less than its 其中 rows "
                            + "(\(money(parts)))")
                }
            }
        }
        // Staffing control rate (在职 / 编制).
        if let a = b.authorized.value, let s = b.staff.value, a > 0 {
            let rate = s / a
            if rate > 1 {
                add(
                    .controlStaff, .warning, b.staff.line, .filing,
                    "基础数据表: 在职人数 \(points(s)) above 编制数 \(points(a)): 控制率 "
                        + "\(rate.percent)")
            }
            if let reported = b.controlRate.value, reported.rounded(4) != rate.rounded(4) {
                add(
                    .controlStaff, .error, b.controlRate.line, .filing,
                    "基础数据表: 控制率 reported \(reported.percent) ≠ \(rate.percent) = \(points(s)) / "
                        + "\(points(a))")
            } else if b.controlRate.isBlank {
                add(
                    .cellMissing, .info, b.controlRate.line ?? b.staff.line, .filing,
                    "基础数据表: 控制率 is blank (computed \(rate.percent))")
            }
        }
        for group in [BasicData.Group.publicFunds, .sanGong, .procurement] {
            guard let row = b.total(group), let actual = row.actual.value else { continue }
            let rowName = row.name
            let name = group == .procurement ? "政府采购执行率" : "\(rowName)控制率"
            if let budget = row.budget.value, budget > 0 {
                if actual > budget {
                    add(
                        group == .procurement ? .controlProcurement : .controlSpend, .warning, row.line, .filing,
                        "基础数据表: \(name) \((actual / budget).percent) (决算 \(money(actual)) against 预算 "
                            + "\(money(budget)))")
                }
            } else if actual > 0 {
                add(
                    .controlUnbudgeted, .warning, row.line, .filing,
                    "基础数据表: \(rowName) 决算 \(money(actual)) with no 预算: \(name) is undefined")
            }
        }
        if let s = b.total(.sanGong), let prior = s.prior.value, let actual = s.actual.value, prior == 0 {
            add(
                .controlChange, .info, s.line, .filing,
                "基础数据表: 三公经费变动率 is undefined: the prior year's 决算 is 0 (this year "
                    + "\(money(actual)))")
        }
        projectRows(b)
    }

    /// Each project table should have its row in the 基础数据表, under the same name and amounts.
    mutating func projectRows(_ b: BasicData) {
        let rows = b.members(.projects)
        guard !rows.isEmpty else { return }
        let rowKeys = rows.map { Self.projectKey($0.name) }
        for p in filing.projects {
            let name = p.name
            let key = Self.projectKey(name)
            if let index = rowKeys.firstIndex(of: key) {
                let row = rows[index]
                compare(p, row, target: .project(p.name))
                continue
            }
            let scored = rows.map { ($0, similarity(key, Labels.norm($0.name))) }.max { $0.1 < $1.1 }
            if let (row, score) = scored, score >= 0.5 {
                let (rowName, rowLine, tableLine) = (row.name, row.line, p.line)
                add(
                    .nameMismatch, .warning, row.line, .project(name),
                    "\(name): named '\(rowName)' in the 基础数据表 (line \(rowLine)) but '\(name)' in its "
                        + "project table (line \(tableLine))"
                )
                compare(p, row, target: .project(name))
            } else {
                add(
                    .basicMissingProject, .warning, p.line, .project(name),
                    "\(name): no row in the 基础数据表's 项目支出")
            }
        }
    }

    mutating func compare(_ p: Project, _ row: BasicData.Row, target: Target) {
        let name = p.name
        if let budget = row.budget.value, let full = p.funds.fullYear.value, budget != full {
            let label = p.funds.budgetLabel
            add(
                .basicProject, .warning, row.line, target,
                "\(name): 基础数据表 预算 \(money(budget)) ≠ project table \(label) \(money(full))")
        }
        if let actual = row.actual.value, let executed = p.funds.executed.value, actual != executed {
            add(
                .basicProject, .warning, row.line, target,
                "\(name): 基础数据表 决算 \(money(actual)) ≠ project table 全年执行数 \(money(executed))")
        }
    }

    /// A project name reduced for matching: 双联工作经费 and 双联工作 are the same project.
    static func projectKey(_ name: String) -> String {
        var key = Labels.norm(name)
        for suffix in ["专项经费", "专项资金", "工作经费", "经费", "资金", "项目"]
        where key.ends(with: suffix) && key.count > suffix.count + 1 {
            key = String(key.dropLast(suffix.count)) + (suffix == "工作经费" ? "工作" : "")
            break
        }
        return key
    }

    /// Share of characters two names have in common, in order (longest common subsequence).
    func similarity(_ a: String, _ b: String) -> Double {
        let x = Array(a)
        let y = Array(b)
        guard !x.isEmpty, !y.isEmpty else { return 0 }
        var dp = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 1...x.count {
            for j in 1...y.count {
                dp[i][j] = x[i - 1] == y[j - 1] ? dp[i - 1][j - 1] + 1 : max(dp[i - 1][j], dp[i][j - 1])
            }
        }
        return Double(dp[x.count][y.count]) / Double(max(x.count, y.count))
    }
}
