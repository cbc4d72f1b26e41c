import Foundation
import JixiaoModel
import JixiaoRendering

/// What the shell writes: results through the presentation in force (and the pager, or a `\o`
/// file), notes and warnings, and located errors wrapped to the window.
extension Shell {
    public func write(_ text: String) {
        console.write(text.hasSuffix("\n") || text.isEmpty ? text : text + "\n")
    }
    /// A note for the analyst (banners, load summaries in a terminal); silenced by `-q`.
    public func note(_ text: String) {
        if !options.quiet { console.writeError(Prose.fit(text, width: console.window?.columns) + "\n") }
    }
    public func warn(_ text: String) { console.writeError(label("warning", .warning) + text + "\n") }

    /// `error: ` or `warning: `, coloured when colour is on.
    func label(_ word: String, _ colour: Presentation.Colour) -> String {
        presentation.paint(word + ":", colour) + " "
    }

    /// How output is laid out now: the settings, resolved against where output goes.
    var presentation: Presentation {
        let settings = session.settings
        // Results sent to a file (`\o`) are laid out as for a pipe: no width, no colour.
        let window = outputFile == nil ? console.window : nil
        let format: Presentation.Format
        switch settings.format {
        case .auto: format = window == nil ? .aligned : .wrapped
        case .fixed(let fixed): format = fixed
        }
        let color = settings.color == .on || (settings.color == .auto && options.color && window != nil)
        return Presentation(
            format: format, width: settings.width ?? window?.columns, null: settings.null, color: color)
    }

    /// Writes a command's output, through the pager when it is taller than the window. In a fitted
    /// format, text lines wider than the width wrap as prose (tables already fit).
    /// A confirmation (`isResult` false) always goes to the screen, never to a `\o` file.
    func show(_ text: String, _ presentation: Presentation, isResult: Bool = true) {
        guard !text.isEmpty else { return }
        var text = text.hasSuffix("\n") ? text : text + "\n"
        if presentation.format == .wrapped || presentation.format == .records {
            text = Prose.fit(text, width: presentation.width)
        }
        if isResult, let file = outputFile {
            guard let failure = Disk.writeAll(Data(text.utf8), to: file.descriptor) else { return }
            console.writeError(
                label("error", .error) + "\(file.shown): cannot write (\(failure)); results go to the screen\n")
            closeOutputFile()
        }
        if let window = console.window, wantsPager(lines: text.utf8.count { $0 == 0x0A }, window: window),
            console.page(text)
        {
            return
        }
        console.write(text)
    }

    func wantsPager(lines: Int, window: WindowSize) -> Bool {
        switch session.settings.pager {
        case .on: return true
        case .off: return false
        case .auto: return lines >= window.rows
        }
    }

    /// Writes a command's diagnostics as `SUBJECT: error: message`; true when any is an error.
    func report(_ diagnostics: [Output.Diagnostic]) -> Bool {
        for d in diagnostics where !(options.silent && d.kind == .note) {
            let colour: Presentation.Colour = d.kind == .error ? .error : .warning
            console.writeError(message("\(FileNames.shown(d.subject)): ", d.kind.rawValue, colour, d.message))
        }
        return diagnostics.contains { $0.kind == .error }
    }

    /// `LOCATION label: text`, its lines wrapped to the window as help is, the continuation
    /// indented, so the terminal never breaks a word; the label coloured when colour is on.
    func message(_ location: String, _ word: String, _ colour: Presentation.Colour, _ text: String) -> String {
        let head = location + word + ": "
        var lines = (head + text).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let width = console.window?.columns {
            lines = lines.flatMap { DisplayWidth.of($0) <= width ? [$0] : Prose.wrap($0, width: width, hang: 2) }
        }
        var out = lines.joined(separator: "\n") + "\n"
        if out.hasPrefix(head) { out = location + label(word, colour) + out.dropFirst(head.count) }
        return out
    }
}
