import JixiaoModel

/// Reads a 自评报告's prose into sections by its headings (一、 （二） 3、 …). A heading and
/// its text on one line (`三、政府性基金预算支出情况  无`) are split at the run of spaces.
package enum Narratives {
    static func read(_ section: Section) -> Narrative {
        var narrative = Narrative(title: section.title, line: section.line)
        var current = NarrativeSection(heading: "", body: [], line: section.line)
        for line in section.prose {
            if isHeading(line.text) {
                if !current.heading.isEmpty || !current.body.isEmpty { narrative.sections.append(current) }
                let (heading, rest) = splitHeading(line.text)
                current = NarrativeSection(
                    heading: heading, body: rest.isEmpty ? [] : [Located(rest, line: line.line)], line: line.line ?? 0)
            } else {
                current.body.append(line)
            }
        }
        if !current.heading.isEmpty || !current.body.isEmpty { narrative.sections.append(current) }
        return narrative
    }

    static func isHeading(_ text: String) -> Bool {
        text.firstMatch(of: Patterns.narrativeHeading) != nil
    }

    static func splitHeading(_ text: String) -> (String, String) {
        guard let gap = text.firstMatch(of: Patterns.headingGap) else { return (text, "") }
        let heading = Labels.trim(String(text[..<gap.range.lowerBound]))
        let rest = Labels.trim(String(text[gap.range.upperBound...]))
        return (heading, rest)
    }
}
