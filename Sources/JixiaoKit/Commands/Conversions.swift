import Foundation
import JixiaoModel
import JixiaoReading

/// The part of a load that outside programs do: LibreOffice converts the legacy office files to
/// .docx or .xlsx, a folder's files in one call per target (it takes seconds to start); poppler
/// gives each PDF's words and drawing. What they make is cached by the file's SHA-256 under the
/// user's cache folder, so a second load of a county converts nothing.
package struct Conversions {
    /// `$XDG_CACHE_HOME/jixiao`, else `~/.cache/jixiao`; nil with `load --no-cache` or no home.
    let cache: ConversionCache?
    let environment: any Environment

    package init(cache: ConversionCache?, environment: any Environment) {
        self.cache = cache
        self.environment = environment
    }
    /// Where the programs are looked for: `$PATH`.
    var searchPath: String { environment.programSearchPath }
    /// Where the work folders go: `$TMPDIR`, else /tmp.
    var temporary = Paths.variable("TMPDIR") ?? "/tmp"

    /// A file an outside program must see first.
    struct Job {
        var path: String
        var shown: String
        var sha256: String
        var program: OutsideProgram
        var data: Data
    }

    /// For each file (by path) that needs an outside program, what it made or why it could not;
    /// files that need none are not in the answer.
    package func prepare(
        _ files: [(path: String, shown: String)]
    ) throws(ShellError) -> [String: Result<Made, ShellError>] {
        var jobs: [Job] = []
        // Each file's first kilobyte is looked at on every core: a stat, an open and a read for
        // every file of a folder, before any is read.
        let candidates = files.map(\.path).parallelMap { Self.mayNeedProgram($0) }
        for ((path, shown), candidate) in zip(files, candidates) where candidate {
            try environment.checkInterrupt()
            guard let data = try? Disk.read(path, shownAs: shown, limit: .filing, regularOnly: true),
                let program = FrontEnds.outsideProgram(for: data)
            else { continue }  // the read proper reports what is wrong with it
            jobs.append(Job(path: path, shown: shown, sha256: Digest.sha256Hex(data), program: program, data: data))
        }
        var made: [String: Result<Made, ShellError>] = [:]
        var missing: [Job] = []
        for job in jobs {
            if let cached = cache?.made(job) { made[job.path] = .success(cached) } else { missing.append(job) }
        }
        guard !missing.isEmpty else { return made }
        var progress = ConversionProgress(total: missing.count, environment: environment)
        defer { environment.progress(nil) }
        let office = Dictionary(grouping: missing.filter { $0.program != .poppler }, by: \.program)
        for (program, batch) in office.sorted(by: { $0.key.packages < $1.key.packages }) {
            for (path, result) in try convertWithLibreOffice(batch, program, &progress) { made[path] = result }
        }
        for (path, result) in try readWithPoppler(missing.filter { $0.program == .poppler }, &progress) {
            made[path] = result
        }
        return made
    }

    /// Whether a file's first kilobyte is that of a format an outside program reads. Only a
    /// regular file is opened: opening a FIFO would wait for a writer.
    static func mayNeedProgram(_ path: String) -> Bool {
        var status = stat()
        let name = FileNames.cString(path)
        guard stat(name, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return false }
        let descriptor = open(name, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: 1024)
        let count = read(descriptor, &bytes, bytes.count)
        return count > 0 && FrontEnds.mayNeedProgram(head: Data(bytes[..<count]))
    }

    // MARK: LibreOffice

    /// Converts one batch in one `soffice` call, in a private folder with a private profile, each
    /// file copied in under its hash (names from the filing's sender never reach the command line).
    func convertWithLibreOffice(
        _ batch: [Job], _ program: OutsideProgram, _ progress: inout ConversionProgress
    ) throws(ShellError) -> [String: Result<Made, ShellError>] {
        guard case .libreOffice(let target) = program else { return [:] }
        guard let soffice = Program(named: "soffice", in: searchPath) ?? Program(named: "libreoffice", in: searchPath)
        else {
            return Dictionary(uniqueKeysWithValues: batch.map { ($0.path, .failure(Self.missing(program, $0))) })
        }
        let work = try ScratchFolder(in: temporary)
        let inputs = batch.map { work.path + "/\($0.sha256).\(target == "xlsx" ? "xls" : "doc")" }
        for (job, input) in zip(batch, inputs) { try work.write(job.data, to: input) }
        progress.show(batch.first?.shown ?? "", what: "converting with LibreOffice")
        let profile = "file://\(work.path)/profile"
        defer { OfficeSocket.remove(profile: profile) }
        let outcome = try soffice.run(
            [
                "--headless", "--norestore", "--nolockcheck", "-env:UserInstallation=" + profile,
                "--convert-to", target, "--outdir", work.path + "/out",
            ] + inputs,
            limit: .seconds(60 + 10 * batch.count), in: work.path, checking: environment.checkInterrupt)
        var results: [String: Result<Made, ShellError>] = [:]
        for job in batch {
            let output = work.path + "/out/\(job.sha256).\(target)"
            if let data = FileManager.default.contents(atPath: output), !data.isEmpty {
                cache?.store(.office(data), for: job)
                results[job.path] = .success(.office(data))
            } else {
                let why =
                    outcome.status == Program.timedOut
                    ? "it took longer than the time limit" : "LibreOffice made nothing of it (a damaged file?)"
                results[job.path] = .failure(.unreadable(path: job.shown, .notConvertible(why)))
            }
            progress.advance(job.shown)
        }
        return results
    }

    static func missing(_ program: OutsideProgram, _ job: Job) -> ShellError {
        .unreadable(path: job.shown, .needsProgram(program))
    }

    // MARK: poppler

    /// Runs poppler on each PDF, on every core.
    func readWithPoppler(
        _ jobs: [Job], _ progress: inout ConversionProgress
    ) throws(ShellError) -> [String: Result<Made, ShellError>] {
        guard !jobs.isEmpty else { return [:] }
        guard let words = Program(named: "pdftotext", in: searchPath),
            let drawing = Program(named: "pdftocairo", in: searchPath)
        else {
            return Dictionary(uniqueKeysWithValues: jobs.map { ($0.path, .failure(Self.missing(.poppler, $0))) })
        }
        let work = try ScratchFolder(in: temporary)
        let cancelled = CancelFlag()
        let cache = self.cache
        let folder = work.path
        var results: [String: Result<Made, ShellError>] = [:]
        for first in stride(from: 0, to: jobs.count, by: 8) {
            let slice = Array(jobs[first..<min(first + 8, jobs.count)])
            progress.show(slice[0].shown, what: "reading PDFs with poppler")
            let made = try slice.parallelMap(
                { job in
                    Result { () throws(ShellError) in
                        let made = try Self.poppler(job, words, drawing, in: folder, checking: cancelled.check)
                        cache?.store(made, for: job)
                        return made
                    }
                },
                checking: { () throws(ShellError) in
                    do throws(ShellError) { try environment.checkInterrupt() } catch {
                        cancelled.set()
                        throw error
                    }
                })
            for (job, result) in zip(slice, made) {
                results[job.path] = result
                progress.advance(job.shown)
            }
        }
        return results
    }

    /// One PDF's word list and rules. poppler's exit status says what went wrong: 1 a file it
    /// cannot open (damaged, or encrypted with a password), 3 a PDF whose permissions forbid copying.
    static func poppler(
        _ job: Job, _ words: Program, _ drawing: Program, in folder: String,
        checking: () throws(ShellError) -> Void
    ) throws(ShellError) -> Made {
        let base = folder + "/" + job.sha256 + "-" + UUID().uuidString
        defer {
            unlink(base + ".html")
            unlink(base + ".svg")
        }
        let limit = Duration.seconds(120)
        let listed = try words.run(
            ["-bbox-layout", "-enc", "UTF-8", job.path, base + ".html"], limit: limit, in: folder, checking: checking)
        guard listed.status == 0 else { throw .unreadable(path: job.shown, Self.popplerError(listed)) }
        let drawn = try drawing.run(["-svg", job.path, base + ".svg"], limit: limit, in: folder, checking: checking)
        guard drawn.status == 0 else { throw .unreadable(path: job.shown, Self.popplerError(drawn)) }
        guard let list = FileManager.default.contents(atPath: base + ".html"),
            let svg = FileManager.default.contents(atPath: base + ".svg")
        else { throw .unreadable(path: job.shown, .notPDF("poppler wrote nothing")) }
        do throws(ReadError) {
            return .pdf(words: list, rules: PDFDrawing.encode(try PDFDrawing.rules(svg: svg)))
        } catch {
            throw .unreadable(path: job.shown, error)
        }
    }

    static func popplerError(_ outcome: Program.Outcome) -> ReadError {
        let said = outcome.complaint
        if outcome.status == Program.timedOut { return .notPDF("poppler took longer than two minutes") }
        if said.localizedCaseInsensitiveContains("password") || said.localizedCaseInsensitiveContains("encrypt") {
            return .notPDF("it is encrypted with a password; save an unprotected copy and load that")
        }
        if outcome.status == 3 { return .notPDF("its permissions forbid copying its text") }
        return .notPDF("it is damaged" + (said.isEmpty ? "" : " (poppler: \(said))"))
    }
}

/// Set once Ctrl-C stops a load, read by the threads that run poppler so they stop too.
final class CancelFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var isSet = false

    func set() {
        lock.lock()
        isSet = true
        lock.unlock()
    }

    func check() throws(ShellError) {
        lock.lock()
        defer { lock.unlock() }
        if isSet { throw .cancelled }
    }
}

/// The conversions' progress on the load's progress line.
struct ConversionProgress {
    let total: Int
    let environment: any Environment
    private var done = 0
    private let start = ContinuousClock.now

    init(total: Int, environment: any Environment) {
        self.total = total
        self.environment = environment
    }

    func show(_ current: String, what: String) {
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        environment.progress(
            LoadProgress(done: done, total: total, bytes: 0, seconds: seconds, current: current, stage: what))
    }

    mutating func advance(_ current: String) {
        done += 1
        show(current, what: "converted")
    }
}

/// A private temporary folder (0700), removed with everything in it when the value goes.
final class ScratchFolder {
    let path: String

    init(in base: String) throws(ShellError) {
        var template = Array((base + "/jixiao-convert-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw .io(path: base, reason: "cannot make a temporary folder (\(String(cString: strerror(errno))))")
        }
        path = String(cString: made)
    }

    func write(_ data: Data, to file: String) throws(ShellError) {
        guard FileManager.default.createFile(atPath: file, contents: data, attributes: [.posixPermissions: 0o600])
        else { throw .io(path: file, reason: "cannot write a temporary copy") }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// What the outside programs made, kept by the file's SHA-256: `<sha>.docx`, `<sha>.xlsx`, and a
/// PDF's `<sha>.words.xhtml` with `<sha>.rules`. A file that is not whole (a copy interrupted) is
/// never read back: each is written to a temporary name and renamed into place.
package struct ConversionCache: Sendable {
    let folder: String

    package init(folder: String) { self.folder = folder }

    /// `$XDG_CACHE_HOME/jixiao`, else `~/.cache/jixiao`; nil when neither variable nor the user
    /// database names a home.
    public static func standardFolder() -> String? {
        if let xdg = Paths.variable("XDG_CACHE_HOME"), xdg.hasPrefix("/") { return xdg + "/jixiao" }
        return Paths.userHome().map { $0 + "/.cache/jixiao" }
    }

    /// Entries of this layout live in a folder of its version, so a later jixiao that keeps
    /// them differently never misreads these.
    var entries: String { folder + "/conversions-1" }

    func made(_ job: Conversions.Job) -> Made? {
        let base = entries + "/" + job.sha256
        switch job.program {
        case .libreOffice(let target):
            return FileManager.default.contents(atPath: base + "." + target).map { .office($0) }
        case .poppler:
            guard let words = FileManager.default.contents(atPath: base + ".words.xhtml"),
                let rules = FileManager.default.contents(atPath: base + ".rules"),
                let text = String(data: rules, encoding: .utf8)
            else { return nil }
            return .pdf(words: words, rules: text)
        }
    }

    private func store(_ data: Data, for job: Conversions.Job, as ending: String) {
        put(data, entries + "/" + job.sha256 + "." + ending)
    }

    func store(_ made: Made, for job: Conversions.Job) {
        switch made {
        case .office(let data):
            guard case .libreOffice(let target) = job.program else { return }
            store(data, for: job, as: target)
        case .pdf(let words, let rules):
            // The rules last: an entry is read only when both are there.
            store(words, for: job, as: "words.xhtml")
            store(Data(rules.utf8), for: job, as: "rules")
        }
    }

    /// Writes atomically; a cache that cannot be written only costs the next load a conversion.
    private func put(_ data: Data, _ path: String) {
        try? FileManager.default.createDirectory(
            atPath: entries, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = path + ".part-\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600])
        else { return }
        if rename(temporary, path) != 0 { unlink(temporary) }
    }
}
