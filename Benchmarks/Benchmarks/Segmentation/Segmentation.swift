import Benchmark
import BenchmarkSupport
import ValenceCore

// Segmentation throughput per language: `Segmenter.forEachToken` (ICU word break plus emoji
// tokens) over every text of the shared <lang>.jsonl eval file, one document at a time. One
// iteration is one pass over that language's texts; MB/s = UTF-8 bytes / wall time of a pass.
/// All texts in one UTF-8 buffer, with each document's byte range, built before measuring.
func concatenated(_ texts: [String]) -> (buffer: [UInt8], ranges: [Range<Int>]) {
    var buffer: [UInt8] = []
    var ranges: [Range<Int>] = []
    for text in texts {
        let start = buffer.count
        buffer.append(contentsOf: text.utf8)
        ranges.append(start..<buffer.count)
    }
    return (buffer, ranges)
}

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal],
        warmupIterations: 3,
        scalingFactor: .one,
        maxDuration: .seconds(2),
        maxIterations: 200
    )
    var stats: [String: Any] = [:]
    for language in LanguageCode.allCases {
        let texts = BenchmarkCorpus.texts(for: language)
        let (buffer, ranges) = concatenated(texts)
        let segmenter: Segmenter
        do {
            segmenter = try Segmenter(language: language)
        } catch {
            BenchmarkCorpus.fail("cannot open a segmenter for \(language.rawValue): \(error)")
        }
        func countTokens() -> Int {
            var tokens = 0
            buffer.withUnsafeBufferPointer { all in
                for range in ranges {
                    try? segmenter.forEachToken(in: UnsafeBufferPointer(rebasing: all[range])) { _ in tokens += 1 }
                }
            }
            return tokens
        }
        stats[language.rawValue] = ["documents": texts.count, "bytes": buffer.count, "tokens": countTokens()]

        Benchmark("segment \(language.rawValue)", configuration: configuration) { benchmark in
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(countTokens())
            }
            benchmark.stopMeasurement()
        }
    }
    // zh, zh-TW and ja word break side by side: the shim's CJK dictionary break (the default) and
    // ICU's own dictionary engine, on the same texts; both give the same segments.
    for language in [LanguageCode.zh, .zhTW, .ja] {
        let (buffer, ranges) = concatenated(BenchmarkCorpus.texts(for: language))
        for usesICUDictionary in [false, true] {
            let breaker: ICUWordBreaker
            do {
                breaker = try ICUWordBreaker(locale: language.icuLocale, usesICUDictionary: usesICUDictionary)
            } catch {
                BenchmarkCorpus.fail("cannot open a word breaker for \(language.rawValue): \(error)")
            }
            let name = "word break \(language.rawValue), " + (usesICUDictionary ? "ICU's dictionary engine" : "shim's dictionary break")
            Benchmark(name, configuration: configuration) { benchmark in
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations {
                    var segments = 0
                    buffer.withUnsafeBufferPointer { all in
                        for range in ranges {
                            try? breaker.forEachSegment(in: UnsafeBufferPointer(rebasing: all[range])) { _ in segments += 1 }
                        }
                    }
                    blackHole(segments)
                }
                benchmark.stopMeasurement()
            }
        }
    }
    BenchmarkCorpus.writeStats("Segmentation", stats)
}
