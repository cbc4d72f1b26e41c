import Foundation
import Testing

@testable import JixiaoKit
@testable import JixiaoModel
@testable import JixiaoReading
@testable import JixiaoRendering
@testable import JixiaoRules

/// Every computed figure against a hand calculation.
@Suite struct ScoringTests {
    static let hunan = RuleSet.hunanHengyang2023

    static func d(_ s: String) -> Decimal { Decimal(string: s)! }

    @Test(
        "quantities are read from the target and actual text",
        arguments: [
            ("≥90%", Quantity(comparison: .atLeast, value: 90, unit: "%")),
            ("≤12万元", Quantity(comparison: .atMost, value: 12, unit: "万元")),
            ("60场", Quantity(comparison: .atLeast, value: 60, unit: "场")),
            ("不少于24场", Quantity(comparison: .atLeast, value: 24, unit: "场")),
            ("≤0.3万元/场", Quantity(comparison: .atMost, value: d("0.3"), unit: "万元/场")),
            ("全县12个乡镇", Quantity(comparison: .atLeast, value: 12, unit: "个乡镇")),
            (
                "宣传次数大于等于5次得满分，下降一次扣一分",
                Quantity(comparison: .atLeast, value: 5, unit: "次得满分，下降一次扣一分")
            ),
        ])
    func quantity(_ text: String, _ expected: Quantity) {
        #expect(Quantity.parse(text) == expected)
    }

    @Test(
        "dates, periods and text are not quantities",
        arguments: ["2023年12月31日前", "12月底前", "5月至10月", "按时完成", "完成", "明显改善"])
    func notQuantity(_ text: String) {
        #expect(Quantity.parse(text) == nil)
    }

    static func indicator(_ target: String, _ actual: String, weight: String, score: String = "") -> Indicator {
        Indicator(
            level1: "产出指标", level1Weight: nil, level2: "数量指标", level3: "x", target: target,
            actual: actual,
            weight: Figure(Decimal(string: weight)), score: Figure(Decimal(string: score)), deviation: nil, line: 1)
    }

    @Test(
        "quantitative scoring by hand",
        arguments: [
            ("≥120场", "131场", "15", "15"),  // met: full marks
            ("60场", "54场", "5", "4.5"),  // 54/60 × 5
            ("4期", "3期", "10", "7.5"),  // 3/4 × 10
            ("≥2万人次", "1.8万人次", "40", "36"),  // 1.8/2 × 40
            ("≥200人", "176人", "40", "35.2"),  // 176/200 × 40
            ("≤12万元", "11.6万元", "10", "10"),  // reversed, met
            ("≤500元", "504元", "20", "19.84"),  // reversed, missed: 500/504 × 20 = 19.841…
            ("≥8万人次", "86000人次", "40", "40"),  // 万 converted
            ("100%", "100%", "10", "10"),
        ])
    func scores(_ target: String, _ actual: String, _ weight: String, _ expected: String) {
        let s = Scorer.indicator(Self.indicator(target, actual, weight: weight), rules: Self.hunan)
        #expect(s.computed == Self.d(expected))
        #expect(s.isVerifiable)
    }

    @Test func linearReverseDeduction() {
        var rules = Self.hunan
        rules.reverse = .linear
        // 20 × (1 − (504 − 500)/500) = 20 × 0.992 = 19.84
        #expect(
            Scorer.indicator(Self.indicator("≤500元", "504元", weight: "20"), rules: rules).computed
                == Self.d("19.84"))
        // 20 × (1 − (15 − 10)/10) = 10
        #expect(Scorer.indicator(Self.indicator("≤10万元", "15万元", weight: "20"), rules: rules).computed == 10)
    }

    @Test func targetRuleDeduction() {
        // 宣传次数大于等于5次得满分，下降一次扣一分: 3 of 5 → 10 − 2 × 1 = 8
        let s = Scorer.indicator(
            Self.indicator("宣传次数大于等于5次得满分，下降一次扣一分", "3次", weight: "10"),
            rules: Self.hunan)
        #expect(s.computed == 8)
    }

    @Test func textActualKeepsTheReportedScore() {
        let s = Scorer.indicator(Self.indicator("帮扶39人", "完成", weight: "5", score: "5"), rules: Self.hunan)
        #expect(s.computed == nil && !s.isVerifiable && s.effective == 5)
    }

    @Test("劳模服务: 56.67%, score 5.67, total 95.67, 优")
    func laomo() throws {
        let filing = try Fixtures.filing("000_4163b9005dfad92f.txt")
        let card = Scorer.score(filing.projects[0].table, rules: Self.hunan)
        #expect(card.execution.rate == Self.d("3.4") / 6)
        #expect(card.execution.rate?.percent == "56.67%")
        #expect(card.execution.score == Self.d("5.67"))  // 10 × 0.5667 = 5.667
        #expect(card.execution.reportedScore == nil)
        #expect(card.indicatorTotal == 90)
        #expect(card.total == Self.d("95.67"))
        #expect(card.grade == "优")
        #expect(card.reportedTotal == 90)
        // 双联工作: 2/2 = 100% → 10, + 90 = 100 against a reported 90.
        let shuanglian = Scorer.score(filing.projects[1].table, rules: Self.hunan)
        #expect(shuanglian.execution.score == 10 && shuanglian.total == 100)
    }

    @Test("department: 118.67 / 118.67 = 100% under 调整后; 116.35% against 年初, capped")
    func department() throws {
        let d = try #require(try Fixtures.filing("000_4163b9005dfad92f.txt").department)
        let adjusted = Scorer.score(d.table, rules: Self.hunan)
        #expect(adjusted.execution.rate == 1 && adjusted.execution.score == 10 && adjusted.total == 100)
        let initial = Scorer.score(d.table, rules: RuleSet.localInitial)
        #expect(initial.execution.rate?.percent == "116.35%")  // 118.67 / 101.99 = 1.16354…
        #expect(initial.execution.score == 10)
        var uncapped = RuleSet.localInitial
        uncapped.capExecution = false
        #expect(Scorer.score(d.table, rules: uncapped).execution.score == Self.d("11.64"))  // 10 × 1.16354 = 11.635
    }

    @Test("a zero or missing denominator is reported, never NaN")
    func zeroDenominator() {
        var funds = Funds()
        funds.rows = [
            FundRow(
                label: "年度资金总额", kind: .total, line: 1, initial: Figure(0), fullYear: Figure(0),
                executed: Figure(5))
        ]
        let e = Scorer.execution(funds, denominator: .fullYear, rules: Self.hunan)
        #expect(e.rate == nil && e.score == nil && e.problem == "全年预算数 is 0")
        funds.rows[0].fullYear = .blank
        #expect(
            Scorer.execution(funds, denominator: .fullYear, rules: Self.hunan).problem == "全年预算数 is blank")
    }

    @Test(
        "grade bands are half-open",
        arguments: [("90", "优"), ("89.99", "良"), ("80", "良"), ("79.5", "中"), ("60", "中"), ("59.99", "差")])
    func grades(_ total: String, _ grade: String) {
        #expect(Self.hunan.grade(Self.d(total)) == grade)
    }

    /// Under PMKPI-HB (20 for execution, 80 for indicators) a 90-point indicator tree is rescaled
    /// to 80, so 劳模服务 at 56.67% no longer ties 双联工作 at 100%.
    @Test("the 20-point provincial rules rescale a 90-point indicator tree to 80 and set no grade")
    func provincial() throws {
        let filing = try Fixtures.filing("000_4163b9005dfad92f.txt")
        let card = Scorer.score(filing.projects[1].table, rules: RuleSet.pmkpiHB)
        #expect(card.execution.score == 20)  // 20 × 100%
        #expect(card.indicatorTotal == 80 && card.total == 100 && !card.capped)  // 20 + 90 × 80/90
        #expect(card.rescaled.map(\.filed) == [90] && card.rescaled.map(\.rule) == [80])
        #expect(card.grade == nil)
        let laomo = Scorer.score(filing.projects[0].table, rules: RuleSet.pmkpiHB)
        #expect(laomo.execution.score == Self.d("11.33"))  // 20 × 0.56667 = 11.333
        #expect(laomo.total == Self.d("91.33"))  // 11.33 + 80
        let hunan = Scorer.score(filing.projects[0].table, rules: RuleSet.hunanHengyang2023)
        #expect(hunan.rescaled.isEmpty, "a 90-point tree under 90-point rules is left alone")
    }

    /// 399,780 of 400,000 元: the table shows 99.95% and the filer writes 10 × 99.95% = 10.00; the
    /// unrounded rate (0.99945) gives 9.99. Either order is accepted: the other is info.
    @Test(arguments: [true, false])
    func roundingOrder(_ roundFirst: Bool) throws {
        var rules = RuleSet.hunanHengyang2023
        rules.roundRateFirst = roundFirst
        var funds = Funds()
        funds.rows = [
            FundRow(
                label: "年度资金总额", kind: .total, line: 1, initial: Figure(Decimal(string: "39.978")),
                fullYear: Figure(40), executed: Figure(Decimal(string: "39.978")), weight: Figure(10),
                rate: Figure(Decimal(string: "0.9995")), score: Figure(roundFirst ? Decimal(string: "9.99") : 10))
        ]
        let execution = Scorer.execution(funds, denominator: .fullYear, rules: rules)
        #expect(execution.score == (roundFirst ? 10 : Self.d("9.99")))
        #expect(execution.otherOrderScore == (roundFirst ? Self.d("9.99") : 10))
        var table = ScoredTable(kind: .project, line: 1)
        table.funds = funds
        var filing = Filing(unit: "u", year: 2023, source: "t", sha256: "", encoding: .utf8)
        var project = Project(name: "p", line: 1)
        project.table = table
        filing.projects = [project]
        let findings = Checker.check(filing, rules: rules).filter { $0.check.family == "score" }
        #expect(findings.count == 1 && findings[0].check == .scoreOrder && findings[0].severity == .info)
    }

    /// Weights grouped by the rules are rescaled group by group.
    @Test func rescalingFollowsTheRulesGroups() throws {
        var table = ScoredTable(kind: .project, line: 1)
        func indicator(_ level1: String, _ weight: Decimal) -> Indicator {
            Indicator(
                level1: level1, level1Weight: nil, level2: "", level3: level1, target: nil, actual: nil,
                weight: Figure(weight), score: Figure(weight), deviation: nil, line: 1)
        }
        table.indicators = [
            indicator("产出指标", 50), indicator("效益指标", 30), indicator("满意度指标", 10),
        ]
        let card = Scorer.score(table, rules: RuleSet.pmkpiHB)
        #expect(card.rescaled == [Rescale(group: "产出指标", filed: 50, rule: 40)])
        #expect(card.indicatorTotal == 80)  // 50 × 40/50 + 30 + 10
    }

    /// A target of zero adverse events is an upper bound: two accidents miss it.
    @Test(arguments: ["0起", "零事故", "无重大安全事故"])
    func zeroAdverseEventsIsAnUpperBound(_ target: String) {
        let ind = Indicator(
            level1: "产出指标", level1Weight: nil, level2: "质量指标", level3: "开放期间安全责任事故",
            target: target,
            actual: "2起", weight: Figure(10), score: Figure(10), deviation: nil, line: 1)
        let score = Scorer.indicator(ind, rules: RuleSet.hunanHengyang2023)
        #expect(score.computed == 0)
        let met = Scorer.indicator(
            Indicator(
                level1: "产出指标", level1Weight: nil, level2: "质量指标",
                level3: "开放期间安全责任事故",
                target: target, actual: "0起", weight: Figure(10), score: Figure(10), deviation: nil, line: 1),
            rules: RuleSet.hunanHengyang2023)
        #expect(met.computed == 10)
        let people = Indicator(
            level1: "产出指标", level1Weight: nil, level2: "数量指标", level3: "培训人数", target: "0人",
            actual: "2人",
            weight: Figure(10), score: Figure(10), deviation: nil, line: 1)
        #expect(Scorer.indicator(people, rules: RuleSet.hunanHengyang2023).computed == 10, "not an adverse event")
    }

    @Test func templateImpliesTheRules() throws {
        #expect(RuleSet.implied(by: try Fixtures.filing("000_4163b9005dfad92f.txt")).rules.name == "HN-HY-2023")
    }

    @Test("fractional weights and the v1 department: 7.5 of 10 for 3 of 4 issues")
    func v1() throws {
        let filing = try Fixtures.filing("v1_seed_layout_4projects_2022.txt")
        let card = Scorer.score(try #require(filing.department?.table), rules: Self.hunan)
        #expect(card.execution.rate?.percent == "97.58%")  // 305.18 / 312.75
        #expect(card.execution.score == Self.d("9.76"))
        #expect(card.indicators[2].computed == Self.d("7.5"))
        // 文化下乡惠民演出: 16.2/18 = 90% → 9; 60场→54场 4.5; 1.8/2万人次 → 36;
        // total 9 + 82.5 = 91.5 against 92.
        let xiaxiang = Scorer.score(filing.projects[3].table, rules: Self.hunan)
        #expect(xiaxiang.execution.score == 9)
        #expect(xiaxiang.indicators[0].computed == Self.d("4.5") && xiaxiang.indicators[3].computed == 36)
        #expect(xiaxiang.total == Self.d("91.5"))
    }
}
