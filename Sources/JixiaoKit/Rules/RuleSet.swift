import Foundation

/// A scoring rule set as data: how execution is scored, the default first-level weights,
/// how quantitative and qualitative indicators score, rounding and grade bands.
/// The rules differ by level of government and year (domain rules §5).
public struct RuleSet: Sendable, Equatable {
    /// Which budget column divides 全年执行数 for the execution rate.
    public enum Denominator: String, Sendable, CaseIterable {
        case fullYear    // 全年预算数, or 调整后预算数 where the table names it so
        case initial     // 年初预算数
        var label: String { self == .fullYear ? "全年预算数" : "年初预算数" }
    }
    /// How a reversed (≤) indicator that overshoots is scored.
    public enum ReverseMethod: String, Sendable, CaseIterable {
        case mirror      // w × T / A
        case linear      // w × max(0, 1 − (A − T) / T)
    }
    public struct Grade: Sendable, Equatable {
        public var name: String
        public var minimum: Decimal
    }

    public var name: String
    public var title: String
    public var source: String
    public var executionWeight: Decimal = 10
    public var projectDenominator: Denominator = .fullYear
    public var departmentDenominator: Denominator = .fullYear
    /// Execution scores at most its weight (执行率 capped at 100%).
    public var capExecution = true
    /// Default 一级指标 weights, for checking a filing's split.
    public var projectWeights: [String: Decimal] = [:]
    public var departmentWeights: [String: Decimal] = [:]
    public var reverse: ReverseMethod = .mirror
    /// Default share of the weight for the qualitative tiers: 达成, 部分达成, 未达成.
    public var qualitativeTiers: [Decimal] = [1, Decimal(8) / 10, Decimal(6) / 10]
    public var rounding = 2
    /// Half-open bands, highest first: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below. Empty: no grade.
    public var grades: [Grade] = RuleSet.standardGrades
    /// The total is capped here (no bonus points); nil for no cap.
    public var totalCap: Decimal? = 100

    public static let standardGrades = [Grade(name: "优", minimum: 90), Grade(name: "良", minimum: 80),
                                        Grade(name: "中", minimum: 60), Grade(name: "差", minimum: 0)]

    public func grade(_ total: Decimal) -> String? {
        grades.first { total >= $0.minimum }?.name
    }

    /// The rule sets jixiao ships.
    public static let builtIn: [RuleSet] = [
        RuleSet(name: "CN-2020", title: "财政部 财预〔2020〕10号 central self-evaluation rules",
                source: "domain rules §1: execution 10, 产出50 (成本 inside) / 效益30 / 满意度10, grades 优良中差",
                projectWeights: ["产出指标": 50, "效益指标": 30, "满意度指标": 10],
                departmentWeights: ["产出指标": 50, "效益指标": 30, "满意度指标": 10]),
        RuleSet(name: "HN-HY-2023", title: "湖南 衡阳 2023 template, as observed in the sample filing",
                source: "domain rules §3.1: execution 10 against 全年/调整后预算数; 部门 成本20/产出40/效益20/满意度10, 项目 产出20/效益40/成本20/满意度10",
                projectWeights: ["产出指标": 20, "效益指标": 40, "成本指标": 20, "满意度指标": 10],
                departmentWeights: ["成本指标": 20, "产出指标": 40, "效益指标": 20, "满意度指标": 10]),
        RuleSet(name: "PMKPI-HB", title: "provincial variant with 20 points for execution (pmkpi 'hb')",
                source: "domain rules §3.2: execution 20, 产出40, 效益+满意度 40, tiers 100/80/50, no bonus, no grade",
                executionWeight: 20,
                projectWeights: ["产出指标": 40, "效益指标+满意度指标": 40],
                departmentWeights: ["产出指标": 40, "效益指标+满意度指标": 40],
                qualitativeTiers: [1, Decimal(8) / 10, Decimal(5) / 10],
                grades: []),
        RuleSet(name: "LOCAL-INITIAL", title: "local sheets scoring 预算完成率 against 年初预算数, 满分为止",
                source: "domain rules §1.5 (c): 执行数 / 年初预算数, capped at full marks",
                projectDenominator: .initial, departmentDenominator: .initial,
                projectWeights: ["产出指标": 20, "效益指标": 40, "成本指标": 20, "满意度指标": 10],
                departmentWeights: ["成本指标": 20, "产出指标": 40, "效益指标": 20, "满意度指标": 10]),
    ]

    /// The rule set a filing's template implies: the four-group 成本/产出/效益/满意度 structure
    /// of 2021 onwards with 10 points for execution is the Hunan template; 20 points for
    /// execution is the provincial variant; anything else falls back to the central rules.
    public static func implied(by filing: Filing) -> (RuleSet, reason: String) {
        let weights = ([filing.department?.funds.weight.value] + filing.projects.map { $0.funds.weight.value }).compactMap { $0 }
        if weights.contains(20) {
            return (builtIn[2], "the execution 分值 is 20")
        }
        if filing.level1Names.contains("成本指标") {
            return (builtIn[1], "成本指标 is a first-level indicator (the 2021+ four-group template)")
        }
        return (builtIn[0], "no template marks found; the central rules apply")
    }
}
