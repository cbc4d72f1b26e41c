import Foundation
import Testing

@testable import JixiaoKit
@testable import JixiaoModel
@testable import JixiaoReading
@testable import JixiaoRules

/// The registry of checks, the noise issue 24 removed, and the settings that govern it.
@Suite struct CheckRegistryTests {
    @Test func everyCheckIsRegisteredOnceAndTheReadmeListsItWithItsSeverity() throws {
        let ids = Checks.all.map(\.id.rawValue)
        #expect(Set(ids).count == ids.count)
        let readme = try String(contentsOf: Fixtures.root.appendingPathComponent("README.md"), encoding: .utf8)
        for check in Checks.all {
            #expect(readme.contains("| `\(check.id.rawValue)` | \(check.severity.rawValue) |"), "\(check.id)")
        }
    }

    @Test func aFindingCarriesTheSeverityOfItsCheck() throws {
        for (name, findings) in try PrecisionRecallTests.checked() {
            for f in findings { #expect(Checks.named(f.check)?.severity == f.severity, "\(name): \(f.check)") }
        }
    }

    @Test func helpCheckListsTheRegistry() throws {
        let help = Self.run(["help check"])
        for check in Checks.all { #expect(help.contains(check.id.rawValue), "\(check.id)") }
    }

    @Test func onlyAndSkipChooseWhichChecksRun() throws {
        let only = Self.run(["option width 250", "load --example", "check --only total.", "check --skip total.,cell."])
        let parts = only.components(separatedBy: "findings (")
        #expect(parts.count == 3)
        #expect(parts[1].contains("[total.") && !parts[1].contains("[cell."))
        #expect(!parts[2].contains("[total.") && !parts[2].contains("[cell.") && parts[2].contains("[date.year]"))
        #expect(Self.run(["load --example", "check --only nothing.such"]).contains("nothing.such"))
    }

    /// The console's output and errors after a script.
    static func run(_ lines: [String]) -> String {
        let (_, console) = Fixtures.run(lines.joined(separator: "\n") + "\n")
        return console.output + console.errors
    }

    static func checked(_ indicators: [[String]], total: String = "95", funds: [String]? = nil) throws -> [Finding] {
        try CheckerTests.checked(indicators, total: total, funds: funds)
    }

    /// 4.76 written 4.8 by a filing that writes its scores to 0.1 is its rounding, not an error.
    @Test func theFilersOwnRoundingIsInfoNamingIt() throws {
        let rows = [
            [
                "", "产出指标（20分）", "数量指标", "场次", "≥21场", "20场", "5", "4.8",
                "天气原因"
                    + "，下年度提前安排",
            ],
            ["", "产出指标（20分）", "数量指标", "人次", "≥100人次", "100人次", "85", "85", ""],
        ]
        let findings = try Self.checked(rows, total: "99.8")
        #expect(!findings.contains { $0.check == .totalDiffers || $0.check == .scoreIndicator })
        #expect(findings.contains { $0.check == .totalRounding && $0.message.contains("rounds scores to 0.1") })
        let wrong = try Self.checked(rows, total: "98.8")
        #expect(wrong.contains { $0.check == .totalDiffers })
    }

    /// Execution at 99.9% with full marks everywhere asks for nothing; at 85% it does.
    @Test(arguments: [("9.99", false), ("8.5", true)])
    func deviationShortfallHasAThreshold(_ executed: String, _ fires: Bool) throws {
        let funds = ["", "年度资金总额", "10", "10", executed, "10", "", "10"]
        let findings = try Self.checked([CheckerTests.fullRow], funds: funds)
        #expect(findings.contains { $0.check == .deviationShortfall } == fires)
    }

    /// LOCAL-INITIAL with 年初预算数 0: the rate falls back to 全年预算数, said so; never a silent 0.
    @Test func anUndefinedInitialBasisFallsBackWithANote() throws {
        let text = ReaderTests.project(
            funds: [["", "年度资金总额", "0", "10", "10", "10", "100%", "10"]],
            indicators: [CheckerTests.fullRow])
        let filing = try FilingReader.read(Data(text.utf8), source: "t")
        let card = Scorer.score(filing.projects[0].table, rules: .localInitial)
        #expect(card.execution.rate == 1 && card.execution.score == 10 && card.execution.fallback != nil)
        let findings = Checker.check(filing, rules: .localInitial)
        #expect(findings.contains { $0.check == .rateBasis && $0.message.contains("年初预算数 is 0") })
        #expect(!findings.contains { $0.check == .rateUndefined })
        var strict = RuleSet.localInitial
        strict.initialFallsBackToFullYear = false
        #expect(Scorer.score(filing.projects[0].table, rules: strict).execution.rate == nil)
    }

    /// A rate from 3-decimal amounts is explained with those amounts, not rounded ones.
    @Test func messagesQuoteAmountsAtThePrecisionThatGivesTheRate() throws {
        let funds = ["", "年度资金总额", "3.456", "3.456", "3.445", "10", "99.00%", "9.9"]
        let findings = try Self.checked([CheckerTests.fullRow], funds: funds)
        let rate = findings.first { $0.check == .rateDiffers }
        #expect(rate?.message.contains("3.445 / 3.456") == true, "\(rate?.message ?? "none")")
    }

    /// The published bands: 达成 100–80%（含）, 部分达成 80–60%, 未达成 below 60%.
    @Test func qualitativeTiersScoreInsideTheirBands() throws {
        for rules in RuleSet.builtIn {
            let (tiers, bands) = (rules.qualitativeTiers, rules.qualitativeBands)
            #expect(tiers[0] >= bands[0] && tiers[1] >= bands[1] && tiers[1] < bands[0] && tiers[2] < bands[1])
        }
        let outside = #"{"name": "X", "base": "CN-2020", "qualitativeTiers": [1, 0.8, 0.6]}"#
        #expect(throws: RuleFileError.self) { try RuleSet.parse(outside, file: "x.json", builtIns: RuleSet.builtIn) }
        let inside = #"{"name": "X", "base": "CN-2020", "qualitativeTiers": [0.9, 0.75, 0.5]}"#
        #expect(try RuleSet.parse(inside, file: "x.json", builtIns: RuleSet.builtIn).qualitativeTiers[1] == 0.75)
    }

    /// `调查研究` in a description of duties is no survey; `问卷调查200份，满意度98%` is.
    @Test func onlyASurveyOfTheSubjectCounts() throws {
        let head = ["", "满意度指标（10分）", "服务对象满意度", "群众满意度"]
        let claim = head + ["≥90%", "满意", "10", "10", ""]
        func findings(report: String) throws -> [Finding] {
            let table = ReaderTests.project(
                funds: [["", "年度资金总额", "10", "10", "10", "10", "100%", "10"]], indicators: [claim])
            let text = "项目支出绩效自评报告\n一、项目概况\n\(report)\n" + table
            return Checker.check(try FilingReader.read(Data(text.utf8), source: "t"), rules: .hunanHengyang2023)
        }
        let duties = try findings(report: "负责调查研究全县文化工作。")
        #expect(duties.contains { $0.check == .satisfactionUnsurveyed })
        let survey = try findings(report: "发放问卷调查200份，群众满意度98%。")
        #expect(!survey.contains { $0.check == .satisfactionUnsurveyed })
    }

    /// `≥8,000人次` against `7,412人次` is a number, scored and checked.
    @Test func thousandsSeparatorsInIndicatorValuesAreNumbers() throws {
        #expect(Quantity.parse("≥8,000人次")?.value == 8000)
        #expect(Quantity.parse("1,2") == nil)
        let head = ["", "产出指标（20分）", "数量指标", "人次"]
        let row = head + ["≥8,000人次", "7,412人次", "20", "20", ""]
        #expect(try Self.checked([row]).contains { $0.check == .scoreFullDespiteShortfall })
    }
}
