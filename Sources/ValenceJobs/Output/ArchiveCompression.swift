/// How a job's output archive is compressed: gzip (`output.tar.gz`, what Comprehend writes) or
/// zstd (`output.tar.zst`, much cheaper to produce), and at which level.
public struct ArchiveCompression: Sendable, Hashable, CustomStringConvertible {
    public enum Codec: String, Sendable, Hashable, CaseIterable {
        case gzip
        case zstd

        /// `output.tar.gz` or `output.tar.zst`.
        public var archiveFileName: String {
            switch self {
            case .gzip: "output.tar.gz"
            case .zstd: "output.tar.zst"
            }
        }
    }

    public var codec: Codec
    /// ``DeflateEncoder``'s level (0–3) for gzip, zstd's (1–22) for zstd; checked when a compressor
    /// is made.
    public var level: Int

    public init(codec: Codec, level: Int) {
        self.codec = codec
        self.level = level
    }

    /// `codec` at its default level: 2 for gzip (two candidate matches per position: on job records,
    /// archives 11–13 % smaller than zlib's level 6, Comprehend's, at several times its speed), zstd's 1 (on job records, chunk by chunk, both
    /// cheaper and 5–7 % smaller than zstd's default 3: docs/decisions/0002-job-pipeline-performance.md).
    public init(codec: Codec) {
        switch codec {
        case .gzip: self.init(codec: .gzip, level: 2)
        case .zstd: self.init(codec: .zstd, level: 1)
        }
    }

    /// gzip at the default level: Comprehend's `output.tar.gz`.
    public static let gzip = ArchiveCompression(codec: .gzip)
    /// zstd at level 1.
    public static let zstd = ArchiveCompression(codec: .zstd)

    public static func gzip(level: Int) -> ArchiveCompression { ArchiveCompression(codec: .gzip, level: level) }
    public static func zstd(level: Int) -> ArchiveCompression { ArchiveCompression(codec: .zstd, level: level) }

    /// The levels the codec accepts.
    public var levels: ClosedRange<Int> {
        switch codec {
        case .gzip: DeflateEncoder.levels
        case .zstd: 1...22
        }
    }

    /// `output.tar.gz` or `output.tar.zst`.
    public var archiveFileName: String { codec.archiveFileName }

    public var description: String { "\(codec.rawValue) level \(level)" }
}
