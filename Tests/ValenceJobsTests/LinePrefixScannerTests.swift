import Testing
import ValenceTestSupport
@testable import ValenceJobs

/// ``LinePrefixScanner`` (where a shard may cut a file, and the line count and validity before the
/// cut) against a byte-at-a-time reference, on files whose bytes come from small alphabets: runs
/// of ASCII that its eight-byte path skips, CR, LF and CRLF in every position, multi-byte and
/// invalid UTF-8, and files longer than its 1 MiB read chunks.
@Suite struct LinePrefixScannerTests {
    /// The cut for `target` as the scanner's contract states it, computed the slow way.
    static func reference(_ bytes: [UInt8], target: Int64) -> LinePrefixScanner.Cut {
        if target <= 0 { return .init(offset: 0, lineCount: 0, prefixIsValid: true) }
        var lines = 0
        var cut = bytes.count
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            var end: Int?
            if byte == 0x0A {
                end = index + 1
            } else if byte == 0x0D {
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                    end = index + 2
                    index += 1
                } else {
                    end = index + 1
                }
            }
            index += 1
            if let end {
                lines += 1
                if end >= target {
                    cut = end
                    break
                }
            }
        }
        if cut == bytes.count { lines = Self.terminators(bytes) }
        var prefix = Array(bytes[..<cut])
        if prefix.starts(with: [0xEF, 0xBB, 0xBF]) { prefix.removeFirst(3) }
        return .init(offset: Int64(cut), lineCount: lines, prefixIsValid: String(validating: prefix, as: UTF8.self) != nil)
    }

    static func terminators(_ bytes: [UInt8]) -> Int {
        var count = 0
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0D || (byte == 0x0A && (index == 0 || bytes[index - 1] != 0x0D)) { count += 1 }
        }
        return count
    }

    static func content(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        let pieces: [[UInt8]] = [Array("the food was great ".utf8), Array("x".utf8), [0x0A], [0x0D], [0x0D, 0x0A],
                                 Array("é".utf8), Array("日本".utf8), Array("😀".utf8), [0xFF], [0xE6, 0x97]]
        // Mostly ASCII with line ends (what the eight-byte path sees), now and then the rest.
        var bytes: [UInt8] = []
        while bytes.count < count {
            let roll = Int(next() % 100)
            let piece = roll < 70 ? pieces[0] : roll < 80 ? pieces[1] : roll < 90 ? pieces[2 + Int(next() % 3)]
                : roll < 99 ? pieces[5 + Int(next() % 3)] : pieces[8 + Int(next() % 2)]
            bytes += piece
        }
        return bytes
    }

    @Test(arguments: [(100, UInt64(1)), (5000, 2), (5000, 3), (70_000, 4), (2_500_000, 5)])
    func cutsMatchAByteAtATimeReference(size: Int, seed: UInt64) throws {
        var bytes = Self.content(size, seed: seed)
        if seed == 3 { bytes = [0xEF, 0xBB, 0xBF] + bytes.filter { $0 < 0x80 } }  // a BOM, then valid ASCII
        let scratch = try TemporaryDirectory()
        let path = try scratch.write("f.txt", bytes)
        var targets: [Int64] = [0, 1, 7, 8, 9, 63, 64, 65, Int64(bytes.count / 3), Int64(bytes.count / 2), Int64(bytes.count - 1),
                                Int64(bytes.count), Int64(bytes.count + 10)]
        var state = seed
        for _ in 0..<40 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            targets.append(Int64(state >> 33) % Int64(bytes.count))
        }
        targets.sort()
        let cuts = try LinePrefixScanner.cuts(in: path, fileName: "f.txt", atOrAfter: targets)
        #expect(cuts == targets.map { Self.reference(bytes, target: $0) })
    }
}
