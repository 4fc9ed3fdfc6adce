import Foundation
import Testing
@testable import ValenceJobs

/// libdeflate writes complete deflate streams; the scanner finds their final block and end to the
/// bit so that they can be chained into the one deflate stream of a single-member gzip file.
@Suite struct DeflateBlockScannerTests {
    /// Pieces from `inputs`, chained as an ArchiveWriter chains them, must inflate to the inputs.
    static func chain(_ inputs: [[UInt8]], level: Int) throws -> [UInt8] {
        let encoder = try GzipEncoder(level: level)
        var member = GzipEncoder.head(holding: [])
        var checksum = Zlib.checksum([])
        var total = 0
        for (index, input) in inputs.enumerated() {
            let isLast = index == inputs.count - 1
            var output = [UInt8](repeating: 0xAA, count: encoder.bound(input.count))
            let (count, crc) = try input.withUnsafeBytes { raw in
                try output.withUnsafeMutableBytes { try encoder.compress(raw, into: $0, isLast: isLast) }
            }
            member += output[..<count]
            checksum = Zlib.combine(checksum, crc, secondCount: input.count)
            total += input.count
        }
        member += GzipEncoder.tail(checksum: checksum, count: total)
        return try GzipDecoder.decompress(member)
    }

    static func random(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
    }

    static func text(_ count: Int, seed: UInt64) -> [UInt8] {
        let words = ["{\"File\": \"a.txt\", ", "\"Line\": ", "\"Sentiment\": \"POSITIVE\", ", "\"Mixed\": 0.0001, ",
                     "\"Negative\": 0.25, ", "\"Neutral\": 0.5, ", "\"Positive\": 0.25}\n"]
        var out: [UInt8] = []
        var state = seed
        while out.count < count {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            out += words[Int(state >> 40) % words.count].utf8
            out += String(state >> 50).utf8
        }
        return Array(out.prefix(count))
    }

    /// Bytes whose frequencies halve from one value to the next (value k about 2^-(k+1) of the
    /// time): their Huffman codes run from 1 bit to the 15-bit limit, past the scanner's lookup width.
    static func skewed(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: (state | 1 << 40).trailingZeroBitCount)
        }
    }

    @Test("Codes longer than the scanner's lookup width are decoded")
    func longCodesRoundTrip() throws {
        let inputs = [100_000, 300_000, 1 << 20].enumerated().map { Self.skewed($1, seed: UInt64($0)) }
        for level in [1, 6, 12] {
            #expect(try Self.chain(inputs + [Self.text(1000, seed: 1)], level: level) == Array(inputs.joined()) + Self.text(1000, seed: 1))
        }
    }

    @Test("Chained pieces inflate to the input at every libdeflate level, for text, random bytes and empty pieces",
          arguments: [0, 1, 5, 6, 9, 12])
    func chainedPiecesRoundTrip(level: Int) throws {
        // Random bytes become stored blocks; text becomes dynamic Huffman blocks; tiny pieces
        // fixed-Huffman blocks; several sizes move the stream's end through every bit of a byte.
        var inputs: [[UInt8]] = [[], Array("a".utf8)]
        for (n, size) in [1, 2, 3, 5, 8, 13, 100, 999, 4096, 65_535, 65_536, 300_001].enumerated() {
            inputs.append(Self.text(size, seed: UInt64(n)))
            inputs.append(Self.random(size, seed: UInt64(n)))
        }
        inputs.append(Self.text(1 << 20, seed: 99))
        inputs.append([])
        #expect(try Self.chain(inputs, level: level) == Array(inputs.joined()))
    }

    @Test("The layout of a stream libdeflate wrote ends within its last byte")
    func layoutEndsInTheLastByte() throws {
        let encoder = try GzipEncoder(level: 5)
        let scanner = DeflateBlockScanner()
        for size in [0, 1, 77, 5000, 200_000] {
            let input = Self.text(size, seed: UInt64(size))
            var output = [UInt8](repeating: 0, count: encoder.bound(input.count))
            let (count, _) = try input.withUnsafeBytes { raw in
                try output.withUnsafeMutableBytes { try encoder.compress(raw, into: $0, isLast: true) }
            }
            let layout = try output.withUnsafeBytes { try scanner.layout(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            #expect(layout.endBit > (count - 1) * 8 && layout.endBit <= count * 8, "size \(size)")
            #expect(layout.finalBlockBit < layout.endBit)
            #expect(output[layout.finalBlockBit >> 3] >> UInt8(layout.finalBlockBit & 7) & 1 == 1, "BFINAL is set there")
        }
    }

    @Test("Garbage and truncated streams are errors, never a crash or a hang")
    func corruptStreamsThrow() throws {
        let scanner = DeflateBlockScanner()
        let encoder = try GzipEncoder(level: 6)
        let input = Self.text(50_000, seed: 3)
        var output = [UInt8](repeating: 0, count: encoder.bound(input.count))
        let (count, _) = try input.withUnsafeBytes { raw in
            try output.withUnsafeMutableBytes { try encoder.compress(raw, into: $0, isLast: true) }
        }
        let valid = Array(output[..<count])
        var failures = 0
        for cut in stride(from: 1, to: valid.count, by: max(1, valid.count / 50)) {
            do {
                _ = try valid.withUnsafeBytes { try scanner.layout(UnsafeRawBufferPointer(rebasing: $0[..<cut])) }
            } catch {
                failures += 1
            }
        }
        #expect(failures >= 45, "truncated streams should fail to scan: \(failures) of 50 did")
        for seed in 0..<200 {
            let garbage = Self.random(Int(seed % 40) * 37 + 1, seed: UInt64(seed))
            _ = try? garbage.withUnsafeBytes { try scanner.layout($0) }
        }
        #expect(throws: ArchiveError.self) { try [UInt8]().withUnsafeBytes { try scanner.layout($0) } }
    }
}
