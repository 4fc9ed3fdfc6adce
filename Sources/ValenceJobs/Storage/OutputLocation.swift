#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a sentiment job's `output.tar.gz` goes, in S3 terms and on disk (spec §7.1, §13 #20):
/// `<OutputDataConfig.S3Uri><AccountId>-SENTIMENT-<JobId>/output/output.tar.gz` (`output.tar.zst`
/// for a job started with Valence's `--compression zstd`).
public struct OutputLocation: Sendable, Hashable {
    /// The job-type token in the folder name (spec §12 item 2).
    public static let sentimentToken = "SENTIMENT"

    /// The full object URI, as Describe and List report `OutputDataConfig.S3Uri`.
    public let uri: String
    public let object: S3URI
    /// The local file: `<root>/<bucket>/<key>`.
    public let path: String
    /// The local directory that holds `path` (`…/output`).
    public let directory: String
    public let store: ObjectStore

    /// The object URI for a job: the prefix as the user wrote it, a `/` when it does not end in one
    /// (the prefix is taken as a folder, spec §7.1), then `<acct>-SENTIMENT-<jobId>/output/` and the
    /// archive's name (``ArchiveCompression/Codec/archiveFileName``, `output.tar.gz` for gzip).
    /// `s3://b/out` and `s3://b/out/` both give `s3://b/out/<acct>-SENTIMENT-<jobId>/output/output.tar.gz`.
    public static func sentimentObjectURI(
        outputPrefix: String, accountId: String, jobId: String, compression: ArchiveCompression.Codec = .gzip
    ) -> String {
        let separator = outputPrefix.hasSuffix("/") ? "" : "/"
        return "\(outputPrefix)\(separator)\(accountId)-\(sentimentToken)-\(jobId)/output/\(compression.archiveFileName)"
    }

    init(uri: String, object: S3URI, path: String, store: ObjectStore) {
        self.uri = uri
        self.object = object
        self.path = path
        self.store = store
        let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))!
        self.directory = String(Substring(path.utf8[..<slash]))
    }

    /// Creates `directory` and any missing directory above it (the root too), refusing to create or
    /// pass through anything that resolves outside the root. Existing directories are fine.
    /// Throws `NO_WRITE_ACCESS_TO_OUTPUT` on any failure.
    public func createDirectory() throws(StorageError) {
        try Self.makeDirectories(store.root)
        guard let rootResolved = try store.resolvedRoot(access: .write) else {
            throw StorageError(.noWriteAccessToOutput, reason: "\(store.root) vanished while being created", path: store.root)
        }
        var segments = object.key.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true)
            .map { String(Substring($0)) }
        segments.removeLast()  // the object's own name
        var current = store.root
        for segment in [object.bucket] + segments {
            current += "/" + segment
            if case .failure(let error) = POSIX.makeDirectory(current) {
                throw StorageError(.noWriteAccessToOutput, reason: error.description, path: current, underlying: error)
            }
            let resolved: String
            switch POSIX.realPath(current) {
            case .success(let value): resolved = value
            case .failure(let error):
                throw StorageError(.noWriteAccessToOutput, reason: error.description, path: current, underlying: error)
            }
            guard ObjectStore.isInside(resolved, root: rootResolved) else {
                throw StorageError(.noWriteAccessToOutput,
                    reason: "\(current) resolves to \(resolved), outside the object root \(rootResolved)", path: current)
            }
            guard case .success(let status) = POSIX.status(resolved, followingLinks: true), status.kind == .directory else {
                throw StorageError(.noWriteAccessToOutput, reason: "\(current) exists and is not a directory", path: current,
                    underlying: SystemCallError(call: "mkdir", path: current, errno: ENOTDIR))
            }
        }
        try store.checkInsideRoot(path, access: .write)
    }

    /// Deletes the temporary archive files (``ArchiveWriter/isTemporaryFileName(_:)``) left in
    /// `directory` by a writer that never committed nor discarded, e.g. a worker killed with
    /// SIGKILL. Call it only when no worker of the job can still be writing (the sweep does, for
    /// the jobs it fails). The finished archive and any other file stay. Returns the removed
    /// names; a missing or unreadable directory removes nothing.
    /// `except` names the one temporary file to keep (the caller's own).
    @discardableResult
    public func removeTemporaryArchiveFiles(except kept: String? = nil) -> [String] {
        guard case .success(let entries) = POSIX.directoryEntries(directory) else { return [] }
        var removed: [String] = []
        for entry in entries {
            guard let name = String(validating: entry, as: UTF8.self), ArchiveWriter.isTemporaryFileName(name),
                  name != kept else { continue }
            let path = directory + "/" + name
            // Only regular files: never follow a link planted under the temporary name.
            guard case .success(let status) = POSIX.status(path, followingLinks: false), status.kind == .regular else { continue }
            if unlink(path) == 0 { removed.append(name) }
        }
        return removed
    }

    /// `mkdir -p` for the root itself, which is configuration and may live anywhere.
    private static func makeDirectories(_ absolutePath: String) throws(StorageError) {
        var current = ""
        for segment in absolutePath.utf8.split(separator: UInt8(ascii: "/")) {
            current += "/" + String(Substring(segment))
            if case .failure(let error) = POSIX.makeDirectory(current) {
                throw StorageError(.noWriteAccessToOutput, reason: error.description, path: current, underlying: error)
            }
        }
    }
}

extension ObjectStore {
    /// The output location of a sentiment job whose `OutputDataConfig.S3Uri` is `outputPrefix`
    /// (see ``OutputLocation/sentimentObjectURI(outputPrefix:accountId:jobId:)``).
    public func sentimentOutputLocation(
        outputPrefix: String, accountId: String, jobId: String
    ) throws(StorageError) -> OutputLocation {
        try outputLocation(
            objectURI: OutputLocation.sentimentObjectURI(outputPrefix: outputPrefix, accountId: accountId, jobId: jobId))
    }

    /// The output location for a full object URI already built (e.g. the one a job manifest keeps).
    public func outputLocation(objectURI: String) throws(StorageError) -> OutputLocation {
        guard let object = S3URI(objectURI), !object.key.isEmpty, !object.key.hasSuffix("/") else {
            throw StorageError(.noWriteAccessToOutput, reason: "'\(objectURI)' is not an s3://bucket/key object URI")
        }
        let path = try localPath(for: object, access: .write)
        return OutputLocation(uri: objectURI, object: object, path: path, store: self)
    }
}
