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

/// A benchmark executable: `Benchmarks/<name>`, with ValenceCore, the benchmark library and the
/// shared support; with ValenceJobs too when it loads pack files (`LexiconPack.load(from:)`) or
/// encodes and compresses records.
func benchmark(_ name: String, usesJobs: Bool = true) -> Target {
    var dependencies: [Target.Dependency] = [.product(name: "ValenceCore", package: "Valence")]
    if usesJobs { dependencies.append(.product(name: "ValenceJobs", package: "Valence")) }
    dependencies += [.product(name: "Benchmark", package: "benchmark"), "BenchmarkSupport"]
    return .executableTarget(
        name: name,
        dependencies: dependencies,
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

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
        benchmark("EnglishScoring"),
        benchmark("Segmentation", usesJobs: false),
        benchmark("LanguageScoring"),
        benchmark("PackLoading"),
        benchmark("Records"),
    ],
    swiftLanguageModes: [.v6]
)
