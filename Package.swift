// swift-tools-version: 6.0
import PackageDescription

// The layers are targets, so the compiler keeps them apart: Model depends on nothing;
// Reading and Rules on Model; Rendering turns values into text; JixiaoKit's commands
// compose them and its shell runs the commands. Only the executable touches a terminal.
let package = Package(
    name: "jixiao",
    products: [
        .executable(name: "jixiao", targets: ["jixiao"]),
        .library(name: "JixiaoKit", targets: ["JixiaoKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // Filings, edits, targets, rule sets and scores as values; text primitives they need.
        .target(name: "JixiaoModel"),
        // Bytes to a Filing: decoding, .docx, layout, table readers.
        .target(
            name: "JixiaoReading",
            dependencies: [
                "JixiaoModel",
                "CInflate",
                "CCrypto",
                "CHTML",
            ]
        ),
        // zlib's C library (zlib1g-dev), for the members of a .docx.
        .systemLibrary(name: "CInflate", providers: [.apt(["zlib1g-dev"])]),
        // The system's libcrypto (libssl-dev), for the SHA-256 that identifies each file read.
        .systemLibrary(name: "CCrypto", providers: [.apt(["libssl-dev"])]),
        // libxml2's HTML parser (libxml2-dev), for web pages, seen from Swift through CHTML's wrappers.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "CHTML", dependencies: ["CLibXML2"]),
        // Scoring and consistency checks under rule sets held as data.
        .target(name: "JixiaoRules", dependencies: ["JixiaoModel"]),
        // Values to text: tables, views, CSV, Markdown, JSON.
        .target(name: "JixiaoRendering", dependencies: ["JixiaoModel"]),
        // glibc's malloc.h, for the executable's allocator setting (one arena).
        .systemLibrary(name: "CMalloc"),
        // SQLite's C library (libsqlite3-dev), for the SQL mirror of the loaded filings.
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        // Values to SQL rows: the in-memory database `sql` queries and `export sqlite` writes.
        .target(name: "JixiaoSQL", dependencies: ["JixiaoModel", "CSQLite"]),
        // Commands, the session, the loop behind an injected Console, and Disk.
        .target(
            name: "JixiaoKit",
            dependencies: ["JixiaoModel", "JixiaoReading", "JixiaoRules", "JixiaoRendering", "JixiaoSQL", "CInflate"],
            resources: [.embedInCode("Resources/example.txt")]
        ),
        // The only C in the package: fixed-signature wrappers over libedit's variadic calls.
        .target(
            name: "CEditLine",
            linkerSettings: [.linkedLibrary("edit")]
        ),
        .executableTarget(
            name: "jixiao",
            dependencies: [
                "JixiaoKit", "JixiaoModel", "JixiaoRendering", "CEditLine", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `make bench`: prints reading, scoring and editing speed; never asserted.
        .executableTarget(
            name: "jixiao-bench", dependencies: ["JixiaoKit", "JixiaoModel", "JixiaoReading", "JixiaoRules"]
        ),
        // `make fuzz`: the reader under libFuzzer; in a plain build it replays the files it is given.
        .executableTarget(name: "jixiao-fuzz", dependencies: ["JixiaoReading"]),
        // `make fuzz`: command scripts under libFuzzer, run by a shell confined to a private folder.
        .executableTarget(name: "jixiao-fuzz-shell", dependencies: ["JixiaoKit"]),
        .testTarget(
            name: "JixiaoKitTests",
            dependencies: [
                "JixiaoKit", "JixiaoModel", "JixiaoReading", "JixiaoRules", "JixiaoRendering", "JixiaoSQL",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // Launches the built binary; depends on it so `swift test` builds it first (and so the
        // command line's quick reading can be held to ArgumentParser's).
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["jixiao", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
    ]
)
