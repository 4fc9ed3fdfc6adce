/// A job-level storage failure: the input could not be read or the output could not be written.
///
/// `code` and `message` are what Comprehend reports in a FAILED job's `Message`
/// (`jobMessage`, spec §13 #31); `reason` and `path` say what actually went wrong on this machine
/// and are meant for logs, never for the job's `Message`.
public struct StorageError: Error, Sendable, CustomStringConvertible {
    /// The Comprehend failure code, e.g. `NO_READ_ACCESS_TO_INPUT`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: Hashable, Sendable {
            case noReadAccessToInput
            case noWriteAccessToOutput
        }

        private let wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// The input location, or an object under it, cannot be read.
        public static let noReadAccessToInput = Code(.noReadAccessToInput)
        /// The output location cannot be created or written.
        public static let noWriteAccessToOutput = Code(.noWriteAccessToOutput)

        /// The code as it appears in a job's `Message`.
        public var name: String {
            switch wrapped {
            case .noReadAccessToInput: "NO_READ_ACCESS_TO_INPUT"
            case .noWriteAccessToOutput: "NO_WRITE_ACCESS_TO_OUTPUT"
            }
        }

        /// Comprehend's sentence for the code (spec §13 #31).
        /// `CODE: standard message`, a FAILED job's `Message`.
        public var jobMessage: String { "\(name): \(standardMessage)" }

        public var standardMessage: String {
            switch wrapped {
            case .noReadAccessToInput:
                "The provided data access role does not have proper access to the input data."
            case .noWriteAccessToOutput:
                "The provided data access role does not have write access to the output S3 URI."
            }
        }

        public var description: String { name }
    }

    public var code: Code
    /// Comprehend's text for `code`.
    public var message: String
    /// What went wrong locally, e.g. `/root/s3/bucket: No such file or directory`.
    public var reason: String
    /// The local path involved, when there is one.
    public var path: String?
    /// The failed system call, when there is one.
    public var underlying: (any Error & Sendable)?

    public init(_ code: Code, reason: String, path: String? = nil, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = code.standardMessage
        self.reason = reason
        self.path = path
        self.underlying = underlying
    }

    /// A FAILED job's `Message`: `CODE: text`, e.g.
    /// `NO_READ_ACCESS_TO_INPUT: The provided data access role does not have proper access to the input data.`
    public var jobMessage: String { "\(code.name): \(message)" }

    public var description: String { "\(jobMessage) (\(reason))" }
}

/// A failed system call: its name, the path it was given and `errno`.
public struct SystemCallError: Error, Sendable, Hashable, CustomStringConvertible {
    public var call: String
    public var path: String
    public var errno: Int32

    public init(call: String, path: String, errno: Int32) {
        self.call = call
        self.path = path
        self.errno = errno
    }

    public var description: String { "\(call)(\(path)): \(POSIX.describe(errno))" }
}
