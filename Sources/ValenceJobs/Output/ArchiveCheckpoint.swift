/// An ``ArchiveWriter``'s temporary file at a chunk boundary: what a resumed writer needs to go on
/// writing as if it had never stopped. The bytes before `bytes` (after the reserved header) are
/// whole chunks; the header is written only at commit.
public struct ArchiveCheckpoint: Sendable, Hashable {
    /// The temporary file's name, in the archive's directory.
    public var fileName: String
    /// The file's length at the boundary: the end of the last whole chunk.
    public var bytes: Int
    /// Record bytes in those chunks (`output`'s size so far).
    public var memberBytes: Int
    /// CRC-32 of those record bytes (gzip; zstd frames carry their own checks, and this stays 0).
    public var checksum: UInt32

    public init(fileName: String, bytes: Int, memberBytes: Int, checksum: UInt32) {
        self.fileName = fileName
        self.bytes = bytes
        self.memberBytes = memberBytes
        self.checksum = checksum
    }
}
