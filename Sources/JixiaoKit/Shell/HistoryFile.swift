import Foundation
import JixiaoModel

#if canImport(Glibc)
import Glibc
#endif

/// The history file two windows share: each command is appended as it is entered, so a second
/// window adds to what the first wrote instead of overwriting it, and the file is cut back to
/// its last `keep` entries once it holds twice that. The entries come encoded by libedit (one
/// line each, after its `_HiStOrY_V2_` header), which this type only counts and copies.
package enum HistoryFile {
    package static let header = "_HiStOrY_V2_"

    /// Appends `entry` (an encoded line). A new or empty file is written whole, with the header,
    /// through `Disk.write` (private, 0600); an existing one is opened for appending, which
    /// follows a link and keeps the file's mode, and the write is one `write(2)` of a whole line
    /// so two windows' lines never interleave.
    package static func append(_ entry: String, to path: String, keep: Int) throws(ShellError) {
        let existing = try? Disk.read(path, shownAs: path, limit: .document, regularOnly: true)
        guard let existing, existing.starts(with: Data(header.utf8)) else {
            try Disk.write(Data((header + "\n" + entry + "\n").utf8), to: path, shownAs: path, isPrivate: true)
            return
        }
        let fd = open(FileNames.cString(path), O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { throw .io(path: path, reason: "cannot write (\(String(cString: strerror(errno))))") }
        let failure = Disk.writeAll(Data((entry + "\n").utf8), to: fd)
        close(fd)
        if let failure { throw .io(path: path, reason: "cannot write (\(failure))") }
        let lines = existing.count { $0 == 0x0A }  // the header and the entries before this one
        if lines > 2 * keep { try cut(path, keep: keep) }
    }

    /// Rewrites the file as its header and last `keep` entries, atomically (`Disk.write`). A line
    /// another window appends between the read and the rename is lost: once in `keep` commands.
    static func cut(_ path: String, keep: Int) throws(ShellError) {
        let text = try Disk.readText(path, shownAs: path)
        let entries = text.split(separator: "\n").dropFirst().suffix(keep)
        let kept = ([header] + entries.map(String.init)).joined(separator: "\n") + "\n"
        try Disk.write(Data(kept.utf8), to: path, shownAs: path, isPrivate: true)
    }
}
