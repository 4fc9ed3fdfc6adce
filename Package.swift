// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Valence",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "ValenceCore", targets: ["ValenceCore"]),
        .library(name: "ValenceJobs", targets: ["ValenceJobs"]),
        .library(name: "ValenceServer", targets: ["ValenceServer"]),
        .executable(name: "valence", targets: ["valence"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        // `valence serve` only. No default traits: swift-configuration is not needed.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        // Hummingbird's own SwiftNIO, named for the client side of `--endpoint-url` (NIOHTTP1).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        // System ICU behind an opaque C shim: no ICU header is visible to Swift, because
        // Foundation carries its own ICU and the two sets of headers clash (spec/perf-floor.md §1).
        .target(
            name: "CICUShim",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CLibdeflate", path: "Sources/CLibdeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        .systemLibrary(name: "CLibcrypto", path: "Sources/CLibcrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CZstd", path: "Sources/CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .target(
            name: "ValenceCore",
            dependencies: ["CICUShim"],
            // The scoring loop keeps per-thread buffers in a Session object; dynamic exclusivity
            // checks on them cost ~8 % of a job's instructions (callgrind). The static checks stay.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]
        ),
        .target(
            name: "ValenceJobs",
            dependencies: ["ValenceCore", "CICUShim", "CZlib", "CLibdeflate", "CZstd"]
        ),
        // HTTP faces of JobService and the object root: AWS JSON 1.1 Comprehend, an S3 subset,
        // SigV4; and the client of such an endpoint (`--endpoint-url`). The one module that
        // depends on SwiftNIO (through Hummingbird).
        .target(
            name: "ValenceServer",
            dependencies: [
                "ValenceCore",
                "ValenceJobs",
                "CLibcrypto",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "valence",
            dependencies: [
                "ValenceCore",
                "ValenceJobs",
                "ValenceServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The libFuzzer targets (tools/fuzz.sh builds them with -sanitize=fuzzer); an ordinary build
        // makes a replayer of their corpora, which the tests run.
        .executableTarget(name: "valence-fuzz", dependencies: ["ValenceCore", "ValenceJobs"], path: "Fuzz", exclude: ["Corpus", "lsan.supp"]),
        // What the test targets share: temporary directories and job sandboxes, running the built
        // binary and other tools, the repository's packs and fixtures.
        .target(
            name: "ValenceTestSupport",
            dependencies: ["ValenceCore", "ValenceJobs"],
            path: "Tests/ValenceTestSupport"
        ),
        .testTarget(name: "ValenceCoreTests", dependencies: ["ValenceCore", "ValenceTestSupport"]),
        .testTarget(name: "ValenceJobsTests", dependencies: ["ValenceJobs", "ValenceCore", "ValenceTestSupport"]),
        .testTarget(name: "ValenceServerTests", dependencies: ["ValenceServer", "ValenceJobs", "ValenceTestSupport"]),
        .testTarget(name: "ValenceCLITests", dependencies: ["valence", "valence-fuzz", "ValenceCore", "ValenceJobs", "ValenceTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
