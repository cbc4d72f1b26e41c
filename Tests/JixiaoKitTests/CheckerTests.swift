import Foundation
import Testing

@testable import JixiaoKit
@testable import JixiaoModel
@testable import JixiaoReading
@testable import JixiaoRendering
@testable import JixiaoRules

/// `check` must find the sample filing's known inconsistencies (domain rules §6) at their lines.
@Suite struct CheckerTests {
    /// Checked once for the whole suite; empty when the fixture cannot be read, which `reads` reports.
    static let findings: [Finding] = {
        guard let real = try? Fixtures.filing("000_4163b9005dfad92f.txt") else { return [] }
        return Checker.check(real, rules: RuleSet.hunanHengyang2023)
    }()

    /// The duplicate-unit finding goes where sorting all the findings again would put it: after
    /// the errors and the warnings of line 0 or none, before the others, on every fixture filing.
    @Test func theDuplicateFindingTakesItsPlaceInCheckOrder() throws {
        let folder = Fixtures.filings
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }
        var checked = 0
        for name in names.sorted() {
            guard let filing = try? Fixtures.filing(name) else { continue }
            let analysis = Analysis(filing, rules: RuleSet.hunanHengyang2023)
            let twinned = analysis.withTwins([(number: 2, path: "b.txt")], unit: "u", year: 2023)
            guard let twin = twinned.findings.first(where: { $0.check == .filingDuplicateUnitYear }) else {
                Issue.record("no duplicate finding in \(name)")
                continue
            }
            let sorted = Analysis.inCheckOrder(analysis.findings + [twin])
            func keys(_ findings: [Finding]) -> [String] {
                findings.map { "\($0.check) \($0.severity) \($0.line ?? 0) \($0.message)" }
            }
            #expect(keys(twinned.findings) == keys(sorted), "\(name)")
            checked += 1
        }
        #expect(checked >= 3)
        // And among findings of each severity with no line and line 0, which the fixtures lack.
        func made(_ severity: Finding.Severity, _ line: Int?, _ text: String) -> Finding {
            Finding(check: .filingDuplicateUnitYear, severity: severity, line: line, target: .filing, message: text)
        }
        let mixed = [
            made(.info, nil, "i"), made(.warning, 3, "w3"), made(.warning, nil, "w-"), made(.error, 9, "e9"),
            made(.warning, 0, "w0"), made(.error, nil, "e-"), made(.info, 0, "i0"),
        ]
        let analysis = Analysis(rules: "r", projects: [], department: nil, findings: Analysis.inCheckOrder(mixed))
        let twinned = analysis.withTwins([(number: 2, path: "b.txt")], unit: "u", year: 2023).findings
        let twin = twinned.first { $0.message.hasPrefix("u filed") }
        #expect(twinned.map(\.message) == Analysis.inCheckOrder(mixed + [twin].compactMap { $0 }).map(\.message))
    }

    /// `permute(to:)` puts elements where a map over the order would, on seeded permutations of
    /// every length to 40, fixed points, one long cycle and many short ones among them.
    @Test func permutingInPlaceAsTheMapWould() {
        var generator = SplitMix(seed: 0x5EED)
        for count in 0...40 {
            for _ in 0..<25 {
                let order = Array(0..<count).shuffled(using: &generator)
                var moved = (0..<count).map { "e\($0)" }
                let mapped = order.map { "e\($0)" }
                moved.permute(to: order)
                #expect(moved == mapped, "\(order)")
            }
        }
        var reversed = Array(0..<7)
        reversed.permute(to: [6, 5, 4, 3, 2, 1, 0])
        #expect(reversed == [6, 5, 4, 3, 2, 1, 0])
    }

    @Test func reads() throws {
        _ = try Fixtures.filing("000_4163b9005dfad92f.txt")
        #expect(!Self.findings.isEmpty)
    }

    func has(_ check: String, line: Int?, _ text: String) -> Bool {
        Self.findings.contains { $0.check.rawValue == check && $0.line == line && $0.message.contains(text) }
    }

    @Test(
        "§6 known inconsistencies of the sample filing, with their lines",
        arguments: [
            ("total.sum", 842, "总分 90 ≠ 100"),  // 1. 双联 总分 excludes execution
            ("total.sum", 1090, "总分 90 ≠ 100"),  // 1. 省级
            ("score.missing", 405, "it scores 5.67"),  // 2. 劳模 execution score missing
            ("total.differs", 590, "computed 95.67"),  // 2. total 95.67
            ("deviation.shortfall", 405, "执行率 56.67% (2.60 unspent)"),  // 3. no deviation explanation
            ("date.year", 751, "2024年12月31日之前"),  // 4. deadline from the wrong year
            ("date.year", 999, "2024年12月31日之前"),
            ("staff.narrative", 21, "编制 is 6 in the narrative but 3"),  // 5. staffing mismatch
            ("staff.narrative", 21, "在职 is 6 in the narrative but 5"),
            ("control.staff", 44, "控制率 166.67%"),
            ("narrative.basicSpend", 24, "quotes 118.67"),  // 6. 基本支出 label on the total
            ("budget.adjusted", 192, "116.35%"),  // 7. denominator dependence
            ("dept.basicOverspend", 209, "102.48%"),  // 8. implied overspend of 基本支出
            ("control.spend", 112, "公用经费控制率 240.14%"),  // 9. 公用经费 overrun
            ("cost.claim", 266, "240.14%"),  // 9. yet 未超指标 scored 20/20
            ("control.unbudgeted", 132, "21.42"),  // 10. unbudgeted procurement
            ("basic.sum", 82, "15.75 ≠ 5.15"),  // 11. 2022 项目支出
            ("control.change", 52, "三公经费变动率 is undefined"),  // 12. zero denominators
            ("name.mismatch", 102, "省级困难职工补助和送温暖"),  // 13. project named twice
            ("layout.fundRows", 682, "当年财政拨款"),  // 14. execution columns
            ("narrative.claim", 1127, "81.43%"),  // 15. the sentence that claims it, not its heading
            ("actual.text", 480, "按年初计划完成劳模服务任务34人"),  // 16. quantitative with text actual
            ("cell.missing", 165, "no 总分 row; computed total 100"),  // 17. 部门表 has no 总分
            ("narrative.noProblems", 30, "存在的问题 无"),  // 18. problems section empty
            ("cell.missing", 385, "实施单位 is blank"),  // 19. unsigned, 实施单位 blank
            ("layout.duplicate", 219, "纳入专户管理的非税收入拨款"),  // 20. repeated label
        ])
    func known(_ check: String, _ line: Int, _ text: String) {
        #expect(has(check, line: line, text), "missing \(check) at line \(line): \(text)")
    }

    /// A project table built in the reader's tab layout, checked under the Hunan rules.
    static func checked(_ indicators: [[String]], total: String = "95", funds: [String]? = nil) throws -> [Finding] {
        let text = ReaderTests.project(
            funds: [funds ?? ["", "年度资金总额", "10", "10", "10", "10", "100%", "10"]], indicators: indicators
        )
        .replacingOccurrences(of: "\t总分\n\t95", with: "\t总分\n\t" + total)
        let filing = try FilingReader.read(Data(text.utf8), source: "t")
        return Checker.check(filing, rules: RuleSet.hunanHengyang2023)
    }

    static let fullRow = ["", "产出指标（20分）", "数量指标", "场次", "≥10场", "12场", "20", "20", ""]

    @Test func anUnreadableTotalIsSaidAndTheTotalChecksSayTheyCouldNotRun() throws {
        let findings = try Self.checked([Self.fullRow], total: "95附表2")
        let unreadable = findings.filter { $0.check == .cellUnreadable }
        #expect(unreadable.count == 1 && unreadable[0].message.contains("holds '95附表2'"))
        #expect(unreadable[0].message.contains("could not run") && unreadable[0].line != nil)
        #expect(!findings.contains { $0.message.contains("no 总分") })
    }

    @Test(arguments: ["超支0.85万元", "部分完成", "延期1个月"])
    func aTextActualReportingAShortfallBesideFullMarks(_ actual: String) throws {
        let row = [
            "", "产出指标（20分）", "时效指标", "完成时间", "按期完成", actual, "20", "20", "",
        ]
        let findings = try Self.checked([row])
        #expect(findings.contains { $0.check == .actualShortfall && $0.message.contains(actual) })
        let fine = [
            "", "产出指标（20分）", "时效指标", "完成时间", "按期完成", "无延期", "20", "20", "",
        ]
        #expect(!(try Self.checked([fine])).contains { $0.check == .actualShortfall })
    }

    @Test func aCostIndicatorAtFullMarksInATableThatOverspent() throws {
        let cost = [
            "", "产出指标（20分）", "成本指标", "项目支出控制", "不超预算", "控制在预算内",
            "20", "20", "",
        ]
        let over = try Self.checked([cost], funds: ["", "年度资金总额", "10", "10", "11", "10", "110%", "10"])
        #expect(over.contains { $0.check == .actualShortfall && $0.message.contains("110.00%") })
        #expect(!(try Self.checked([cost])).contains { $0.check == .actualShortfall })
    }

    @Test func aSatisfactionClaimWithoutASurveyIsInfo() throws {
        let claim = [
            "", "满意度指标（10分）", "服务对象满意度", "群众满意度", "≥90%", "100%", "10", "10",
            "",
        ]
        let findings = try Self.checked([claim])
        #expect(findings.contains { $0.check == .satisfactionUnsurveyed && $0.severity == .info })
        let surveyed = [
            "", "满意度指标（10分）", "服务对象满意度", "群众满意度", "≥90%", "100%", "10", "10",
            "问卷调查200份",
        ]
        #expect(!(try Self.checked([surveyed])).contains { $0.check == .satisfactionUnsurveyed })
        let measured = [
            "", "满意度指标（10分）", "服务对象满意度", "群众满意度", "≥90%", "95.1%", "10", "10",
            "",
        ]
        #expect(!(try Self.checked([measured])).contains { $0.check == .satisfactionUnsurveyed })
    }

    /// Only some projects are evaluated: the 基础数据表's other 项目支出 rows explain part of the
    /// department's 项目支出, and the rest is info.
    @Test func departmentProjectSpendingCountsTheRowsTheFilingLists() throws {
        let v2 = try Fixtures.filing("v2_hengshan_label_variants_2023.txt")
        let findings = Checker.check(v2, rules: RuleSet.hunanHengyang2023).filter { $0.check == .deptProjects }
        #expect(findings.count == 1 && findings[0].severity == .info)
        #expect(
            findings[0].message.contains("业务工作经费, 运行维护经费")
                && findings[0].message.contains("86.32"))
    }

    /// One filing, two templates: a project table on the 2020 template (产出50/效益30, 成本 inside
    /// 产出) is judged by CN-2020's weights even under HN-HY-2023; a four-group table by HN-HY's.
    @Test func eachTableIsJudgedByItsOwnTemplate() throws {
        func row(_ level1: String, _ level3: String, _ w: String) -> [String] {
            ["", level1, "数量指标", level3, "≥1", "1", w, w, ""]
        }
        let old = try Self.checked([
            row("产出指标（50分）", "a", "50"), row("效益指标（30分）", "b", "30"),
            row("满意度指标（10分）", "c", "10"),
        ])
        #expect(!old.contains { $0.check == .weightRules })
        let four = try Self.checked([
            row("产出指标（30分）", "a", "30"), row("成本指标（10分）", "b", "10"),
            row("效益指标（40分）", "c", "40"),
            row("满意度指标（10分）", "d", "10"),
        ])
        let judged = four.filter { $0.check == .weightRules }
        #expect(judged.count == 2 && judged.allSatisfy { $0.message.contains("HN-HY-2023 expects") })
    }

    /// A 项目支出绩效自评汇总表 is read into the model and cross-checked: each row against its
    /// project's table, the 合计 row against the sum of the rows.
    @Test func summaryTablesAreReadAndCrossChecked() throws {
        let url = Fixtures.root.appendingPathComponent("Tests/Fixtures/summary/v1_with_summary_table.txt")
        let filing = try FilingReader.read(Data(contentsOf: url), source: "summary")
        #expect(filing.warnings.isEmpty, "\(filing.warnings)")
        let summary = try #require(filing.summary)
        #expect(summary.rows.map(\.name).count == 4 && summary.rows.last?.score.value == 95)
        #expect(summary.total?.executed.value == Decimal(string: "104.95"))
        #expect(filing.projects.count == 4)
        #expect(FilingExport.json(filing)["summary"]?["rows"]?.arrayValue?.count == 4, "export json carries it")
        let findings = Checker.check(filing, rules: RuleSet.hunanHengyang2023)
        let rows = findings.filter { $0.check == .summaryRow }
        #expect(rows.count == 1 && rows[0].line == 426 && rows[0].message.contains("自评得分 95"))
        let totals = findings.filter { $0.check == .summaryTotal }
        #expect(totals.count == 1 && totals[0].line == 431 && totals[0].message.contains("104.95 ≠ 103.95"))
    }

    @Test func v1sOverspentCostIndicatorIsFound() throws {
        let v1 = try Fixtures.filing("v1_seed_layout_4projects_2022.txt")
        let findings = Checker.check(v1, rules: RuleSet.hunanHengyang2023)
        #expect(findings.contains { $0.check == .actualShortfall && $0.message.contains("超支0.85万元") })
    }

    /// Every inconsistency the visible keys' notes plant, found with its check and its line.
    @Test(
        "planted inconsistencies of the keyed filings, with their lines",
        arguments: [
            ("v1_seed_layout_4projects_2022.txt", "actual.shortfall", 817, "超支0.85万元"),  // 非遗 成本 20/20
            ("v1_seed_layout_4projects_2022.txt", "total.sum", 1352, "总分 92 ≠ 91.5"),  // 文化下乡
            ("v2_hengshan_label_variants_2023.txt", "dept.expenditure", 196, "1398.02 ≠ 全年执行数 1420.36"),
            ("v2_hengshan_label_variants_2023.txt", "basic.sum", 62, "360.36 ≠ 274.04"),
            (
                "v3_gb18030_crlf_2023.txt", "dept.projects", 217,
                "项目支出 65.00 but the 2 project tables spent 62.30"
            ),
            ("v3_gb18030_crlf_2023.txt", "total.sum", 595, "总分 90 ≠ 99.72"),  // 保教质量提升
            ("wild/v4_p2_pipe_cells_2023.txt", "total.sum", 489, "总分 94.7 ≠ 84.7"),  // 养老
            ("wild/v4_p2_pipe_cells_2023.txt", "rate.differs", 526, "99.30% ≠ 99.03%"),  // 残疾人 stated rate
            ("wild/v4_p2_pipe_cells_2023.txt", "score.missing", 522, "it scores 9.9"),  // 残疾人
            ("wild/v5_md_rows_2022.txt", "deviation.missing", 106, "学生家长满意度: scored 9.84 of 10"),
            ("wild/v5_md_rows_2022.txt", "cell.missing", 40, "执行率 cell is blank (computed 98.65%)"),
        ])
    func planted(_ file: String, _ check: String, _ line: Int, _ text: String) throws {
        let filing = try Fixtures.filing(file)
        let findings = Checker.check(filing, rules: RuleSet.implied(by: filing).rules)
        #expect(
            findings.contains { $0.check.rawValue == check && $0.line == line && $0.message.contains(text) },
            "\(file): missing \(check) at line \(line): \(text)")
    }

    /// Findings a reviewer struck out, kept out: `其中：` rows are part of a group, not all of it;
    /// an income breakdown may add up to what was spent; a fund block's own 偏差原因 explains a
    /// shortfall; a blank 实际完成值 is not a text one.
    @Test(
        arguments: [
            ("wild/v5_md_rows_2022.txt", "basic.sum"), ("wild/v5_md_rows_2022.txt", "dept.income"),
            ("wild/v4_p2_pipe_cells_2023.txt", "deviation.shortfall"),
        ])
    func reviewedFalseAlarmsStayAway(_ file: String, _ check: String) throws {
        let filing = try Fixtures.filing(file)
        let findings = Checker.check(filing, rules: RuleSet.implied(by: filing).rules)
        #expect(!findings.contains { $0.check.rawValue == check }, "\(findings.filter { $0.check.rawValue == check })")
    }

    @Test func aBlankActualIsNotATextActual() throws {
        let filing = try Fixtures.filing("wild/v4_p2_pipe_cells_2023.txt")
        let texts = Checker.check(filing, rules: RuleSet.hunanHengyang2023).filter { $0.check == .actualText }
        #expect(!texts.contains { $0.message.contains("养老服务点竣工验收合格率") })
    }

    /// The analysis hands its cards to the checker; the findings are those of checking afresh.
    @Test func checkingWithGivenCardsFindsTheSame() throws {
        for file in ["000_4163b9005dfad92f.txt", "v1_seed_layout_4projects_2022.txt", "wild/v4_p2_pipe_cells_2023.txt"]
        {
            let filing = try Fixtures.filing(file)
            let rules = RuleSet.implied(by: filing).rules
            let cards = filing.scoredTables.map { Scorer.score($0.table, rules: rules) }
            #expect(Checker.check(filing, rules: rules, cards: cards) == Checker.check(filing, rules: rules))
        }
    }

    @Test func noFalseNameMismatchForASuffix() {
        #expect(!Self.findings.contains { $0.check == .nameMismatch && $0.message.contains("双联") })
    }

    @Test("a clean filing says so")
    func clean() throws {
        let text = ReaderTests.project(
            funds: [["", "年度资金总额", "10", "10", "10", "10", "100%", "10"]],
            indicators: [
                ["", "产出指标（50分）", "数量指标", "场次", "≥10场", "12场", "50", "50", ""],
                [
                    "", "效益指标（40分）", "社会效益指标", "覆盖人次", "≥100人次", "120人次",
                    "40", "40", "",
                ],
            ]
        ).replacingOccurrences(of: "\t95\n", with: "\t100\n")
        let filing = try FilingReader.read(Data(text.utf8), source: "clean")
        let findings = Checker.check(filing, rules: RuleSet.cn2020).filter { $0.severity != .info }
        #expect(findings.isEmpty, "\(findings)")
        #expect(ScoreViews.findings([], file: "clean", heading: "x").contains("no findings"))
    }

    @Test func userRulesLoadWithTheirDefaults() throws {
        let text = try String(
            contentsOf: Fixtures.root.appendingPathComponent("Tests/Fixtures/rules/county.json"), encoding: .utf8)
        let rules = try RuleSet.parse(text, file: "county.json", builtIns: RuleSet.builtIn)
        #expect(rules.name == "COUNTY-2024" && rules.executionWeight == 15 && rules.reverse == .linear)
        #expect(rules.projectWeights["效益指标"] == 40)  // from its base, HN-HY-2023
        #expect(rules.grade(80) == "良" && rules.grade(70) == "差")
    }

    @Test(
        "bad rule files get an error with file and line",
        arguments: [
            ("bad-key.json", "bad-key.json:4: unknown key 'exectionCap'"),
            ("bad-value.json", "bad-value.json:3: executionWeight must be a number"),
            ("broken.json", "broken.json:4: unexpected end of file during JSON parse"),
        ])
    func badRules(_ file: String, _ message: String) throws {
        let text = try String(
            contentsOf: Fixtures.root.appendingPathComponent("Tests/Fixtures/rules/" + file), encoding: .utf8)
        let error = #expect(throws: RuleFileError.self) {
            try RuleSet.parse(text, file: file, builtIns: RuleSet.builtIn)
        }
        #expect(error.map { "\(file):\($0.line): \($0.reason)" } == message)
    }
}
