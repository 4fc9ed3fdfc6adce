/// Compresses chunks of record bytes so that, concatenated in input order by an
/// ``ArchiveWriter``, they form one stream: for gzip, pieces of a single deflate stream (one gzip
/// member in the end, as pigz makes them); for zstd, independent frames.
///
/// An ``ArchiveWriter`` owns one. To compress on several threads, give each worker its own (a
/// compressor is not thread-safe and holds the codec's state, about 130 KiB for gzip and a few MiB
/// for zstd) and hand the resulting ``CompressedChunk``s to the writer's `write(_ chunk:)` in
/// input order. Chunks of ``ArchiveWriter/chunkSize`` bytes give the same archive, byte for byte,
/// as writing the records to the writer directly; chunks of about 1 MiB keep the compression
/// ratio within a fraction of a percent of one long stream.
public final class ChunkCompressor {
    public let compression: ArchiveCompression

    private enum Engine {
        case gzip(GzipEncoder)
        case zstd(ZstdEncoder)
    }

    private let engine: Engine
    /// Reused output space for ``compressToScratch(_:isLast:)``.
    private var scratch = UnsafeMutableRawBufferPointer(start: nil, count: 0)

    /// Throws ``ArchiveError/Code-swift.struct/invalidArgument`` for a level the codec does not take.
    public init(_ compression: ArchiveCompression) throws(ArchiveError) {
        guard compression.levels.contains(compression.level) else {
            throw ArchiveError(.invalidArgument,
                "\(compression.codec.rawValue) level \(compression.level) is outside \(compression.levels.lowerBound)...\(compression.levels.upperBound)")
        }
        self.compression = compression
        switch compression.codec {
        case .gzip: engine = .gzip(GzipEncoder(level: compression.level))
        case .zstd: engine = .zstd(try ZstdEncoder(level: compression.level))
        }
    }

    deinit {
        scratch.deallocate()
    }

    /// Compresses `bytes` into one chunk.
    public func compress(_ bytes: UnsafeRawBufferPointer) throws(ArchiveError) -> CompressedChunk {
        let capacity = bound(bytes.count)
        var failure: ArchiveError?
        var checksum: UInt32 = 0
        let compressed = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            do throws(ArchiveError) {
                (count, checksum) = try compress(bytes, into: UnsafeMutableRawBufferPointer(buffer), isLast: false)
            } catch {
                failure = error
                count = 0
            }
        }
        if let failure { throw failure }
        return CompressedChunk(codec: compression.codec, bytes: compressed, uncompressedCount: bytes.count, checksum: checksum)
    }

    /// Compresses `bytes` into one chunk.
    public func compress(_ bytes: [UInt8]) throws(ArchiveError) -> CompressedChunk {
        try bytes.withArchiveBytes { (raw) throws(ArchiveError) in try compress(raw) }
    }

    // MARK: - For the writer

    /// The bytes of the reused output buffer, for ``ArchiveWriter``'s bookkeeping.
    var scratchCapacity: Int { scratch.count }

    /// Compresses `bytes` into the reused buffer, valid until the next call; `isLast` ends the
    /// gzip deflate stream.
    func compressToScratch(
        _ bytes: UnsafeRawBufferPointer, isLast: Bool = false
    ) throws(ArchiveError) -> (bytes: UnsafeRawBufferPointer, checksum: UInt32) {
        let needed = bound(bytes.count)
        if scratch.count < needed {
            scratch.deallocate()
            scratch = .allocate(byteCount: needed, alignment: 16)
        }
        let (count, checksum) = try compress(bytes, into: scratch, isLast: isLast)
        return (UnsafeRawBufferPointer(rebasing: scratch[..<count]), checksum)
    }

    private func bound(_ count: Int) -> Int {
        switch engine {
        case .gzip(let encoder): encoder.bound(count)
        case .zstd(let encoder): encoder.bound(count)
        }
    }

    private func compress(
        _ bytes: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, isLast: Bool
    ) throws(ArchiveError) -> (count: Int, checksum: UInt32) {
        switch engine {
        case .gzip(let encoder): encoder.compress(bytes, into: output, isLast: isLast)
        case .zstd(let encoder): (try encoder.compress(bytes, into: output), 0)
        }
    }
}
