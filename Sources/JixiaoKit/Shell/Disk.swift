import Foundation
import JixiaoModel
import JixiaoReading

/// The library's only access to the file system: read a file, list a folder, expand a
/// glob, and write a file atomically. Every failure comes back as a `ShellError` that
/// names the path as the analyst typed it.
package enum Disk {
    package static func read(_ path: String, shownAs shown: String) throws(ShellError) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .io(path: shown, reason: "no such file")
        }
        if isDirectory.boolValue { throw .io(path: shown, reason: "is a folder, not a file") }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .io(path: shown, reason: "cannot read (\(reason(error)))")
        }
    }

    package static func readText(_ path: String, shownAs shown: String) throws(ShellError) -> String {
        let data = try read(path, shownAs: shown)
        guard let text = String(data: data, encoding: .utf8) else {
            throw .io(path: shown, reason: "not UTF-8 text")
        }
        return TextDecoding.strip(text)
    }

    package static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    package static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// Regular files directly inside `path`, sorted by name.
    package static func files(in path: String, shownAs shown: String) throws(ShellError) -> [String] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
            throw .io(path: shown, reason: "cannot list folder (\(reason(error)))")
        }
        return names.sorted().filter { !$0.hasPrefix(".") }.map { (path as NSString).appendingPathComponent($0) }
            .filter { !isDirectory($0) }
    }

    /// Paths matching a shell glob (`*.txt`, `filings/202?/*`), sorted; empty when none match.
    package static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for i in 0..<Int(result.gl_pathc) {
            if let p = result.gl_pathv[i] { paths.append(String(cString: p)) }
        }
        return paths.sorted()
    }

    /// Writes `data` so that `path` holds either its old content or all of the new:
    /// a temporary file in the same folder, flushed to disk, then renamed over `path`.
    package static func writeAtomically(_ data: Data, to path: String, shownAs shown: String) throws(ShellError) {
        let folder = (path as NSString).deletingLastPathComponent
        let dir = folder.isEmpty ? "." : folder
        guard isDirectory(dir) else { throw .io(path: shown, reason: "folder \(dir) does not exist") }
        let temp = (dir as NSString).appendingPathComponent(".\((path as NSString).lastPathComponent).\(getpid()).tmp")
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .io(path: shown, reason: "cannot write (\(String(cString: strerror(errno))))") }
        var ok = true
        var failure = ""
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard let start = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, start + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    ok = false
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += n
            }
        }
        if ok && fsync(fd) != 0 {
            ok = false
            failure = String(cString: strerror(errno))
        }
        close(fd)
        guard ok else {
            unlink(temp)
            throw .io(path: shown, reason: "cannot write (\(failure)); the old file is unchanged")
        }
        if rename(temp, path) != 0 {
            let why = String(cString: strerror(errno))
            unlink(temp)
            throw .io(path: shown, reason: "cannot replace (\(why)); the old file is unchanged")
        }
    }

    /// File-name completions for a partial path typed at the prompt.
    package static func pathCompletions(_ partial: String, directory: String) -> [String] {
        let slash = partial.lastIndex(of: "/")
        let folderPart = slash.map { String(partial[...$0]) } ?? ""
        let base = folderPart.hasPrefix("/") ? folderPart : (directory as NSString).appendingPathComponent(folderPart)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: base.isEmpty ? "." : base) else {
            return []
        }
        return names.filter { !$0.hasPrefix(".") }.map { name in
            folderPart + name + (isDirectory((base as NSString).appendingPathComponent(name)) ? "/" : "")
        }
    }

    private static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return ns.localizedDescription
    }
}
