import Foundation

/// 部门整体支出绩效评价基础数据表.
public struct BasicData: Hashable, Sendable {
    public enum Group: String, Sendable {
        case sanGong = "三公经费", projects = "项目支出", publicFunds = "公用经费", procurement =
            "政府采购金额", adjustment =
            "部门基本支出预算调整", other = ""
    }

    public struct Row: Hashable, Sendable {
        public var label: String
        public var line: Int
        public var group: Group
        public var isGroupTotal: Bool
        public var prior: Figure  // previous year's 决算数
        public var budget: Figure  // this year's 预算数
        public var actual: Figure  // this year's 决算数
        /// A project row's name with its numbering and 专项资金： prefix removed.
        public var name: String

        public init(
            label: String, line: Int, group: Group, isGroupTotal: Bool, prior: Figure, budget: Figure, actual: Figure,
            name: String
        ) {
            self.label = label
            self.line = line
            self.group = group
            self.isGroupTotal = isGroupTotal
            self.prior = prior
            self.budget = budget
            self.actual = actual
            self.name = name
        }
    }

    public var line: Int
    public var authorized: Figure = .blank  // 编制数
    public var staff: Figure = .blank  // 实际在职人数
    public var controlRate: Figure = .blank  // 控制率
    public var columnLabels: [String] = []  // e.g. 2022决算数, 2023预算数, 2023决算数
    public var rows: [Row] = []
    /// 楼堂馆所控制情况: 批复规模, 实际规模, 规模控制率, 预算投资, 实际投资,
    /// 投资概算控制率.
    public var buildings: [LabeledFigure] = []
    /// 厉行节约保障措施, when the filing wrote any.
    public var savingMeasures: Located?

    public init(line: Int) { self.line = line }

    // By index: `first(where:)` and `filter` copy every row they pass to the test, retaining and
    // releasing its five strings, and the checks ask for a group's rows a hundred times a filing.
    public func total(_ group: Group) -> Row? {
        for i in rows.indices where rows[i].group == group && rows[i].isGroupTotal { return rows[i] }
        return nil
    }

    public func members(_ group: Group) -> [Row] {
        rows.indices.compactMap { rows[$0].group == group && !rows[$0].isGroupTotal ? rows[$0] : nil }
    }
}

/// 项目支出绩效自评汇总表: the filing's own list of its projects with their amounts, rates
/// and scores, and its 合计 row.
public struct ProjectSummary: Hashable, Sendable {
    public struct Row: Hashable, Sendable {
        public var name: String
        public var line: Int
        public var initial: Figure = .blank
        public var fullYear: Figure = .blank
        public var executed: Figure = .blank
        public var rate: Figure = .blank
        public var score: Figure = .blank

        public init(name: String, line: Int) {
            self.name = name
            self.line = line
        }
    }

    public var line: Int
    public var rows: [Row] = []
    /// The 合计 row.
    public var total: Row?

    public init(line: Int) { self.line = line }
}
