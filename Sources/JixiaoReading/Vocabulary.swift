import JixiaoModel

/// The labels that start the rows of a 自评表, shared by the front ends that rebuild rows
/// and by the readers that consume them. Keys are `Labels.norm` forms.
enum Vocabulary {
    /// 项目名称, 主管部门, 实施单位 (盖章), 预算部门名称, 部门（单位）名称: a name and
    /// its value.
    static func isNameLabel(_ key: String) -> Bool {
        isProjectNameLabel(key) || key.begins(with: "主管部门") || key.begins(with: "实施单位")
            || key.begins(with: "预算部门名称") || key.isExactly("部门(单位)名称")
            || key.isExactly("单位名称")
    }

    static func isProjectNameLabel(_ key: String) -> Bool {
        // Every cell of every table is asked: one look at the first word turns most away.
        guard key.begins(with: "项目") else { return false }
        return key.isExactly("项目名称") || key.isExactly("项目支出名称") || key.begins(with: "项目名称:")
            || key.begins(with: "项目支出名称:")
    }

    /// The row that closes the indicator block.
    static func isTotalLabel(_ key: String) -> Bool {
        // Every cell of an indicator block is asked: most are turned away by their length.
        let length = key.utf8.count
        return length < 64 && totalLabelLengths >> length & 1 == 1 && key.isOne(of: totalLabels)
    }

    static let totalLabels = ["总分", "合计", "总计", "自评总分", "综合得分", "自评得分合计"]
    /// Bit n set when a total label is n bytes long (all are under 64).
    static let totalLabelLengths = totalLabels.reduce(UInt64(0)) { $0 | 1 << UInt64($1.utf8.count) }

    /// Rows around the scored blocks that hold text for the reader, not figures: the
    /// conclusion, problems, signatures, and the Sichuan table's 项目基本情况 headings.
    static let remarkLabels: [String] = [
        "评价结论", "存在问题", "存在的问题", "改进措施", "整改措施",
        "项目负责人", "财务负责人", "单位负责人", "填表人", "填报人",
        "审核人", "联系电话", "填报日期", "备注", "项目基本情况",
        "项目年度目标完成情况", "项目实施内容及过程概述", "项目实施内容",
    ]

    /// A cell that is exactly a remark label (`评价结论`, `1.项目年度目标完成情况`, `项目负责人:`).
    static func isRemarkLabel(_ key: String) -> Bool {
        bareLabel(key).isOne(of: remarkLabels)
    }

    /// A line outside the tables that is a remark (`填表人：王某某  联系电话：略`, `注：…`).
    static func isRemarkLine(_ key: String) -> Bool {
        if key.begins(with: "注:") || key.begins(with: "说明:") { return true }
        let bare = bareLabel(key)
        return remarkLabels.contains { bare.begins(with: $0) }
    }

    /// The label without list numbering or a closing colon: `2.项目实施内容及过程概述` →
    /// `项目实施内容及过程概述`.
    static func bareLabel(_ key: String) -> String {
        var label = Substring(Labels.withoutListNumber(key) ?? key)
        while label.hasSuffix(":") { label.removeLast() }
        return String(label)
    }

    /// 年度总体目标 and its column heads.
    static func isGoalLabel(_ key: String) -> Bool {
        let labels = [
            "年度总体目标", "预期目标", "实际完成情况", "项目年度目标",
            "年度目标完成情况", "年度目标", "目标完成情况",
        ]
        return key.isOne(of: labels)
    }

    /// 年度主要任务 and its column heads.
    static func isTaskLabel(_ key: String) -> Bool {
        key.isOne(of: ["年度主要任务", "任务名称", "主要内容"])
    }

    /// `≥ ≤ = 定性`: the 指标性质 column of split targets.
    static func isSign(_ key: String) -> Bool {
        key.isOne(of: ["≥", "≤", "=", ">", "<", "＞", "＜", "＝", "≧", "≦", ">=", "<=", "定性", "定量"])
    }
}
