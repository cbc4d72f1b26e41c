import ArgumentParser
import Testing

@testable import jixiao

/// The command line read by hand (`Invocation.quick`) against ArgumentParser's reading of it: on
/// every command line the quick reading accepts, ArgumentParser accepts it too and means the same.
@Suite struct InvocationTests {
    /// Words a command line is drawn from: values, flags in both spellings, repeats, and what the
    /// quick reading must leave to ArgumentParser (`--`, `-`, joined flags, `=`, unknowns, help).
    static let words = [
        "-c", "-f", "--format", "--history", "quit", "load x.txt", "summary", "x.txt", "绩效.docx", "",
        "-q", "--quiet", "--bail", "--echo", "--csv", "--json", "--no-color", "-X", "--no-rc", "--rc",
        "-", "--", "-qX", "--format=csv", "csv", "json", "--help", "-h", "--version", "-1", "--bogus", "-x",
    ]

    static func draw(_ generator: inout Generator) -> [String] {
        (0..<Int.random(in: 0...7, using: &generator)).map { _ in words.randomElement(using: &generator)! }
    }

    /// SplitMix64, so the drawn lines are the same on every run.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func theQuickReadingIsArgumentParsers() throws {
        var generator = Generator(state: 0x1A_5EED)
        var accepted = 0
        for _ in 0..<4_000 {
            let arguments = Self.draw(&generator)
            guard let quick = Invocation.quick(arguments) else { continue }
            accepted += 1
            let parsed = try #require(try? Options.parse(arguments), "ArgumentParser refuses \(arguments)")
            #expect(quick == Invocation(parsed), "\(arguments)")
        }
        #expect(accepted > 800, "the quick reading takes the plain lines (\(accepted) did)")
    }

    @Test func theCommonLinesTakeTheQuickReading() throws {
        let lines = [
            ["-q", "-c", "quit"], ["-q", "-X", "-c", "load d", "-c", "summary"], ["a.txt", "b.docx", "--csv"],
            ["--bail", "--echo", "-f", "review.jx"], ["--format", "json", "--history", "h", "--no-color", "--rc"],
        ]
        for line in lines {
            let quick = try #require(Invocation.quick(line), "\(line)")
            #expect(quick == Invocation(try Options.parse(line)), "\(line)")
        }
        #expect(Invocation.quick(["-c", "-q"]) == nil, "a value that looks like a flag is ArgumentParser's")
        #expect(Invocation.quick(["-q", "--quiet"]) == nil, "a flag twice is ArgumentParser's")
        #expect(Invocation.quick(["--help"]) == nil)
    }
}
