import JixiaoModel

/// The reader's regular expressions, compiled once. (A regex literal written inline is
/// compiled again at every call, which made reading ten times slower.)
/// Digits are written [0-9]: Swift's \\d also matches 一 and 万, which have numeric values.
enum Patterns {
    nonisolated(unsafe) static let attachment = /^附[件表][0-9一二三四五六七八九十]+[:]?$/
    nonisolated(unsafe) static let bookmark = /\[bookmark:[^\]]*\]/
    nonisolated(unsafe) static let lineBreakTag = /<br\s*\/?>/
    nonisolated(unsafe) static let pageMarker = /^[—\-－]\s*[0-9]+\s*[—\-－]$/
    nonisolated(unsafe) static let pageFooter = /^第\s*[0-9]+\s*页(\s*[,，]?\s*共\s*[0-9]+\s*页)?$/
    nonisolated(unsafe) static let narrativeHeading =
        /^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+、)/
    nonisolated(unsafe) static let unitBeforeYear = /^(.+?)[0-9]{4}年度/
    nonisolated(unsafe) static let yearOfReport = /(20[0-9]{2}|19[0-9]{2})年度/
    nonisolated(unsafe) static let anyYear = /(20[0-9]{2})/
}
