import Foundation

// Whole processes, timed from outside as a user meets them: each spawned alike with its
// reference (`cat`, sqlite3), alternating, medians of several runs.

/// A whole process's median wall time and the CPU (user and system, its children's too) and
/// peak resident memory of that run, as `wait4` reports them.
struct Run {
    var wall: Double
    var cpu: Double
    var peakBytes: Int
    var cores: Double { cpu / max(wall, 1e-9) }
}

/// Runs each program `runs` times in turn (stdin, stdout and stderr on /dev/null), so that a
/// change in the machine's load falls on all alike, and gives each one's median run. Every
/// program, the reference too, is spawned with posix_spawn: Foundation's `Process` takes tens
/// of milliseconds to start a child here, which would swamp what is measured.
func medianRuns(_ programs: [[String]], runs: Int, output: String? = nil) -> [Run] {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for descriptor in Int32(0)...2 {
        if descriptor == 1, let output {
            posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            continue
        }
        posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
    }
    let argvs = programs.map { $0.map { strdup($0) } + [nil] }
    defer { argvs.joined().forEach { free($0) } }
    var measured = Array(repeating: [Run](), count: programs.count)
    for _ in 0..<runs {
        for (index, (program, argv)) in zip(programs, argvs).enumerated() {
            var usage = rusage()
            let wall = seconds {
                var pid = pid_t()
                guard posix_spawn(&pid, program[0], &actions, nil, argv, environ) == 0 else { return }
                var status: Int32 = 0
                wait4(pid, &status, 0, &usage)
            }
            func time(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
            let cpu = time(usage.ru_utime) + time(usage.ru_stime)
            measured[index].append(Run(wall: wall, cpu: cpu, peakBytes: usage.ru_maxrss * 1024))
        }
    }
    return measured.map { $0.sorted { $0.wall < $1.wall }[runs / 2] }
}

/// The binary timed whole: `make bench` points `JIXIAO_BINARY` at the release binary stripped as
/// `make install` installs it, the program a user starts (its debug information alone costs a
/// hundred page faults at every start).
let jixiaoBinary = ProcessInfo.processInfo.environment["JIXIAO_BINARY"] ?? ".build/release/jixiao"

/// `cat` over a folder's files against `jixiao -q -c 'load FOLDER' -c quit`, both whole processes
/// spawned alike, alternating, after a `cat` that warms the page cache: the honest reference.
func wholeLoad(_ folder: String, runs: Int = 5) -> (cat: Run, jixiao: Run)? {
    let jixiao = jixiaoBinary
    guard FileManager.default.isExecutableFile(atPath: jixiao) else { return nil }
    let cat = ["/bin/cat"] + files(in: folder)
    _ = medianRuns([cat], runs: 1)
    let found = medianRuns([cat, [jixiao, "-q", "-X", "-c", "load \(folder)", "-c", "quit"]], runs: runs)
    return (found[0], found[1])
}

/// Prints the whole-process comparison of `wholeLoad`.
func reportWholeLoad(_ folder: String) {
    guard let runs = wholeLoad(folder) else { return }
    report("cat FILES > /dev/null (whole process)", String(format: "%9.1f ms", runs.cat.wall * 1000))
    report(
        "jixiao -q -c 'load DIR' -c quit",
        String(
            format: "%9.1f ms  (%.1f× cat, %.0f ms CPU, %.2f cores busy)", runs.jixiao.wall * 1000,
            runs.jixiao.wall / runs.cat.wall, runs.jixiao.cpu * 1000, runs.jixiao.cores))
}

/// The county as a user meets it: one whole process that loads the folder, then runs `summary`,
/// a first `sql` (the mirror), `report`, and `summary` again under other rules, with `option
/// timing on`. Each command's time is read from the `Time:` line it printed, and the peak
/// resident memory is set against the bytes loaded. (The figures printed in this process include
/// what its earlier parts left in its heap.)
func reportWholeReview(_ folder: String, bytes: Int, scratch: String) {
    let jixiao = jixiaoBinary
    guard FileManager.default.isExecutableFile(atPath: jixiao) else { return }
    let timed = [
        ("load", "load \(folder)"), ("first summary", "summary"),
        ("first sql", "sql SELECT count(*) FROM indicators WHERE computed_score < weight"),
        ("report", "report \(scratch)/whole.html --force"),
        ("rules use CN-2020", "rules use CN-2020"), ("summary, all rescored", "summary"),
    ]
    let commands = ["option timing on"] + timed.map(\.1) + ["quit"]
    let output = scratch + "/review.out"
    // This run comes first, just after `make bench` built and stripped the binaries, whose
    // writing out to disk fell into it (the county's load took 5.2 s where it takes 3.0 s, on one
    // core and a half). So pending writes are flushed first, and the county's files read once
    // (`cat`, as before the whole-process loads), as any later run finds them.
    sync()
    _ = medianRuns([["/bin/cat"] + files(in: folder)], runs: 1)
    // Linux hands a spawned child the spawning process's peak at its exec (the child runs on the
    // parent's memory until then), so a child's peak is its own only where it exceeds ours: the
    // bench runs this first, while it is small, and says so when it cannot tell.
    let ownPeak = peakMemory()
    let run = medianRuns([[jixiao, "-q", "-X"] + commands.flatMap { ["-c", $0] }], runs: 1, output: output)[0]
    let peak =
        run.peakBytes > ownPeak
        ? String(
            format: "peak memory %.0f MB, %.2f× the bytes", Double(run.peakBytes) / 1_048_576,
            Double(run.peakBytes) / Double(bytes))
        : String(format: "peak memory unknown: the bench's own %.0f MB is higher", Double(ownPeak) / 1_048_576)
    report(
        "load, summary, sql, report, rescoring (whole process)",
        String(format: "%9.1f ms  (%.2f cores busy, ", run.wall * 1000, run.cores) + peak + ")")
    // `option timing on` times itself first, then each command.
    let times = ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").split(separator: "\n")
        .filter { $0.hasPrefix("Time: ") }.dropFirst()
        .compactMap { Double($0.dropFirst(6).split(separator: " ")[0]) }
    guard times.count == timed.count else {
        report("  each command (option timing on)", "   cannot read the Time: lines of \(output)")
        return
    }
    for ((label, _), milliseconds) in zip(timed, times) {
        report("  \(label), from its Time: line", String(format: "%9.1f ms", milliseconds))
    }
}

/// The median wall time of starting each program: `medianRuns`' wall times.
func startTimes(_ programs: [[String]], runs: Int = 200) -> [Double] {
    medianRuns(programs, runs: runs).map(\.wall)
}

/// `jixiao -q -c quit` against `sqlite3 :memory: .quit`: the medians of 200 starts each.
func startUp() {
    let mine = [jixiaoBinary, "-q", "-c", "quit"]
    let sqlite = ["/usr/bin/sqlite3", ":memory:", ".quit"]
    guard FileManager.default.isExecutableFile(atPath: mine[0]) else { return }
    guard FileManager.default.isExecutableFile(atPath: sqlite[0]) else {
        report("start: jixiao -q -c quit", String(format: "%9.2f ms", startTimes([mine])[0] * 1000))
        return
    }
    let times = startTimes([mine, sqlite])
    let line = String(
        format: "%9.2f ms  (sqlite3 %.2f ms; %.2f× sqlite3)", times[0] * 1000, times[1] * 1000, times[0] / times[1])
    report("start: jixiao -q -c quit", line)
}
