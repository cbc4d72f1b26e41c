import Foundation

/// A figure as the filing wrote it: the text, its value (nil for a blank, `——` or `/`),
/// and the file line it came from.
public struct Figure: Hashable, Sendable {
    public var value: Decimal?
    public var text: String
    public var line: Int?

    public init(_ value: Decimal?, text: String = "", line: Int? = nil) {
        self.value = value
        self.text = text
        self.line = line
    }
    public static let blank = Figure(nil)
    public var isBlank: Bool { value == nil }
}

/// Text from one cell with the line it started on.
public struct Located: Hashable, Sendable {
    public var text: String
    public var line: Int?
    public init(_ text: String, line: Int?) {
        self.text = text
        self.line = line
    }
    public var isEmpty: Bool { text.isEmpty }
}

/// One fund row of a 项目支出绩效自评表 or 部门整体支出绩效自评表: 年度资金总额,
/// 当年财政拨款, …
public struct FundRow: Hashable, Sendable {
    public enum Kind: String, Sendable { case total, current, carryOver, other }
    public var label: String
    public var kind: Kind
    public var line: Int
    public var initial: Figure  // 年初预算数
    public var fullYear: Figure  // 全年预算数 / 调整后预算数
    public var executed: Figure  // 全年执行数
    public var weight: Figure  // 分值
    public var rate: Figure  // 执行率, as a fraction
    public var score: Figure  // 得分 / 自评得分

    public var hasAmounts: Bool {
        [initial, fullYear, executed].contains { ($0.value ?? 0) != 0 }
    }
    public var hasScoring: Bool { !weight.isBlank || !rate.isBlank || !score.isBlank }

    public init(
        label: String, kind: Kind, line: Int, initial: Figure = .blank, fullYear: Figure = .blank,
        executed: Figure = .blank, weight: Figure = .blank, rate: Figure = .blank, score: Figure = .blank
    ) {
        self.label = label
        self.kind = kind
        self.line = line
        self.initial = initial
        self.fullYear = fullYear
        self.executed = executed
        self.weight = weight
        self.rate = rate
        self.score = score
    }
}

/// The funds block of a table, with the figures a reviewer reads off it.
public struct Funds: Hashable, Sendable {
    public var rows: [FundRow] = []
    /// The column the filing uses for the year's budget: 全年预算数 or 调整后预算数.
    public var budgetLabel = "全年预算数"
    /// Amounts in the source were 元 and were divided by 10000.
    public var convertedFromYuan = false
    /// The funds block's own 偏差原因, where the table has that column.
    public var deviation: Located?

    /// The row holding the amounts: 年度资金总额 when it has non-zero amounts, else the first row that does.
    public var amountRow: FundRow? {
        if let total = rows.first(where: { $0.kind == .total }), total.hasAmounts { return total }
        return rows.first(where: \.hasAmounts) ?? rows.first(where: { $0.kind == .total })
    }
    /// The row holding 分值 / 执行率 / 得分, wherever the filing put them.
    public var scoringRow: FundRow? {
        if let total = rows.first(where: { $0.kind == .total }), total.hasScoring { return total }
        return rows.first(where: \.hasScoring)
    }
    public var initial: Figure { amountRow?.initial ?? .blank }
    public var fullYear: Figure { amountRow?.fullYear ?? .blank }
    public var executed: Figure { amountRow?.executed ?? .blank }
    public var weight: Figure { scoringRow?.weight ?? .blank }
    public var reportedRate: Figure { scoringRow?.rate ?? .blank }
    public var reportedScore: Figure { scoringRow?.score ?? .blank }
    public var carriedOver: FundRow? { rows.first { $0.kind == .carryOver } }

    public init() {}
}

/// 年度总体目标: what was planned (预期目标) and what was achieved (实际完成情况).
public struct Goal: Hashable, Sendable {
    public var expected: Located
    public var actual: Located

    public init(expected: Located, actual: Located) {
        self.expected = expected
        self.actual = actual
    }
}

/// One row of the indicator tree (绩效指标).
public struct Indicator: Hashable, Sendable {
    public var level1: String  // 一级指标, weight suffix removed
    public var level1Weight: Decimal?  // the (20分) of 产出指标（20分）
    public var level2: String  // 二级指标
    public var level3: String  // 三级指标
    public var target: String?  // 指标值
    public var actual: String?  // 实际完成值
    public var weight: Figure  // 分值
    public var score: Figure  // 得分
    public var deviation: String?  // 偏差原因分析及改进措施
    public var line: Int
    /// Set by a what-if `set score`: the analyst's score stands, even where it could be recomputed.
    public var scoreIsFixed = false

    public init(
        level1: String, level1Weight: Decimal?, level2: String, level3: String, target: String?, actual: String?,
        weight: Figure, score: Figure, deviation: String?, line: Int
    ) {
        self.level1 = level1
        self.level1Weight = level1Weight
        self.level2 = level2
        self.level3 = level3
        self.target = target
        self.actual = actual
        self.weight = weight
        self.score = score
        self.deviation = deviation
        self.line = line
    }
}

/// A narrative section (一、项目支出概况 …) of a 自评报告.
public struct NarrativeSection: Hashable, Sendable {
    public var heading: String
    public var line: Int
    /// The body's lines joined by newlines. One string a section rather than one a line: a
    /// county holds hundreds of thousands of narrative lines.
    public private(set) var text: String = ""
    /// The file line of each body line, in order (0 where unknown).
    private var lines: [Int32] = []

    public init(heading: String, body: [Located], line: Int) {
        self.heading = heading
        self.line = line
        text = body.map(\.text).joined(separator: "\n")
        lines = body.map { Int32(clamping: $0.line ?? 0) }
    }

    /// The body, a line at a time, each with its file line.
    public var body: [Located] {
        let texts = text.split(separator: "\n", omittingEmptySubsequences: false)
        return zip(texts, lines).map { Located(String($0), line: $1 == 0 ? nil : Int($1)) }
    }

    public var isEmpty: Bool { lines.isEmpty }

    /// The file line of the first body line that passes `test`, else of the heading.
    public func line(where test: (String) -> Bool) -> Int {
        body.first { test($0.text) }?.line ?? line
    }

    /// Adds a line of the body (a line of prose, without line breaks).
    public mutating func append(_ located: Located) {
        if !lines.isEmpty { text += "\n" }
        text += located.text
        lines.append(Int32(clamping: located.line ?? 0))
    }
}

/// A 自评报告 (or 情况说明): its title line and its sections.
public struct Narrative: Hashable, Sendable {
    public var title: String
    public var line: Int
    public var sections: [NarrativeSection] = []
    public var fullText: String { sections.map { $0.heading + $0.text }.joined(separator: "\n") }

    public init(title: String, line: Int) {
        self.title = title
        self.line = line
    }
}

/// What a 项目支出绩效自评表 and the 部门整体支出绩效自评表 share, and all that is scored:
/// the funds block, the annual goal, the indicator tree and the reported 总分.
public struct ScoredTable: Hashable, Sendable {
    /// Which kind of table: the rule sets give the two different denominators and weights.
    public enum Kind: String, Hashable, Sendable { case project, department }

    public var kind: Kind
    public var line: Int
    public var funds = Funds()
    public var goal: Goal?
    public var indicators: [Indicator] = []
    public var reportedTotal: Figure = .blank
    /// Text rows around the scored blocks: 评价结论, 存在问题, 改进措施, signatures, tasks.
    public var remarks: [Remark] = []

    public init(kind: Kind, line: Int) {
        self.kind = kind
        self.line = line
    }
}

/// A table that is scored: its scored part is reached the same way for projects and the department.
public protocol HasScoredTable {
    var table: ScoredTable { get set }
}

extension HasScoredTable {
    public var line: Int { table.line }
    public var funds: Funds {
        get { table.funds }
        set { table.funds = newValue }
    }
    public var goal: Goal? { table.goal }
    public var indicators: [Indicator] {
        get { table.indicators }
        set { table.indicators = newValue }
    }
    public var reportedTotal: Figure { table.reportedTotal }
}

/// 项目支出绩效自评表 plus its 自评报告.
public struct Project: Hashable, Sendable, HasScoredTable {
    public var name: String
    public var department: Located?  // 主管部门
    public var implementer: Located?  // 实施单位
    public var table: ScoredTable
    public var report: Narrative?

    public init(name: String, line: Int) {
        self.name = name
        self.table = ScoredTable(kind: .project, line: line)
    }
}

/// A labelled text row of a table: 评价结论, 存在问题, 填表人, a 年度主要任务 and its content.
public struct Remark: Hashable, Sendable {
    public var label: String
    public var text: Located

    public init(label: String, text: Located) {
        self.label = label
        self.text = text
    }
}

/// A label with its figure, as in 其中:基本支出：107.27.
public struct LabeledFigure: Hashable, Sendable {
    public var label: String
    public var figure: Figure

    public init(label: String, figure: Figure) {
        self.label = label
        self.figure = figure
    }
}

/// 部门整体支出绩效自评表.
public struct Department: Hashable, Sendable, HasScoredTable {
    /// How findings, edits and views name the department's table.
    public static let displayName = "部门整体"

    public var unit: Located?  // 预算部门名称
    public var income: [LabeledFigure] = []  // 按收入性质分
    public var expenditure: [LabeledFigure] = []  // 按支出性质分
    public var table: ScoredTable

    public init(line: Int) {
        self.table = ScoredTable(kind: .department, line: line)
    }
}

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

    public func total(_ group: Group) -> Row? { rows.first { $0.group == group && $0.isGroupTotal } }
    public func members(_ group: Group) -> [Row] { rows.filter { $0.group == group && !$0.isGroupTotal } }
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

/// Something the reader saw but could not place: reported with its line, never dropped.
public struct ReadWarning: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }
}

/// How a filing's bytes were decoded.
public enum TextEncoding: String, Hashable, Sendable {
    case utf8 = "UTF-8"
    case utf8WithBOM = "UTF-8 with BOM"
    case utf16 = "UTF-16"
    case gb18030 = "GB18030"
    case docx = "DOCX"
}

/// One 绩效自评 filing as read from a file.
public struct Filing: Hashable, Sendable {
    public var unit: String
    public var year: Int?
    public var source: String
    public var sha256: String
    public var encoding: TextEncoding
    public var department: Department?
    public var basic: BasicData?
    /// 项目支出绩效自评汇总表: one row per project, when the filing carries one.
    public var summary: ProjectSummary?
    public var projects: [Project] = []
    public var report: Narrative?  // 部门整体支出绩效自评报告
    public var otherReports: [Narrative] = []  // 汇总报告, 情况说明 …
    public var warnings: [ReadWarning] = []
    /// The size of the file as read, in bytes.
    public var byteCount = 0
    public var lineCount: Int = 0
    /// For a .docx: the text layout it was read as, which line numbers refer to (`export text`).
    public var layoutText: String?

    /// All indicators' first-level names, in order of first appearance.
    public var level1Names: [String] {
        var seen: [String] = []
        for ind in (department?.indicators ?? []) + projects.flatMap(\.indicators) where !seen.contains(ind.level1) {
            seen.append(ind.level1)
        }
        return seen
    }

    public init(unit: String, year: Int?, source: String, sha256: String, encoding: TextEncoding) {
        self.unit = unit
        self.year = year
        self.source = source
        self.sha256 = sha256
        self.encoding = encoding
    }
}
