/// A run of record bytes compressed by a ``ChunkCompressor``: one complete gzip member or zstd
/// frame, ready to be appended to an ``ArchiveWriter`` in input order.
public struct CompressedChunk: Sendable {
    public let codec: ArchiveCompression.Codec
    /// The member or frame.
    public let bytes: [UInt8]
    /// How many record bytes it decompresses to.
    public let uncompressedCount: Int

    init(codec: ArchiveCompression.Codec, bytes: [UInt8], uncompressedCount: Int) {
        self.codec = codec
        self.bytes = bytes
        self.uncompressedCount = uncompressedCount
    }
}
