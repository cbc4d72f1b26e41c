/// The reader's regular expressions, compiled once. (A regex literal written inline is
/// compiled again at every call, which made reading ten times slower.)
/// Digits are written [0-9]: Swift's \\d also matches 一 and 万, which have numeric values.
enum Patterns {
    nonisolated(unsafe) static let attachment = /^附件[0-9一二三四五六七八九十]+[:]?$/
    nonisolated(unsafe) static let bookmark = /\[bookmark:[^\]]*\]/
    nonisolated(unsafe) static let lineBreakTag = /<br\s*\/?>/
    nonisolated(unsafe) static let pageMarker = /^[—\-－]\s*[0-9]+\s*[—\-－]$/
    nonisolated(unsafe) static let narrativeHeading = /^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+、)/
    nonisolated(unsafe) static let headingGap = /[ \u{3000}]{2,}/
    nonisolated(unsafe) static let unitBeforeYear = /^(.+?)[0-9]{4}年度/
    nonisolated(unsafe) static let yearOfReport = /(20[0-9]{2}|19[0-9]{2})年度/
    nonisolated(unsafe) static let anyYear = /(20[0-9]{2})/
    nonisolated(unsafe) static let level1Weight = /^(.*?)\(?([0-9]+(?:\.[0-9]+)?)分?\)?$/
    nonisolated(unsafe) static let quantity = /([0-9]+(?:\.[0-9]+)?)([^0-9]*)$/
    nonisolated(unsafe) static let number = /[0-9]+(?:\.[0-9]+)?/
    nonisolated(unsafe) static let deduction = /大于等于([0-9]+(?:\.[0-9]+)?)[^0-9]*得满分.*?(?:下降|减少|少)一[^0-9]*扣([0-9]+(?:\.[0-9]+)?|[一二两三四五半])分/
    nonisolated(unsafe) static let foreignYear = /(20[0-9]{2})年/
    nonisolated(unsafe) static let staffAuthorized = /编制(?:人数|数)?(?:为|共|有)?([0-9]+)人/
    nonisolated(unsafe) static let staffActual = /(?:在职|实有)(?:职工|人员|人数)?(?:为|共|有)?([0-9]+)人/
    nonisolated(unsafe) static let spentAmount = /(?:全年实际支出|全年支出|实际支出)([0-9]+(?:\.[0-9]+)?)万元/
    nonisolated(unsafe) static let completeClaim = /(?:完成值|执行率|完成率)(?:达)?100%/
    nonisolated(unsafe) static let listNumbering = /^(?:[0-9]+[、.．]|[一二三四五六七八九十]+、|\([0-9]+\))/
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
