// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "jixiao",
    products: [
        .executable(name: "jixiao", targets: ["jixiao"]),
        .library(name: "JixiaoKit", targets: ["JixiaoKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // Everything testable in-process: model, reader, rules, commands, the shell loop.
        .target(
            name: "JixiaoKit",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Resources/example.txt")]
        ),
        // The only C in the package: fixed-signature wrappers over libedit's variadic calls.
        .target(
            name: "CEditLine",
            linkerSettings: [.linkedLibrary("edit")]
        ),
        .executableTarget(
            name: "jixiao",
            dependencies: [
                "JixiaoKit", "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `make bench`: prints reading and scoring speed; never asserted.
        .executableTarget(name: "jixiao-bench", dependencies: ["JixiaoKit"]),
        .testTarget(name: "JixiaoKitTests", dependencies: ["JixiaoKit"]),
        // Launches the built binary; depends on it so `swift test` builds it first.
        .testTarget(name: "EndToEndTests", dependencies: ["jixiao"]),
    ]
)
