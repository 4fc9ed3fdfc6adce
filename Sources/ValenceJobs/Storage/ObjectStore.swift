#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// S3 objects kept as files under one local directory: `s3://bucket/key` is `<root>/bucket/key`.
///
/// Nothing outside `root` is ever read or written through the store:
/// - a bucket that is not a valid bucket name, a key with a `.` or `..` segment, or a NUL byte, is
///   refused (such a key cannot be stored as its own file);
/// - a path whose existing part resolves (`realpath(3)`, so through every symbolic link) outside
///   the resolved root is refused.
///
/// A refusal is a job-level ``StorageError``: `NO_READ_ACCESS_TO_INPUT` when reading,
/// `NO_WRITE_ACCESS_TO_OUTPUT` when writing. The checks are made when a path is handed out; the
/// store does not defend against another process swapping links under it afterwards.
public struct ObjectStore: Sendable, Hashable {
    /// What a path is wanted for; it picks the failure code.
    public enum Access: Sendable, Hashable {
        case read
        case write

        var failureCode: StorageError.Code {
            switch self {
            case .read: .noReadAccessToInput
            case .write: .noWriteAccessToOutput
            }
        }
    }

    /// The local directory that holds one subdirectory per bucket (absolute, no trailing slash).
    public let root: String

    public init(root: String) {
        var root = root
        while root.count > 1, root.hasSuffix("/") { root.removeLast() }
        self.root = root
    }

    /// The store at the configuration's `s3Root` (`$VALENCE_S3_ROOT`, default `$VALENCE_HOME/s3`).
    public init(configuration: ValenceConfiguration) {
        self.init(root: configuration.s3Root)
    }

    /// The local path of `uri`: `<root>/<bucket>` for an empty key, else `<root>/<bucket>/<key>`.
    ///
    /// Throws when the key has a `.`/`..` segment or a NUL byte, or when the part of the path that
    /// exists resolves outside the root.
    public func localPath(for uri: S3URI, access: Access) throws(StorageError) -> String {
        try checkRepresentable(uri, access: access)
        let path = uri.key.isEmpty ? "\(root)/\(uri.bucket)" : "\(root)/\(uri.bucket)/\(uri.key)"
        try checkInsideRoot(path, access: access)
        return path
    }

    // MARK: - Checks shared with input selection and output locations

    /// Refuses a bucket that is not a bucket name and a key that cannot be its own file.
    func checkRepresentable(_ uri: S3URI, access: Access) throws(StorageError) {
        guard S3URI.isValidBucketName(uri.bucket.utf8) else {
            throw StorageError(access.failureCode, reason: "'\(uri.bucket)' is not a valid bucket name")
        }
        guard !uri.key.utf8.contains(0) else {
            throw StorageError(access.failureCode, reason: "\(uri): a key with a NUL byte cannot be stored locally")
        }
        for segment in uri.key.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            if segment.elementsEqual(".".utf8) || segment.elementsEqual("..".utf8) {
                throw StorageError(access.failureCode,
                    reason: "\(uri): a key with a '\(String(Substring(segment)))' segment would leave the object root")
            }
        }
    }

    /// The root with every link resolved, or nil when it does not exist (then nothing under it does).
    func resolvedRoot(access: Access) throws(StorageError) -> String? {
        switch POSIX.realPath(root) {
        case .success(let resolved): return resolved
        case .failure(let error) where error.errno == ENOENT: return nil
        case .failure(let error):
            throw StorageError(access.failureCode, reason: error.description, path: root, underlying: error)
        }
    }

    /// Whether `resolved` (a real path) is `rootResolved` or below it.
    static func isInside(_ resolved: String, root rootResolved: String) -> Bool {
        if resolved == rootResolved { return true }
        let base = rootResolved == "/" ? "" : rootResolved
        return resolved.utf8.starts(with: (base + "/").utf8)
    }

    /// Resolves the longest existing leading part of `path` (which starts with `root`) and refuses
    /// it when it lies outside the resolved root.
    func checkInsideRoot(_ path: String, access: Access) throws(StorageError) {
        guard let rootResolved = try resolvedRoot(access: access) else { return }
        var candidate = path
        while true {
            switch POSIX.realPath(candidate) {
            case .success(let resolved):
                guard Self.isInside(resolved, root: rootResolved) else {
                    throw StorageError(access.failureCode,
                        reason: "\(candidate) resolves to \(resolved), outside the object root \(rootResolved)", path: path)
                }
                return
            case .failure(let error) where error.errno == ENOENT || error.errno == ENOTDIR:
                // Not there (yet): check what is above it. A dangling link is refused: creating
                // its target could create a file anywhere.
                if case .success(let status) = POSIX.status(candidate, followingLinks: false), status.kind == .symbolicLink {
                    throw StorageError(access.failureCode,
                        reason: "\(candidate) is a symbolic link to nothing", path: path, underlying: error)
                }
                guard candidate.utf8.count > root.utf8.count,
                      let slash = candidate.utf8.lastIndex(of: UInt8(ascii: "/"))
                else { return }
                candidate = String(Substring(candidate.utf8[..<slash]))
            case .failure(let error):
                throw StorageError(access.failureCode, reason: error.description, path: path, underlying: error)
            }
        }
    }
}
