import Benchmark
import BenchmarkSupport
import ValenceCore
import ValenceJobs

// English scoring throughput: `Session.analyze` (VADER 3.3.2 valence + calibrated scores) over
// every text of the shared en*.jsonl eval files. One iteration is one pass over the whole corpus;
// docs/s = documents / wall time of a pass, MB/s = UTF-8 bytes / wall time, and the malloc counts
// divided by the document count give allocations per document (tools/performance-report.sh).
let benchmarks: @Sendable () -> Void = {
    let texts = BenchmarkCorpus.englishTexts()
    let bytes = BenchmarkCorpus.utf8Bytes(texts)
    BenchmarkCorpus.writeStats("EnglishScoring", ["documents": texts.count, "bytes": bytes])

    let pack: LexiconPack
    let session: SentimentAnalyzer.Session
    do {
        pack = try LexiconPack.load(from: BenchmarkCorpus.packDirectory(.en))
        session = try SentimentAnalyzer(pack: pack).makeSession()
    } catch {
        BenchmarkCorpus.fail("cannot load the en pack: \(error)")
    }

    Benchmark(
        "analyze en corpus",
        configuration: .init(
            metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal, .mallocBytesCount, .peakMemoryResident],
            warmupIterations: 2,
            scalingFactor: .one,
            maxDuration: .seconds(8),
            maxIterations: 40
        )
    ) { benchmark in
        // Setup (corpus, pack, session) happened above; only the scoring is measured.
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            for text in texts {
                blackHole(session.analyze(text))
            }
        }
        benchmark.stopMeasurement()
    }
}
