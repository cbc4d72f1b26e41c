import CInflate
import Foundation

/// A zip archive held in memory, its central directory read once: the members of a .docx or a
/// workbook are found and inflated from it with every offset checked and the inflate loop
/// bounded. Written by hand over zlib because ZIPFoundation, on damaged archives, traps (an
/// in-memory seek past the end), leaks (a rejected archive) and hangs (a deflate stream that never
/// ends is read forever); `make fuzz` found all three, and none can be caught. The office formats
/// need no more than this: find a member, inflate it, check its CRC.
struct ZipArchive {
    enum Failure: Error, Equatable {
        case notAnArchive, missing, damaged
        case tooLarge(Int)
    }

    /// The most a member may expand to: a filing's document.xml is a few megabytes, and a zip
    /// bomb declares gigabytes. Memory for a .docx stays within this bound.
    static let largestMember = 256 << 20

    private let bytes: [UInt8]
    /// Each member's central directory entry, by name (the first, where a name repeats).
    private let entries: [String: Int]

    /// Opens `data`; an archive whose central directory cannot be read is `.notAnArchive`.
    init(_ data: Data) throws(Failure) {
        bytes = [UInt8](data)
        entries = try Self.directory(bytes)
    }

    func contains(_ name: String) -> Bool { entries[name] != nil }

    func extract(_ name: String) throws(Failure) -> Data {
        guard let entry = entries[name] else { throw .missing }
        return try Self.member(bytes, directoryEntry: entry)
    }

    /// The offset of every central directory entry, by member name.
    static func directory(_ bytes: [UInt8]) throws(Failure) -> [String: Int] {
        guard let end = endRecord(bytes) else { throw .notAnArchive }
        var count = Int(u16(bytes, end + 10))
        var entry = Int(u32(bytes, end + 16))
        // Zip64: the counts and offsets are 0xFFFF and 0xFFFFFFFF here, the real ones in a record before.
        if let zip64 = zip64EndRecord(bytes, before: end) {
            count = Int(clamping: u64(bytes, zip64 + 32))
            entry = Int(clamping: u64(bytes, zip64 + 48))
        }
        var entries: [String: Int] = [:]
        for _ in 0..<count {
            guard entry >= 0, entry <= bytes.count - 46, u32(bytes, entry) == 0x0201_4B50 else { throw .notAnArchive }
            let nameLength = Int(u16(bytes, entry + 28))
            guard entry + 46 + nameLength <= bytes.count else { throw .notAnArchive }
            let name = String(decoding: bytes[(entry + 46)..<(entry + 46 + nameLength)], as: UTF8.self)
            if entries[name] == nil { entries[name] = entry }
            entry += 46 + nameLength + Int(u16(bytes, entry + 30)) + Int(u16(bytes, entry + 32))
        }
        return entries
    }

    /// The zip64 end record a zip64 locator just before the end record points to.
    static func zip64EndRecord(_ bytes: [UInt8], before end: Int) -> Int? {
        let locator = end - 20
        guard locator >= 0, u32(bytes, locator) == 0x0706_4B50 else { return nil }
        let record = Int(clamping: u64(bytes, locator + 8))
        guard record >= 0, record <= locator - 56, u32(bytes, record) == 0x0606_4B50 else { return nil }
        return record
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
        var (size, compressed, local) = (
            Int(u32(bytes, entry + 24)), Int(u32(bytes, entry + 20)), Int(u32(bytes, entry + 42))
        )
        if size == 0xFFFF_FFFF || compressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF {
            (size, compressed, local) = try zip64Sizes(
                bytes, entry: entry, size: size, compressed: compressed, local: local)
        }
        guard size <= largestMember else { throw .tooLarge(size) }
        guard local >= 0, local <= bytes.count - 30, u32(bytes, local) == 0x0403_4B50 else { throw .damaged }
        let offset = local + 30 + Int(u16(bytes, local + 26)) + Int(u16(bytes, local + 28))
        guard offset <= bytes.count, compressed <= bytes.count - offset else { throw .damaged }
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

    /// The zip64 extra field's values for those of a directory entry that are 0xFFFFFFFF, in the
    /// order the format gives them: size, compressed size, local header offset.
    static func zip64Sizes(
        _ bytes: [UInt8], entry: Int, size: Int, compressed: Int, local: Int
    ) throws(Failure) -> (Int, Int, Int) {
        let nameLength = Int(u16(bytes, entry + 28))
        var field = entry + 46 + nameLength
        let extraEnd = field + Int(u16(bytes, entry + 30))
        guard extraEnd <= bytes.count else { throw .damaged }
        while field + 4 <= extraEnd {
            let id = u16(bytes, field)
            let length = Int(u16(bytes, field + 2))
            if id == 0x0001 {
                var cursor = field + 4
                func next(_ value: Int) throws(Failure) -> Int {
                    guard value == 0xFFFF_FFFF else { return value }
                    guard cursor + 8 <= field + 4 + length else { throw .damaged }
                    defer { cursor += 8 }
                    return Int(clamping: u64(bytes, cursor))
                }
                return (try next(size), try next(compressed), try next(local))
            }
            field += 4 + length
        }
        throw .damaged
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

    static func u64(_ bytes: [UInt8], _ at: Int) -> UInt64 {
        UInt64(u32(bytes, at)) | UInt64(u32(bytes, at + 4)) << 32
    }
}
