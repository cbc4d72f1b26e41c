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
            // The server's socket in the test's own folder (-S), removed with it: tmux leaves a
            // socket named with -L in /tmp/tmux-UID after kill-server.
            let words = (["tmux", "-S", home.appendingPathComponent("tmux.socket").path] + args).map {
                "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'"
            }
            let status = system(words.joined(separator: " ") + " </dev/null >\(outFile.path) 2>/dev/null")
            if status != 0 && args.first != "list-sessions" && args.first != "kill-server" {
                Issue.record("tmux \(args.first ?? "") failed with status \(status)")
            }
            return (try? String(contentsOf: outFile, encoding: .utf8)) ?? ""
        }

        /// Starts the shell in session `name` (a second window is a second name), with `environment`
        /// besides the bare one; its exit status is written to `status` in `home` when it ends.
        func start(
            columns: Int = 120, rows: Int = 40, arguments: [String] = [], environment: [String] = [],
            name: String = "t"
        ) throws {
            let command =
                "env -i PATH=/usr/bin:/bin HOME=\(home.path) LANG=C.UTF-8 TERM=xterm "
                + environment.joined(separator: " ") + " \(Binary.path) --history "
                + "\(historyFile.path) " + arguments.joined(separator: " ") + "; echo $? > \(home.path)/status"
            try tmux(["new-session", "-d", "-s", name, "-x", "\(columns)", "-y", "\(rows)", command])
            try waitFor(name) { $0.contains("jixiao>") }
        }

        /// The exit status the shell ended with, once it has.
        func status() throws -> String {
            try String(contentsOf: home.appendingPathComponent("status"), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// Everything the pane has shown, scrolled-off lines too, with lines the terminal wrapped joined
        /// back, so a line wider than the window shows as one.
        func history() throws -> String { try tmux(["capture-pane", "-p", "-J", "-S", "-", "-t", "t"]) }

        /// Types `command`, presses Enter and waits for the next prompt.
        func run(_ command: String) throws {
            let prompts = try history().components(separatedBy: "jixiao>").count
            try type(command)
            try keys("Enter")
            try waitFor { _ in ((try? self.history()) ?? "").components(separatedBy: "jixiao>").count > prompts }
        }

        /// Types a line for the shell in the pane (not jixiao), presses Enter, and waits until the
        /// screen, its trailing blank lines dropped, shows `until`.
        func run(shellLine: String, until: String) throws {
            try type(shellLine)
            try keys("Enter")
            try waitFor { $0.trimmingCharacters(in: .whitespacesAndNewlines).contains(until) }
        }

        func type(_ text: String, in name: String = "t") throws { try tmux(["send-keys", "-t", name, "-l", text]) }
        func keys(_ names: String...) throws { try tmux(["send-keys", "-t", "t"] + names) }
        func keys(in name: String, _ names: String...) throws { try tmux(["send-keys", "-t", name] + names) }
        func screen(_ name: String = "t") throws -> String { try tmux(["capture-pane", "-p", "-t", name]) }

        /// Polls the screen until `test` holds, for at most ten seconds.
        @discardableResult
        func waitFor(_ name: String = "t", _ test: (String) -> Bool) throws -> String {
            var last = ""
            for _ in 0..<200 {
                last = try screen(name)
                if test(last) { return last }
                usleep(50_000)
            }
            Issue.record("timed out; the screen was:\n\(last)")
            return last
        }

        func running() throws -> Bool { try tmux(["list-sessions"]).hasPrefix("t:") }

        /// Up to five seconds for the shell to end; a shell still running then fails the test.
        func waitForExit() throws {
            for _ in 0..<100 where try running() { usleep(50_000) }
            if try running() { Issue.record("the shell did not end; the screen was:\n\(try screen())") }
        }

        /// Types `command` and Enter, and waits until the shell has taken the line and is running it:
        /// the command stands on the last line shown, with no new prompt after it.
        func submit(_ command: String) throws {
            try type(command)
            try keys("Enter")
            try waitFor { screen in
                let lines = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                return lines.last?.hasSuffix(String(command.suffix(20))) == true
                    && lines.last?.hasPrefix("jixiao>") == true
            }
        }

        /// A folder of `count` copies of the real filing named by `name`, in this test's home.
        /// Each copy differs by its trailing spaces, so none is skipped as already loaded.
        func county(_ count: Int, name: (Int) -> String) throws -> URL {
            let folder = home.appendingPathComponent("county")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let filing = try Data(
                contentsOf: Binary.root.appendingPathComponent("Tests/Fixtures/filings/000_4163b9005dfad92f.txt"))
            for i in 0..<count {
                try (filing + Data(("\n" + String(repeating: " ", count: i + 1) + "\n").utf8))
                    .write(to: folder.appendingPathComponent(name(i)))
            }
            return folder
        }

        /// Ctrl-D, and the wait for the shell to end.
        func leave() throws {
            try keys("C-d")
            try waitForExit()
        }
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
        try term.submit("sql WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n")
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
        try term.leave()
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
        try term.waitForExit()
        #expect(try !term.running())
    }

    /// A long load at a terminal shows one progress line, redrawn in place; Ctrl-C cancels it
    /// and leaves the loaded set as it was (only the bundled example).
    @Test("a long load shows its progress and Ctrl-C cancels it, changing nothing")
    func progressAndCancel() throws {
        try #require(Self.tmuxAvailable, "tmux is not installed: run `make test`, which installs it")
        let term = try Terminal()
        let folder = try term.county(3000) { String(format: "f%04d.txt", $0) }
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

    /// The window narrowed under the progress line while a load runs: the terminal reflows the
    /// line onto two rows, and both are erased, so no stale progress stays in the scrollback; a
    /// long load ends with its one summary line.
    @Test("narrowing the window during a load leaves no stale progress line")
    func narrowingDuringALoad() throws {
        try #require(Self.tmuxAvailable, "tmux is not installed: run `make test`, which installs it")
        let term = try Terminal()
        // Enough files for the release build to read for about a second: the line shows from half a
        // second on, and the window is narrowed under it while the load still runs.
        let folder = try term.county(3000) { String(format: "a-long-file-name-%04d.txt", $0) }
        try term.start(columns: 120, rows: 24)
        try term.type("load \(folder.path)")
        try term.keys("Enter")
        try term.waitFor { $0.contains("MB/s, ") }
        try term.tmux(["resize-window", "-t", "t", "-x", "50", "-y", "24"])
        // A debug build reads slowly: up to two minutes for the load to end.
        for _ in 0..<2400 where !(try term.history()).contains("3000 loaded, 0 failed") { usleep(50_000) }
        let history = try term.history()
        #expect(history.contains("3000 loaded, 0 failed"), "the load ends with its summary line")
        #expect(!history.contains("MB/s"), "no stale progress line:\n\(history)")
        try term.leave()
    }

    /// Ctrl-C inside one large file (16 MB, seconds of reading) stops the load at once: the shell
    /// does not wait for the file to be read, and the loaded set stays as it was.
    @Test("Ctrl-C cancels the load of one large file at once, changing nothing")
    func cancelInsideOneFile() throws {
        try #require(Self.tmuxAvailable, "tmux is not installed: run `make test`, which installs it")
        let term = try Terminal()
        let filing = try Data(
            contentsOf: Binary.root.appendingPathComponent("Tests/Fixtures/filings/000_4163b9005dfad92f.txt"))
        let big = term.home.appendingPathComponent("big.txt")
        try Data(repeating: 0, count: 0).write(to: big)
        let handle = try FileHandle(forWritingTo: big)
        for _ in 0..<(16 << 20) / filing.count { handle.write(filing) }
        try handle.close()
        try term.start()
        try term.submit("load \(big.path)")
        try term.keys("C-c")
        try term.waitFor { $0.contains("cancelled by Ctrl-C") }
        try term.run("filings")
        let after = try term.screen()
        #expect(after.contains("example") && after.contains("(1 row)"))
    }

    /// Ctrl-C inside a history search (Ctrl-R) ends the search, never the shell.
    @Test("Ctrl-C during a Ctrl-R history search leaves the shell running")
    func interruptInsideHistorySearch() throws {
        try #require(Self.tmuxAvailable, "tmux is not installed: run `make test`, which installs it")
        let term = try Terminal()
        try term.start()
        try term.run("echo hello")
        try term.keys("C-r")
        try term.type("ech")
        _ = try term.waitFor { $0.contains("bck:ech") }  // libedit's search prompt
        try term.keys("C-c")
        try term.run("echo still-here")
        #expect(try term.running())
        #expect(try term.screen().contains("\nstill-here"))
        try term.leave()
    }

    /// Each Ctrl-C discards the line being typed, also one that lands while the editor is still
    /// drawing the line (it was lost, and the half-typed line ran with the next one). The pane's
    /// shell runs jixiao without job control, so it shares jixiao's process group: it must hear
    /// each Ctrl-C once, as the terminal sends it (libedit's handlers sent it again to the whole
    /// group, and bash, given a second SIGINT between two waits, ends the script and the pane).
    /// Both failed in a few runs of a hundred; thirty rounds make one failure likely.
    @Test("thirty Ctrl-Cs amid typing: each discards its line, and the shell that started jixiao lives on")
    func interruptWhileDrawing() throws {
        try #require(Self.tmuxAvailable, "tmux is not installed: run `make test`, which installs it")
        let term = try Terminal()
        try term.start()
        let wide = String(repeating: "绩效", count: 150)  // each key redraws a line of several rows
        for round in 1...30 {
            // Ctrl-C a moment after the text, while the editor is still reading and drawing it.
            try term.type("projects \(wide)\(round)")
            try term.keys("C-c")
            try term.waitFor { _ in ((try? self.interrupts(in: term)) ?? 0) >= round }
            guard try interrupts(in: term) >= round, try term.running() else { break }  // recorded
        }
        try term.run("echo after-the-rounds")
        #expect(try term.screen().components(separatedBy: "\n").contains("after-the-rounds"))
        try term.leave()
        #expect(try term.status() == "0", "the pane's shell went on to write jixiao's exit status")
        let history = try String(contentsOf: term.historyFile, encoding: .utf8)
        #expect(!history.contains("projects"), "no interrupted line ran")
    }

    private func interrupts(in term: Terminal) throws -> Int {
        try term.history().components(separatedBy: "^C").count - 1
    }

    /// Ctrl-Z at the prompt, from a shell with job control: jixiao stops with the terminal in the
    /// modes it found (Debian's sh, dash, does not restore them itself, as bash does), and `fg`
    /// brings back the half-typed line, drawn again and editable.
    @Test("Ctrl-Z at the prompt stops jixiao with the terminal as it was; fg brings the line back to edit")
    func suspendAndResume() throws {
        try #require(Self.tmuxAvailable, "tmux is not installed: run `make test`, which installs it")
        let term = try Terminal()
        let shell =
            "env -i PATH=/usr/bin:/bin HOME=\(term.home.path) LANG=C.UTF-8 TERM=xterm PS1='sh$ ' /bin/sh -i"
        try term.tmux(["new-session", "-d", "-s", "t", "-x", "120", "-y", "40", shell])
        try term.waitFor { $0.contains("sh$") }
        try term.run(shellLine: "\(Binary.path) --history \(term.historyFile.path)", until: "jixiao>")
        try term.type("echo ab")
        try term.keys("C-z")
        try term.waitFor {
            $0.contains("Stopped") && $0.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("sh$")
        }
        try term.run(shellLine: "stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' +", until: "+sh$")
        #expect(try term.screen().contains("icanon+echo+sh$"), "the shell has its terminal modes back")
        try term.run(shellLine: "fg", until: "jixiao> echo ab")
        try term.type("cd")
        try term.keys("Left", "Left", "BSpace")
        try term.type("X")
        try term.keys("Enter")
        try term.waitFor { $0.components(separatedBy: "\n").contains("aXcd") }
        try term.keys("C-d")
        try term.waitFor { $0.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("sh$") }
    }

    /// A query that is not whole goes on at `jixiao-> `; it runs at `;` and enters the history as
    /// one command; Ctrl-C at the continuation prompt drops what was typed and the shell stays.
    @Test("sql goes on over lines at jixiao-> until ';', kept as one history entry; Ctrl-C drops it")
    func queryOverSeveralLines() throws {
        try #require(Self.tmuxAvailable, "tmux is not installed: run `make test`, which installs it")
        let term = try Terminal()
        try term.start()
        try term.type("sql SELECT 1 AS one,")
        try term.keys("Enter")
        _ = try term.waitFor { $0.contains("jixiao->") }  // a screen line's trailing space is not captured
        try term.type("2 AS two\\;")  // tmux reads a bare trailing ';' as its own separator
        try term.keys("Enter")
        let shown = try term.waitFor { $0.contains("(1 row)") }
        #expect(shown.contains(" one | two"))
        try term.type("sql SELECT (")
        try term.keys("Enter")
        _ = try term.waitFor { $0.components(separatedBy: "jixiao->").count > 2 }
        try term.keys("C-c")
        try term.run("echo still-here")
        try term.leave()
        let history = try String(contentsOf: term.historyFile, encoding: .utf8)
        #expect(history.contains("2\\040AS\\040two;"), "\(history)")
        #expect(!history.contains("SELECT\\040(\n"))
    }

    /// Two windows on one history file: each appends its commands as they are entered, so both
    /// windows' commands are in the file, in the order typed, and a restart recalls the last.
    @Test("two windows keep both histories")
    func twoWindowsKeepBothHistories() throws {
        try #require(Self.tmuxAvailable, "tmux is not installed: run `make test`, which installs it")
        let term = try Terminal()
        try term.start(name: "t")
        try term.start(name: "u")
        for (window, word) in [("t", "first-a"), ("u", "first-b"), ("t", "second-a"), ("u", "second-b")] {
            try term.type("echo \(word)", in: window)
            try term.keys(in: window, "Enter")
            try term.waitFor(window) { $0.components(separatedBy: "\n").contains(word) }
        }
        try term.keys(in: "u", "C-d")
        try term.keys(in: "t", "C-d")
        try term.waitForExit()
        let history = try String(contentsOf: term.historyFile, encoding: .utf8)
        let words = ["first-a", "first-b", "second-a", "second-b"].map { "echo\\040" + $0 }
        #expect(history == "_HiStOrY_V2_\n" + words.joined(separator: "\n") + "\n", "\(history)")
    }

    /// The quit question with edits pending: Ctrl-C is no, the next prompt on a line of its own;
    /// Ctrl-D is yes, so two Ctrl-D leave. A typo on the way does not make the exit status 1.
    @Test("at the quit question Ctrl-C means no and Ctrl-D yes; a session at the keyboard exits 0")
    func quitQuestion() throws {
        try #require(Self.tmuxAvailable, "tmux is not installed: run `make test`, which installs it")
        let term = try Terminal()
        try term.start()
        try term.run("bogus")
        try term.run("set score 1 1 4")
        try term.keys("C-d")
        try term.waitFor { $0.contains("Quit anyway? [y/N]") }
        try term.keys("C-c")
        try term.waitFor { $0.split(separator: "\n").last == "jixiao>" }
        #expect(try term.running())
        try term.keys("C-d")
        try term.waitFor { $0.components(separatedBy: "Quit anyway?").count == 3 }
        try term.keys("C-d")
        try term.waitForExit()
        #expect(try term.status() == "0")
    }

    /// Tab on an empty line at a window of 10 rows: more candidates than fit, so readline's
    /// question comes first; n lists nothing, y lists them in aligned columns.
    @Test("a completion list longer than the window asks first, then shows aligned columns")
    func completionListing() throws {
        try #require(Self.tmuxAvailable, "tmux is not installed: run `make test`, which installs it")
        let term = try Terminal()
        try term.start(columns: 80, rows: 10)
        try term.keys("Tab")
        try term.waitFor { $0.contains("possibilities? (y or n)") }
        try term.type("n")
        try term.waitFor { $0.split(separator: "\n").last == "jixiao>" }
        #expect(try !term.screen().contains("recompute"))
        try term.keys("Tab")
        try term.waitFor { _ in
            ((try? term.history()) ?? "").components(separatedBy: "possibilities? (y or n)").count == 3
        }
        try term.type("y")
        try term.waitFor { _ in ((try? term.history()) ?? "").contains("recompute") }
        let listed = try term.history()
        let rows = listed.split(separator: "\n").filter { $0.contains("  ") && !$0.contains("possibilities") }
        #expect(rows.count > 2 && rows.allSatisfy { $0.count <= 80 }, "\(listed)")
        try term.keys("C-c")
        try term.leave()
    }

    /// A line wrapped at 100 columns, the window narrowed to 60 and widened to 100 again: the
    /// terminal reflows the line, and the shell draws it again from the row its prompt now
    /// starts on, so moving to its start and typing leaves no stale copy of its first row.
    @Test("a wrapped line survives the window's resizing", arguments: [(100, 60), (60, 100)])
    func resizeDuringAWrappedLine(from: Int, to: Int) throws {
        try #require(Self.tmuxAvailable, "tmux is not installed: run `make test`, which installs it")
        let term = try Terminal()
        try term.start(columns: from, rows: 24)
        let words = (1...18).map { String(format: "word%02d", $0) }.joined(separator: " ")
        try term.type("echo 绩效自评报告" + words)
        try term.waitFor { $0.contains("word18") }
        try term.tmux(["resize-window", "-t", "t", "-x", "\(to)", "-y", "24"])
        try term.waitFor { screen in screen.split(separator: "\n").allSatisfy { Self.width($0) <= to } }
        try term.keys("C-a")
        try term.type("AB")
        let shown = try term.waitFor { $0.contains("jixiao> ABecho 绩效自评报告word01") }
        #expect(shown.components(separatedBy: "jixiao>").count == 2, "one prompt, no stale row:\n\(shown)")
        try term.keys("C-u")
        try term.leave()
    }

    /// `PAGER=less` without -R and no `LESS`: jixiao sets `LESS=FRX` for it, as git does, so the
    /// coloured check output shows colours, never `ESC[31m` as text.
    @Test("a plain PAGER=less shows colours, not their codes")
    func plainLessShowsColours() throws {
        try #require(Self.tmuxAvailable, "tmux is not installed: run `make test`, which installs it")
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/less"), "less is not installed")
        let term = try Terminal()
        let real = Binary.root.appendingPathComponent("Tests/Fixtures/filings/000_4163b9005dfad92f.txt").path
        try term.start(columns: 80, rows: 24, arguments: [real], environment: ["PAGER=less"])
        try term.type("check")
        try term.keys("Enter")
        let paged = try term.waitFor { $0.contains("F1 error") }
        #expect(!paged.contains("[31m") && !paged.contains("ESC["), "\(paged)")
        try term.keys("q")
        try term.waitFor { $0.split(separator: "\n").last == "jixiao>" }
        try term.leave()
    }

    /// The history file is written as every file jixiao writes: a link to it stays a link and its
    /// target gets the history; a file the user made readable keeps its mode.
    @Test("the history file follows the write policy: a link is followed, a mode is kept")
    func historyFollowsTheWritePolicy() throws {
        try #require(Self.tmuxAvailable, "tmux is not installed: run `make test`, which installs it")
        let term = try Terminal()
        let target = term.home.appendingPathComponent("kept-history")
        try "".write(to: target, atomically: true, encoding: .utf8)
        chmod(target.path, 0o640)
        try FileManager.default.createSymbolicLink(at: term.historyFile, withDestinationURL: target)
        try term.start()
        try term.run("echo through-the-link")
        try term.leave()
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: term.historyFile.path)
        #expect(link == target.path)
        #expect(try String(contentsOf: target, encoding: .utf8).contains("echo\\040through-the-link"))
        let mode = try FileManager.default.attributesOfItem(atPath: target.path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
    }

    /// Display columns: CJK and full-width forms take two.
    static func width(_ text: Substring) -> Int {
        text.unicodeScalars.reduce(0) { total, scalar in
            let v = scalar.value
            let wide =
                (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v)
            return total + (wide ? 2 : 1)
        }
    }

    /// The columns where `|` and `+` stand.
    static func separators(_ line: Substring) -> [Int] {
        var columns: [Int] = []
        var column = 0
        for character in line {
            if character == "|" || character == "+" { columns.append(column) }
            column += width(Substring(String(character)))
        }
        return columns
    }

    @Test(
        "projects, show, recompute and check fit 60 and 120 columns, every table's separators in line",
        arguments: [60, 120])
    func tablesFitTheWindow(columns: Int) throws {
        try #require(Self.tmuxAvailable, "tmux is not installed: run `make test`, which installs it")
        let term = try Terminal()
        let real = Binary.root.appendingPathComponent("Tests/Fixtures/filings/000_4163b9005dfad92f.txt").path
        try term.start(columns: columns, rows: 40, arguments: [real])
        try term.run("option pager off")
        for command in ["projects", "show 1", "recompute", "check"] { try term.run(command) }
        let screen = try term.history()
        for command in [
            "石鼓区总工会 2023年度 项目支出", "Indicators (绩效指标)", "rules HN-HY-2023", "F39 info",
        ] {
            #expect(screen.contains(command), "missing: \(command)")
        }
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines { #expect(Self.width(line) <= columns, "wider than \(columns): \(line)") }
        var tables = 0
        for (index, rule) in lines.enumerated() where rule.hasPrefix("---") && rule.contains("+") {
            tables += 1
            let expected = Self.separators(rule)
            var row = index - 1
            while row >= 0 && lines[row].contains(" | ") { row -= 1 }
            row += 1
            while row < lines.count && (lines[row].contains(" | ") || lines[row] == rule) {
                let got = Self.separators(lines[row])
                #expect(got == Array(expected.prefix(got.count)), "out of line: \(lines[row])")
                row += 1
            }
        }
        #expect(tables >= 2 || screen.contains("-[ RECORD 1 ]"))
    }

    @Test("check taller than 24 rows goes through the pager; q and Ctrl-C return to the prompt")
    func pager() throws {
        try #require(Self.tmuxAvailable, "tmux is not installed: run `make test`, which installs it")
        let term = try Terminal()
        let real = Binary.root.appendingPathComponent("Tests/Fixtures/filings/000_4163b9005dfad92f.txt").path
        try term.start(columns: 80, rows: 24, arguments: [real])
        for leave in ["q", "C-c"] {
            try term.type("check")
            try term.keys("Enter")
            let paged = try term.waitFor { $0.split(separator: "\n").last?.hasPrefix(":") == true }
            #expect(paged.contains("F1 error"), "the pager shows the first screen")
            #expect(!paged.contains("F39"), "and only the first screen")
            try term.keys(leave)
            try term.waitFor { $0.split(separator: "\n").last == "jixiao>" }
            try term.run("echo back")
            #expect(try term.screen().contains("\nback\n"))
        }
    }

    @Test("~/.jixiaorc runs before the first prompt, its errors located; -X skips it; --rc for scripts")
    func startupFile() throws {
        try #require(Self.tmuxAvailable, "tmux is not installed: run `make test`, which installs it")
        let term = try Terminal()
        try "option timing on\nbogus\n".write(
            to: term.home.appendingPathComponent(".jixiaorc"), atomically: true, encoding: .utf8)
        try term.start()
        #expect(try term.screen().contains("~/.jixiaorc:2: error: unknown command 'bogus'"))
        try term.run("echo with-rc")
        #expect(try term.screen().contains("with-rc\nTime: "))
        try term.leave()

        try term.start(arguments: ["-X"])
        try term.run("echo without-rc")
        let screen = try term.screen()
        #expect(screen.contains("without-rc\n") && !screen.contains("without-rc\nTime: "))
        try term.keys("C-d")

        let environment = ["HOME": term.home.path]
        let piped = try Binary.run(["-c", "echo piped"], environment: environment)
        #expect(piped.stdout == "piped\n" && piped.stderr.isEmpty && piped.status == 0)
        let asked = try Binary.run(["--rc", "-c", "echo asked"], environment: environment)
        #expect(asked.stdout.contains("asked\nTime: "))
        #expect(asked.stderr.hasPrefix("~/.jixiaorc:2: error: unknown command 'bogus'"))
        #expect(asked.status == 0)
        let skipped = try Binary.run(["--rc", "-X", "-c", "echo skipped"], environment: environment)
        #expect(skipped.stdout == "skipped\n")
    }
}
