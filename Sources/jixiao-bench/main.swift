import Foundation
import JixiaoKit

// Prints how fast jixiao reads filings. Figures only: nothing here passes or fails.
// Usage: jixiao-bench [FILE...]   (default: Tests/Fixtures/filings/*.txt and the bundled example)

func measure(_ label: String, bytes: Int, iterations: Int, _ body: () throws -> Void) rethrows {
    try body()   // warm up
    let clock = ContinuousClock()
    let elapsed = try clock.measure { for _ in 0..<iterations { try body() } }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let perRun = seconds / Double(iterations) * 1000
    let mbps = Double(bytes) / 1_048_576 / (seconds / Double(iterations))
    print(label + String(repeating: " ", count: max(1, 40 - label.count)) + String(format: "%9.3f ms/run %8.1f MB/s  (%d runs, %d bytes)", perRun, mbps, iterations, bytes))
}

var paths = Array(CommandLine.arguments.dropFirst())
if paths.isEmpty {
    let folder = "Tests/Fixtures/filings"
    paths = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".txt") }.sorted().map { folder + "/" + $0 }
}
print("jixiao reader benchmark (\(ProcessInfo.processInfo.processorCount) cores)")
var total = 0
for path in paths {
    guard let data = FileManager.default.contents(atPath: path) else { print("cannot read \(path)"); continue }
    total += data.count
    try measure((path as NSString).lastPathComponent, bytes: data.count, iterations: 200) {
        _ = try FilingReader.read(data, source: path)
    }
}
// A large synthetic batch: every fixture repeated, as an auditor loading a county's filings.
let batch = paths.compactMap { FileManager.default.contents(atPath: $0) }
try measure("batch of \(batch.count * 250) filings", bytes: batch.reduce(0) { $0 + $1.count } * 250, iterations: 1) {
    for _ in 0..<250 { for data in batch { _ = try FilingReader.read(data, source: "batch") } }
}

// Scoring and checking: every fixture recomputed and checked under the rules it implies.
let filings = try batch.map { try FilingReader.read($0, source: "bench") }
try measure("recompute + check, \(filings.count) filings", bytes: batch.reduce(0) { $0 + $1.count }, iterations: 200) {
    for filing in filings {
        let rules = RuleSet.implied(by: filing).0
        for project in filing.projects { _ = Scorer.score(project, rules: rules) }
        _ = Checker.check(filing, rules: rules)
    }
}
