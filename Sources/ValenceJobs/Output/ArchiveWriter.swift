/// Streams a job's records into its output archive: a tar holding one regular file, `output`,
/// compressed with gzip (`output.tar.gz`, spec §7.2, §13 #27) or zstd (`output.tar.zst`).
///
///     let writer = try ArchiveWriter(path: location.path, modificationTime: submitTime)
///     var records: [UInt8] = []
///     for result in results {
///         encoder.appendSuccess(file: …, line: …, sentiment: …, score: …, to: &records)
///         if records.count >= 1 << 16 { try writer.write(records); records.removeAll(keepingCapacity: true) }
///     }
///     try writer.write(records)
///     try writer.commit()              // or writer.discard() when the job fails
///
/// Memory stays bounded whatever the total: bytes are gathered into one chunk (1 MiB by default),
/// and each full chunk is compressed and written to a temporary file at once. The tar header must
/// state the size of `output` before its data, so the writer reserves the first bytes of the file
/// for a header of fixed size (the tar header in a stored deflate block, or in a raw zstd block)
/// and fills them in at ``commit()``, once the size is known; then it appends the compressed
/// padding and end-of-archive blocks, `fsync`s, and renames the file onto `path`.
///
/// A gzip archive is a single gzip member: the chunks are byte-aligned pieces of one deflate
/// stream and the trailer's CRC-32 is combined from theirs, so even readers that stop after the
/// first member (Python's `tarfile.open(mode="r|gz")`) read it whole. A zstd archive is one frame
/// per chunk; concatenated frames are one valid zstd stream (RFC 8878 §3.1), read by `zstd -d` and
/// `tar --zstd`.
///
/// A sharded job (issue #14) writes one archive from several processes without recompressing: each
/// shard writes a *part* (``Layout/part``: its compressed chunks only, no tar header, padding or gzip
/// framing), and the merge writes the archive from the parts with ``append(partAt:uncompressedCount:checksum:)``
/// before ``commit()``.
///
/// Nothing appears at `path` before ``commit()`` returns; ``discard()``, a failed commit and
/// deinit remove the temporary file (`.<name>.valence-<hex>.tmp` in the same directory, see
/// ``isTemporaryFileName(_:)``). A writer belongs to one task at a time and is not thread-safe;
/// to compress on several threads, see ``ChunkCompressor``.
public final class ArchiveWriter {
    /// The one file in the archive.
    public static let memberName = "output"
    /// The default amount of record bytes per compressed chunk.
    public static let defaultChunkSize = 1 << 20

    /// What a writer produces.
    public enum Layout: Sendable {
        /// A complete `output.tar.gz` (or `.tar.zst`).
        case archive
        /// A shard's part of the archive: only the compressed chunks of its records (for gzip,
        /// byte-aligned non-final pieces of the deflate stream; for zstd, whole frames).
        case part
    }

    /// The archive's final path.
    public let path: String
    public let layout: Layout
    public let compression: ArchiveCompression
    /// The member's mtime, in seconds since 1970 (clamped to the ustar range).
    public let modificationTime: Int64
    public let chunkSize: Int
    /// Record bytes accepted so far: the size `output` will have.
    public private(set) var memberSize = 0
    /// The most bytes the writer itself held in buffers at any time (the chunk being gathered
    /// and the compressed copy of one chunk); the codec's own state comes on top.
    public private(set) var peakBufferedByteCount = 0

    private enum State {
        case open
        /// ``finish()`` ran: the complete archive is durable under its temporary name.
        case finished
        case committed
        case discarded
        case failed(ArchiveError)
    }

    private var state = State.open
    private let file: TemporaryArchiveFile
    private let compressor: ChunkCompressor
    private let pending: UnsafeMutableRawBufferPointer
    private var pendingCount = 0
    /// Where the next compressed bytes go; the bytes before the body's start are the header's.
    private var offset: Int
    /// Where the bytes whose writing to disk has not been started yet begin: every
    /// ``writebackStep`` bytes of the body (chunks, records, shards' parts), the system is asked to start on them, so that the final
    /// `fsync` (serial, at the end of a job: 13 ms for a 60 MB English job's 22 MB archive) waits
    /// for the last few MiB only (under 1 ms).
    private var writebackStart = 0
    var writebackStep = ArchiveWriter.defaultWritebackStep
    static let defaultWritebackStep = 4 << 20
    /// How many times the system was asked to start writing (for tests).
    private(set) var writebacksStarted = 0
    private let headerMemberSize: Int
    /// CRC-32 of the member's data so far (gzip).
    private var bodyChecksum: UInt32 = 0

    /// The CRC-32 of the record bytes written so far (gzip; 0 for zstd): what a merge needs of a
    /// part, with ``memberSize``.
    public var recordChecksum: UInt32 { bodyChecksum }

    /// Creates the temporary file in `path`'s directory, which must exist.
    ///
    /// - Parameters:
    ///   - path: Where the finished archive goes, e.g. `…/output/output.tar.gz`.
    ///   - compression: gzip (``DeflateEncoder``, level 2) by default, as Comprehend writes.
    ///   - modificationTime: The member's mtime (the job's time), seconds since 1970.
    ///   - chunkSize: Record bytes per compressed chunk, 4 KiB ... 256 MiB.
    /// - Throws: ``ArchiveError/Code-swift.struct/cannotCreate`` when the directory is missing or
    ///   not writable, ``ArchiveError/Code-swift.struct/invalidArgument`` for a bad level or size.
    public init(
        path: String,
        compression: ArchiveCompression = .gzip,
        modificationTime: Int64,
        chunkSize: Int = ArchiveWriter.defaultChunkSize,
        layout: Layout = .archive
    ) throws(ArchiveError) {
        guard (4096 ... 256 << 20).contains(chunkSize) else {
            throw ArchiveError(.invalidArgument, "chunk size \(chunkSize) is outside 4 KiB ... 256 MiB")
        }
        self.path = path
        self.compression = compression
        self.modificationTime = modificationTime
        self.chunkSize = chunkSize
        self.layout = layout
        compressor = try ChunkCompressor(compression)
        headerMemberSize = switch (layout, compression.codec) {
        case (.part, _): 0
        case (.archive, .gzip): GzipEncoder.headSize(holding: TarHeader.blockSize)
        case (.archive, .zstd): ZstdEncoder.rawFrameSize(TarHeader.blockSize)
        }
        offset = headerMemberSize
        file = try TemporaryArchiveFile(destination: path)
        pending = .allocate(byteCount: chunkSize, alignment: 16)
        peakBufferedByteCount = chunkSize
    }

    /// A writer that goes on from `checkpoint` (of an earlier writer of the same archive, whose
    /// temporary file is `checkpoint.fileName` in `path`'s directory): it copies the chunks before
    /// the checkpoint into a temporary file of its own, and then writes as the earlier writer
    /// would have. The earlier file is only read (its writer may still be running): the header it
    /// reserves is not copied, and nothing at or after `checkpoint.bytes` is.
    ///
    /// Throws ``ArchiveError/Code-swift.struct/cannotCreate`` when the earlier file cannot be read
    /// up to the checkpoint.
    public convenience init(
        path: String, compression: ArchiveCompression = .gzip, modificationTime: Int64,
        chunkSize: Int = ArchiveWriter.defaultChunkSize, layout: Layout = .archive, resumingFrom checkpoint: ArchiveCheckpoint
    ) throws(ArchiveError) {
        try self.init(path: path, compression: compression, modificationTime: modificationTime, chunkSize: chunkSize, layout: layout)
        guard !checkpoint.fileName.contains("/"), TemporaryArchiveFile.isTemporaryName(checkpoint.fileName),
              checkpoint.bytes >= headerMemberSize, checkpoint.memberBytes >= 0 else {
            throw ArchiveError(.invalidArgument, "checkpoint \(checkpoint) does not fit \(path)", path: path)
        }
        try file.copy(from: file.directory + "/" + checkpoint.fileName, range: headerMemberSize..<checkpoint.bytes)
        offset = checkpoint.bytes
        memberSize = checkpoint.memberBytes
        bodyChecksum = checkpoint.checksum
    }

    deinit {
        pending.deallocate()
        // TemporaryArchiveFile's deinit removes the file unless it was published or abandoned.
    }

    /// Whether `name` (a file name, not a path) is one of the writers' temporary files, so that
    /// listings can skip them and a clean-up after a crash can find them.
    public static func isTemporaryFileName(_ name: String) -> Bool {
        TemporaryArchiveFile.isTemporaryName(name)
    }

    /// Appends record bytes to `output`.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(ArchiveError) {
        try checkOpen()
        do throws(ArchiveError) {
            var rest = bytes
            while !rest.isEmpty {
                if pendingCount == 0 && rest.count >= chunkSize {
                    // A whole chunk straight from the caller's memory.
                    try emit(UnsafeRawBufferPointer(rebasing: rest[..<chunkSize]))
                    rest = UnsafeRawBufferPointer(rebasing: rest[chunkSize...])
                    continue
                }
                let count = min(chunkSize - pendingCount, rest.count)
                (pending.baseAddress! + pendingCount).copyMemory(from: rest.baseAddress!, byteCount: count)
                pendingCount += count
                rest = UnsafeRawBufferPointer(rebasing: rest[count...])
                if pendingCount == chunkSize { try flushPending() }
            }
            memberSize += bytes.count
        } catch {
            throw fail(error)
        }
    }

    /// Appends record bytes to `output`.
    public func write(_ bytes: [UInt8]) throws(ArchiveError) {
        try bytes.withArchiveBytes { (raw) throws(ArchiveError) in try write(raw) }
    }

    /// The temporary file at the current chunk boundary, for a checkpoint: call it between
    /// ``write(_:)-(CompressedChunk)`` calls only (record bytes written with the other `write`s
    /// are first compressed into a chunk of their own).
    public func checkpoint() throws(ArchiveError) -> ArchiveCheckpoint {
        try checkOpen()
        do throws(ArchiveError) { try flushPending() } catch { throw fail(error) }
        return ArchiveCheckpoint(fileName: file.name, bytes: offset, memberBytes: memberSize,
                                 checksum: compression.codec == .gzip ? bodyChecksum : 0)
    }

    /// Makes everything written so far durable (`fsync`), before a checkpoint names it.
    public func sync() throws(ArchiveError) {
        try checkOpen()
        do throws(ArchiveError) { try file.sync() } catch { throw fail(error) }
    }

    /// The temporary file's name (in ``path``'s directory).
    public var temporaryFileName: String { file.name }

    /// Lets go of the archive without removing its temporary file: what a worker does when
    /// another worker has taken over its job (and may be copying from that file).
    public func abandon() {
        file.abandon()
        state = .discarded
    }

    /// Appends a chunk compressed elsewhere (by a ``ChunkCompressor`` of the same codec), after
    /// any record bytes written before it.
    public func write(_ chunk: CompressedChunk) throws(ArchiveError) {
        try checkOpen()
        guard chunk.codec == compression.codec else {
            throw fail(ArchiveError(.invalidArgument, "a \(chunk.codec.rawValue) chunk cannot go into a \(compression.codec.rawValue) archive"))
        }
        do throws(ArchiveError) {
            try flushPending()
            try file.write(chunk.bytes, at: offset)
            advance(by: chunk.bytes.count)
            CrashInjection.reach(.chunkWritten)
            if compression.codec == .gzip {
                bodyChecksum = Zlib.combine(bodyChecksum, chunk.checksum, secondCount: chunk.uncompressedCount)
            }
            memberSize += chunk.uncompressedCount
        } catch {
            throw fail(error)
        }
    }

    /// Appends a shard's part (written by a writer of layout ``Layout/part`` with the same codec),
    /// after any record bytes written before it: its bytes are copied, not recompressed.
    /// `uncompressedCount` and `checksum` are that writer's ``memberSize`` and ``recordChecksum``.
    public func append(partAt partPath: String, uncompressedCount: Int, checksum: UInt32) throws(ArchiveError) {
        try checkOpen()
        do throws(ArchiveError) {
            try flushPending()
            let part: ReadOnlyFile
            do { part = try ReadOnlyFile(path: partPath) } catch {
                throw ArchiveError(.writeFailed, "cannot open the part \(partPath): \(error)", path: partPath, underlying: error)
            }
            let piece = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
            defer { piece.deallocate() }
            var copied: Int64 = 0
            while true {
                let count: Int
                do { count = try part.read(into: piece, at: copied) } catch {
                    throw ArchiveError(.writeFailed, "cannot read the part \(partPath): \(error)", path: partPath, underlying: error)
                }
                if count == 0 { break }
                try file.write(UnsafeRawBufferPointer(rebasing: piece[..<count]), at: offset)
                advance(by: count)
                copied += Int64(count)
            }
            if compression.codec == .gzip {
                bodyChecksum = Zlib.combine(bodyChecksum, checksum, secondCount: uncompressedCount)
            }
            memberSize += uncompressedCount
        } catch {
            throw fail(error)
        }
    }

    /// Finishes the archive and atomically puts it at ``path`` (replacing any file there).
    /// A part (``Layout/part``) gets no header, padding or trailer: it is published as written.
    /// Returns the archive's size in bytes. On failure the temporary file is removed, except when
    /// only the final `fsync` of the directory failed: then the complete archive is in place, but
    /// may not survive a power loss, and the error says so.
    @discardableResult
    public func commit() throws(ArchiveError) -> Int {
        try finish()
        return try publish()
    }

    /// The first half of ``commit()``: writes the trailer and the header and `fsync`s the
    /// temporary file, so that ``publish()`` only has to rename it. A job's worker does the rename
    /// while it holds its lease, under the job store's lock.
    public func finish() throws(ArchiveError) {
        try checkOpen()
        do throws(ArchiveError) {
            try flushPending()
            if layout == .part {
                // A part is its chunks as written: no trailer, no header.
                try file.sync()
                state = .finished
                return
            }
            // Padding to the block boundary and the two end-of-archive blocks, compressed (for gzip
            // as the deflate stream's final block).
            let trailer = [UInt8](repeating: 0, count: TarHeader.trailerCount(afterMemberOf: memberSize))
            let trailerChecksum = try trailer.withArchiveBytes { (raw) throws(ArchiveError) -> UInt32 in
                let (compressed, checksum) = try compressor.compressToScratch(raw, isLast: true)
                try file.write(compressed, at: offset)
                offset += compressed.count
                return checksum
            }
            let header = TarHeader.make(name: Self.memberName, size: memberSize, modificationTime: modificationTime)
            switch compression.codec {
            case .gzip:
                var checksum = Zlib.combine(Zlib.checksum(header), bodyChecksum, secondCount: memberSize)
                checksum = Zlib.combine(checksum, trailerChecksum, secondCount: trailer.count)
                try file.write(GzipEncoder.tail(checksum: checksum, count: header.count + memberSize + trailer.count), at: offset)
                offset += 8
                let head = GzipEncoder.head(holding: header)
                precondition(head.count == headerMemberSize)
                try file.write(head, at: 0)
            case .zstd:
                let frame = ZstdEncoder.rawFrame(header)
                precondition(frame.count == headerMemberSize)
                try file.write(frame, at: 0)
            }
            CrashInjection.reach(.archiveFinished)
            try file.sync()
            CrashInjection.reach(.archiveFlushed)
        } catch {
            file.remove()
            throw fail(error)
        }
        state = .finished
    }

    /// The second half of ``commit()``: renames the finished file onto ``path`` and makes the
    /// rename durable. Returns the archive's size in bytes.
    @discardableResult
    public func publish() throws(ArchiveError) -> Int {
        guard case .finished = state else {
            try checkOpen()
            throw fail(ArchiveError(.notOpen, "the archive \(path) is not finished", path: path))
        }
        do throws(ArchiveError) {
            try file.publish()
        } catch {
            // publish() may fail after the rename; then the archive stays and only the state changes.
            file.remove()
            throw fail(error)
        }
        state = .committed
        return offset
    }

    /// Abandons the archive and removes its temporary file. Does nothing after ``commit()`` or a
    /// second time.
    public func discard() {
        switch state {
        case .committed, .discarded: return
        case .open, .finished, .failed: break
        }
        file.remove()
        state = .discarded
    }

    // MARK: - Internals

    private func checkOpen() throws(ArchiveError) {
        switch state {
        case .open: return
        case .committed: throw ArchiveError(.notOpen, "the archive \(path) is already committed", path: path)
        case .finished: throw ArchiveError(.notOpen, "the archive \(path) is already finished", path: path)
        case .discarded: throw ArchiveError(.notOpen, "the archive \(path) was discarded", path: path)
        case .failed(let error): throw ArchiveError(.notOpen, "the archive \(path) failed earlier: \(error.message)", path: path, underlying: error)
        }
    }

    /// Marks the writer broken; the caller then discards it (deinit also cleans up).
    private func fail(_ error: ArchiveError) -> ArchiveError {
        state = .failed(error)
        return error
    }

    private func flushPending() throws(ArchiveError) {
        guard pendingCount > 0 else { return }
        try emit(UnsafeRawBufferPointer(rebasing: pending[..<pendingCount]))
        pendingCount = 0
    }

    private func emit(_ chunk: UnsafeRawBufferPointer) throws(ArchiveError) {
        let (compressed, checksum) = try compressor.compressToScratch(chunk)
        if compression.codec == .gzip {
            bodyChecksum = Zlib.combine(bodyChecksum, checksum, secondCount: chunk.count)
        }
        peakBufferedByteCount = max(peakBufferedByteCount, chunkSize + compressor.scratchCapacity)
        try file.write(compressed, at: offset)
        advance(by: compressed.count)
    }

    /// Moves past `count` bytes of the body just written, and every ``writebackStep`` bytes asks
    /// the system to start writing them to disk.
    private func advance(by count: Int) {
        offset += count
        if offset - writebackStart >= writebackStep {
            file.startWriteback(writebackStart..<offset)
            writebackStart = offset
            writebacksStarted += 1
        }
    }
}
