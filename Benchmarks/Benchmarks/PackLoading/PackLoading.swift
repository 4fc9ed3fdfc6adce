import Benchmark
import BenchmarkSupport
import ValenceCore
import ValenceJobs

// What every process pays before its first document, per language: the pack read from
// `Lexicons/<lang>` (`LexiconPack.load(from:)`: every file checked and parsed), compiled
// (`SentimentAnalyzer(pack:)`) and one session made on it. One iteration is one whole load.
//
// The allocation count of a load does not depend on the machine, so it is the metric with
// checked-in thresholds (`Thresholds/PackLoading.load-<lang>-pack.p90.json`, mallocCountTotal only): a change that
// brings back a `String` per pack line shows there as thousands more allocations, and
// `tools/bench-thresholds.sh check` fails. Times are reported, not checked.
let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal],
        warmupIterations: 1,
        scalingFactor: .one,
        maxDuration: .seconds(3),
        maxIterations: 30,
        thresholds: [.mallocCountTotal: .init(relative: [.p90: 1.0], absolute: [.p90: 50])]
    )
    for language in LanguageCode.allCases {
        Benchmark("load-\(language.rawValue)-pack", configuration: configuration) { benchmark in
            let directory = BenchmarkCorpus.packDirectory(language)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                do {
                    let pack = try LexiconPack.load(from: directory)
                    blackHole(try SentimentAnalyzer(pack: pack).makeSession())
                } catch {
                    BenchmarkCorpus.fail("cannot load the \(language.rawValue) pack: \(error)")
                }
            }
            benchmark.stopMeasurement()
        }
    }
}
