import Foundation
import Testing
import ValenceJobs
import ValenceTestSupport

@Suite struct InputReaderTests {
    static func select(_ scratch: TemporaryDirectory, _ uri: String) throws -> [InputObject] {
        try InputSelector(store: scratch.store()).select(#require(S3URI(uri)))
    }

    /// §13 #30: invalid UTF-8 ends its own file only; the next file is read from its start.
    @Test(arguments: [1, 4, DocumentReader.defaultChunkSize])
    func item30_invalidUTF8StopsOnlyItsFile(_ chunkSize: Int) throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("s3/bkt/in/a.txt", [0x6F, 0x6B, 0x0A, 0xC3, 0x28, 0x0A] + Array("ignored\nignored too\n".utf8))
        try scratch.write("s3/bkt/in/sub/b.txt", "first of b\r\n\r\nthird of b")
        var reader = InputReader(objects: try Self.select(scratch, "s3://bkt/in/"), format: .oneDocPerLine, chunkSize: chunkSize)
        var documents: [InputDocument] = []
        while let document = try reader.next() { documents.append(document) }
        #expect(documents == [
            .text(file: "a.txt", line: 0, text: "ok"),
            .error(file: "a.txt", line: 1, code: .unsupportedEncoding,
                   message: "Document is not in UTF-8 format and all subsequent lines are ignored."),
            .text(file: "b.txt", line: 0, text: "first of b"),
            .text(file: "b.txt", line: 2, text: "third of b"),
        ])
        #expect(reader.bytesProcessed == reader.totalBytes)
        #expect(reader.totalBytes == 26 + 24)
    }

    /// Resume (issue #11): a reader started at the ``InputReader/position`` an earlier reader had
    /// after any document returns exactly the documents that one returned after it, across files,
    /// LF, CRLF and bare CR (a position may fall between a CR and its LF), empty lines, a BOM,
    /// documents over the size limit and invalid UTF-8, in both formats and at any chunk size.
    @Test(arguments: [InputFormat.oneDocPerLine, .oneDocPerFile], [1, 3, 4096])
    func aReaderResumedAtAnyPositionReadsTheSameRest(_ format: InputFormat, _ chunkSize: Int) throws {
        let scratch = try TemporaryDirectory()
        var random = TestRandom(seed: 11)
        let pieces = ["ok", "fine day", "", " ", "é ü", "😀", String(repeating: "x", count: 5121)]
        for name in ["a.txt", "b/c.txt", "d.txt", "e.txt"] {
            var bytes: [UInt8] = name == "d.txt" ? [0xEF, 0xBB, 0xBF] : []
            for _ in 0..<(3 + random.below(12)) {
                bytes += Array(pieces[random.below(pieces.count)].utf8)
                bytes += [[0x0A], [0x0D, 0x0A], [0x0D]][random.below(3)]
            }
            if name == "e.txt" { bytes += [0x61, 0xC3, 0x28, 0x0A, 0x62, 0x0A] }
            try scratch.write("s3/bkt/in/" + name, bytes)
        }
        let objects = try Self.select(scratch, "s3://bkt/in/")
        var reader = InputReader(objects: objects, format: format, chunkSize: chunkSize)
        var documents: [InputDocument] = []
        var positions: [InputPosition] = [reader.position]
        while let document = try reader.next() {
            documents.append(document)
            positions.append(reader.position)
        }
        #expect(documents.count > (format == .oneDocPerLine ? 8 : 3))
        #expect(positions.last == InputPosition(object: objects.count))
        for (index, position) in positions.enumerated() {
            var resumed = InputReader(objects: objects, format: format, chunkSize: chunkSize, resumingAt: position)
            var rest: [InputDocument] = []
            while let document = try resumed.next() { rest.append(document) }
            #expect(rest == Array(documents[index...]), "resumed at \(position)")
        }
    }

    /// Between two documents the reader takes ASCII lines in bulk (`DocumentReader.takeASCIILines`),
    /// so a batch can end after any of them: after LF, after a CRLF taken whole, after a bare CR,
    /// after an empty line, before a line of exactly 5120 bytes or one over the limit, before a
    /// line with a non-ASCII character. Batches of any size hold what one-at-a-time reading gives,
    /// and a reader resumed at the position after any batch reads the same rest.
    @Test(arguments: [1, 2, 5, 64], [4096, DocumentReader.defaultChunkSize])
    func aReaderResumedAfterAnyBatchReadsTheSameRest(_ batchSize: Int, _ chunkSize: Int) throws {
        let scratch = try TemporaryDirectory()
        var random = TestRandom(seed: UInt64(batchSize * 7 + chunkSize % 13))
        let pieces = ["ok", "fine day", "", " ", "tab\there", "é ü", "\u{2028}", String(repeating: "x", count: 5120),
                      String(repeating: "y", count: 5121), String(repeating: "z", count: 300)]
        for name in ["a.txt", "b.txt"] {
            var bytes: [UInt8] = []
            for _ in 0..<(60 + random.below(60)) {
                bytes += Array(pieces[random.below(pieces.count)].utf8)
                bytes += [[0x0A], [0x0A], [0x0D, 0x0A], [0x0D]][random.below(4)]
            }
            try scratch.write("s3/bkt/in/" + name, bytes)
        }
        let objects = try Self.select(scratch, "s3://bkt/in/")
        var reference = InputReader(objects: objects, format: .oneDocPerLine, chunkSize: chunkSize)
        var documents: [InputDocument] = []
        while let document = try reference.next() { documents.append(document) }
        #expect(documents.count > 60)

        var reader = InputReader(objects: objects, format: .oneDocPerLine, chunkSize: chunkSize)
        var batch = DocumentBatch()
        var read: [InputDocument] = []
        while true {
            try reader.nextBatch(into: &batch, maxDocuments: batchSize)
            if batch.isEmpty { break }
            #expect(batch.count <= batchSize)
            read += batch.documents
            var resumed = InputReader(objects: objects, format: .oneDocPerLine, chunkSize: chunkSize, resumingAt: reader.position)
            var rest: [InputDocument] = []
            while let document = try resumed.next() { rest.append(document) }
            #expect(rest.map(Self.digest) == documents[read.count...].map(Self.digest), "resumed at \(reader.position)")
        }
        #expect(read.map(Self.digest) == documents.map(Self.digest))
        #expect(read == documents)
    }

    /// A document in a line short enough to read in a failure report (its text's length and hash).
    static func digest(_ document: InputDocument) -> String {
        switch document {
        case .text(let file, let line, let text): "\(file):\(line ?? -1): \(text.utf8.count) bytes, \(text.hashValue)"
        case .error(let file, let line, let code, _): "\(file):\(line ?? -1): \(code)"
        }
    }

    @Test func oneDocumentPerFileInKeyOrder() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("s3/bkt/MovieData/b.txt", "second")
        try scratch.write("s3/bkt/MovieData/a.txt", "first")
        try scratch.write("s3/bkt/MovieData/empty.txt", "")
        try scratch.write("s3/bkt/MovieData/huge.txt", String(repeating: "h", count: 6000))
        var reader = InputReader(objects: try Self.select(scratch, "s3://bkt/MovieData"), format: .oneDocPerFile)
        var documents: [InputDocument] = []
        while let document = try reader.next() { documents.append(document) }
        #expect(documents == [
            .text(file: "a.txt", line: nil, text: "first"),
            .text(file: "b.txt", line: nil, text: "second"),
            .documentSizeExceeded(file: "huge.txt", line: nil),
        ])
    }

    /// A batch holds documents of several files, error records among them, and filled again after
    /// it was scored (``InputDocumentSource/nextBatch(into:maxDocuments:maxBytes:)``) it holds what
    /// a fresh batch would, in the room it already has.
    @Test(arguments: [1, 2, 5, 64])
    func aRefilledBatchHoldsWhatAFreshOneWould(_ batchSize: Int) throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("s3/bkt/a.txt", "one\r\ntwo\rthree\n\nfour")
        try scratch.write("s3/bkt/b.txt", [0x68, 0x69, 0x0A, 0xC3, 0x28, 0x0A] + Array("ignored\n".utf8))
        try scratch.write("s3/bkt/c.txt", "ü\n" + String(repeating: "x", count: 5121) + "\n" + String(repeating: "y", count: 5120) + "\n")
        try scratch.write("s3/bkt/d/e.txt", "last one\n")
        let objects = try Self.select(scratch, "s3://bkt")
        var fresh = InputReader(objects: objects, format: .oneDocPerLine)
        var expected: [[InputDocument]] = []
        while case let batch = try fresh.nextBatch(maxDocuments: batchSize, maxBytes: 5200), !batch.isEmpty {
            expected.append(batch.documents)
        }
        #expect(expected.joined().count == 10)
        #expect(expected.joined().map(\.file) == ["a.txt", "a.txt", "a.txt", "a.txt", "b.txt", "b.txt", "c.txt", "c.txt", "c.txt", "e.txt"])

        // The input read twice over with one batch.
        var batch = DocumentBatch()
        var refilled: [[InputDocument]] = []
        var rooms: Set<Int> = []
        for _ in 0..<2 {
            var refilling = InputReader(objects: objects, format: .oneDocPerLine)
            while true {
                try refilling.nextBatch(into: &batch, maxDocuments: batchSize, maxBytes: 5200)
                if batch.isEmpty { break }
                refilled.append(batch.documents)
                rooms.insert(batch.textCapacity)
            }
        }
        #expect(refilled == expected + expected)
        #expect(rooms.count == 1, "the room is made once and kept: \(rooms)")
    }

    @Test func batchesStopAtTheDocumentCountOrTheByteBudget() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("s3/bkt/a.txt", "1\n22\n333\n")
        try scratch.write("s3/bkt/b.txt", "4444\n" + String(repeating: "x", count: 5121) + "\n55555\n")
        var reader = InputReader(objects: try Self.select(scratch, "s3://bkt"), format: .oneDocPerLine)
        #expect(try reader.nextBatch(maxDocuments: 2).documents.map(\.textByteCount) == [1, 2])
        #expect(reader.currentObject?.key == "a.txt")
        // 3 + 4 reaches the 7-byte budget: the batch closes after "4444".
        #expect(try reader.nextBatch(maxDocuments: 10, maxBytes: 7).documents.map(\.textByteCount) == [3, 4])
        #expect(reader.currentObject?.key == "b.txt")
        #expect(reader.bytesProcessed == 9 + 5)
        let rest = try reader.nextBatch(maxDocuments: 10)
        #expect(rest.documents == [.documentSizeExceeded(file: "b.txt", line: 1), .text(file: "b.txt", line: 2, text: "55555")])
        #expect(try reader.nextBatch(maxDocuments: 10).isEmpty)
        #expect(reader.currentObject == nil)
        #expect(reader.bytesProcessed == reader.totalBytes)
        #expect(reader.peakBufferedBytes > 0)
    }

    /// §13 #31: an object that cannot be read when its turn comes fails the job.
    @Test func item31_anObjectThatCannotBeOpenedFailsTheJob() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("s3/bkt/a.txt", "fine\n")
        try scratch.write("s3/bkt/b.txt", "removed before it is read\n")
        var reader = InputReader(objects: try Self.select(scratch, "s3://bkt"), format: .oneDocPerLine)
        try FileManager.default.removeItem(atPath: scratch.path("s3/bkt/b.txt"))
        #expect(try reader.next() == .text(file: "a.txt", line: 0, text: "fine"))
        let error = #expect(throws: StorageError.self) { try reader.next() }
        #expect(error?.code == .noReadAccessToInput)
        #expect(error?.jobMessage
            == "NO_READ_ACCESS_TO_INPUT: The provided data access role does not have proper access to the input data.")
    }

    @Test func aDirectoryInPlaceOfAFileFailsTheJob() throws {
        let scratch = try TemporaryDirectory()
        try scratch.makeDirectory("folder")
        let error = #expect(throws: StorageError.self) {
            try DocumentReader(path: scratch.path("folder"), fileName: "folder", format: .oneDocPerFile)
        }
        #expect(error?.code == .noReadAccessToInput)
    }
}
