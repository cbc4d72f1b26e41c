/// The rules' regular expressions, compiled once (an inline regex literal is compiled at every call).
/// Digits are written [0-9]: Swift's \\d also matches 一 and 万, which have numeric values.
enum Patterns {
    nonisolated(unsafe) static let number = /[0-9]+(?:\.[0-9]+)?/
    // An extended literal, so the pattern can span lines: white space in it is not matched.
    nonisolated(unsafe) static let deduction =
        #/
        大于等于([0-9]+(?:\.[0-9]+)?)[^0-9]*得满分.*?
        (?:下降|减少|少)一[^0-9]*扣([0-9]+(?:\.[0-9]+)?|[一二两三四五半])分
        /#
    nonisolated(unsafe) static let foreignYear = /(20[0-9]{2})年/
    nonisolated(unsafe) static let staffAuthorized = /编制(?:人数|数)?(?:为|共|有)?([0-9]+)人/
    nonisolated(unsafe) static let staffActual = /(?:在职|实有)(?:职工|人员|人数)?(?:为|共|有)?([0-9]+)人/
    nonisolated(unsafe) static let spentAmount =
        /(?:全年实际支出|全年支出|实际支出)([0-9]+(?:\.[0-9]+)?)万元/
    nonisolated(unsafe) static let completeClaim = /(?:完成值|执行率|完成率)(?:达)?100%/
}
