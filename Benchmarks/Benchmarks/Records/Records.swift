import Benchmark
import BenchmarkSupport
import ValenceCore
import ValenceJobs

// What a job does with a document after scoring it: the record encoder (JSON with shortest float32
// scores) and the chunk compressor (`DeflateEncoder`'s byte-aligned pieces of one gzip member, or a
// zstd frame). The input is the English eval corpus, scored once in
// setup; its records are cut into chunks of 512 records, as the job pipeline cuts its batches.
// One iteration is one pass over all records; MB/s is record bytes per second (the records are
// about twice the input text); allocations per pass are checked against Thresholds/ by
// tools/bench-thresholds.sh. (Names without spaces: package-benchmark 1.38.1 writes a threshold
// file with a name's spaces as `_` but reads it back under the name as it is.)
let benchmarks: @Sendable () -> Void = {
    let texts = BenchmarkCorpus.englishTexts()
    let session: SentimentAnalyzer.Session
    do {
        session = try SentimentAnalyzer(pack: try LexiconPack.load(from: BenchmarkCorpus.packDirectory(.en))).makeSession()
    } catch {
        BenchmarkCorpus.fail("cannot load the en pack: \(error)")
    }
    let analyses = texts.map { session.analyze($0) }
    let chunkRecords = 512
    var chunks: [[UInt8]] = []
    var encoder = RecordEncoder()
    for start in stride(from: 0, to: analyses.count, by: chunkRecords) {
        var chunk: [UInt8] = []
        for (offset, analysis) in analyses[start..<min(start + chunkRecords, analyses.count)].enumerated() {
            encoder.appendSuccess(file: "corpus.txt", line: start + offset, sentiment: analysis.sentiment, score: analysis.score, to: &chunk)
        }
        chunks.append(chunk)
    }
    let recordBytes = chunks.reduce(0) { $0 + $1.count }
    BenchmarkCorpus.writeStats("Records", ["documents": texts.count, "record-bytes": recordBytes, "chunks": chunks.count])

    // Allocations are checked against Thresholds/Records.*.p90.json (tools/bench-thresholds.sh), with
    // room for the few that package-benchmark's own memory sampler makes during a pass.
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 2, scalingFactor: .one, maxDuration: .seconds(8), maxIterations: 40,
        thresholds: [.mallocCountTotal: .init(relative: [.p90: 2.0], absolute: [.p90: 50])])

    Benchmark("encode-en-records", configuration: configuration) { benchmark in
        var encoder = RecordEncoder()
        var buffer: [UInt8] = []
        buffer.reserveCapacity(recordBytes)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            buffer.removeAll(keepingCapacity: true)
            for (line, analysis) in analyses.enumerated() {
                encoder.appendSuccess(file: "corpus.txt", line: line, sentiment: analysis.sentiment, score: analysis.score, to: &buffer)
            }
            blackHole(buffer.count)
        }
        benchmark.stopMeasurement()
    }

    for compression in [ArchiveCompression.gzip, .zstd] {
        Benchmark("compress-en-record-chunks-\(compression.codec.rawValue)", configuration: configuration) { benchmark in
            let compressor: ChunkCompressor
            do {
                compressor = try ChunkCompressor(compression)
            } catch {
                BenchmarkCorpus.fail("cannot make a \(compression) compressor: \(error)")
            }
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                for chunk in chunks {
                    do {
                        blackHole(try compressor.compress(chunk).bytes.count)
                    } catch {
                        BenchmarkCorpus.fail("\(compression) failed: \(error)")
                    }
                }
            }
            benchmark.stopMeasurement()
        }
    }
}
