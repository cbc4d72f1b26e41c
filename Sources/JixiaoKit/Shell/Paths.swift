import Foundation

/// The one place a path the analyst typed becomes a path on disk, and a path found on disk (a
/// glob's match) becomes one to show. `~` is `$HOME`, and the user database's home only when
/// `HOME` is unset, as a POSIX shell expands it.
package struct Paths: Sendable {
    /// Where relative paths start.
    package var directory: String
    /// What `~` stands for; nil when neither `HOME` nor the user database says.
    package var home: String?

    package init(directory: String, home: String? = Paths.userHome()) {
        self.directory = directory
        self.home = home
    }

    /// The environment variable `name` when it is set and not empty (read with getenv:
    /// `ProcessInfo.environment` copies the whole environment into a dictionary first).
    package static func variable(_ name: String) -> String? {
        guard let value = getenv(name).map({ String(cString: $0) }), !value.isEmpty else { return nil }
        return value
    }

    /// `$HOME`, else the home directory the user database gives the process's user.
    package static func userHome() -> String? {
        if let home = getenv("HOME").map({ String(cString: $0) }), !home.isEmpty { return home }
        guard let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir else { return nil }
        return String(cString: directory)
    }

    /// An absolute path for `typed`: `~` and `~/…` from the home folder, a relative path from
    /// `directory`. `~` stays as typed when there is no home folder to put in its place.
    package func absolute(_ typed: String) -> String {
        if typed.hasPrefix("/") { return typed }
        if let home, typed == "~" || typed.hasPrefix("~/") { return home + typed.dropFirst() }
        return directory.hasSuffix("/") ? directory + typed : directory + "/" + typed
    }

    /// How to show `match`, a path `absolute(typed)` led to (a glob's match, a folder's file): as
    /// the analyst would have typed it, the typed word's folder in front of what follows it, so
    /// `~/ddx/*.txt` shows its matches as `~/ddx/a.txt`.
    package func shown(_ match: String, typed: String) -> String {
        let typedFolder = Self.folderPrefix(of: typed)
        let absoluteFolder = Self.folderPrefix(of: absolute(typed))
        guard match.hasPrefix(absoluteFolder) else { return match }
        return typedFolder + match.dropFirst(absoluteFolder.count)
    }

    /// The part of a path up to and including the last `/` before any glob character: `a/b/*.txt`
    /// → `a/b/`, `x*.txt` → ``.
    static func folderPrefix(of path: String) -> String {
        let plain = path.prefix { !"*?[".contains($0) }
        guard let slash = plain.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }
}
