import Foundation
import JixiaoModel
import Testing

@testable import JixiaoKit

/// One write policy for every file jixiao writes: FIFOs and devices are written in place, links
/// are followed, a replaced file keeps its permissions, new files follow the umask (a saved
/// scenario is 0600). Each case in a scratch folder; the system's /dev is only ever written to.
@Suite(.scratch, .serialized) struct WriteTests {
    static let real = Fixtures.real.path

    static func kind(_ path: String) -> mode_t {
        var info = stat()
        lstat(path, &info)
        return info.st_mode & S_IFMT
    }

    static func mode(_ path: String) -> mode_t {
        var info = stat()
        stat(path, &info)
        return info.st_mode & 0o777
    }

    static func export(_ name: String, in folder: URL, force: Bool = true) -> ScriptConsole {
        Fixtures.run("load \(real)\nexport csv \(name) projects\(force ? " --force" : "")", directory: folder).1
    }

    /// A temporary file a killed jixiao left (its PID runs no more) goes at the next write beside
    /// it; one whose PID still runs (pid 1) stays.
    @Test func aKilledWritersTemporaryFileIsRemovedByTheNextWrite() throws {
        let folder = try Scratch.folder
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let stale = folder.appendingPathComponent(".out.csv.\(finished.processIdentifier).tmp")
        let live = folder.appendingPathComponent(".out.csv.1.tmp")
        let other = folder.appendingPathComponent(".other.csv.\(finished.processIdentifier).tmp")
        for file in [stale, live, other] { try Data("partial".utf8).write(to: file) }
        let console = Self.export("out.csv", in: folder)
        #expect(console.errors.isEmpty, "\(console.errors)")
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(FileManager.default.fileExists(atPath: live.path))
        #expect(FileManager.default.fileExists(atPath: other.path))
    }

    @Test func aFIFOIsWrittenToInPlaceAndSurvives() throws {
        let folder = try Scratch.folder
        let fifo = folder.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o644) == 0)
        // The reader opens the pipe as the export opens it, and reads until the export closes it.
        nonisolated(unsafe) var received = Data()
        let reader = Thread {
            if let handle = FileHandle(forReadingAtPath: fifo) { received = handle.readDataToEndOfFile() }
        }
        reader.start()
        let console = Self.export("fifo", in: folder)
        while reader.isExecuting || !reader.isFinished { usleep(10_000) }
        #expect(console.errors.isEmpty, "\(console.errors)")
        #expect(Self.kind(fifo) == S_IFIFO, "the FIFO is still a FIFO")
        #expect(String(decoding: received, as: UTF8.self).contains("劳模服务"))
    }

    @Test("a FIFO no process reads is a clear error, not a wait without end")
    func aFIFOWithNoReaderIsAnError() throws {
        let folder = try Scratch.folder
        let fifo = folder.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let console = Self.export("fifo", in: folder, force: true)
        #expect(console.errors.contains("fifo: no process is reading this FIFO; start its reader first"))
        #expect(Self.kind(fifo) == S_IFIFO)
    }

    @Test func aLinkToDevNullLeavesTheDeviceAndTheLinkAsTheyWere() throws {
        let folder = try Scratch.folder
        let link = folder.appendingPathComponent("null").path
        #expect(symlink("/dev/null", link) == 0)
        let console = Self.export("null", in: folder)
        #expect(console.errors.isEmpty, "\(console.errors)")
        #expect(Self.kind(link) == S_IFLNK && Self.kind("/dev/null") == S_IFCHR)
    }

    @Test func aLinkIsFollowedAndItsTargetReplaced() throws {
        let folder = try Scratch.folder
        let target = folder.appendingPathComponent("target.txt")
        try Data("old".utf8).write(to: target)
        #expect(symlink("target.txt", folder.appendingPathComponent("link.csv").path) == 0)
        _ = Self.export("link.csv", in: folder)
        #expect(Self.kind(folder.appendingPathComponent("link.csv").path) == S_IFLNK)
        #expect(try String(contentsOf: target, encoding: .utf8).contains("劳模服务"))
    }

    @Test func aReplacedFileKeepsItsPermissions() throws {
        let folder = try Scratch.folder
        let file = folder.appendingPathComponent("priv.csv").path
        #expect(FileManager.default.createFile(atPath: file, contents: Data("old".utf8)))
        chmod(file, 0o600)
        _ = Self.export("priv.csv", in: folder)
        #expect(Self.mode(file) == 0o600)
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("劳模服务"))
    }

    /// The process's umask, read from /proc without setting it: umask(2) can only read by changing
    /// it, which would change it for every test running beside this one.
    static func currentUmask() -> mode_t? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Umask:") })
        else { return nil }
        return mode_t(line.dropFirst("Umask:".count).trimmingCharacters(in: .whitespaces), radix: 8)
    }

    @Test func newFilesFollowTheUmaskAndSavedScenariosArePrivate() throws {
        let folder = try Scratch.folder
        let mask = try #require(Self.currentUmask())
        _ = Self.export("new.csv", in: folder, force: false)
        #expect(Self.mode(folder.appendingPathComponent("new.csv").path) == 0o666 & ~mask)
        _ = Fixtures.run("load \(Self.real)\nset executed 劳模 4\nsave s.json", directory: folder)
        #expect(Self.mode(folder.appendingPathComponent("s.json").path) == 0o600)
    }

    @Test func aFolderOrAMissingFolderIsAnErrorAndNothingIsWritten() throws {
        let folder = try Scratch.folder
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        #expect(Self.export("sub", in: folder).errors.contains("is a folder"))
        #expect(Self.export("missing/x.csv", in: folder).errors.contains("does not exist"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("missing").path))
    }
}

/// A folder named by the path as typed, never through Foundation's path functions, which trap on
/// Linux for `~/` (the command-script fuzzer's crash: `save ~/` in a home that does not exist).
@Suite(.scratch) struct TypedFolderTests {
    @Test(arguments: [
        ("a/b.csv", "a"), ("b.csv", "."), ("/b.csv", "/"), ("~/", "~"), ("~", "."), ("~x/", "~x"),
        ("~//", "~"), ("a//b", "a"), ("/", "/"), ("~/missing/x.json", "~/missing"),
    ])
    func theFolderOfATypedPath(_ typed: String, _ folder: String) {
        #expect(Disk.folder(of: typed) == folder)
    }

    @Test func aWriteIntoAHomeThatDoesNotExistIsAnError() throws {
        let console = ScriptConsole("load --example\nexport json ~/\nexport json ~/x.json\n")
        let shell = Shell(console: console, directory: try Scratch.folder.path)
        shell.home = try Scratch.folder.appendingPathComponent("no-such-home").path
        shell.runConsole()
        #expect(console.errors.contains("~/: folder ~ does not exist"), "\(console.errors)")
        #expect(console.errors.contains("~/x.json: folder ~ does not exist"), "\(console.errors)")
    }
}

/// The command-script fuzzer's shell: a hostile script's paths (absolute, `..`, `~`, devices)
/// all resolve inside the confinement, so nothing is written or read anywhere else.
@Suite(.scratch) struct ConfinementTests {
    @Test func aConfinedShellWritesOnlyInsideItsFolder() throws {
        let outer = try Scratch.folder
        let inner = outer.appendingPathComponent("inner")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        let script = try String(
            contentsOf: Fixtures.root.appendingPathComponent("Tests/Fixtures/fuzz-shell/paths.jx"), encoding: .utf8)
        let console = ScriptConsole(
            "load --example\n" + script.replacingOccurrences(of: "/etc/", with: outer.path + "/"))
        let shell = Shell(console: console, options: ShellOptions(quiet: true), directory: inner.path)
        shell.confinement = inner.path
        shell.cacheFolder = nil
        shell.runConsole()
        #expect(try FileManager.default.contentsOfDirectory(atPath: outer.path) == ["inner"])
        // Inside, only what the script wrote to relative paths, and the marker.
        let written = Set(try FileManager.default.contentsOfDirectory(atPath: inner.path))
        #expect(written == [".confinement", "out", "x.xlsx"], "\(written)")
        #expect(console.errors.contains("/dev/zero: a part of the path is not a folder"), "\(console.errors)")
        // What it could write, it wrote inside: the CSV export of a relative path.
        #expect(FileManager.default.fileExists(atPath: inner.appendingPathComponent("x.xlsx").path))
    }
}

/// A folder's names as jixiao reads them. The names are read through readdir's pointer up to their
/// NUL (the command-script fuzzer's AddressSanitizer caught a whole `struct dirent` copied past a
/// short last record, twice; the scripts are `Tests/Fixtures/fuzz-shell/folder-listing.jx` and
/// `stale-temporaries.jx`, replayed under the sanitizer by every `make fuzz-shell`). Here every
/// length a name can have comes back whole.
@Suite(.scratch) struct FolderListingTests {
    static func create(_ name: [UInt8], in folder: String) {
        let path = Array(folder.utf8) + [UInt8(ascii: "/")] + name + [0]
        let fd = path.withUnsafeBufferPointer { raw in
            raw.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
        }
        if fd >= 0 { close(fd) }
    }

    @Test func everyNameLengthFrom1To255BytesIsListedWhole() throws {
        let folder = try Scratch.folder.path
        // Lengths 1 to 255 in ASCII, a CJK name that ends on a three-byte scalar, a name that is
        // not UTF-8; a hidden file and a subfolder are left out.
        var names = (1...255).map { length in (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) } }
        names.append(Array("绩效自评报告.docx".utf8))
        names.append([0x66, 0xFF, 0xFE, 0x2E, 0x74, 0x78, 0x74])
        for name in names { Self.create(name, in: folder) }
        Self.create(Array(".hidden".utf8), in: folder)
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: false)
        // A link to the subfolder is a folder too; a link to a file and a FIFO are listed (a load
        // reads only regular files, and refuses others by name).
        #expect(symlink(folder + "/sub", folder + "/link-to-sub") == 0)
        #expect(symlink(folder + "/a", folder + "/link-to-a") == 0)
        #expect(mkfifo(folder + "/pipe", 0o644) == 0)
        let listed = try Disk.listing(of: folder, shownAs: "folder")
        let expected = (names.map { FileNames.decode($0) } + ["link-to-a", "pipe"]).sorted().map {
            (folder as NSString).appendingPathComponent($0)
        }
        #expect(listed == expected)
        #expect(listed.allSatisfy { Disk.isRegularFile($0) || $0.hasSuffix("/pipe") })
    }

    /// The same names read where a write clears the temporaries a killed jixiao left (the
    /// fuzzer's second over-read): only the one whose process is gone goes.
    @Test func onlyAStaleTemporaryIsRemovedAmongNamesOfEveryLength() throws {
        let folder = try Scratch.folder.path
        for length in 1...255 { Self.create(Array(repeating: UInt8(ascii: "t"), count: length), in: folder) }
        // No process has this number (above any pid_max); this process and init run.
        let stale = ".x.csv.2147483646.tmp"
        let kept = [".x.csv.\(getpid()).tmp", ".x.csv.1.tmp", ".y.csv.2147483646.tmp", ".x.csv.2147483646.txt"]
        for name in [stale] + kept { Self.create(Array(name.utf8), in: folder) }
        Disk.removeStaleTemporaries(of: "x.csv", in: folder)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
        #expect(!left.contains(stale))
        #expect(left.isSuperset(of: kept))
        #expect(left.count == 255 + kept.count)
    }
}

/// A project or indicator named by a word that holds NUL: Foundation's `contains` trapped on it
/// (the command-script fuzzer's third crash, `Tests/Fixtures/fuzz-shell/nul-in-a-name.jx`); the
/// names are matched over their UTF-8 now, and such a word is simply not found.
@Suite struct NamesWithNULTests {
    @Test func aWordWithNULIsNotFoundAndNothingTraps() {
        let script = [
            "set score 务\0\0\0\0\0\0\0\0\0 1 8", "show 务\0\0", "set score 1 \0指标 8", "set score 服务 1 8",
        ].joined(separator: "\n")
        let console = ScriptConsole("load --example\n" + script + "\n")
        let shell = Shell(console: console, options: ShellOptions(quiet: true))
        shell.cacheFolder = nil
        shell.runConsole()
        #expect(console.errors.components(separatedBy: "no project").count - 1 == 2, "\(console.errors)")
        #expect(console.errors.contains("no indicator"), "\(console.errors)")
        // A word without NUL still finds its project by a part of its name (家庭教育指导服务).
        #expect(!console.errors.contains("<stdin>:5:"), "\(console.errors)")
    }
}
