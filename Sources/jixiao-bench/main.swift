import Foundation
import JixiaoKit
import JixiaoModel
import JixiaoReading
import JixiaoRules

// Prints how fast jixiao reads, scores and edits filings. Figures only: nothing here passes or fails.
// Usage: jixiao-bench [FILE...]   (default: Tests/Fixtures/filings/*.txt)

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let elapsed = try ContinuousClock().measure(body)
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

func report(_ label: String, _ figures: String) {
    print(label + String(repeating: " ", count: max(1, 40 - label.count)) + figures)
}

func measure(_ label: String, bytes: Int, iterations: Int, _ body: () throws -> Void) rethrows {
    try body()  // warm up
    let total = try seconds { for _ in 0..<iterations { try body() } }
    let perRun = total / Double(iterations) * 1000
    let mbps = Double(bytes) / 1_048_576 / (total / Double(iterations))
    report(label, String(format: "%9.3f ms/run %8.1f MB/s  (%d runs, %d bytes)", perRun, mbps, iterations, bytes))
}

/// The time `count` what-if edits take through the whole command path, from a script.
func editTime(_ count: Int, filing path: String) -> Double {
    var script = ""
    for i in 0..<count { script += "set executed 劳模 \(3 + Double(i % 100) / 100)\n" }
    let console = ScriptConsole(script)
    let shell = Shell(console: console, options: ShellOptions(quiet: true))
    shell.execute(line: "load \(path)", source: "bench", line: 0)
    return seconds { shell.runConsole() }
}

/// The time one shell command takes, run as a script line would be.
func commandTime(_ shell: Shell, _ line: String) -> Double {
    seconds {
        if !shell.execute(line: line, source: "bench", line: 0) { print("  (\(line): reported errors)") }
    }
}

/// The files of `folder`, sorted, as paths: what `cat` is given, one argument each.
func files(in folder: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.sorted().map { folder + "/" + $0 }
}

/// The bytes of `folder`'s files, all together.
func bytes(in folder: String) -> Int {
    files(in: folder).reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
}

/// Resident memory of this process now, in bytes.
func currentMemory() -> Int {
    let fields = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8))?.split(separator: " ") ?? []
    return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
}

/// Peak resident memory of this process, in bytes.
func peakMemory() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss * 1024
}

/// Memory now and at the peak, against the bytes loaded.
func memory(_ bytes: Int) -> String {
    let now = Double(currentMemory()) / Double(bytes)
    let peak = Double(peakMemory()) / Double(bytes)
    return String(format: "  [memory %.1f× the bytes, peak %.1f×]", now, peak)
}

/// User plus system CPU seconds this process has used.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    return user + system
}

/// A command's wall time and the cores it kept busy (CPU time over wall time).
func commandTimeAndCores(_ shell: Shell, _ line: String) -> (seconds: Double, cores: Double) {
    let cpu = cpuSeconds()
    let wall = commandTime(shell, line)
    return (wall, (cpuSeconds() - cpu) / wall)
}

/// 2,000 copies of the real filing, each made distinct by trailing spaces (a load skips a file
/// already loaded), written once into `folder`.
func copies(of path: String, into folder: String, count: Int) -> Int {
    guard let data = FileManager.default.contents(atPath: path) else { return 0 }
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    var bytes = 0
    for i in 0..<count {
        let copy = data + Data(("\n" + String(repeating: " ", count: i + 1) + "\n").utf8)
        let file = folder + String(format: "/f%04d.txt", i)
        if !FileManager.default.fileExists(atPath: file) {
            _ = FileManager.default.createFile(atPath: file, contents: copy)
        }
        bytes += copy.count
    }
    return bytes
}

/// Loading 2,000 copies of the real filing against `cat` on the same bytes, then scoring them all.
func twoThousand(_ real: String) {
    let folder = ".build/bench-real-2000"
    let bytes = copies(of: real, into: folder, count: 2000)
    print("2,000 copies of the real filing: \(bytes / 1_048_576) MB in \(folder)")
    reportWholeLoad(folder)
    let shell = Shell(console: ScriptConsole(""), options: ShellOptions(quiet: true))
    let before = currentMemory()
    let load = commandTimeAndCores(shell, "load \(folder)")
    let held = Double(currentMemory() - before) / Double(bytes)
    report(
        "load, in this process",
        String(
            format: "%9.1f ms  (%.2f cores busy, memory %.1f× the bytes)", load.seconds * 1000, load.cores, held))
    let score = commandTimeAndCores(shell, "summary")
    report(
        "score and check all 2,000 (summary)",
        String(format: "%9.1f ms  (%.2f cores busy)", score.seconds * 1000, score.cores))
}

/// A county of filings loaded through the shell, and the county commands over it.
func county(_ folder: String) {
    let bytes = bytes(in: folder)
    print("county: \(files(in: folder).count) files, \(bytes / 1_048_576) MB in \(folder)")
    reportWholeLoad(folder)
    // Exports and the report are written into a folder of their own, removed at the end.
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-bench-\(getpid())").path
    try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let shell = Shell(console: ScriptConsole(""), options: ShellOptions(quiet: true), directory: scratch)
    let absolute = folder.hasPrefix("/") ? folder : FileManager.default.currentDirectoryPath + "/" + folder
    let load = commandTimeAndCores(shell, "load \(absolute)")
    report(
        "load, in this process",
        String(format: "%9.1f ms  (%.2f cores busy)", load.seconds * 1000, load.cores) + memory(bytes))
    let steps = [
        ("summary, first (scores and checks every filing)", "summary"),
        ("summary, again", "summary"),
        (
            "sql count(*), first (builds the mirror)",
            "sql SELECT count(*) FROM indicators WHERE computed_score < weight"
        ),
        ("sql count(*), again", "sql SELECT count(*) FROM indicators WHERE computed_score < weight"),
        ("projects --all --sort 执行率(计算) --limit 20", "projects --all --sort 执行率(计算) --limit 20"),
        (
            "projects --all --where (goal: under 300 ms)",
            "projects --all --where \"执行率(计算) < 0.6 AND 得分 = 分值\""
        ),
        ("export csv of projects --all (goal: under 1 s)", "export csv p.csv projects --all --force"),
        ("report FILE.html (goal: under 3 s)", "report r.html --force"),
        ("use 1", "use 1"),
        ("a what-if edit", "set executed 1 5"),
        // The table the first sql filled: a table read for the first time would be filled whole.
        (
            "sql after the edit (one filing rewritten)",
            "sql SELECT count(*) FROM indicators WHERE computed_score < weight"
        ),
        ("rules use CN-2020, then summary (all rescored)", "rules use CN-2020"),
    ]
    for (label, line) in steps {
        var (time, cores) = commandTimeAndCores(shell, line)
        if line.hasPrefix("rules use") {
            let summary = commandTimeAndCores(shell, "summary")
            cores = (time * cores + summary.seconds * summary.cores) / (time + summary.seconds)
            time += summary.seconds
        }
        report(label, String(format: "%9.1f ms  (%.2f cores)", time * 1000, cores) + memory(bytes))
    }
    let peak = peakMemory()
    report(
        "peak memory",
        String(format: "%9.0f MB  (%.1f× the bytes loaded)", Double(peak) / 1_048_576, Double(peak) / Double(bytes)))
}

var paths = Array(CommandLine.arguments.dropFirst())
var countyFolder: String? = nil
if let flag = paths.firstIndex(of: "--county"), flag + 1 < paths.count {
    countyFolder = paths[flag + 1]
    paths.removeSubrange(flag...(flag + 1))
}
if paths.isEmpty {
    let folder = "Tests/Fixtures/filings"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    paths = names.filter { $0.hasSuffix(".txt") }.sorted().map { folder + "/" + $0 }
}
print("jixiao benchmark (\(ProcessInfo.processInfo.processorCount) cores)")
// The county as a user runs it comes first, while this process is small (see reportWholeReview).
if let countyFolder {
    let bytes = bytes(in: countyFolder)
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("jixiao-bench-review-\(getpid())").path
    try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    print("county, whole process: \(countyFolder)")
    reportWholeReview(countyFolder, bytes: bytes, scratch: scratch)
    try? FileManager.default.removeItem(atPath: scratch)
}
for path in paths {
    guard let data = FileManager.default.contents(atPath: path) else {
        print("cannot read \(path)")
        continue
    }
    try measure((path as NSString).lastPathComponent, bytes: data.count, iterations: 200) {
        _ = try FilingReader.read(data, source: path)
    }
}
// The same filing as a web page and as workbooks, against its .docx: each format's reading time
// and MB/s, and its time over the .docx's, measured alike in this run.
// A PDF or a legacy office file is timed on what poppler or LibreOffice made of it: the front end's
// own work. The programs' time is the conversion's, per file, with no cache and then from it.
func readTime(_ data: Data, made: Made? = nil) -> Double {
    _ = try? FilingReader.read(data, source: "bench", made: made)  // warm up
    return seconds { for _ in 0..<50 { _ = try? FilingReader.read(data, source: "bench", made: made) } } / 50
}
let formatsFolder = "Tests/Fixtures/formats"
func converted(_ folder: String) -> [String: Made] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    let files = names.sorted().map { (path: folder + "/" + $0, shown: $0) }
    let cacheFolder = NSTemporaryDirectory() + "jixiao-bench-cache-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: cacheFolder) }
    let shell = Shell(console: ScriptConsole(""), options: ShellOptions(quiet: true))
    let conversions = Conversions(cache: ConversionCache(folder: cacheFolder), environment: shell)
    var made: [String: Result<Made, ShellError>] = [:]
    let cold = seconds { made = (try? conversions.prepare(files)) ?? [:] }
    let cached = seconds { _ = try? conversions.prepare(files) }
    let count = max(1, made.count)
    report(
        "conversions of \(made.count) files",
        String(
            format: "%9.1f ms a file cold (LibreOffice and poppler), %7.2f ms a file cached",
            cold * 1000 / Double(count), cached * 1000 / Double(count)))
    return made.compactMapValues { try? $0.get() }
}
let made = converted(formatsFolder)
for (prefix, stem) in [("v2_", "v2_hengshan_label_variants_2023"), ("v3_", "v3_gb18030_crlf_2023")] {
    guard let docx = FileManager.default.contents(atPath: "Tests/Fixtures/docx/\(stem).libreoffice.docx") else {
        continue
    }
    let reference = readTime(docx)
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: formatsFolder)) ?? []).filter {
        $0.hasPrefix(prefix)
    }
    for name in names.sorted() {
        guard let data = FileManager.default.contents(atPath: formatsFolder + "/" + name) else { continue }
        let time = readTime(data, made: made[formatsFolder + "/" + name])
        report(
            name,
            String(
                format: "%9.3f ms/run %8.1f MB/s  %.2f× the .docx (%.3f ms)", time * 1000,
                Double(data.count) / 1_048_576 / time, time / reference, reference * 1000))
    }
}

// A large synthetic batch: every fixture repeated, as an auditor loading a county's filings.
let batch = paths.compactMap { FileManager.default.contents(atPath: $0) }
let batchBytes = batch.reduce(0) { $0 + $1.count }
try measure("batch of \(batch.count * 250) filings", bytes: batchBytes * 250, iterations: 1) {
    for _ in 0..<250 { for data in batch { _ = try FilingReader.read(data, source: "batch") } }
}

// Scoring and checking: every fixture recomputed and checked under the rules it implies.
let filings = try batch.map { try FilingReader.read($0, source: "bench") }
measure("recompute + check, \(filings.count) filings", bytes: batchBytes, iterations: 200) {
    for filing in filings {
        let rules = RuleSet.implied(by: filing).rules
        for (_, _, table) in filing.scoredTables { _ = Scorer.score(table, rules: rules) }
        _ = Checker.check(filing, rules: rules)
    }
}

// What-if edits: one edit should cost the same whether it is the 200th or the 2,000th.
if let real = paths.first(where: { $0.hasSuffix("000_4163b9005dfad92f.txt") }) {
    _ = editTime(50, filing: real)  // warm up
    let few = editTime(200, filing: real)
    let many = editTime(2000, filing: real)
    report("200 edits", String(format: "%9.3f ms in all, %7.3f ms an edit", few * 1000, few / 200 * 1000))
    report("2,000 edits", String(format: "%9.3f ms in all, %7.3f ms an edit", many * 1000, many / 2000 * 1000))
    report("2,000 edits / 200 edits", String(format: "%9.2f× the time (10× is constant cost per edit)", many / few))
}

startUp()
if let real = paths.first(where: { $0.hasSuffix("000_4163b9005dfad92f.txt") }) { twoThousand(real) }
if let countyFolder { county(countyFolder) }
