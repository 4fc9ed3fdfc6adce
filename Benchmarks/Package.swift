// swift-tools-version:6.1
import PackageDescription

// Benchmarks live in their own package so that the root package's `swift build` and `swift test`
// never resolve or build package-benchmark.
//   Run:    cd Benchmarks && swift package benchmark [--target EnglishScoring|LanguageScoring|Segmentation|Records|PackLoading]
//   Allocation thresholds (PackLoading, Records): tools/bench-thresholds.sh check|update
//   Report: tools/performance-report.sh (writes docs/PERFORMANCE.md)
// Inputs are read at run time from $VALENCE_SHARED/eval, default ../shared/eval from the repository root.
//
// package-benchmark 1.38.1 on Linux with Swift 6.3 also lists ordo-one/swift-runtime-interposer
// (used only under its default "RuntimeInterposer" trait), which is not available here. Naming the
// traits explicitly replaces the defaults: with only "MallocInterposer" enabled, SwiftPM prunes the
// runtime interposer dependency, and the malloc counters (ordo-one/malloc-interposer) stay on.
// No jemalloc is needed: 1.38.1 counts allocations with the interposer on Swift 6.3.
let package = Package(
    name: "ValenceBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Valence", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Corpus location and loading shared by the benchmark executables.
        .target(
            name: "BenchmarkSupport",
            dependencies: [.product(name: "ValenceCore", package: "Valence")],
            path: "Support"
        ),
        .executableTarget(
            name: "EnglishScoring",
            dependencies: [
                .product(name: "ValenceCore", package: "Valence"),
                .product(name: "ValenceJobs", package: "Valence"),  // LexiconPack.load(from:) reads pack files
                .product(name: "Benchmark", package: "benchmark"),
                "BenchmarkSupport",
            ],
            path: "Benchmarks/EnglishScoring",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Segmentation",
            dependencies: [
                .product(name: "ValenceCore", package: "Valence"),
                .product(name: "Benchmark", package: "benchmark"),
                "BenchmarkSupport",
            ],
            path: "Benchmarks/Segmentation",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "LanguageScoring",
            dependencies: [
                .product(name: "ValenceCore", package: "Valence"),
                .product(name: "ValenceJobs", package: "Valence"),  // LexiconPack.load(from:) reads pack files
                .product(name: "Benchmark", package: "benchmark"),
                "BenchmarkSupport",
            ],
            path: "Benchmarks/LanguageScoring",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "PackLoading",
            dependencies: [
                .product(name: "ValenceCore", package: "Valence"),
                .product(name: "ValenceJobs", package: "Valence"),  // LexiconPack.load(from:) reads pack files
                .product(name: "Benchmark", package: "benchmark"),
                "BenchmarkSupport",
            ],
            path: "Benchmarks/PackLoading",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Records",
            dependencies: [
                .product(name: "ValenceCore", package: "Valence"),
                .product(name: "ValenceJobs", package: "Valence"),  // RecordEncoder, ChunkCompressor, LexiconPack
                .product(name: "Benchmark", package: "benchmark"),
                "BenchmarkSupport",
            ],
            path: "Benchmarks/Records",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
