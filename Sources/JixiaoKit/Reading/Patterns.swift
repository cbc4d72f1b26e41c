/// The reader's regular expressions, compiled once. (A regex literal written inline is
/// compiled again at every call, which made reading ten times slower.)
enum Patterns {
    nonisolated(unsafe) static let attachment = /^附件[0-9一二三四五六七八九十]+[:]?$/
    nonisolated(unsafe) static let bookmark = /\[bookmark:[^\]]*\]/
    nonisolated(unsafe) static let lineBreakTag = /<br\s*\/?>/
    nonisolated(unsafe) static let pageMarker = /^[—\-－]\s*\d+\s*[—\-－]$/
    nonisolated(unsafe) static let tableBreakingHeading = /^([一二三四五六七八九十]+、|（[一二三四五六七八九十0-9]+）|\([0-9]+\)|[0-9]+、)/
    nonisolated(unsafe) static let narrativeHeading = /^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+、)/
    nonisolated(unsafe) static let headingGap = /[ \u{3000}]{2,}/
    nonisolated(unsafe) static let unitBeforeYear = /^(.+?)\d{4}年度/
    nonisolated(unsafe) static let yearOfReport = /(20\d{2}|19\d{2})年度/
    nonisolated(unsafe) static let anyYear = /(20\d{2})/
    nonisolated(unsafe) static let level1Weight = /^(.*?)\(?(\d+(?:\.\d+)?)分?\)?$/
    nonisolated(unsafe) static let listNumbering = /^(?:\d+[、.．]|[一二三四五六七八九十]+、|\(\d+\))/
}

extension String {
    /// Substring test on UTF-8 bytes, without Foundation's locale-aware search or the generic
    /// collection search, both of which dominated reading time.
    package func has(_ part: String) -> Bool {
        if part.isEmpty { return true }
        var haystack = self, needle = part
        return haystack.withUTF8 { h in needle.withUTF8 { n in Self.search(h, n) } }
    }

    private static func search(_ h: UnsafeBufferPointer<UInt8>, _ n: UnsafeBufferPointer<UInt8>) -> Bool {
        guard n.count <= h.count, let first = n.first else { return n.isEmpty }
        var i = 0
        let last = h.count - n.count
        while i <= last {
            if h[i] == first {
                var j = 1
                while j < n.count && h[i + j] == n[j] { j += 1 }
                if j == n.count { return true }
            }
            i += 1
        }
        return false
    }
}
