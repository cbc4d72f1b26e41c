import Foundation
import Testing

/// Drives the real binary at a real terminal through tmux: line editing of Chinese text,
/// Tab completion, Ctrl-C, history recall, and the history file across a restart.
@Suite(.serialized) struct InteractiveTests {
    final class Terminal {
        let server = "jixiao-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let home: URL
        var historyFile: URL { home.appendingPathComponent("history") }

        init() throws {
            home = FileManager.default.temporaryDirectory.appendingPathComponent(server)
            try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        }

        deinit {
            _ = try? tmux(["kill-server"])
            try? FileManager.default.removeItem(at: home)
        }

        /// Runs a tmux command against this test's own server through system(3), output to a
        /// file: the tmux server daemon inherits its first client's descriptors, and would keep
        /// Foundation's process pipes open forever.
        @discardableResult
        func tmux(_ args: [String]) throws -> String {
            let outFile = home.appendingPathComponent("tmux.out")
            let words = (["tmux", "-L", server] + args).map {
                "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'"
            }
            let status = system(words.joined(separator: " ") + " </dev/null >\(outFile.path) 2>/dev/null")
            if status != 0 && args.first != "list-sessions" && args.first != "kill-server" {
                Issue.record("tmux \(args.first ?? "") failed with status \(status)")
            }
            return (try? String(contentsOf: outFile, encoding: .utf8)) ?? ""
        }

        func start() throws {
            let command =
                "env -i PATH=/usr/bin:/bin HOME=\(home.path) LANG=C.UTF-8 TERM=xterm \(Binary.path) --history "
                + "\(historyFile.path)"
            try tmux(["new-session", "-d", "-s", "t", "-x", "120", "-y", "40", command])
            try waitFor { $0.contains("jixiao>") }
        }

        func type(_ text: String) throws { try tmux(["send-keys", "-t", "t", "-l", text]) }
        func keys(_ names: String...) throws { try tmux(["send-keys", "-t", "t"] + names) }
        func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "t"]) }

        /// Polls the screen until `test` holds, for at most ten seconds.
        @discardableResult
        func waitFor(_ test: (String) -> Bool) throws -> String {
            var last = ""
            for _ in 0..<200 {
                last = try screen()
                if test(last) { return last }
                usleep(50_000)
            }
            Issue.record("timed out; the screen was:\n\(last)")
            return last
        }

        func running() throws -> Bool { try tmux(["list-sessions"]).hasPrefix("t:") }
    }

    static var tmuxAvailable: Bool {
        ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].contains {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    @Test("line editing, completion, Ctrl-C, history and its file, at a real terminal")
    func session() throws {
        try #require(Self.tmuxAvailable, "tmux is not installed: run `make test`, which installs it")
        let term = try Terminal()
        try term.start()

        // Chinese text edited with the arrow keys and backspace: 绩效ab → ← ← ⌫ → 绩ab.
        try term.type("echo 绩效ab")
        try term.keys("Left", "Left", "BSpace", "Enter")
        try term.waitFor { $0.components(separatedBy: "\n").contains("绩ab") }

        // Tab completes a command name: "hel⇥" → "help ".
        try term.type("hel")
        try term.keys("Tab")
        try term.type("show")
        try term.keys("Enter")
        try term.waitFor { $0.contains("usage: show PROJECT") }

        // Ctrl-C stops a query that would run for ever; the shell and its filings stay.
        try term.type("sql WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n")
        try term.keys("Enter")
        usleep(300_000)
        try term.keys("C-c")
        try term.waitFor { $0.contains("error: cancelled by Ctrl-C") }
        try term.type("sql SELECT count(*) AS loaded FROM filings")
        try term.keys("Enter")
        try term.waitFor { $0.contains("loaded") && $0.contains("(1 row)") }

        // Ctrl-C discards a half-typed line and leaves the shell at a fresh prompt.
        try term.type("projects half-typed")
        try term.keys("C-c")
        try term.waitFor { $0.contains("^C") }
        try term.type("echo still-alive")
        try term.keys("Enter")
        try term.waitFor { $0.components(separatedBy: "\n").contains("still-alive") }
        #expect(try term.running())
        #expect(try !term.screen().contains("half-typed\n"))

        // Up recalls the last command.
        try term.keys("Up", "Enter")
        try term.waitFor { $0.components(separatedBy: "\n").filter { $0 == "still-alive" }.count == 2 }

        // Ctrl-D leaves; the history file is private and holds one entry per command.
        try term.keys("C-d")
        for _ in 0..<100 where try term.running() { usleep(50_000) }
        #expect(try !term.running())
        let attributes = try FileManager.default.attributesOfItem(atPath: term.historyFile.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let history = try String(contentsOf: term.historyFile, encoding: .utf8)
        #expect(history.contains("echo\\040绩ab"))
        #expect(history.contains("echo\\040still-alive"))
        #expect(!history.contains("half-typed"))
        #expect(
            history.components(separatedBy: "echo\\040still-alive").count == 2, "consecutive duplicates are stored once"
        )

        // After a restart, Up recalls the previous session's last command.
        try term.start()
        try term.keys("Up")
        try term.waitFor { $0.contains("jixiao> echo still-alive") }
        try term.keys("C-u")

        // With unsaved what-if edits, Ctrl-D asks once before leaving.
        try term.type("set score 1 1 4")
        try term.keys("Enter")
        try term.waitFor { $0.contains("总分") }
        try term.keys("C-d")
        try term.waitFor { $0.contains("Quit anyway? [y/N]") }
        try term.type("y")
        try term.keys("Enter")
        for _ in 0..<100 where try term.running() { usleep(50_000) }
        #expect(try !term.running())
    }

    /// A long load at a terminal shows one progress line, redrawn in place; Ctrl-C cancels it
    /// and leaves the loaded set as it was (only the bundled example).
    @Test("a long load shows its progress and Ctrl-C cancels it, changing nothing")
    func progressAndCancel() throws {
        try #require(Self.tmuxAvailable, "tmux is not installed: run `make test`, which installs it")
        let term = try Terminal()
        let folder = term.home.appendingPathComponent("county")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let filing = try Data(
            contentsOf: Binary.root.appendingPathComponent("Tests/Fixtures/filings/000_4163b9005dfad92f.txt"))
        for i in 0..<3000 {
            // Each copy differs by its trailing spaces, so none is skipped as already loaded.
            try (filing + Data(("\n" + String(repeating: " ", count: i + 1) + "\n").utf8))
                .write(to: folder.appendingPathComponent(String(format: "f%04d.txt", i)))
        }
        try term.start()
        try term.type("load \(folder.path)")
        try term.keys("Enter")
        let shown = try term.waitFor { $0.contains("files, ") && $0.contains("MB/s") }
        #expect(shown.contains("/3000 files, "), "the progress line counts files of the total")
        try term.keys("C-c")
        try term.waitFor { $0.contains("cancelled by Ctrl-C") }
        try term.type("filings")
        try term.keys("Enter")
        let after = try term.waitFor { $0.contains("(1 row)") }
        #expect(after.contains("example") && !after.contains("f0000.txt"))
        #expect(!after.contains("MB/s, "), "the progress line is erased")
    }
}
