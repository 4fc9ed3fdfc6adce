/// A run of record bytes compressed by a ``ChunkCompressor``, ready to be appended to an
/// ``ArchiveWriter`` in input order: for gzip a byte-aligned, non-final piece of one deflate
/// stream, for zstd one complete frame.
public struct CompressedChunk: Sendable {
    public let codec: ArchiveCompression.Codec
    /// The compressed bytes.
    public let bytes: [UInt8]
    /// How many record bytes they decompress to.
    public let uncompressedCount: Int
    /// The CRC-32 of the record bytes (gzip only; the writer combines them for the gzip trailer).
    let checksum: UInt32

    init(codec: ArchiveCompression.Codec, bytes: [UInt8], uncompressedCount: Int, checksum: UInt32) {
        self.codec = codec
        self.bytes = bytes
        self.uncompressedCount = uncompressedCount
        self.checksum = checksum
    }
}
