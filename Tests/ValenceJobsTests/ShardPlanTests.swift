import Foundation
import Testing
import ValenceJobs
import ValenceTestSupport

/// A job split into N shards reads, shard after shard, exactly the documents (with their `Line`s)
/// that one reader of the whole input reads (issue #14).
@Suite struct ShardPlanTests {
    /// Lines with every terminator, empty lines, a BOM, a line over 5120 bytes, non-ASCII text.
    static func lines(_ count: Int, _ random: inout TestRandom) -> [UInt8] {
        var bytes: [UInt8] = random.next() % 3 == 0 ? [0xEF, 0xBB, 0xBF] : []
        let terminators: [[UInt8]] = [[0x0A], [0x0D, 0x0A], [0x0D]]
        for index in 0 ..< count {
            switch random.next() % 10 {
            case 0: break // an empty line
            case 1: bytes += Array(String(repeating: "long ", count: 1100).utf8)
            case 2: bytes += Array("Ça va très bien, 很好 \(index)".utf8)
            default: bytes += Array("line \(index) of a file, good and bad".utf8)
            }
            if index < count - 1 || random.next() % 2 == 0 {
                bytes += terminators[Int(random.next() % 3)]
            }
        }
        return bytes
    }

    static func documents(_ reader: inout InputReader) throws -> [InputDocument] {
        var documents: [InputDocument] = []
        while let document = try reader.next() { documents.append(document) }
        return documents
    }

    static func tree(seed: UInt64, format: InputFormat) throws -> (TemporaryDirectory, [InputObject]) {
        let scratch = try TemporaryDirectory()
        var random = TestRandom(seed: seed)
        try scratch.write("s3/bkt/in/a-empty.txt", "")
        try scratch.write("s3/bkt/in/b-big.txt", Self.lines(900, &random))
        try scratch.write("s3/bkt/in/c-small.txt", Self.lines(3, &random))
        // Invalid UTF-8 in the middle: the rest of the file has no records, whichever shard reads it.
        try scratch.write("s3/bkt/in/d-bad.txt", Self.lines(200, &random) + [0x0A, 0xC3, 0x28, 0x0A] + Self.lines(300, &random))
        try scratch.write("s3/bkt/in/e-cr-only.txt", Array(String(repeating: "cr line\r", count: 400).utf8))
        try scratch.write("s3/bkt/in/f-last.txt", Self.lines(50, &random))
        let objects = try InputSelector(store: scratch.store()).select(#require(S3URI("s3://bkt/in/")))
        return (scratch, objects)
    }

    @Test(arguments: [InputFormat.oneDocPerLine, .oneDocPerFile], [UInt64(1), 2, 3])
    func shardsReadExactlyWhatOneReaderReads(format: InputFormat, seed: UInt64) throws {
        let (scratch, objects) = try Self.tree(seed: seed, format: format)
        _ = scratch
        var whole = InputReader(objects: objects, format: format, chunkSize: 4096)
        let expected = try Self.documents(&whole)
        #expect(expected.count >= (format == .oneDocPerLine ? 1000 : 5))
        for shardCount in [1, 2, 3, 4, 5, 8, 13, 64] {
            let plan = try ShardPlan.make(objects: objects, format: format, shardCount: shardCount)
            #expect(plan.shards.count == shardCount)
            var joined: [InputDocument] = []
            var bytes: Int64 = 0
            for pieces in plan.shards {
                var reader = InputReader(pieces: pieces, format: format, chunkSize: 4096)
                joined += try Self.documents(&reader)
                #expect(reader.bytesProcessed == reader.totalBytes)
                bytes += reader.totalBytes
            }
            if let first = Array(zip(joined, expected)).firstIndex(where: { $0.0 != $0.1 }) ?? (joined.count == expected.count ? nil : min(joined.count, expected.count)) {
                Issue.record("\(shardCount) shards, seed \(seed): first difference at \(first) of \(expected.count)/\(joined.count): \(first < joined.count ? "\(joined[first])" : "end") vs \(first < expected.count ? "\(expected[first])" : "end")")
            }
            if format == .oneDocPerFile {
                // Files are never split.
                #expect(plan.shards.flatMap { $0 }.allSatisfy { $0.start == 0 && $0.end == nil })
            }
            // Nothing is read twice (pieces after an invalid byte are dropped, so at most the total).
            #expect(bytes <= objects.reduce(0) { $0 + $1.size })
        }
    }

    /// A shard resumed from a checkpoint inside one of its pieces reads on exactly as it would have.
    @Test func aShardResumesInsideItsPieces() throws {
        let (scratch, objects) = try Self.tree(seed: 4, format: .oneDocPerLine)
        _ = scratch
        let plan = try ShardPlan.make(objects: objects, format: .oneDocPerLine, shardCount: 3)
        for pieces in plan.shards {
            var whole = InputReader(pieces: pieces, format: .oneDocPerLine, chunkSize: 4096)
            let expected = try Self.documents(&whole)
            for stop in stride(from: 1, to: expected.count, by: max(1, expected.count / 7)) {
                var first = InputReader(pieces: pieces, format: .oneDocPerLine, chunkSize: 4096)
                for _ in 0 ..< stop { _ = try first.next() }
                var rest = InputReader(pieces: pieces, format: .oneDocPerLine, chunkSize: 4096, resumingAt: first.position)
                #expect(try Self.documents(&rest) == Array(expected[stop...]), "resumed after \(stop)")
            }
        }
    }

    /// Shards are balanced by bytes: one big file split at line ends gives parts within a line of
    /// the even share.
    @Test func oneBigFileIsSplitEvenlyAtLineEnds() throws {
        let scratch = try TemporaryDirectory()
        let line = Array("a line of forty bytes, give or take....\n".utf8)
        try scratch.write("s3/bkt/one.txt", Array((0 ..< 10_000).map { _ in line }.joined()))
        let objects = try InputSelector(store: scratch.store()).select(#require(S3URI("s3://bkt/")))
        let plan = try ShardPlan.make(objects: objects, format: .oneDocPerLine, shardCount: 4)
        let pieces = plan.shards.map { try! #require($0.first) }
        #expect(pieces.map(\.start) == [0, 100_000, 200_000, 300_000])
        #expect(pieces.map(\.firstLine) == [0, 2500, 5000, 7500])
        #expect(pieces.map(\.end) == [100_000, 200_000, 300_000, nil])
    }

    @Test func moreShardsThanDocumentsLeavesSomeEmpty() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("s3/bkt/x.txt", "one\ntwo\n")
        let objects = try InputSelector(store: scratch.store()).select(#require(S3URI("s3://bkt/")))
        let plan = try ShardPlan.make(objects: objects, format: .oneDocPerLine, shardCount: 6)
        #expect(plan.shards.count == 6)
        #expect(plan.shards.filter { !$0.isEmpty }.count == 2)
        let empty = try ShardPlan.make(objects: [], format: .oneDocPerLine, shardCount: 3)
        #expect(empty.shards == [[], [], []])
    }
}
