import Foundation
import JixiaoModel

extension RuleSet {
    /// 财政部 财预〔2020〕10号: the central rules, and the fallback.
    public static let cn2020 = RuleSet(
        name: "CN-2020",
        title: "财政部 财预〔2020〕10号 central self-evaluation rules",
        source:
            "domain rules §1: execution 10, 产出50 (成本 inside) / 效益30 / 满意度10, grades 优良中差",
        projectWeights: ["产出指标": 50, "效益指标": 30, "满意度指标": 10],
        departmentWeights: ["产出指标": 50, "效益指标": 30, "满意度指标": 10]
    ).withTemplates([.fourGroup])

    /// The 湖南 衡阳 2023 four-group template observed in the sample filing.
    public static let hunanHengyang2023 = RuleSet(
        name: "HN-HY-2023",
        title: "湖南 衡阳 2023 template, as observed in the sample filing",
        source: "domain rules §3.1: execution 10 against 全年/调整后预算数; "
            + "部门 成本20/产出40/效益20/满意度10, 项目 产出20/效益40/成本20/满意度10",
        projectWeights: ["产出指标": 20, "效益指标": 40, "成本指标": 20, "满意度指标": 10],
        departmentWeights: ["成本指标": 20, "产出指标": 40, "效益指标": 20, "满意度指标": 10]
    ).withTemplates([.central])

    /// The provincial variant with 20 points for execution and no grades.
    public static let pmkpiHB = RuleSet(
        name: "PMKPI-HB",
        title: "provincial variant with 20 points for execution (pmkpi 'hb')",
        source:
            "domain rules §3.2: execution 20, 产出40, 效益+满意度 40, tiers 100/65/25 in bands 100–80/80–"
            + "50/50–0, no bonus, no grade",
        executionWeight: 20,
        projectWeights: ["产出指标": 40, "效益指标+满意度指标": 40],
        departmentWeights: ["产出指标": 40, "效益指标+满意度指标": 40],
        // "100-80%(含80%)、80-50%(含50%)、50-0%": 部分达成 in [50%, 80%), 未达成 below 50%.
        qualitativeTiers: [1, Decimal(65) / 100, Decimal(25) / 100],
        qualitativeBands: [Decimal(8) / 10, Decimal(5) / 10, 0],
        grades: []
    ).withTemplates([.fourGroup])

    /// Local sheets that score 预算完成率 against 年初预算数.
    public static let localInitial = RuleSet(
        name: "LOCAL-INITIAL",
        title: "local sheets scoring 预算完成率 against 年初预算数, 满分为止",
        source: "domain rules §1.5 (c): 执行数 / 年初预算数, capped at full marks",
        projectDenominator: .initial,
        departmentDenominator: .initial,
        projectWeights: ["产出指标": 20, "效益指标": 40, "成本指标": 20, "满意度指标": 10],
        departmentWeights: ["成本指标": 20, "产出指标": 40, "效益指标": 20, "满意度指标": 10]
    ).withTemplates([.central])

    /// The 2020 central template's first-level weights (成本 inside 产出).
    static let centralWeights: [String: Decimal] = ["产出指标": 50, "效益指标": 30, "满意度指标": 10]

    /// A copy that judges tables on `templates` when they follow another template than its own.
    func withTemplates(_ templates: [Template]) -> RuleSet {
        var copy = self
        copy.templates = templates
        return copy
    }

    /// The rule sets jixiao ships, in the order `rules` lists them.
    public static let builtIn: [RuleSet] = [cn2020, hunanHengyang2023, pmkpiHB, localInitial]

    /// The rule set a filing's template implies: the four-group 成本/产出/效益/满意度 structure
    /// of 2021 onwards with 10 points for execution is the Hunan template; 20 points for
    /// execution is the provincial variant; anything else falls back to the central rules.
    public static func implied(by filing: Filing) -> (rules: RuleSet, reason: String) {
        let weights = filing.scoredTables.compactMap { $0.table.funds.weight.value }
        if weights.contains(20) {
            return (pmkpiHB, "the execution 分值 is 20")
        }
        if filing.hasLevel1("成本指标") {
            return (hunanHengyang2023, "成本指标 is a first-level indicator (the 2021+ four-group template)")
        }
        return (cn2020, "no template marks found; the central rules apply")
    }
}

extension RuleSet.Template {
    /// 财预〔2020〕10号: 成本 inside 产出.
    public static let central = RuleSet.Template(
        name: "CN-2020", projectWeights: RuleSet.centralWeights, departmentWeights: RuleSet.centralWeights)
    /// The 2021+ four-group template, 成本指标 a first-level indicator.
    public static let fourGroup = RuleSet.Template(
        name: "HN-HY-2023",
        projectWeights: ["产出指标": 20, "效益指标": 40, "成本指标": 20, "满意度指标": 10],
        departmentWeights: ["成本指标": 20, "产出指标": 40, "效益指标": 20, "满意度指标": 10])
}
