import Foundation
import JixiaoModel
import JixiaoReading
import JixiaoRendering

/// Turns what the analyst typed after `load` into filings, all or nothing.
package enum Loader {
    /// The bundled example, compiled into the binary so an installed `jixiao` needs no files
    /// beside it.
    static func example() throws(ShellError) -> LoadedFiling {
        try bundledExample.get()
    }

    /// Read once: the bundled bytes never change, so a second `load --example` need not read them.
    private static let bundledExample: Result<LoadedFiling, ShellError> = {
        let data = Data(PackageResources.example_txt)
        do throws(ReadError) {
            return .success(LoadedFiling(filing: try FilingReader.read(data, source: "example"), path: "example"))
        } catch {
            return .failure(.unreadable(path: "example", error))
        }
    }()

    static func read(
        _ path: String, shownAs shown: String, pool: TextPool, made: Result<Made, ShellError>? = nil
    ) throws(ShellError) -> LoadedFiling {
        let data = try Disk.read(path, shownAs: shown, limit: .filing, regularOnly: true)
        let made = try made?.get()
        do {
            return LoadedFiling(filing: try FilingReader.read(data, source: shown, pool: pool, made: made), path: shown)
        } catch {
            throw .unreadable(path: shown, error)
        }
    }

    /// Reads every file the words name, all or nothing: the first file that fails fails the load.
    static func load(_ words: [String], _ environment: any Environment) throws(ShellError) -> [LoadedFiling] {
        let batch = try load(words, environment, strict: true, cache: environment.conversionCache)
        return batch.loaded
    }

    /// What a load read, and the files it could not, each with its reason.
    struct Batch {
        var loaded: [LoadedFiling] = []
        var failed: [(path: String, error: ShellError)] = []
    }

    /// Reads every file the words name. Unless `strict`, a file that cannot be read is recorded
    /// and the rest are read; Ctrl-C and a word that names nothing still stop the whole load.
    /// `cache`: where the outside programs' conversions are kept; nil converts afresh.
    static func load(
        _ words: [String], _ environment: any Environment, strict: Bool, cache: ConversionCache?
    ) throws(ShellError) -> Batch {
        var files: [(String, String)] = []
        var batch = Batch()
        for word in words {
            files += try self.files(for: word, environment)
        }
        let made = try Conversions(cache: cache, environment: environment).prepare(files)
        let clock = ContinuousClock()
        let start = clock.now
        defer { environment.progress(nil) }
        // One pass on every core, the calling thread looking at Ctrl-C and drawing the progress line
        // while it waits (slices with a wait between them left a core idle at each one's end); the
        // results are taken in path order, so the outcome is that of reading one file after another.
        let pool = TextPool()  // the labels the filings of this load repeat, kept once
        let tally = LoadTally()
        func report() {
            let (done, bytes) = tally.counts
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            let current = files.isEmpty ? "" : files[min(done, files.count - 1)].1
            environment.progress(
                LoadProgress(done: done, total: files.count, bytes: bytes, seconds: seconds, current: current))
        }
        try environment.checkInterrupt()
        let results = try Array(files.enumerated()).parallelMap(
            { (index, file) -> Result<LoadedFiling, ShellError> in
                // After Ctrl-C, or once a file has failed a strict load, the files still to read are not.
                if tally.isAbandoned(after: index, strict: strict) { return .failure(.cancelled) }
                let result = Result { () throws(ShellError) in
                    try read(file.0, shownAs: file.1, pool: pool, made: made[file.0])
                }
                tally.finished(index, bytes: (try? result.get())?.filing.byteCount)
                return result
            },
            checking: { () throws(ShellError) in
                do throws(ShellError) { try environment.checkInterrupt() } catch {
                    tally.abandon()
                    throw error
                }
                report()
            })
        report()
        batch.loaded.reserveCapacity(results.count)
        // Moved, not copied, from the results to the batch (Array.draining).
        for (index, result) in (consume results).draining().enumerated() {
            switch consume result {
            case .success(let loaded): batch.loaded.append(loaded)
            case .failure(let error) where strict: throw error
            case .failure(let error): batch.failed.append((files[index].1, error))
            }
        }
        return batch
    }

    /// The files one word names, each with the path to show: a glob's matches, a folder's
    /// filings, or the file itself.
    static func files(for word: String, _ environment: any Environment) throws(ShellError) -> [(String, String)] {
        let absolute = environment.resolve(word)
        if word.contains(where: { "*?[".contains($0) }) {
            let matches = Disk.glob(absolute)
            guard !matches.isEmpty else { throw .io(path: word, reason: "no file matches this pattern") }
            let files = matches.filter { !Disk.isDirectory($0) && isCandidate($0) }
            return files.map { ($0, environment.shown($0, typed: word)) }
        }
        if Disk.isDirectory(absolute) {
            let files = try Disk.files(in: absolute, shownAs: word).filter(isCandidate)
            guard !files.isEmpty else { throw .io(path: word, reason: "no filings in this folder (\(filingList))") }
            // Each listed path is the folder's part and a name without a slash: the name is what
            // follows the last slash, shown under the folder as typed (NSString's path calls, two
            // a file, were most of the time a load spent before reading).
            let shownFolder = Disk.prefix(forNamesIn: word)
            return files.map { ($0, shownFolder + name(of: $0)) }
        }
        return [(absolute, word)]
    }

    /// What follows a path's last slash: a listed file's name.
    static func name(of path: String) -> Substring {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path[...] }
        return path[path.utf8.index(after: slash)...]
    }

    /// The endings of the files a folder or glob load takes: filings, not answer keys or notes.
    static let filingExtensions = [
        "txt", "text", "docx", "html", "htm", "shtml", "xhtml", "xlsx", "xlsm", "pdf", "doc", "wps", "rtf", "odt",
        "xls", "et", "ods",
    ]

    /// `.txt, .text or .docx`, for the message of a folder with none.
    static var filingList: String {
        let names = filingExtensions.map { "." + $0 }
        return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }

    /// Whether the path ends in one of `filingExtensions`, any case, as NSString's `pathExtension`
    /// reads an extension: after the last dot of the last component (trailing slashes dropped),
    /// not a dot that begins it. On bytes: NSString took 17,000 instructions a path, a tenth of a
    /// second of one thread before a 10,000-file load could start. Every listed extension is
    /// ASCII without a k, so no other text lowercases to one (the Kelvin sign K gives k).
    static func isCandidate(_ path: String) -> Bool {
        path.withBytes { bytes in
            var end = bytes.count
            while end > 0 && bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
            var dot = end
            while dot > 0 && bytes[dot - 1] != UInt8(ascii: ".") && bytes[dot - 1] != UInt8(ascii: "/") { dot -= 1 }
            // dot is just past the last dot or slash; a dot must stand after the component's first byte
            guard dot >= 2, bytes[dot - 1] == UInt8(ascii: "."), bytes[dot - 2] != UInt8(ascii: "/") else {
                return false
            }
            let ending = bytes[dot..<end]
            return filingExtensionBytes.contains { known in
                known.count == ending.count && zip(known, ending).allSatisfy { $0 == Self.lowercasedASCII($1) }
            }
        }
    }

    private static let filingExtensionBytes = filingExtensions.map { Array($0.utf8) }

    private static func lowercasedASCII(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }
}

extension Shell {
    /// Loads the filings named on the command line. Their summaries are notes (stderr, and
    /// only in a terminal), so `jixiao FILE -c 'export json'` prints nothing but the JSON.
    public func loadAtStartup(_ paths: [String]) {
        do throws(ShellError) {
            let output = try perform(LoadCommand(paths: paths), in: presentation)
            for line in output.text.split(separator: "\n") { note(String(line)) }
            if report(output.diagnostics) { reportFailure(nil, location: "") }
        } catch {
            reportFailure(error, location: "<command-line>: ")
        }
    }

    /// Loads the bundled example, with a one-line note naming it.
    public func loadExample() {
        do throws(ShellError) {
            let example = try Loader.example()
            session.add([example])
            let unit = example.filing.unit
            note("No filing given: loaded the bundled example (\(unit), an invented unit). 'load PATH' opens your own.")
        } catch {
            reportFailure(error, location: "")
        }
    }
}

/// What the cores reading a load have done so far, for the progress line, and whether the rest
/// of it need not be read.
private final class LoadTally: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private var bytes = 0
    private var firstFailure = Int.max
    private var abandoned = false

    /// A file finished: read (`bytes`) or failed (nil).
    func finished(_ index: Int, bytes: Int?) {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        if let bytes { self.bytes += bytes } else { firstFailure = min(firstFailure, index) }
    }

    /// The load was given up (Ctrl-C): what is still to read is not read.
    func abandon() {
        lock.lock()
        abandoned = true
        lock.unlock()
    }

    /// Whether the file at `index` need not be read: the load was given up, or it is strict and
    /// a file before this one failed.
    func isAbandoned(after index: Int, strict: Bool) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return abandoned || strict && firstFailure < index
    }

    var counts: (done: Int, bytes: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (done, bytes)
    }
}
