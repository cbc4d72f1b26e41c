import Foundation
import JixiaoKit

/// The shell under libFuzzer: each input is a script (any bytes; lines are commands) run by a
/// fresh shell over a session that holds the bundled example and the real filing, so commands
/// have something to act on. Scripts come from someone else as filings do: whatever they say
/// (SQL that writes or attaches, paths outside, hostile names), a crash, a hang or a file
/// written outside the shell's folder is a bug. Every path resolves inside a private folder
/// (`Shell.confinement`), emptied after each script and removed at exit; programs are not
/// looked for (no PATH), so a script cannot start LibreOffice. `make fuzz-shell` builds it with
/// `-sanitize=fuzzer,address -DFUZZING`; a plain build replays the scripts named on the command
/// line.
enum Harness {
    /// The private folder every path stays in.
    static let folder: String = {
        removeFoldersOfStoppedRuns()
        let path = NSTemporaryDirectory() + "jixiao-fuzz-shell-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: Harness.folder) }
        return (path as NSString).standardizingPath
    }()

    /// The session every script starts from, loaded once: reading it again for each input would
    /// be most of the fuzzer's time. Each script gets a detached copy: copies of a session share
    /// its analyses and its SQL mirror, and a script's temp views would have met every later one.
    static let session: Session = {
        let shell = Shell(console: ScriptConsole(""), options: ShellOptions(quiet: true), directory: folder)
        shell.execute(line: "load --example", source: "setup", line: 1)
        return shell.session
    }()

    static func run(_ data: Data) {
        let script = String(decoding: data, as: UTF8.self)
        let shell = Shell(console: ScriptConsole(script), options: ShellOptions(quiet: true), directory: folder)
        shell.confinement = folder
        shell.cacheFolder = nil
        shell.editor = nil  // `\e` starts no program: it fails, and runs nothing
        shell.queryCeiling = .seconds(1)  // an endless query is stopped as a user's would be, sooner
        shell.session = session.detached()
        shell.runConsole()
        emptyFolder()
    }

    /// Removes what the script wrote, so every script starts in an empty folder: a crash then
    /// replays from its script alone, and `load .` does not list every earlier script's files.
    static func emptyFolder() { removeContents(of: Array(folder.utf8)) }

    /// Everything inside the folder at `path` (its bytes), links themselves and never what they
    /// point to; a name is kept as its bytes, UTF-8 or not.
    static func removeContents(of path: [UInt8]) {
        guard let dir = opendir(cString(path)) else { return }
        var names: [[UInt8]] = []
        while let entry = readdir(dir) {
            let name = Disk.name(of: entry)
            if name != Array(".".utf8), name != Array("..".utf8) { names.append(name) }
        }
        closedir(dir)
        for name in names {
            let child = path + [UInt8(ascii: "/")] + name
            var info = stat()
            guard lstat(cString(child), &info) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFDIR {
                removeContents(of: child)
                rmdir(cString(child))
            } else {
                unlink(cString(child))
            }
        }
    }

    /// The folders of runs that ended without their `atexit` (libFuzzer leaves on Ctrl-C and
    /// on a crash with `_Exit`): a `jixiao-fuzz-shell-PID` whose process is gone.
    static func removeFoldersOfStoppedRuns() {
        let temporary = NSTemporaryDirectory()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? []
        for name in names where name.hasPrefix("jixiao-fuzz-shell-") {
            guard let pid = pid_t(name.dropFirst("jixiao-fuzz-shell-".count)), kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            let path = Array((temporary + name).utf8)
            removeContents(of: path)
            rmdir(cString(path))
        }
    }

    static func cString(_ bytes: [UInt8]) -> [CChar] { bytes.map { CChar(bitPattern: $0) } + [0] }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes else { return 0 }
    Harness.run(Data(bytes: bytes, count: count))
    return 0
}

#if FUZZING
/// libFuzzer's entry for programs that keep their own `main` (SwiftPM names the executable's).
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
#endif

@main
enum FuzzShell {
    static func main() {
        setenv("PATH", "", 1)  // no outside program is found, whatever a script loads
        _ = Harness.session
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runDriver(&argc, &argv, fuzzOneInput))
        #else
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            Harness.run(data)
        }
        #endif
    }
}
