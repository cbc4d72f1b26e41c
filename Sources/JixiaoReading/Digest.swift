import CCrypto
import Foundation

/// SHA-256 through the system's libcrypto: one hash does not justify compiling a crypto library
/// into every build, and libcrypto is already on every machine that has OpenSSL.
package enum Digest {
    /// The SHA-256 of `data` as 64 lower-case hex digits.
    package static func sha256Hex(_ data: Data) -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = data.withUnsafeBytes { bytes in
            digest.withUnsafeMutableBufferPointer { out in
                EVP_Digest(bytes.baseAddress, bytes.count, out.baseAddress, &length, EVP_sha256(), nil)
            }
        }
        // EVP_Digest fails only when libcrypto cannot allocate a context; there is no hash to give then.
        precondition(ok == 1 && length == 32, "libcrypto could not compute a SHA-256")
        return hex(digest.prefix(Int(length)))
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
