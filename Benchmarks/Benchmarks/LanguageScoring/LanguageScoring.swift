import Benchmark
import BenchmarkSupport
import ValenceCore
import ValenceJobs

// Scoring throughput per language: `Session.analyze` (segmentation, lexicon valence, learned
// evidence, calibrated scores) over every text of the shared <lang>.jsonl eval file, for every
// language but en (EnglishScoring measures en on a larger corpus). One iteration is one pass over
// that language's texts; docs/s = documents / wall time of a pass, MB/s = UTF-8 bytes / wall time.
// Each pass's malloc count is one sample, so the spread of those samples over the passes shows
// whether allocations grow as the session scores more documents (tools/performance-report.sh).
let benchmarks: @Sendable () -> Void = {
    var stats: [String: Any] = [:]
    for language in LanguageCode.allCases where language != .en {
        let texts = BenchmarkCorpus.texts(for: language)
        stats[language.rawValue] = ["documents": texts.count, "bytes": BenchmarkCorpus.utf8Bytes(texts)]

        Benchmark(
            "analyze \(language.rawValue)",
            configuration: .init(
                metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal, .mallocBytesCount, .peakMemoryResident],
                warmupIterations: 2,
                scalingFactor: .one,
                maxDuration: .seconds(2),
                maxIterations: 200
            )
        ) { (benchmark: Benchmark, session: SentimentAnalyzer.Session) in
            // The pack and session come from setup below; only the scoring is measured.
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                for text in texts {
                    blackHole(session.analyze(text))
                }
            }
            benchmark.stopMeasurement()
        } setup: {
            // Every benchmark runs in its own process: only this language's pack is loaded there,
            // so the peak resident memory is that of one pack and one session.
            makeSession(language)
        }
    }
    BenchmarkCorpus.writeStats("LanguageScoring", stats)
}

/// The pack `Lexicons/<lang>` and one session on it.
func makeSession(_ language: LanguageCode) -> SentimentAnalyzer.Session {
    do {
        let pack = try LexiconPack.load(from: BenchmarkCorpus.packDirectory(language))
        return try SentimentAnalyzer(pack: pack).makeSession()
    } catch {
        BenchmarkCorpus.fail("cannot load the \(language.rawValue) pack: \(error)")
    }
}
