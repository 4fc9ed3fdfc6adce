/// Why an output archive could not be written.
///
/// A job runner turns any of these into the job's failure (`NO_WRITE_ACCESS_TO_OUTPUT` for
/// ``Code-swift.struct/cannotCreate``, an internal error otherwise); `message` says what happened
/// on this machine and is meant for logs.
public struct ArchiveError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: Hashable, Sendable {
            case invalidArgument
            case cannotCreate
            case writeFailed
            case compressionFailed
            case syncFailed
            case renameFailed
            case notOpen
        }

        private let wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// A compression level or chunk size out of range, or a chunk of another codec.
        public static let invalidArgument = Code(.invalidArgument)
        /// The temporary file could not be created in the destination directory (missing directory,
        /// no permission, read-only file system, a file where a directory should be).
        public static let cannotCreate = Code(.cannotCreate)
        /// Writing the temporary file failed (disk full, I/O error).
        public static let writeFailed = Code(.writeFailed)
        /// zlib or zstd reported an error, or a gzip stream could not be read.
        public static let compressionFailed = Code(.compressionFailed)
        /// `fsync` of the archive or of its directory failed.
        public static let syncFailed = Code(.syncFailed)
        /// The temporary file could not be renamed to the archive's name.
        public static let renameFailed = Code(.renameFailed)
        /// The writer was already committed, discarded or broken by an earlier error.
        public static let notOpen = Code(.notOpen)

        public var description: String {
            switch wrapped {
            case .invalidArgument: "invalidArgument"
            case .cannotCreate: "cannotCreate"
            case .writeFailed: "writeFailed"
            case .compressionFailed: "compressionFailed"
            case .syncFailed: "syncFailed"
            case .renameFailed: "renameFailed"
            case .notOpen: "notOpen"
            }
        }
    }

    public var code: Code
    /// What went wrong, e.g. `cannot create a temporary file in /data/out: Permission denied`.
    public var message: String
    /// The file or directory involved, when there is one.
    public var path: String?
    /// The failed system call, when there is one.
    public var underlying: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, path: String? = nil, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.underlying = underlying
    }

    public var description: String { "\(code): \(message)" }
}
