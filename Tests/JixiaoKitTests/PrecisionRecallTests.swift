import Foundation
import Testing

@testable import JixiaoModel
@testable import JixiaoReading
@testable import JixiaoRules

/// How far a reviewer can trust `check`: every finding on the visible filings and on the planted
/// copies (`Tests/Fixtures/planted`, written by `scripts/plant.py`) must be judged by hand in
/// `judgments.tsv`, every planted inconsistency in `plants.tsv` must be found at its line, and the
/// README's table must be the one these files give.
@Suite struct PrecisionRecallTests {
    static let planted = Fixtures.root.appendingPathComponent("Tests/Fixtures/planted")

    struct Plant {
        var copy, base, check: String
        var line: Int
    }

    struct Tally {
        var file: String
        var plants = 0
        var found = 0
        var findings = 0
        var judgedTrue = 0
    }

    static func rows(_ name: String) throws -> [[String]] {
        let text = try String(contentsOf: planted.appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst()
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    static func plants() throws -> [Plant] {
        try rows("plants.tsv").map { Plant(copy: $0[0], base: $0[1], check: $0[2], line: Int($0[3]) ?? 0) }
    }

    /// (file, line, check) → whether a reviewer would raise it.
    static func judgments() throws -> [String: Bool] {
        var out: [String: Bool] = [:]
        for row in try rows("judgments.tsv") { out["\(row[0]):\(row[1]):\(row[2])"] = row[3] == "true" }
        return out
    }

    /// The visible filings, then the planted copies, each with its findings under its implied rules.
    static func checked() throws -> [(name: String, findings: [Finding])] {
        let visible = [
            "000_4163b9005dfad92f.txt", "v1_seed_layout_4projects_2022.txt", "v2_hengshan_label_variants_2023.txt",
            "v3_gb18030_crlf_2023.txt", "wild/v4_p2_pipe_cells_2023.txt", "wild/v5_md_rows_2022.txt",
        ]
        let copies = Fixtures.fixtures { $0.hasPrefix("planted/") && $0.hasSuffix(".txt") }
        var out: [(String, [Finding])] = []
        for path in visible {
            out.append((String(path.split(separator: "/").last!), try findings(Fixtures.data(path))))
        }
        for path in copies {
            let data = try Data(contentsOf: Fixtures.root.appendingPathComponent("Tests/Fixtures/" + path))
            out.append((String(path.split(separator: "/").last!), try findings(data)))
        }
        return out
    }

    static func findings(_ data: Data) throws -> [Finding] {
        let filing = try FilingReader.read(data, source: "f")
        return Checker.check(filing, rules: RuleSet.implied(by: filing).rules)
    }

    static func tallies() throws -> (tallies: [Tally], unjudged: [String], missed: [String]) {
        let (plants, judgments) = (try plants(), try judgments())
        var (tallies, unjudged, missed) = ([Tally](), [String](), [String]())
        for (name, findings) in try checked() {
            let mine = plants.filter { $0.copy == name }
            let base = mine.first?.base ?? name
            var tally = Tally(file: name, plants: mine.count)
            for plant in mine {
                if findings.contains(where: { $0.check.rawValue == plant.check && $0.line == plant.line }) {
                    tally.found += 1
                } else {
                    missed.append("\(name):\(plant.line) \(plant.check)")
                }
            }
            for f in findings {
                tally.findings += 1
                let key = "\(f.line.map(String.init) ?? ""):\(f.check.rawValue)"
                if mine.contains(where: { $0.check == f.check.rawValue && $0.line == f.line }) {
                    tally.judgedTrue += 1
                } else if let verdict = judgments["\(name):\(key)"] ?? judgments["\(base):\(key)"] {
                    tally.judgedTrue += verdict ? 1 : 0
                } else {
                    unjudged.append("\(name):\(key) \(f.message)")
                }
            }
            tallies.append(tally)
        }
        return (tallies, unjudged, missed)
    }

    /// The README's table, as these files give it.
    static func table(_ tallies: [Tally]) -> String {
        var lines = [
            "| filing | planted found / planted | findings judged true / findings |", "|---|---|---|",
        ]
        for t in tallies {
            lines.append("| `\(t.file)` | \(t.found) / \(t.plants) | \(t.judgedTrue) / \(t.findings) |")
        }
        let (found, plants) = (tallies.map(\.found).reduce(0, +), tallies.map(\.plants).reduce(0, +))
        let (right, all) = (tallies.map(\.judgedTrue).reduce(0, +), tallies.map(\.findings).reduce(0, +))
        lines.append(
            "| **all** | **\(found) / \(plants)** (recall \(percent(found, plants))) | **\(right) / \(all)** "
                + "(precision \(percent(right, all))) |")
        return lines.joined(separator: "\n")
    }

    static func percent(_ a: Int, _ b: Int) -> String {
        (Decimal(a) / Decimal(max(b, 1))).percent
    }

    @Test func everyFindingIsJudgedAndEveryPlantIsFound() throws {
        let (tallies, unjudged, missed) = try Self.tallies()
        #expect(
            unjudged.isEmpty,
            "judge these in Tests/Fixtures/planted/judgments.tsv:\n\(unjudged.joined(separator: "\n"))")
        #expect(missed.isEmpty, "planted and not found: \(missed)")
        let plants = tallies.map(\.plants).reduce(0, +)
        #expect(plants - tallies.filter { !$0.file.hasPrefix("p0") }.map(\.plants).reduce(0, +) >= 40)
    }

    @Test func precisionAndRecallMeetTheBar() throws {
        let (tallies, _, _) = try Self.tallies()
        let right = Decimal(tallies.map(\.judgedTrue).reduce(0, +))
        let all = Decimal(tallies.map(\.findings).reduce(0, +))
        let found = Decimal(tallies.map(\.found).reduce(0, +))
        let plants = Decimal(tallies.map(\.plants).reduce(0, +))
        #expect(right / all >= Decimal(9) / 10 && found / plants >= Decimal(95) / 100)
    }

    @Test func theReadmesTableIsTheOneTheseFilesGive() throws {
        let readme = try String(contentsOf: Fixtures.root.appendingPathComponent("README.md"), encoding: .utf8)
        let table = Self.table(try Self.tallies().tallies)
        #expect(readme.contains(table), "the README's precision/recall table should read:\n\(table)")
    }
}
