import Foundation
import Testing

@testable import JixiaoKit
@testable import JixiaoReading

/// The system's libcrypto computes the SHA-256 that identifies a file: the NIST examples
/// (FIPS 180-2, appendix B) hold it to the standard.
@Suite struct DigestTests {
    @Test(
        "SHA-256 of the NIST examples",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
        ])
    func nistExamples(_ message: String, _ digest: String) {
        #expect(Digest.sha256Hex(Data(message.utf8)) == digest)
    }

    @Test func aMillionAs() {
        let digest = Digest.sha256Hex(Data(repeating: UInt8(ascii: "a"), count: 1_000_000))
        #expect(digest == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

/// One resolver for every path the analyst types: `~` is `$HOME`, and a glob's matches are shown
/// as the analyst typed their folder.
@Suite struct PathTests {
    let paths = Paths(directory: "/work/here", home: "/home/reviewer")

    @Test func tildeIsTheHomeGivenNotTheUserDatabases() {
        #expect(paths.absolute("~") == "/home/reviewer")
        #expect(paths.absolute("~/ddx/a.txt") == "/home/reviewer/ddx/a.txt")
        #expect(paths.absolute("~other/a.txt") == "/work/here/~other/a.txt", "only ~ and ~/ expand")
        #expect(paths.absolute("a.txt") == "/work/here/a.txt" && paths.absolute("/x") == "/x")
        #expect(Paths(directory: "/d", home: nil).absolute("~/a") == "/d/~/a", "no home: nothing to expand to")
    }

    @Test func globMatchesAreShownUnderTheFolderAsTyped() {
        #expect(paths.shown("/home/reviewer/ddx/a.txt", typed: "~/ddx/*.txt") == "~/ddx/a.txt")
        #expect(paths.shown("/work/here/county/f1.txt", typed: "county/f*.txt") == "county/f1.txt")
        #expect(paths.shown("/work/here/f1.txt", typed: "f*.txt") == "f1.txt")
        #expect(paths.shown("/abs/x/f1.txt", typed: "/abs/x/*.txt") == "/abs/x/f1.txt")
    }

    @Test(.scratch) func sourceReadsTildeFromHome() throws {
        let home = try Scratch.folder
        try "echo from-home\n".write(to: home.appendingPathComponent("s.jx"), atomically: true, encoding: .utf8)
        let console = ScriptConsole("source ~/s.jx\n")
        let shell = Shell(console: console, directory: Fixtures.root.path)
        shell.home = home.path
        shell.runConsole()
        #expect(console.output == "from-home\n", "\(console.errors)")
    }
}
