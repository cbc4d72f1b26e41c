import Foundation

/// A figure as the filing wrote it: the text, its value (nil for a blank, `——` or `/`),
/// and the file line it came from.
public struct Figure: Hashable, Sendable {
    public var value: Decimal?
    /// The line as 32 bits, 0 for none, in the gap the 21-byte decimal leaves: a figure takes 48
    /// bytes instead of 56, and a county holds millions of them.
    private var fileLine: Int32
    public var text: String

    public init(_ value: Decimal?, text: String = "", line: Int? = nil) {
        self.value = value
        self.fileLine = FileLine.pack(line)
        self.text = text
    }
    public static let blank = Figure(nil)
    public var isBlank: Bool { value == nil }
    /// A value other than zero (a blank is not one).
    public var isNonZero: Bool { value.map { !$0.isZero } ?? false }
    public var line: Int? {
        get { FileLine.unpack(fileLine) }
        set { fileLine = FileLine.pack(newValue) }
    }
}

/// Text from one cell with the line it started on.
public struct Located: Hashable, Sendable {
    public var text: String
    /// As in `Figure`: 24 bytes instead of 32.
    private var fileLine: Int32
    public init(_ text: String, line: Int?) {
        self.text = text
        self.fileLine = FileLine.pack(line)
    }
    public var isEmpty: Bool { text.isEmpty }
    public var line: Int? {
        get { FileLine.unpack(fileLine) }
        set { fileLine = FileLine.pack(newValue) }
    }
}

/// A file line kept in 32 bits, 0 for none: lines count from 1, and a filing is at most 32 MB.
enum FileLine {
    static func pack(_ line: Int?) -> Int32 { Int32(clamping: line ?? 0) }
    static func unpack(_ line: Int32) -> Int? { line == 0 ? nil : Int(line) }
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

    public var hasAmounts: Bool { initial.isNonZero || fullYear.isNonZero || executed.isNonZero }
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
    public var rows: [FundRow] = [] {
        // Found again at every change, not at every read: the checks read these figures thousands
        // of times a county, and each search compared every row's amounts.
        didSet { (amountIndex, scoringIndex) = (Self.amountIndex(rows), Self.scoringIndex(rows)) }
    }
    /// The column the filing uses for the year's budget: 全年预算数 or 调整后预算数.
    public var budgetLabel = "全年预算数"
    /// Amounts in the source were 元 and were divided by 10000.
    public var convertedFromYuan = false
    /// The funds block's own 偏差原因, where the table has that column.
    public var deviation: Located?

    /// The row holding the amounts: 年度资金总额 when it has non-zero amounts, else the first row that does.
    public var amountRow: FundRow? { amountIndex.map { rows[$0] } }
    /// The row holding 分值 / 执行率 / 得分, wherever the filing put them.
    public var scoringRow: FundRow? { scoringIndex.map { rows[$0] } }

    // The figures below are read in every check; found by index, they copy one figure, not a row.
    private(set) var amountIndex: Int?
    private(set) var scoringIndex: Int?

    // Rows asked where they stand, by index: a key path or a closure over elements copied each
    // row (eight strings and figures retained and released) at every change of the rows.
    static func amountIndex(_ rows: [FundRow]) -> Int? {
        let total = rows.indices.first { rows[$0].kind == .total }
        if let total, rows[total].hasAmounts { return total }
        return rows.indices.first { rows[$0].hasAmounts } ?? total
    }
    static func scoringIndex(_ rows: [FundRow]) -> Int? {
        let total = rows.indices.first { rows[$0].kind == .total }
        if let total, rows[total].hasScoring { return total }
        return rows.indices.first { rows[$0].hasScoring }
    }
    public var initial: Figure { amountIndex.map { rows[$0].initial } ?? .blank }
    public var fullYear: Figure { amountIndex.map { rows[$0].fullYear } ?? .blank }
    public var executed: Figure { amountIndex.map { rows[$0].executed } ?? .blank }
    public var weight: Figure { scoringIndex.map { rows[$0].weight } ?? .blank }
    public var reportedRate: Figure { scoringIndex.map { rows[$0].rate } ?? .blank }
    public var reportedScore: Figure { scoringIndex.map { rows[$0].score } ?? .blank }
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
    /// The year its title or the line under it names (`（2021年度）`), if any.
    public var titleYear: Int?

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
    case xlsx = "XLSX"
    case pdf = "PDF"
}

/// The kind of file a filing was read from: which front end read it.
public enum FileFormat: String, Hashable, Sendable {
    case text = "text"
    case docx = ".docx"
    case html = "web page"
    case xlsx = "workbook"
    case pdf = "PDF"
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
    public var format: FileFormat = .text
    /// For a .docx, a web page or a workbook: the text layout it was read as (`export text`).
    public var layoutText: String?
    /// For a workbook: where each line of the layout came from (`3-项目支出绩效自评表!H7`), so a
    /// finding is located where the analyst can open it; empty for other formats.
    public var places: [String] = []
    /// For a file LibreOffice converted: what it was (`Word 97–2003 .doc`).
    public var convertedFrom: String?

    /// The format and, for text and web pages, the encoding: `text UTF-8`, `web page GB18030`, `.docx`.
    public var formatDescription: String {
        switch format {
        case .text, .html: return "\(format.rawValue) \(encoding.rawValue)"
        case .docx, .xlsx, .pdf: return convertedFrom.map { "\($0) via LibreOffice" } ?? format.rawValue
        }
    }

    /// Where line `line` is, as the analyst finds it: the sheet and cell of a workbook's line, or
    /// the line number itself.
    public func place(_ line: Int) -> String {
        line >= 1 && line <= places.count ? places[line - 1] : String(line)
    }

    /// Whether an indicator of any table has `name` as its first-level name.
    public func hasLevel1(_ name: String) -> Bool {
        // Stops at the first: the array of every name, each compared with those before, cost more.
        let named = { (indicator: Indicator) in indicator.level1.isSameText(as: name) }
        if department?.indicators.contains(where: named) == true { return true }
        return projects.contains { $0.indicators.contains(where: named) }
    }

    public init(unit: String, year: Int?, source: String, sha256: String, encoding: TextEncoding) {
        self.unit = unit
        self.year = year
        self.source = source
        self.sha256 = sha256
        self.encoding = encoding
    }
}
