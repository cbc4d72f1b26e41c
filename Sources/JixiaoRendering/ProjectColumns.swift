import JixiaoModel

/// The columns of a project's row, defined once for every table that lists projects (`projects`,
/// `projects --computed`, `projects --all`), so a header and the English name `--where` and
/// `--sort` take for it never differ from one table to another.
package enum ProjectColumns {
    static let name = Listing.Column("项目名称", ["name", "project"])
    static let budget = Listing.Column("全年预算数", ["full_year", "budget"], .right, kind: .amount)
    static let executed = Listing.Column("全年执行数", ["executed"], .right, kind: .amount)
    static let reportedRate = Listing.Column("执行率", ["reported_rate"], .right, kind: .rate)
    static let rate = Listing.Column("执行率(计算)", ["rate"], .right, kind: .rate)
    static let weight = Listing.Column("分值", ["weight"], .right, kind: .points)
    static let reportedScore = Listing.Column("得分", ["reported_score"], .right, kind: .points)
    static let executionScore = Listing.Column("得分(计算)", ["execution_score"], .right, kind: .points)
    static let reportedTotal = Listing.Column("总分", ["reported_total"], .right, kind: .points)
    static let total = Listing.Column("总分(计算)", ["total"], .right, kind: .points)
    static let grade = Listing.Column("等级", ["grade"])
}
