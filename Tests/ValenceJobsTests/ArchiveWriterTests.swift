import Foundation
import Testing
import ValenceCore
@testable import ValenceJobs
import ValenceTestSupport

@Suite struct ArchiveWriterTests {
    static let jobTime: Int64 = 1_700_000_123

    /// `count` records as a job writes them: a few files, lines, some error records.
    static func records(_ count: Int, seed: UInt64 = 1) -> [UInt8] {
        var random = TestRandom(seed: seed)
        var encoder = RecordEncoder()
        var out: [UInt8] = []
        for index in 0 ..< count {
            let file = "input/part-\(index / 1000)-données.txt"
            if index % 97 == 5 {
                encoder.appendError(file: file, line: index % 1000, error: .documentSizeExceeded, to: &out)
                continue
            }
            let a = Float(random.unit()) * 0.2, b = Float(random.unit()) * 0.2, c = Float(random.unit()) * 1e-3
            let score = SentimentScore(positive: 1 - a - b - c, negative: a, neutral: b, mixed: c)
            encoder.appendSuccess(file: file, line: index % 1000, sentiment: score.argmax, score: score, to: &out)
        }
        return out
    }

    /// Feeds `bytes` in uneven pieces, as a runner hands over batches.
    static func feed(_ writer: ArchiveWriter, _ bytes: [UInt8], piece: Int = 7919) throws {
        var start = 0
        var step = 1
        while start < bytes.count {
            let end = min(bytes.count, start + min(piece, step))
            try writer.write(Array(bytes[start ..< end]))
            start = end
            step = min(step * 3 + 1, piece)
        }
    }

    /// Reads the archive with CPython's tarfile (gzip through zlib; zstd after `zstd -dc` or
    /// the Swift decoder) and checks: one regular member `output`, mode 0644, uid/gid 0, the job's
    /// mtime, contents equal to `expected`, every line JSON.
    static func checkWithPython(_ archive: String, expected: [UInt8], in directory: TemporaryDirectory) throws {
        let expectedPath = directory.path("expected-\(UUID().uuidString)")
        try Data(expected).write(to: URL(fileURLWithPath: expectedPath))
        var tarPath = archive
        if archive.hasSuffix(".zst") {
            tarPath = directory.path("decompressed-\(UUID().uuidString).tar")
            try Data(try ZstdDecoder.decompress(Array(Data(contentsOf: URL(fileURLWithPath: archive))))).write(to: URL(fileURLWithPath: tarPath))
        }
        let script = """
            import json, sys, tarfile, zlib
            archive, expected, mtime = sys.argv[1], sys.argv[2], int(sys.argv[3])
            if archive.endswith('.gz'):
                # One gzip member: nothing follows the first member's end.
                d = zlib.decompressobj(31)
                d.decompress(open(archive, 'rb').read())
                assert d.eof and d.unused_data == b'', 'not a single gzip member'
                # Streaming mode stops after the first member, so it sees everything only then.
                with open(archive, 'rb') as f, tarfile.open(fileobj=f, mode='r|gz') as tar:
                    for m in tar:
                        assert m.name == 'output', m.name
                        assert tar.extractfile(m).read() == open(expected, 'rb').read(), 'contents differ (r|gz)'
            with tarfile.open(archive) as tar:
                members = tar.getmembers()
                assert [m.name for m in members] == ['output'], [m.name for m in members]
                m = members[0]
                assert m.isreg(), m.type
                assert m.mode == 0o644, oct(m.mode)
                assert (m.uid, m.gid) == (0, 0), (m.uid, m.gid)
                assert m.mtime == mtime, m.mtime
                data = tar.extractfile('output').read()
            assert data == open(expected, 'rb').read(), 'contents differ'
            lines = data.split(b'\\n')
            assert lines[-1] == b''
            for line in lines[:-1]:
                json.loads(line)
            print(len(data), len(lines) - 1)
            """
        let run = try ToolRun.python(script, [tarPath, expectedPath, String(jobTime)])
        #expect(run.status == 0, "\(run)")
        let newlines = expected.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        #expect(run.stdout == "\(expected.count) \(newlines)\n")
    }

    /// Extracts with the system's `tar` (and `gzip -t` / `zstd -t` first) when they are installed;
    /// returns false when a tool is missing.
    @discardableResult
    static func checkWithTar(_ archive: String, expected: [UInt8], in directory: TemporaryDirectory) throws -> Bool {
        guard let tar = ToolRun.which("tar") else { return false }
        let isZstd = archive.hasSuffix(".zst")
        guard let compressor = ToolRun.which(isZstd ? "zstd" : "gzip") else { return false }
        let test = try ToolRun.run(compressor, ["-t", archive])
        #expect(test.status == 0, "\(test)")
        let listing = try ToolRun.run(tar, [isZstd ? "--zstd" : "-z", "-tvf", archive])
        #expect(listing.status == 0, "\(listing)")
        #expect(listing.stdout.hasPrefix("-rw-r--r--"), "\(listing)")
        #expect(listing.stdout.contains("root"), "\(listing)")
        #expect(listing.stdout.hasSuffix(" output\n"), "\(listing)")
        #expect(listing.stdout.split(separator: "\n").count == 1, "\(listing)")
        let target = directory.path("extracted-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: false)
        let extract = try ToolRun.run(tar, [isZstd ? "--zstd" : "-z", "-xf", archive, "-C", target])
        #expect(extract.status == 0, "\(extract)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: target) == ["output"])
        let contents = try Data(contentsOf: URL(fileURLWithPath: target + "/output"))
        #expect(contents == Data(expected))
        return true
    }

    /// The member bytes, read back in-process: decompress, parse the tar block by block.
    static func readBack(_ archive: String) throws -> (header: [UInt8], body: [UInt8]) {
        let compressed = Array(try Data(contentsOf: URL(fileURLWithPath: archive)))
        let tar = archive.hasSuffix(".zst") ? try ZstdDecoder.decompress(compressed) : try GzipDecoder.decompress(compressed)
        try #require(tar.count >= 1536 && tar.count % 512 == 0)
        let header = Array(tar[0 ..< 512])
        let sizeField = String(decoding: header[124 ..< 135], as: UTF8.self)
        let size = try #require(Int(sizeField, radix: 8))
        let padded = (size + 511) / 512 * 512
        #expect(tar.count == 512 + padded + 1024)
        #expect(tar[(512 + size)...].allSatisfy { $0 == 0 })
        return (header, Array(tar[512 ..< 512 + size]))
    }

    // MARK: - Format

    @Test("§13 #27: output.tar.gz holds exactly one regular member named output, byte-identical to the records")
    func item27GzipArchive() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let records = Self.records(2000)
        let path = directory.path("output.tar.gz")
        // A small chunk size, so the body is many gzip members.
        let writer = try ArchiveWriter(path: path, modificationTime: Self.jobTime, chunkSize: 4096)
        try Self.feed(writer, records)
        #expect(writer.memberSize == records.count)
        let size = try writer.commit()
        #expect(try directory.entries() == ["output.tar.gz"])
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == size)
        #expect(try Self.readBack(path).body == records)
        try Self.checkWithPython(path, expected: records, in: directory)
        try Self.checkWithTar(path, expected: records, in: directory)
    }

    @Test("§13 #27: output.tar.zst (zstd levels 3 and 1) holds one member output with the records")
    func item27ZstdArchive() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let records = Self.records(3000, seed: 7)
        for compression in [ArchiveCompression.zstd(level: 3), .zstd] {
            let path = directory.path("\(compression.level)-\(compression.archiveFileName)")
            let writer = try ArchiveWriter(path: path, compression: compression, modificationTime: Self.jobTime, chunkSize: 8192)
            try Self.feed(writer, records)
            try writer.commit()
            #expect(try Self.readBack(path).body == records)
            try Self.checkWithPython(path, expected: records, in: directory)
            try Self.checkWithTar(path, expected: records, in: directory)
        }
    }

    @Test("zstd level 1 (the default) hashes into 2^11 entries: records of a batch's size come out smaller than at zstd's own level 1, and whole")
    func zstdDefaultLevelIsTunedForRecords() throws {
        // About one batch of records (2,048 documents) in one frame, as a worker compresses them.
        let records = Self.records(2048, seed: 5)
        func frame(_ encoder: ZstdEncoder) throws -> [UInt8] {
            var output = [UInt8](repeating: 0, count: encoder.bound(records.count))
            let count = try records.withUnsafeBytes { input in
                try output.withUnsafeMutableBytes { try encoder.compress(input, into: $0) }
            }
            return Array(output.prefix(count))
        }
        #expect(ZstdEncoder.hashLog(level: 1) == 11)
        #expect(ZstdEncoder.hashLog(level: 3) == nil)
        let tuned = try frame(ZstdEncoder(level: 1))
        let plain = try frame(ZstdEncoder(level: 1, hashLog: nil))
        #expect(try ZstdDecoder.decompress(tuned) == records)
        #expect(try ZstdDecoder.decompress(plain) == records)
        #expect(tuned.count < plain.count, "tuned \(tuned.count) bytes, zstd's level 1 \(plain.count)")
    }

    @Test("Writing to disk is started as the body grows (a hint after every chunk here): the archive is the same, whole and readable")
    func writebackAsChunksComeKeepsTheArchive() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let records = Self.records(3000, seed: 13)
        for compression in [ArchiveCompression.gzip, .zstd] {
            var archives: [[UInt8]] = []
            for step in [ArchiveWriter.defaultWritebackStep, 1] {
                let path = directory.path("\(step)-\(compression.archiveFileName)")
                let writer = try ArchiveWriter(path: path, compression: compression, modificationTime: Self.jobTime)
                writer.writebackStep = step
                let compressor = try ChunkCompressor(compression)
                var start = 0
                while start < records.count {
                    let end = min(records.count, start + 20_000)
                    try writer.write(compressor.compress(Array(records[start ..< end])))
                    start = end
                }
                #expect(writer.writebacksStarted == (step == 1 ? (records.count + 19_999) / 20_000 : 0))
                try writer.commit()
                #expect(try Self.readBack(path).body == records)
                archives.append(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
                // Record bytes compressed by the writer itself, 8 KiB a chunk: the same hints.
                let recordsPath = directory.path("records-\(step)-\(compression.archiveFileName)")
                let recordWriter = try ArchiveWriter(path: recordsPath, compression: compression, modificationTime: Self.jobTime, chunkSize: 8192)
                recordWriter.writebackStep = step
                try Self.feed(recordWriter, records)
                #expect((recordWriter.writebacksStarted > 0) == (step == 1))
                try recordWriter.commit()
                #expect(try Self.readBack(recordsPath).body == records)
            }
            #expect(archives[0] == archives[1])
        }
    }

    @Test("Issue #14: shards' parts joined without recompressing give one valid archive of all their records")
    func partsJoinIntoOneArchive() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let records = Self.records(4000, seed: 11)
        // Cut at record boundaries, as shards cut the input; one part is empty.
        let lineEnds = records.indices.filter { records[$0] == 0x0A }
        let cuts = [0, lineEnds[999] + 1, lineEnds[999] + 1, lineEnds[2999] + 1, records.count]
        for compression in [ArchiveCompression.gzip, .zstd] {
            var parts: [(path: String, count: Int, checksum: UInt32)] = []
            for (index, range) in zip(cuts, cuts.dropFirst()).enumerated() {
                let path = directory.path("\(compression.codec.rawValue)-\(index).part")
                let part = try ArchiveWriter(path: path, compression: compression, modificationTime: 0, chunkSize: 8192, layout: .part)
                try Self.feed(part, Array(records[range.0 ..< range.1]))
                try part.commit()
                parts.append((path, part.memberSize, part.recordChecksum))
            }
            let path = directory.path("joined-\(compression.archiveFileName)")
            let archive = try ArchiveWriter(path: path, compression: compression, modificationTime: Self.jobTime)
            for part in parts { try archive.append(partAt: part.path, uncompressedCount: part.count, checksum: part.checksum) }
            try archive.commit()
            #expect(try Self.readBack(path).body == records)
            try Self.checkWithPython(path, expected: records, in: directory)
            try Self.checkWithTar(path, expected: records, in: directory)
        }
    }

    @Test("gzip levels 0 (stored), 1, 3 and the default 2 all give readable archives")
    func gzipLevels() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let records = Self.records(500)
        for level in [0, 1, 2, 3] {
            let path = directory.path("level\(level).tar.gz")
            let writer = try ArchiveWriter(path: path, compression: .gzip(level: level), modificationTime: Self.jobTime)
            try writer.write(records)
            try writer.commit()
            #expect(try Self.readBack(path).body == records)
            try Self.checkWithTar(path, expected: records, in: directory)
        }
    }

    @Test("Chunks of the writer's chunk size, compressed on workers, give the same bytes as direct writes")
    func parallelChunksAreByteIdentical() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let records = Self.records(4000, seed: 11)
        let chunkSize = 16384
        for compression in [ArchiveCompression.gzip, .zstd(level: 1)] {
            let direct = directory.path("direct-\(compression.archiveFileName)")
            let writer = try ArchiveWriter(path: direct, compression: compression, modificationTime: Self.jobTime, chunkSize: chunkSize)
            try Self.feed(writer, records)
            try writer.commit()
            let pieces = stride(from: 0, to: records.count, by: chunkSize).map { Array(records[$0 ..< min(records.count, $0 + chunkSize)]) }
            let chunks = try await withThrowingTaskGroup(of: (Int, CompressedChunk).self) { group in
                for (index, piece) in pieces.enumerated() {
                    group.addTask { (index, try ChunkCompressor(compression).compress(piece)) }
                }
                var chunks = [CompressedChunk?](repeating: nil, count: pieces.count)
                for try await (index, chunk) in group { chunks[index] = chunk }
                return chunks.map { $0! }
            }
            let parallel = directory.path("parallel-\(compression.archiveFileName)")
            let parallelWriter = try ArchiveWriter(path: parallel, compression: compression, modificationTime: Self.jobTime, chunkSize: chunkSize)
            for chunk in chunks { try parallelWriter.write(chunk) }
            try parallelWriter.commit()
            #expect(try Data(contentsOf: URL(fileURLWithPath: parallel)) == Data(contentsOf: URL(fileURLWithPath: direct)))
        }
    }

    @Test("§13 #27: a job with no records gives a valid archive with an empty output")
    func item27EmptyJob() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for compression in [ArchiveCompression.gzip, .zstd] {
            let path = directory.path(compression.archiveFileName)
            let writer = try ArchiveWriter(path: path, compression: compression, modificationTime: Self.jobTime)
            try writer.write([])
            try writer.commit()
            let (header, body) = try Self.readBack(path)
            #expect(body.isEmpty)
            #expect(header[124 ..< 136].elementsEqual("00000000000\0".utf8))
            try Self.checkWithPython(path, expected: [], in: directory)
            try Self.checkWithTar(path, expected: [], in: directory)
        }
    }

    @Test("Member sizes on and next to the 512-byte block boundary are padded correctly")
    func blockBoundaries() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for size in [1, 511, 512, 513, 1024, 4095, 4096, 4097] {
            let body = (0 ..< size).map { UInt8(ascii: "a") + UInt8($0 % 26) }
            for compression in [ArchiveCompression.gzip, .zstd] {
                let path = directory.path("\(size).\(compression.archiveFileName)")
                let writer = try ArchiveWriter(path: path, compression: compression, modificationTime: Self.jobTime, chunkSize: 4096)
                try writer.write(body)
                try writer.commit()
                #expect(try Self.readBack(path).body == body, "\(size) \(compression)")
            }
        }
    }

    @Test("The tar header: ustar fields, checksum, and GNU base-256 sizes from 8 GiB, as tarfile reads them")
    func tarHeaderFields() throws {
        let sizes = [0, 1, 5_000_000, (1 << 33) - 1, 1 << 33, 100 << 30, (1 << 40) + 12345]
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var blocks: [UInt8] = []
        for size in sizes {
            let header = TarHeader.make(name: "output", size: size, modificationTime: Self.jobTime)
            #expect(header.count == 512)
            #expect(header[257 ..< 265].elementsEqual("ustar\000".utf8))
            #expect((size < 1 << 33) == (header[124] != 0x80))
            blocks += header
        }
        let path = directory.path("headers")
        try Data(blocks).write(to: URL(fileURLWithPath: path))
        let script = """
            import sys, tarfile
            data = open(sys.argv[1], 'rb').read()
            for i in range(0, len(data), 512):
                info = tarfile.TarInfo.frombuf(data[i:i + 512], 'utf-8', 'surrogateescape')  # checks the checksum
                print(info.name, info.size, oct(info.mode), info.uid, info.gid, info.uname, info.gname, info.mtime, info.type == tarfile.REGTYPE)
            """
        let run = try ToolRun.python(script, [path])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout == sizes.map { "output \($0) 0o644 0 0 root root \(Self.jobTime) True\n" }.joined())
        // Times outside the octal field's range are clamped.
        let early = TarHeader.make(name: "output", size: 0, modificationTime: -5)
        #expect(early[136 ..< 148].elementsEqual("00000000000\0".utf8))
    }

    // MARK: - Scale and memory

    @Test("§13 #27: 50 MB of records round-trip while the writer holds about two chunks of buffers")
    func item27LargeBodyBoundedMemory() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var expected: [UInt8] = []
        expected.reserveCapacity(52_000_000)
        let path = directory.path("output.tar.gz")
        let writer = try ArchiveWriter(path: path, compression: .gzip(level: 1), modificationTime: Self.jobTime)
        var encoder = RecordEncoder()
        var batch: [UInt8] = []
        var random = TestRandom(seed: 42)
        var line = 0
        while expected.count + batch.count < 50_000_000 {
            let a = Float(random.unit()) * 0.3, b = Float(random.unit()) * 0.3, c = Float(random.unit()) * 0.01
            let score = SentimentScore(positive: 1 - a - b - c, negative: a, neutral: b, mixed: c)
            encoder.appendSuccess(file: "big/file-\(line / 100_000).txt", line: line % 100_000,
                                  sentiment: score.argmax, score: score, to: &batch)
            line += 1
            if batch.count >= 1 << 16 {
                try writer.write(batch)
                expected += batch
                batch.removeAll(keepingCapacity: true)
            }
        }
        try writer.write(batch)
        expected += batch
        try writer.commit()
        #expect(writer.memberSize == expected.count)
        // One 1 MiB chunk being gathered and one compressed chunk, whatever the total.
        #expect(writer.peakBufferedByteCount <= 2 * ArchiveWriter.defaultChunkSize + 64 * 1024)
        #expect(writer.peakBufferedByteCount >= ArchiveWriter.defaultChunkSize)
        try Self.checkWithPython(path, expected: expected, in: directory)
    }

    @Test("Chunks compressed on worker tasks and plain writes interleave in order")
    func parallelChunks() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let records = Self.records(6000, seed: 3)
        let pieces = stride(from: 0, to: records.count, by: 100_000).map { Array(records[$0 ..< min(records.count, $0 + 100_000)]) }
        for compression in [ArchiveCompression.gzip, .zstd] {
            let compressed = try await withThrowingTaskGroup(of: (Int, CompressedChunk).self) { group in
                for (index, piece) in pieces.enumerated().dropFirst() {
                    group.addTask {
                        let compressor = try ChunkCompressor(compression)
                        return (index, try compressor.compress(piece))
                    }
                }
                var chunks: [Int: CompressedChunk] = [:]
                for try await (index, chunk) in group { chunks[index] = chunk }
                return chunks
            }
            let path = directory.path(compression.archiveFileName)
            let writer = try ArchiveWriter(path: path, compression: compression, modificationTime: Self.jobTime)
            try writer.write(Array(pieces[0].prefix(1000)))             // pending bytes before a chunk
            try writer.write(Array(pieces[0].dropFirst(1000)))
            for index in 1 ..< pieces.count { try writer.write(compressed[index]!) }
            #expect(writer.memberSize == records.count)
            try writer.commit()
            #expect(try Self.readBack(path).body == records)
            try Self.checkWithTar(path, expected: records, in: directory)
        }
    }

    // MARK: - Crash safety and errors

    @Test("Nothing appears at the path before commit; an older archive stays whole until the rename")
    func atomicCommit() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("output.tar.gz")
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        let writer = try ArchiveWriter(path: path, modificationTime: Self.jobTime, chunkSize: 4096)
        try writer.write(Self.records(300))
        let during = try directory.entries()
        #expect(during.count == 2)
        #expect(during.contains("output.tar.gz"))
        let temporary = try #require(during.first { $0 != "output.tar.gz" })
        #expect(ArchiveWriter.isTemporaryFileName(temporary))
        #expect(temporary.hasPrefix(".output.tar.gz."))
        #expect(!ArchiveWriter.isTemporaryFileName("output.tar.gz"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("old".utf8))
        try writer.commit()
        #expect(try directory.entries() == ["output.tar.gz"])
        #expect(try Self.readBack(path).body == Self.records(300))
        // A committed writer takes no more records, and discard() leaves the archive alone.
        #expect(throws: ArchiveError.self) { try writer.write([1, 2, 3]) }
        writer.discard()
        #expect(try directory.entries() == ["output.tar.gz"])
    }

    @Test("discard(), a writer dropped without commit, and a failed writer leave no files behind")
    func discardLeavesNothing() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let writer = try ArchiveWriter(path: directory.path("output.tar.gz"), modificationTime: Self.jobTime, chunkSize: 4096)
        try writer.write(Self.records(500))
        #expect(try directory.entries().count == 1)
        writer.discard()
        #expect(try directory.entries() == [])
        writer.discard()                                              // a second time is harmless
        do {
            let error = #expect(throws: ArchiveError.self) { try writer.commit() }
            #expect(error?.code == .notOpen)
        }
        do {
            let dropped = try ArchiveWriter(path: directory.path("output.tar.zst"), compression: .zstd, modificationTime: Self.jobTime)
            try dropped.write(Self.records(50))
            #expect(try directory.entries().count == 1)
        }
        #expect(try directory.entries() == [])
        // A chunk of the wrong codec breaks the writer; discard cleans up.
        let broken = try ArchiveWriter(path: directory.path("output.tar.gz"), modificationTime: Self.jobTime)
        let zstdChunk = try ChunkCompressor(.zstd).compress([1, 2, 3])
        let mismatch = #expect(throws: ArchiveError.self) { try broken.write(zstdChunk) }
        #expect(mismatch?.code == .invalidArgument)
        #expect(throws: ArchiveError.self) { try broken.write([1]) }
        broken.discard()
        #expect(try directory.entries() == [])
    }

    @Test("A destination that cannot be written is a clear cannotCreate error")
    func unwritableDestination() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // The parent is a regular file (works even as root, which ignores permission bits).
        try Data("x".utf8).write(to: URL(fileURLWithPath: directory.path("file")))
        let notDirectory = #expect(throws: ArchiveError.self) {
            _ = try ArchiveWriter(path: directory.path("file/output.tar.gz"), modificationTime: Self.jobTime)
        }
        #expect(notDirectory?.code == .cannotCreate)
        #expect(notDirectory?.message.contains("Not a directory") == true, "\(String(describing: notDirectory))")
        #expect((notDirectory?.underlying as? SystemCallError)?.errno == ENOTDIR)
        // A missing directory.
        let missing = #expect(throws: ArchiveError.self) {
            _ = try ArchiveWriter(path: directory.path("absent/output.tar.gz"), modificationTime: Self.jobTime)
        }
        #expect(missing?.code == .cannotCreate)
        #expect(missing?.message.contains("No such file or directory") == true)
        #expect(missing?.description.hasPrefix("cannotCreate: cannot create a temporary file in \(directory.path("absent"))") == true)
        // No write permission (only meaningful when not running as root).
        if geteuid() != 0 {
            let locked = directory.path("locked")
            try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o555])
            let denied = #expect(throws: ArchiveError.self) {
                _ = try ArchiveWriter(path: locked + "/output.tar.gz", modificationTime: Self.jobTime)
            }
            #expect(denied?.code == .cannotCreate)
            #expect(denied?.message.contains("Permission denied") == true)
        }
        #expect(try directory.entries() == ["file"])
    }

    @Test("Bad levels and chunk sizes are invalidArgument")
    func invalidArguments() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for compression in [ArchiveCompression.gzip(level: 4), .gzip(level: -1), .zstd(level: 0), .zstd(level: 23)] {
            let error = #expect(throws: ArchiveError.self) {
                _ = try ArchiveWriter(path: directory.path("o.tar"), compression: compression, modificationTime: 0)
            }
            #expect(error?.code == .invalidArgument)
        }
        let small = #expect(throws: ArchiveError.self) {
            _ = try ArchiveWriter(path: directory.path("o.tar"), modificationTime: 0, chunkSize: 100)
        }
        #expect(small?.code == .invalidArgument)
        #expect(try directory.entries() == [])
    }
}
