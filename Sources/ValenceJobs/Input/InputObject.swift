/// One selected input object: its key, the `File` name its records carry, and where it is on disk.
public struct InputObject: Sendable, Hashable {
    /// The key relative to the bucket, e.g. `data/sub/y.txt`.
    public var key: String
    /// The local file to read: the object's real path (symbolic links resolved).
    public var path: String
    /// The size in bytes when it was selected (for progress; the reader reads to the end regardless).
    public var size: Int64

    public init(key: String, path: String, size: Int64) {
        self.key = key
        self.path = path
        self.size = size
    }

    /// The output's `File`: the last path component of the key (spec §6.1).
    public var fileName: String { S3URI.lastPathComponent(ofKey: key) }
}
