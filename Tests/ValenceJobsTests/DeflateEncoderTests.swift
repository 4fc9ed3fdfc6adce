import Foundation
import Testing
import ValenceCore
@testable import ValenceJobs
import ValenceTestSupport

/// `DeflateEncoder`, the gzip codec's own deflate: every stream it writes is inflated back by zlib
/// (in a gzip member, so that zlib also checks the CRC and that the stream ends where the member
/// says), alone and as pieces of one stream, at every level, on inputs chosen for each of its
/// paths; its Huffman lengths are checked to be complete prefix codes within deflate's limits;
/// and on job records it must stay within the size bound (zlib level 6 + 2 %).
@Suite struct DeflateEncoderTests {
    /// `pieces` compressed in order by one encoder, the last one final, as one gzip member.
    static func member(_ pieces: [[UInt8]], level: Int, segmentSize: Int = 1 << 20) -> [UInt8] {
        let encoder = DeflateEncoder(level: level, segmentSize: segmentSize)
        var stream: [UInt8] = []
        var checksum: UInt32 = 0, total = 0
        for (index, piece) in pieces.enumerated() {
            stream += compress(piece, with: encoder, isLast: index == pieces.count - 1)
            checksum = Zlib.combine(checksum, Zlib.checksum(piece), secondCount: piece.count)
            total += piece.count
        }
        return GzipEncoder.head(holding: []) + stream + GzipEncoder.tail(checksum: checksum, count: total)
    }

    static func compress(_ bytes: [UInt8], with encoder: DeflateEncoder, isLast: Bool) -> [UInt8] {
        let capacity = encoder.bound(bytes.count)
        return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            count = bytes.withUnsafeBytes { encoder.compress($0, into: UnsafeMutableRawBufferPointer(buffer), isLast: isLast) }
            #expect(count <= capacity)
        }
    }

    static func randomBytes(_ count: Int, seed: UInt64, alphabet: Int = 256) -> [UInt8] {
        var random = TestRandom(seed: seed)
        return (0..<count).map { _ in UInt8(random.next() % UInt64(alphabet)) }
    }

    static func records(_ count: Int, seed: UInt64) -> [UInt8] {
        var random = TestRandom(seed: seed)
        var encoder = RecordEncoder()
        var out: [UInt8] = []
        for index in 0..<count {
            if index % 211 == 7 {
                encoder.appendError(file: "reviews/part-\(index / 5000).txt", line: index, error: .unsupportedEncoding, to: &out)
                continue
            }
            let a = Float(random.unit()) * 0.6, b = Float(random.unit()) * 0.3, c = Float(random.unit()) * 0.05
            let score = SentimentScore(positive: max(0, 1 - a - b - c), negative: a, neutral: b, mixed: c)
            encoder.appendSuccess(file: "reviews/part-\(index / 5000).txt", line: index, sentiment: score.argmax, score: score, to: &out)
        }
        return out
    }

    /// Inputs for every path: empty and tiny (no room for a match), stored (random bytes), long
    /// runs (length 258 at distance 1), repeats at the window's edge, digits (never looked up),
    /// skewed byte frequencies (deep Huffman trees), text and records.
    static func inputs() -> [(String, [UInt8])] {
        let block = randomBytes(32768, seed: 3)
        let farBlock = randomBytes(32769, seed: 4)
        var fibonacci: [UInt8] = []
        var (a, b) = (1, 1)
        for symbol in 0..<24 {
            fibonacci += [UInt8](repeating: UInt8(symbol * 7 + 1), count: a)
            (a, b) = (b, a + b)
        }
        var random = TestRandom(seed: 9)
        for index in stride(from: fibonacci.count - 1, to: 0, by: -1) { fibonacci.swapAt(index, random.below(index + 1)) }
        let text = Array(String(repeating: "The food was great, but the service was terrible! 12345 ", count: 400).utf8)
        return [
            ("empty", []),
            ("one byte", [0x41]),
            ("nine bytes", Array("abcdefghi".utf8)),
            ("ten equal bytes", [UInt8](repeating: 0x61, count: 10)),
            ("eleven bytes", Array("abcabcabcab".utf8)),
            ("random", randomBytes(70_000, seed: 1)),
            ("random, 16 symbols", randomBytes(50_000, seed: 2, alphabet: 16)),
            ("zeros", [UInt8](repeating: 0, count: 200_000)),
            ("repeat at distance 32768", block + block),
            ("repeat at distance 32769", farBlock + farBlock),
            ("digits", randomBytes(40_000, seed: 5, alphabet: 10).map { $0 + 0x30 }),
            ("skewed frequencies", fibonacci),
            ("text", text),
            ("records", records(3000, seed: 6)),
        ]
    }

    @Test("Every level's stream inflates back to its input, alone and as the last of several pieces, in segments of 1 MiB and of 1 KiB")
    func roundTrip() throws {
        for level in DeflateEncoder.levels {
            for segmentSize in [1 << 20, 1024] {
                for (name, input) in Self.inputs() {
                    let alone = try GzipDecoder.decompress(Self.member([input], level: level, segmentSize: segmentSize))
                    #expect(alone == input, "level \(level), segments of \(segmentSize), \(name)")
                    let split = [Array(input.prefix(input.count / 3)), Array(input.dropFirst(input.count / 3)), []]
                    let pieces = try GzipDecoder.decompress(Self.member(split, level: level, segmentSize: segmentSize))
                    #expect(pieces == input, "level \(level), segments of \(segmentSize), \(name) in pieces")
                }
            }
        }
    }

    @Test("An input of several segments (2.5 MB of records) is several blocks and inflates back")
    func severalSegments() throws {
        let input = Self.records(12_000, seed: 8)
        #expect(input.count > 2 << 20)
        let encoder = DeflateEncoder(level: 2)
        let piece = Self.compress(input, with: encoder, isLast: true)
        #expect(piece.count < input.count / 3)
        #expect(try GzipDecoder.decompress(Self.member([input], level: 2)) == input)
    }

    @Test("A non-final piece ends on a byte boundary with an empty stored block, a final one without")
    func pieceEnds() {
        let encoder = DeflateEncoder(level: 2)
        for (name, input) in Self.inputs() {
            let piece = Self.compress(input, with: encoder, isLast: false)
            #expect(Array(piece.suffix(4)) == [0x00, 0x00, 0xFF, 0xFF], "\(name)")
            let last = Self.compress(input, with: encoder, isLast: true)
            #expect(last.first.map { $0 & 1 } == 1 || input.count > 65535, "\(name): BFINAL on the one block")
        }
    }

    @Test("A chunk's bytes do not depend on what the encoder compressed before (same bytes on any thread)")
    func chunksAreIndependent() {
        let chunks = (0..<6).map { Self.records(700, seed: 20 + UInt64($0)) }
        let shared = DeflateEncoder(level: 2)
        for chunk in chunks {
            let reused = Self.compress(chunk, with: shared, isLast: false)
            let fresh = Self.compress(chunk, with: DeflateEncoder(level: 2), isLast: false)
            #expect(reused == fresh)
        }
    }

    @Test("GzipDecoder's raw mode reads non-final pieces back, and refuses garbage and bytes after the final block")
    func rawPieces() throws {
        let encoder = DeflateEncoder(level: 2)
        let input = Self.records(600, seed: 31)
        let pieces = Self.compress(Array(input.prefix(5000)), with: encoder, isLast: false)
            + Self.compress(Array(input.dropFirst(5000)), with: encoder, isLast: false)
        #expect(try GzipDecoder.decompress(pieces, rawPieces: true) == input)
        let final = Self.compress(input, with: encoder, isLast: true)
        #expect(try GzipDecoder.decompress(final, rawPieces: true) == input)
        #expect(throws: ArchiveError.self) { try GzipDecoder.decompress(final + [0], rawPieces: true) }
        #expect(throws: ArchiveError.self) { try GzipDecoder.decompress([0xFF, 0xFF, 0xFF, 0xFF], rawPieces: true) }
    }

    @Test("Huffman lengths are complete prefix codes within deflate's limits, even for Fibonacci frequencies")
    func limitedLengths() {
        for (count, limit) in [(286, 15), (30, 15), (19, 7)] {
            for shape in 0..<4 {
                var frequencies = [UInt32](repeating: 0, count: count)
                var (a, b): (UInt32, UInt32) = (1, 1)
                for symbol in 0..<count {
                    switch shape {
                    case 0: frequencies[symbol] = a; (a, b) = (b, min(a &+ b, 1 << 30))
                    case 1: frequencies[symbol] = symbol % 3 == 0 ? 0 : UInt32(symbol + 1)
                    case 2: frequencies[symbol] = symbol < 2 ? 1 : 0
                    default: frequencies[symbol] = 1
                    }
                }
                var lengths = [UInt8](repeating: 0, count: count)
                frequencies.withUnsafeBufferPointer { frequencies in
                    lengths.withUnsafeMutableBufferPointer { lengths in
                        HuffmanScratch.limitedLengths(frequencies.baseAddress!, count: count, limit: limit, into: lengths.baseAddress!)
                    }
                }
                let used = frequencies.indices.filter { frequencies[$0] > 0 }
                #expect(used.allSatisfy { lengths[$0] >= 1 && Int(lengths[$0]) <= limit }, "count \(count), shape \(shape)")
                #expect(frequencies.indices.allSatisfy { frequencies[$0] > 0 || lengths[$0] == 0 })
                // Kraft's sum is exactly one: a complete prefix code.
                let kraft = used.reduce(0) { $0 + (1 << (limit - Int(lengths[$1]))) }
                #expect(kraft == 1 << limit, "count \(count), shape \(shape)")
                // More frequent symbols never get longer codes.
                for x in used { for y in used where frequencies[x] > frequencies[y] { #expect(lengths[x] <= lengths[y]) } }
            }
        }
    }

    @Test("On job records, the default level stays within zlib level 6 + 2 % (the issue's bound), in chunks of a batch's records")
    func recordsRatio() throws {
        let records = Self.records(30_000, seed: 42)
        // Chunks of a batch's records, as the pipeline cuts them.
        var chunks: [[UInt8]] = []
        var start = 0, lines = 0
        for (index, byte) in records.enumerated() where byte == 0x0A {
            lines += 1
            if lines % JobRunner.defaultBatchDocuments == 0 { chunks.append(Array(records[start...index])); start = index + 1 }
        }
        chunks.append(Array(records[start...]))
        let encoder = DeflateEncoder(level: 2)
        var size = 0
        for (index, chunk) in chunks.enumerated() { size += Self.compress(chunk, with: encoder, isLast: index == chunks.count - 1).count }
        #expect(try GzipDecoder.decompress(Self.member(chunks, level: 2)) == records)

        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("records.jsonl")
        try Data(records).write(to: URL(fileURLWithPath: path))
        let run = try ToolRun.python("""
            import sys, zlib
            c = zlib.compressobj(6, zlib.DEFLATED, -15)
            print(len(c.compress(open(sys.argv[1], 'rb').read()) + c.flush()))
            """, [path])
        let zlibSize = try #require(Int(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), "\(run)")
        #expect(Double(size) <= Double(zlibSize) * 1.02, "deflate \(size) bytes, zlib -6 \(zlibSize)")
    }
}
