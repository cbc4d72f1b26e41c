import CCrypto
import Foundation

/// Hashes through the system's libcrypto: two hashes do not justify compiling a crypto library
/// into every build, and libcrypto is already on every machine that has OpenSSL.
package enum Digest {
    /// The SHA-256 of `data` as 64 lower-case hex digits.
    package static func sha256Hex(_ data: Data) -> String { hex(digest(data, EVP_sha256(), size: 32)) }

    /// The MD5 of `data`: only for a name another program derives with it (LibreOffice's socket).
    package static func md5(_ data: Data) -> [UInt8] { digest(data, EVP_md5(), size: 16) }

    static func digest(_ data: Data, _ algorithm: OpaquePointer?, size: Int) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = data.withUnsafeBytes { bytes in
            digest.withUnsafeMutableBufferPointer { out in
                EVP_Digest(bytes.baseAddress, bytes.count, out.baseAddress, &length, algorithm, nil)
            }
        }
        // EVP_Digest fails only when libcrypto cannot allocate a context; there is no hash to give then.
        precondition(ok == 1 && length == size, "libcrypto could not compute a digest")
        return Array(digest.prefix(size))
    }

    /// Lower-case hex digits of a digest.
    static func hex<D: Sequence<UInt8>>(_ digest: D) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
