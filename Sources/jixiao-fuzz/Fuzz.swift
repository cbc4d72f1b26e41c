import Foundation
import JixiaoReading

/// The reader under libFuzzer: every input goes through the entry point `load` uses, which
/// reads text layouts and .docx alike, except an input holding `%%RULES`: that is what poppler
/// makes of a PDF, its word list before the marker and its rules (or its SVG drawing) after,
/// read by the PDF front end. A thrown `ReadError` is an answer; a crash or a hang is
/// a bug. `make fuzz` builds this with `-sanitize=fuzzer,address -DFUZZING` and hands control
/// to libFuzzer's driver; a plain build replays the files named on the command line, which is
/// how a crash the fuzzer found is reproduced.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes else { return 0 }
    read(Data(bytes: bytes, count: count))
    return 0
}

func read(_ data: Data) {
    if let marker = data.firstRange(of: Data("\n%%RULES\n".utf8)) {
        let drawing = Data(data[marker.upperBound...])
        let rules =
            drawing.first == UInt8(ascii: "<")
            ? ((try? PDFDrawing.rules(svg: drawing)).map(PDFDrawing.encode) ?? "")
            : String(decoding: drawing, as: UTF8.self)
        _ = try? PDFFrontEnd.read(words: Data(data[..<marker.lowerBound]), rules: rules)
        return
    }
    _ = try? FilingReader.read(data, source: "fuzz")
}

#if FUZZING
/// libFuzzer's entry for programs that keep their own `main` (SwiftPM names the executable's).
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
#endif

@main
enum Fuzz {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runDriver(&argc, &argv, fuzzOneInput))
        #else
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            read(data)
        }
        #endif
    }
}
