#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An object being written through the S3 face (`valence serve`'s PutObject and
/// CompleteMultipartUpload): its bytes go to a temporary file beside the object, under the name
/// input selection skips (``ArchiveWriter/isTemporaryFileName(_:)``), and appear under the key
/// only at ``commit()``, in one `rename`, so a job never reads half an upload. The directories on
/// the way are created as a job's output folder is (``OutputLocation/createDirectory()``): nothing
/// outside the object root is created or written. Not thread-safe: one upload belongs to one task.
public final class ObjectUpload {
    public let object: S3URI
    /// The object's local path, once committed.
    public let path: String
    /// Bytes appended so far.
    public private(set) var size = 0
    private let file: TemporaryArchiveFile

    /// Starts an upload of `object`. A key that cannot be a file (empty, ending in `/`, a `.`/`..`
    /// segment, a NUL byte) or whose path leaves the root is refused (`NO_WRITE_ACCESS_TO_OUTPUT`).
    public init(store: ObjectStore, object: S3URI) throws(StorageError) {
        guard !object.key.isEmpty, !object.key.hasSuffix("/") else {
            throw StorageError(.noWriteAccessToOutput, reason: "\(object): a key ending in '/' cannot be stored as a file")
        }
        let path = try store.localPath(for: object, access: .write)
        try OutputLocation(uri: object.description, object: object, path: path, store: store).createDirectory()
        do {
            file = try TemporaryArchiveFile(destination: path)
        } catch {
            throw StorageError(.noWriteAccessToOutput, reason: error.description, path: path, underlying: error)
        }
        self.object = object
        self.path = path
    }

    /// Starts a write of a staging file outside the object root (a part of a multipart upload,
    /// under `$VALENCE_HOME/uploads`): the same temporary-then-rename writer, in a directory that
    /// must exist already.
    public init(stagingPath: String) throws(StorageError) {
        do {
            file = try TemporaryArchiveFile(destination: stagingPath)
        } catch {
            throw StorageError(.noWriteAccessToOutput, reason: error.description, path: stagingPath, underlying: error)
        }
        object = S3URI(bucket: "", key: "")
        path = stagingPath
    }

    /// Appends `bytes` to the temporary file.
    public func append(_ bytes: UnsafeRawBufferPointer) throws(StorageError) {
        do {
            try file.write(bytes, at: size)
        } catch {
            throw StorageError(.noWriteAccessToOutput, reason: error.description, path: file.temporaryPath, underlying: error)
        }
        size += bytes.count
    }

    /// Makes the object visible under its key (fsync, rename over any earlier version, fsync of
    /// the directory). On failure the temporary file is gone and no earlier version was replaced
    /// unless the rename itself succeeded.
    public func commit() throws(StorageError) {
        do {
            try file.publish()
        } catch {
            throw StorageError(.noWriteAccessToOutput, reason: error.description, path: path, underlying: error)
        }
    }

    /// Deletes the temporary file; the object keeps whatever version it had.
    public func abandon() {
        file.remove()
    }
}
