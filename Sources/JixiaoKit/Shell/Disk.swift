import Foundation
import JixiaoModel
import JixiaoReading

/// The library's only access to the file system: read a file, list a folder, expand a
/// glob, and write a file atomically. Every failure comes back as a `ShellError` that
/// names the path as the analyst typed it.
package enum Disk {
    /// What a file may hold before it is refused unread, so memory stays bounded whatever is named.
    package enum Limit: Int {
        /// A filing: no department's 自评报告 comes near it (the real one is 22 KB as text, a .docx
        /// with pictures a few MB); reading one takes about nine times its size while it is read.
        case filing = 33_554_432
        /// A saved scenario or a rule file (100,000 edits take about 15 MB), a script.
        case document = 16_777_216

        var description: String { "\(rawValue >> 20) MB" }
        var holder: String { self == .filing ? "a filing" : "a scenario, rule file or script" }
    }

    /// Reads a whole file. A path that is not a regular file (a FIFO, a device) is refused when
    /// `regularOnly`, and a file larger than `limit` is refused before it is read.
    package static func read(
        _ path: String, shownAs shown: String, limit: Limit = .document, regularOnly: Bool = false
    ) throws(ShellError) -> Data {
        let name = FileNames.cString(path)
        let descriptor = open(name, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw .io(path: shown, reason: missing(errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .io(path: shown, reason: missing(errno)) }
        let kind = status.st_mode & S_IFMT
        if kind == S_IFDIR { throw .io(path: shown, reason: "is a folder, not a file") }
        if kind != S_IFREG && regularOnly {
            throw .io(path: shown, reason: "is not a regular file (a pipe or a device); nothing was read")
        }
        if kind == S_IFREG && Int(status.st_size) > limit.rawValue {
            let size = String(format: "%.1f MB", Double(status.st_size) / 1_048_576)
            let reason = "\(size) is more than \(limit.holder) holds (at most \(limit.description)); nothing was read"
            throw .io(path: shown, reason: reason)
        }
        // Opened without blocking so a FIFO's open never waits; reads may wait as a pipe's do.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        return try readAll(descriptor, shownAs: shown, limit: limit, expecting: Int(status.st_size))
    }

    /// Every byte up to the end; more than `limit` is refused (a device that never ends). Read
    /// straight into one buffer of the `expecting` bytes `fstat` gave and one more (so the end is
    /// seen at once), doubled when a pipe or a growing file holds more, and handed to `Data`
    /// without a copy: a zeroed 64 KB buffer copied into a growing `Data` cost more than reading.
    static func readAll(
        _ descriptor: Int32, shownAs shown: String, limit: Limit, expecting: Int
    ) throws(ShellError) -> Data {
        var capacity = max(expecting + 1, 4096)
        guard var buffer = malloc(capacity) else { throw .io(path: shown, reason: "out of memory") }
        var count = 0
        while true {
            if count == capacity {
                capacity *= 2
                guard let grown = realloc(buffer, capacity) else {
                    free(buffer)
                    throw .io(path: shown, reason: "out of memory")
                }
                buffer = grown
            }
            let read = Glibc.read(descriptor, buffer + count, capacity - count)
            if read < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                free(buffer)
                throw .io(path: shown, reason: "cannot read (\(reason))")
            }
            if read == 0 { return Data(bytesNoCopy: buffer, count: count, deallocator: .free) }
            count += read
            if count > limit.rawValue {
                free(buffer)
                throw .io(
                    path: shown,
                    reason: "more than \(limit.holder) holds (at most \(limit.description)); nothing was read")
            }
        }
    }

    /// Why a path cannot be opened, in words: a loop of links is not a missing file.
    static func missing(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case ELOOP: return "too many levels of symbolic links (a link that leads back to itself)"
        case EACCES: return "permission denied"
        case ENOTDIR: return "a part of the path is not a folder"
        default: return String(cString: strerror(code))
        }
    }

    /// Reads a UTF-8 text file (a script, a scenario, a rule file); bytes that are not UTF-8 are
    /// an error at the line they stand on.
    package static func readText(_ path: String, shownAs shown: String) throws(ShellError) -> String {
        let data = try read(path, shownAs: shown)
        guard let text = String(validating: data, as: UTF8.self) else {
            let line = TextDecoding.lineOfFirstInvalidUTF8(data)
            throw .io(path: "\(shown):\(line)", reason: "not UTF-8 text")
        }
        return TextDecoding.strip(text)
    }

    package static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(FileNames.cString(path), &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// Whether `path` (its links followed) is a regular file, not a FIFO or a device.
    package static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(FileNames.cString(path), &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    /// Whether `path`, its links followed, names anything.
    package static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(FileNames.cString(path), &info) == 0
    }

    /// Regular files directly inside `path`, sorted by name.
    package static func files(in path: String, shownAs shown: String) throws(ShellError) -> [String] {
        try listing(of: path, shownAs: shown)
    }

    /// A folder's files, sorted, without hidden ones and subfolders. A name that is not UTF-8
    /// keeps its bytes (`FileNames`), so it opens as listed and shows escaped.
    package static func listing(of path: String, shownAs shown: String) throws(ShellError) -> [String] {
        guard let dir = opendir(FileNames.cString(path)) else {
            throw .io(path: shown, reason: "cannot list folder (\(String(cString: strerror(errno))))")
        }
        defer { closedir(dir) }
        var entries: [(name: String, type: Int)] = []
        while let entry = readdir(dir) {
            let bytes = name(of: entry)
            guard bytes.first != UInt8(ascii: ".") else { continue }
            entries.append((FileNames.decode(bytes), type(of: entry)))
        }
        let folder = prefix(forNamesIn: path)
        // The entry's type, where readdir knows it, spares a stat a file; a link is followed.
        return entries.sorted { $0.name < $1.name }.compactMap { entry in
            let path = folder + entry.name
            switch entry.type {
            case Int(DT_DIR): return nil
            case Int(DT_LNK), Int(DT_UNKNOWN): return isDirectory(path) ? nil : path
            default: return path
            }
        }
    }

    /// `folder` ready for a name to be appended: `(folder as NSString).appendingPathComponent(name)`
    /// is this and `name` for any name without a slash, so the NSString call runs once a folder.
    package static func prefix(forNamesIn folder: String) -> String {
        String((folder as NSString).appendingPathComponent("x").dropLast())
    }

    /// What readdir says the entry is (`DT_REG`, `DT_DIR`, `DT_LNK`, `DT_UNKNOWN`, …), read
    /// through the pointer as the name is.
    static func type(of entry: UnsafeMutablePointer<dirent>) -> Int {
        guard let offset = MemoryLayout<dirent>.offset(of: \dirent.d_type) else { return Int(DT_UNKNOWN) }
        return Int((UnsafeRawPointer(entry) + offset).load(as: UInt8.self))
    }

    /// The name of a folder's entry as readdir gives it, read through the pointer up to its NUL:
    /// `entry.pointee` would copy a whole `struct dirent`, past the end of a short last record in
    /// readdir's buffer (AddressSanitizer caught the shell fuzzer reading 10 bytes beyond it, once
    /// listing a folder and once clearing stale temporaries, which is why both come here).
    package static func name(of entry: UnsafeMutablePointer<dirent>) -> [UInt8] {
        let name = UnsafeRawPointer(entry) + MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        return Array(UnsafeRawBufferPointer(start: name, count: strlen(name.assumingMemoryBound(to: CChar.self))))
    }

    /// Paths matching a shell glob (`*.txt`, `filings/202?/*`), sorted; empty when none match.
    package static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(FileNames.cString(pattern), 0, nil, &result) == 0 else { return [] }
        var paths: [String] = []
        for i in 0..<Int(result.gl_pathc) {
            if let p = result.gl_pathv[i] {
                paths.append(
                    FileNames.decode(UnsafeBufferPointer(start: p, count: strlen(p)).map { UInt8(bitPattern: $0) }))
            }
        }
        return paths.sorted()
    }

    /// Writes `data` to `path` under one policy for every file jixiao writes:
    /// - a symbolic link is followed, and its target is what gets replaced;
    /// - a path that is not a regular file (a FIFO, a character device such as /dev/null or
    ///   /dev/stdout) is written to in place, never renamed over;
    /// - a regular file is replaced atomically (a temporary file in its own folder, flushed,
    ///   renamed over it), keeping its permission bits and, where the process may, its owner;
    /// - a new file is created with the umask's permissions, or 0600 when `isPrivate`.
    package static func write(
        _ data: Data, to path: String, shownAs shown: String, isPrivate: Bool = false
    )
        throws(ShellError)
    {
        try refuseFolderName(path, shownAs: shown)
        let target = followingLinks(path)
        var info = stat()
        let exists = lstat(FileNames.cString(target), &info) == 0
        let kind = info.st_mode & S_IFMT
        if exists && kind == S_IFDIR { throw .io(path: shown, reason: "is a folder") }
        if exists && kind != S_IFREG {
            try writeInPlace(data, to: target, shownAs: shown)
            return
        }
        let folder = (target as NSString).deletingLastPathComponent
        let dir = folder.isEmpty ? "." : folder
        guard isDirectory(dir) else { throw .io(path: shown, reason: missingFolder(shown)) }
        let name = (target as NSString).lastPathComponent
        removeStaleTemporaries(of: name, in: dir)
        let temp = (dir as NSString).appendingPathComponent(".\(name).\(getpid()).tmp")
        let fd = open(
            FileNames.cString(temp), O_WRONLY | O_CREAT | O_TRUNC | O_EXCL | O_CLOEXEC,
            isPrivate && !exists ? 0o600 : 0o666)
        guard fd >= 0 else { throw .io(path: shown, reason: "cannot write (\(String(cString: strerror(errno))))") }
        if exists {
            // The replacement takes the old file's permissions (the umask applied at open) and owner.
            fchmod(fd, info.st_mode & 0o7777)
            _ = fchown(fd, info.st_uid, info.st_gid)
        }
        let failure = writeAll(data, to: fd) ?? (fsync(fd) != 0 ? String(cString: strerror(errno)) : nil)
        close(fd)
        if let failure {
            unlink(FileNames.cString(temp))
            throw .io(path: shown, reason: "cannot write (\(failure)); the old file is unchanged")
        }
        if rename(FileNames.cString(temp), FileNames.cString(target)) != 0 {
            let why = String(cString: strerror(errno))
            unlink(FileNames.cString(temp))
            throw .io(path: shown, reason: "cannot replace (\(why)); the old file is unchanged")
        }
    }

    /// Removes `.NAME.PID.tmp` files a killed jixiao left beside NAME: a temporary file whose PID
    /// is no running process, regular and ours. One whose PID runs (another jixiao writing now,
    /// or an unrelated process that took the number) is left alone.
    static func removeStaleTemporaries(of name: String, in folder: String) {
        let prefix = ".\(name)."
        guard let dir = opendir(FileNames.cString(folder)) else { return }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let entryName = FileNames.decode(Disk.name(of: entry))
            guard entryName.hasPrefix(prefix), entryName.hasSuffix(".tmp"),
                let pid = pid_t(entryName.dropFirst(prefix.count).dropLast(4)), pid > 0, pid != getpid(),
                kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            let path = (folder as NSString).appendingPathComponent(entryName)
            var info = stat()
            let name = FileNames.cString(path)
            guard lstat(name, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid() else { continue }
            unlink(name)
        }
    }

    /// The file a path names once its symbolic links are followed (up to 40, as the kernel does);
    /// a dangling link names the file it would create.
    static func followingLinks(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(FileNames.cString(current), &info) == 0, info.st_mode & S_IFMT == S_IFLNK else {
                return current
            }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(FileNames.cString(current), &buffer, buffer.count - 1)
            guard count > 0 else { return current }
            let destination = FileNames.decode(buffer[0..<count].map { UInt8(bitPattern: $0) })
            current =
                destination.hasPrefix("/")
                ? destination
                : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(destination)
        }
        return current
    }

    /// A FIFO or device: opened and written as it is, which is the only thing it can take. A FIFO
    /// is opened without blocking, given two seconds for its reader to come: with none, a blocking
    /// open would wait forever, with no word.
    static func writeInPlace(_ data: Data, to path: String, shownAs shown: String) throws(ShellError) {
        let fd = try openInPlace(path, shownAs: shown)
        defer { close(fd) }
        if let failure = writeAll(data, to: fd) { throw .io(path: shown, reason: "cannot write (\(failure))") }
    }

    /// Opens a file for `\o`, whose results are appended as they come: a FIFO or device as it is
    /// (a FIFO given two seconds for its reader), anything else created or emptied. The caller
    /// closes the descriptor.
    package static func openForOutput(_ path: String, shownAs shown: String) throws(ShellError) -> Int32 {
        try refuseFolderName(path, shownAs: shown)
        let target = followingLinks(path)
        var info = stat()
        let exists = lstat(FileNames.cString(target), &info) == 0
        let kind = info.st_mode & S_IFMT
        if exists && kind == S_IFDIR { throw .io(path: shown, reason: "is a folder") }
        if exists && kind != S_IFREG { return try openInPlace(target, shownAs: shown) }
        let folder = (target as NSString).deletingLastPathComponent
        let dir = folder.isEmpty ? "." : folder
        guard isDirectory(dir) else { throw .io(path: shown, reason: missingFolder(shown)) }
        let fd = open(FileNames.cString(target), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw .io(path: shown, reason: "cannot write (\(String(cString: strerror(errno))))") }
        return fd
    }

    /// A FIFO or device opened for writing, without blocking while a FIFO has no reader.
    static func openInPlace(_ path: String, shownAs shown: String) throws(ShellError) -> Int32 {
        let name = FileNames.cString(path)
        var fd = open(name, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        let deadline = ContinuousClock.now + .seconds(2)
        while fd < 0, errno == ENXIO, ContinuousClock.now < deadline {
            usleep(10_000)
            fd = open(name, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        }
        guard fd >= 0 else {
            if errno == ENXIO {
                throw .io(path: shown, reason: "no process is reading this FIFO; start its reader first (cat \(shown))")
            }
            throw .io(path: shown, reason: "cannot write (\(String(cString: strerror(errno))))")
        }
        // Opened: the reader is there, and the writes may wait for it as writes to a pipe do.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return fd
    }

    /// Writes every byte, retrying after signals; the reason it stopped, if it did.
    static func writeAll(_ data: Data, to fd: Int32) -> String? {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> String? in
            guard let start = buffer.baseAddress else { return nil }
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, start + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += n
            }
            return nil
        }
    }

    /// A path that ends in `/` names a folder, which no file can be written as: said before
    /// anything is made.
    static func refuseFolderName(_ path: String, shownAs shown: String) throws(ShellError) {
        guard path.hasSuffix("/") else { return }
        throw .io(path: shown, reason: isDirectory(path) ? "is a folder" : missingFolder(shown))
    }

    /// The error for a file whose folder is missing, naming the folder as the analyst typed it (an
    /// absolute path would name the shell's folder, not what was typed).
    static func missingFolder(_ shown: String) -> String {
        "folder \(folder(of: shown)) does not exist"
    }

    /// The folder a typed path names a file in, as `dirname` gives it (`a/b.csv` → `a`, `b.csv`
    /// → `.`, `/b` → `/`), or the path itself when it ends in `/` (`~/` → `~`). Written by hand:
    /// Foundation's `deletingLastPathComponent` traps on Linux for a path that starts with `~`
    /// (`~/`, `~x/`), and a typed path may be anything (the command-script fuzzer found it).
    static func folder(of typed: String) -> String {
        var path = Substring(typed)
        let namesAFolder = path.hasSuffix("/")
        while path.count > 1, path.hasSuffix("/") { path = path.dropLast() }
        if namesAFolder { return String(path) }
        guard let slash = path.lastIndex(of: "/") else { return "." }
        var folder = path[..<slash]
        while folder.hasSuffix("/") { folder = folder.dropLast() }
        return folder.isEmpty ? "/" : String(folder)
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
