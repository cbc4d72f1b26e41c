import CInflate
import Foundation

/// Reads one member of a zip archive held in memory, with every offset checked and the
/// inflate loop bounded. Written by hand over zlib because ZIPFoundation, on damaged
/// archives, traps (an in-memory seek past the end), leaks (a rejected archive) and hangs
/// (a deflate stream that never ends is read forever); `make fuzz` found all three, and none
/// can be caught. A .docx needs no more than this: find a member, inflate it, check its CRC.
enum ZipMember {
    enum Failure: Error, Equatable {
        case notAnArchive, missing, damaged
        case tooLarge(Int)
    }

    /// The most a member may expand to: a filing's document.xml is a few megabytes, and a zip
    /// bomb declares gigabytes. Memory for a .docx stays within this bound.
    static let largestMember = 256 << 20

    static func extract(_ name: String, from data: Data) throws(Failure) -> Data {
        let bytes = [UInt8](data)
        guard let end = endRecord(bytes) else { throw .notAnArchive }
        let count = Int(u16(bytes, end + 10))
        let start = Int(u32(bytes, end + 16))
        var entry = start
        let wanted = Array(name.utf8)
        for _ in 0..<count {
            guard entry + 46 <= end, u32(bytes, entry) == 0x0201_4B50 else { throw .notAnArchive }
            let nameLength = Int(u16(bytes, entry + 28))
            guard entry + 46 + nameLength <= end else { throw .notAnArchive }
            if Array(bytes[(entry + 46)..<(entry + 46 + nameLength)]) == wanted {
                return try member(bytes, directoryEntry: entry)
            }
            entry += 46 + nameLength + Int(u16(bytes, entry + 30)) + Int(u16(bytes, entry + 32))
        }
        throw .missing
    }

    /// The last end-of-central-directory record (`PK 5 6`, 22 bytes and a comment).
    static func endRecord(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        var position = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while position >= lowest {
            if u32(bytes, position) == 0x0605_4B50 { return position }
            position -= 1
        }
        return nil
    }

    /// The member a directory entry describes: stored or deflated, its CRC checked.
    static func member(_ bytes: [UInt8], directoryEntry entry: Int) throws(Failure) -> Data {
        let method = u16(bytes, entry + 10)
        let crc = u32(bytes, entry + 16)
        let compressed = Int(u32(bytes, entry + 20))
        let size = Int(u32(bytes, entry + 24))
        guard size <= largestMember else { throw .tooLarge(size) }
        let local = Int(u32(bytes, entry + 42))
        guard local + 30 <= bytes.count, u32(bytes, local) == 0x0403_4B50 else { throw .damaged }
        let offset = local + 30 + Int(u16(bytes, local + 26)) + Int(u16(bytes, local + 28))
        guard offset + compressed <= bytes.count else { throw .damaged }
        let body = bytes[offset..<(offset + compressed)]
        let content: [UInt8]
        switch method {
        case 0: content = Array(body)
        case 8: content = try inflate(body, expected: size)
        default: throw .damaged
        }
        guard content.count == size, checksum(content) == crc else { throw .damaged }
        return Data(content)
    }

    /// Raw deflate to at most `expected` bytes; a stream that does not end there is damaged.
    static func inflate(_ input: ArraySlice<UInt8>, expected: Int) throws(Failure) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: max(expected, 1))
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .damaged
        }
        defer { inflateEnd(&stream) }
        var input = Array(input)
        let result = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                return CInflate.inflate(&stream, Z_FINISH)
            }
        }
        guard result == Z_STREAM_END, Int(stream.total_out) == expected else { throw .damaged }
        return Array(output.prefix(expected))
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
    }

    static func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(u16(bytes, at)) | UInt32(u16(bytes, at + 2)) << 16
    }
}
