import JixiaoModel

/// Reads a 自评报告's prose into sections by its headings (一、 （二） 3、 …). A heading and
/// its text on one line (`三、政府性基金预算支出情况  无`) are split at the run of spaces.
package enum Narratives {
    static func read(_ section: Section) -> Narrative {
        var narrative = Narrative(title: section.title, line: section.line)
        // The lines of the section being read; made into a NarrativeSection once it is whole.
        var heading = ""
        var line = section.line
        var body: [Located] = []
        func close() {
            if !heading.isEmpty || !body.isEmpty {
                narrative.sections.append(NarrativeSection(heading: heading, body: body, line: line))
            }
        }
        for prose in section.prose {
            guard isHeading(prose.text) else {
                body.append(prose)
                continue
            }
            close()
            let (title, rest) = splitHeading(prose.text)
            (heading, line, body) = (title, prose.line ?? 0, rest.isEmpty ? [] : [Located(rest, line: prose.line)])
        }
        close()
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
