import Foundation
import JixiaoReading

/// The socket a running LibreOffice listens on, so that a second start hands its files to the
/// first: `/tmp/OSL_PIPE_<uid>_SingleOfficeIPC_<hash>`, the hash taken of the profile's URL.
/// LibreOffice removes it when it ends by itself, but not when it is stopped (Ctrl-C during a load,
/// the time limit), and there is no option to go without it. Every conversion has a profile of
/// its own, so the socket under that profile's name is ours to remove once soffice has ended.
enum OfficeSocket {
    /// Where LibreOffice's runtime puts its sockets: /tmp, or /var/tmp when /tmp is not writable.
    static let folders = ["/tmp", "/var/tmp"]

    /// The socket's file name for a profile given as `-env:UserInstallation=URL`. LibreOffice's
    /// hash: the MD5 of the URL's UTF-16 code units, each byte in lower-case hex without a leading 0.
    static func name(profile url: String, user: uid_t = getuid()) -> String {
        var units = Data()
        for unit in url.utf16 { units.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)]) }
        let hash = Digest.md5(units).map { String($0, radix: 16) }.joined()
        return "OSL_PIPE_\(user)_SingleOfficeIPC_\(hash)"
    }

    /// Removes the profile's socket where one is left; anything else by that name stays.
    static func remove(profile url: String) {
        let name = name(profile: url)
        for folder in folders {
            let path = folder + "/" + name
            var info = stat()
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFSOCK { unlink(path) }
        }
    }
}
