import Foundation

/// A scoring rule set as data: how execution is scored, the default first-level weights,
/// how quantitative and qualitative indicators score, rounding and grade bands.
/// The rules differ by level of government and year (domain rules §5).
public struct RuleSet: Sendable, Equatable {
    /// Which budget column divides 全年执行数 for the execution rate.
    public enum Denominator: String, Sendable, CaseIterable {
        case fullYear  // 全年预算数, or 调整后预算数 where the table names it so
        case initial  // 年初预算数
        public var label: String { self == .fullYear ? "全年预算数" : "年初预算数" }
    }
    /// How a reversed (≤) indicator that overshoots is scored.
    public enum ReverseMethod: String, Sendable, CaseIterable {
        case mirror  // w × T / A
        case linear  // w × max(0, 1 − (A − T) / T)
    }
    public struct Grade: Sendable, Equatable {
        public var name: String
        public var minimum: Decimal

        public init(name: String, minimum: Decimal) {
            self.name = name
            self.minimum = minimum
        }
    }

    public var name: String
    public var title: String
    public var source: String
    public var executionWeight: Decimal = 10
    public var projectDenominator: Denominator = .fullYear
    public var departmentDenominator: Denominator = .fullYear
    /// Execution scores at most its weight (执行率 capped at 100%).
    public var capExecution = true
    /// The execution score multiplies the rate as the table shows it (to 0.01%, 99.945% → 99.95%)
    /// rather than the unrounded quotient. On by default: filers compute the score from the rate
    /// they have just written, so 10 × 99.95% = 10.00 is what a careful filer reports; a figure
    /// that the other order explains is never an error (`check` says which order it follows).
    /// A table that shows no rate has its score computed from the unrounded quotient.
    public var roundRateFirst = true
    /// Default 一级指标 weights, for checking a filing's split.
    public var projectWeights: [String: Decimal] = [:]
    public var departmentWeights: [String: Decimal] = [:]
    public var reverse: ReverseMethod = .mirror
    /// The share of the weight each qualitative tier scores (达成, 部分达成, 未达成): a point
    /// inside its band. 财预〔2020〕10号 第十二条 gives the bands "100-80%（含）、80-60%（含）、
    /// 60-0%", so 80% belongs to the top band and 部分达成 scores below it: 100%, 70%, 30%.
    public var qualitativeTiers: [Decimal] = [1, Decimal(7) / 10, Decimal(3) / 10]
    /// Where each tier's band begins: 达成 [80%, 100%], 部分达成 [60%, 80%), 未达成 [0, 60%).
    public var qualitativeBands: [Decimal] = [Decimal(8) / 10, Decimal(6) / 10, 0]
    /// Execution below this rate (a deduction of more than a tenth of the execution score) beside
    /// full marks on every indicator needs a 偏差原因; at 99.9% no reviewer asks for one.
    public var deviationRate = Decimal(9) / 10
    /// A result this many times better than its target (≥60% → 97%, ≤24小时 → 2小时) is what
    /// the rules call a target set too low.
    public var easyTargetRatio = Decimal(3) / 2
    /// When the execution basis is 年初预算数 and it is 0 or blank, the rate is taken against
    /// 全年预算数 with a note, rather than left undefined (scored 0).
    public var initialFallsBackToFullYear = true
    /// The other templates a table may follow (one filing can mix them): a table whose first-level
    /// indicators include 成本指标 or not is judged by the first template that agrees with it.
    public var templates: [Template] = []

    /// A template's first-level weights, for a table built on it.
    public struct Template: Sendable, Equatable {
        public var name: String
        public var projectWeights: [String: Decimal]
        public var departmentWeights: [String: Decimal]

        public init(name: String, projectWeights: [String: Decimal], departmentWeights: [String: Decimal]) {
            self.name = name
            self.projectWeights = projectWeights
            self.departmentWeights = departmentWeights
        }

        public func levelWeights(for kind: ScoredTable.Kind) -> [String: Decimal] {
            kind == .project ? projectWeights : departmentWeights
        }
    }
    public var rounding = 2
    /// Half-open bands, highest first: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below. Empty: no grade.
    public var grades: [Grade] = RuleSet.standardGrades
    /// The total is capped here (no bonus points); nil for no cap.
    public var totalCap: Decimal? = 100

    public static let standardGrades: [Grade] = [
        Grade(name: "优", minimum: 90), Grade(name: "良", minimum: 80),
        Grade(name: "中", minimum: 60), Grade(name: "差", minimum: 0),
    ]

    public func grade(_ total: Decimal) -> String? {
        grades.first { $0.minimum.isAtMost(total) }?.name
    }

    /// The execution-rate denominator for a kind of table.
    public func denominator(for kind: ScoredTable.Kind) -> Denominator {
        kind == .project ? projectDenominator : departmentDenominator
    }

    /// The default first-level weights for a kind of table.
    public func levelWeights(for kind: ScoredTable.Kind) -> [String: Decimal] {
        kind == .project ? projectWeights : departmentWeights
    }

    public init(
        name: String, title: String, source: String, executionWeight: Decimal = 10,
        projectDenominator: Denominator = .fullYear, departmentDenominator: Denominator = .fullYear,
        projectWeights: [String: Decimal] = [:], departmentWeights: [String: Decimal] = [:],
        qualitativeTiers: [Decimal] = [1, Decimal(7) / 10, Decimal(3) / 10],
        qualitativeBands: [Decimal] = [Decimal(8) / 10, Decimal(6) / 10, 0], grades: [Grade] = RuleSet.standardGrades
    ) {
        self.name = name
        self.title = title
        self.source = source
        self.executionWeight = executionWeight
        self.projectDenominator = projectDenominator
        self.departmentDenominator = departmentDenominator
        self.projectWeights = projectWeights
        self.departmentWeights = departmentWeights
        self.qualitativeTiers = qualitativeTiers
        self.qualitativeBands = qualitativeBands
        self.grades = grades
    }
}
