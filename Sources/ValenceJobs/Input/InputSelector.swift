#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Picks the objects a job reads (spec §6.1, §13 #25): every object of the bucket whose key starts
/// with the URI's key, as a plain string prefix over whole keys, so the match is recursive and not
/// folder-bound: `s3://b/data` selects `data.txt`, `data/x.txt`, `data/sub/y.txt` and `database.csv`;
/// `s3://b` and `s3://b/` select the whole bucket.
///
/// - Objects are the regular files under `<root>/<bucket>`; a key is the file's path relative to
///   the bucket directory. Directories are not objects (S3's zero-byte `folder/` markers have no
///   counterpart here, and keys ending in `/` are never selected). FIFOs, sockets and devices are
///   skipped. So are names that are not valid UTF-8, which no S3 key can be, and the temporary
///   files of archives being written (``ArchiveWriter/isTemporaryFileName(_:)``), which S3 would
///   not list before their upload completes.
/// - The result is sorted by key, comparing UTF-8 bytes (S3's listing order), so `a.txt` comes
///   before `a/x.txt` (`.` is 0x2E, `/` is 0x2F) and `Z` before `a`.
/// - Symbolic links are followed when they resolve inside the object root: a link to a file is an
///   object under the link's key, a link to a directory is walked as that directory (a link back to
///   a directory already being walked is not walked again). A matching link that resolves outside
///   the root, or to nothing, fails the job (`NO_READ_ACCESS_TO_INPUT`), as does a prefix with a
///   `.` or `..` segment.
/// - A bucket directory that does not exist or cannot be listed, and a directory on the way to
///   matching keys that cannot be listed, fail the job with `NO_READ_ACCESS_TO_INPUT`.
/// - **No matching object is not a failure**: the result is empty and the job completes with an
///   empty `output` (no records). A prefix query that matches nothing is an ordinary answer in S3,
///   the spec documents no failure code for it, and the bucket-missing case above already catches
///   the likely typo. (Comprehend's general "minimum total size 500 bytes" quota, §8, is not
///   enforced.)
/// - A file that cannot be opened or read later, while the job reads it, also fails the job; see
///   ``InputReader``.
public struct InputSelector: Sendable {
    public let store: ObjectStore

    public init(store: ObjectStore) {
        self.store = store
    }

    /// The objects under `uri`, sorted by key bytes; empty when none match.
    public func select(_ uri: S3URI) throws(StorageError) -> [InputObject] {
        let bucketPath = try store.localPath(for: S3URI(bucket: uri.bucket), access: .read)
        try store.checkRepresentable(uri, access: .read)
        guard let rootResolved = try store.resolvedRoot(access: .read) else {
            throw StorageError(.noReadAccessToInput, reason: "the object root \(store.root) does not exist", path: bucketPath)
        }
        let bucketResolved: String
        switch POSIX.realPath(bucketPath) {
        case .success(let resolved): bucketResolved = resolved
        case .failure(let error):
            throw StorageError(.noReadAccessToInput, reason: "bucket '\(uri.bucket)': \(error)", path: bucketPath, underlying: error)
        }
        return try Self.walk(from: bucketResolved, root: rootResolved, prefix: Array(uri.key.utf8), name: "bucket '\(uri.bucket)'")
    }

    /// What `valence run` reads: the objects of a local directory under the same rules as a job's
    /// bucket (keys relative to it, links followed only inside it, loops walked once, FIFOs and
    /// names that are not UTF-8 skipped, byte order), or a single file keyed by its name.
    public static func select(localPath path: String) throws(StorageError) -> [InputObject] {
        let resolved: String
        switch POSIX.realPath(path) {
        case .success(let value): resolved = value
        case .failure(let error):
            throw StorageError(.noReadAccessToInput, reason: "\(path): \(error)", path: path, underlying: error)
        }
        let status: POSIX.Status
        switch POSIX.status(resolved, followingLinks: true) {
        case .success(let value): status = value
        case .failure(let error):
            throw StorageError(.noReadAccessToInput, reason: "\(path): \(error)", path: path, underlying: error)
        }
        switch status.kind {
        case .directory:
            return try walk(from: resolved, root: resolved, prefix: [], name: path)
        case .regular:
            let name = String(decoding: Array(path.utf8).split(separator: UInt8(ascii: "/")).last ?? [], as: UTF8.self)
            return [InputObject(key: name, path: resolved, size: status.size)]
        case .symbolicLink, .other:
            throw StorageError(.noReadAccessToInput, reason: "\(path) is not a regular file or a directory", path: path)
        }
    }

    /// The objects under the directory `start` (resolved) whose keys start with `prefix`, links
    /// followed only when they resolve inside `root`; `name` names the top directory in errors.
    private static func walk(from start: String, root rootResolved: String, prefix: [UInt8], name topName: String) throws(StorageError) -> [InputObject] {
        struct Directory {
            var resolvedPath: String
            var key: String  // "" or "dir/sub/"
            var chain: [String]  // resolved paths of this directory and the ones walked to reach it
        }
        var pending = [Directory(resolvedPath: start, key: "", chain: [start])]
        var objects: [InputObject] = []

        while let directory = pending.popLast() {
            let names: [[UInt8]]
            switch POSIX.directoryEntries(directory.resolvedPath) {
            case .success(let value): names = value
            case .failure(let error):
                throw StorageError(.noReadAccessToInput,
                    reason: directory.key.isEmpty ? "\(topName): \(error)" : "'\(directory.key)': \(error)",
                    path: directory.resolvedPath, underlying: error)
            }
            for nameBytes in names {
                guard let name = String(validating: nameBytes, as: UTF8.self) else { continue }
                // An archive being written (by a running job whose output prefix lies inside this
                // input) is not an object yet: S3 never lists an unfinished upload.
                if ArchiveWriter.isTemporaryFileName(name) { continue }
                let key = directory.key + name
                let keyBytes = Array(key.utf8)
                let isMatch = keyBytes.starts(with: prefix)
                // A directory `key/` can hold matches when it starts with the prefix or is a leading part of it.
                let folderBytes = keyBytes + [UInt8(ascii: "/")]
                guard isMatch || prefix.starts(with: folderBytes) else { continue }

                let path = directory.resolvedPath + "/" + name
                let status: POSIX.Status
                switch POSIX.status(path, followingLinks: false) {
                case .success(let value): status = value
                case .failure(let error):
                    throw StorageError(.noReadAccessToInput, reason: "'\(key)': \(error)", path: path, underlying: error)
                }
                switch status.kind {
                case .regular:
                    if isMatch { objects.append(InputObject(key: key, path: path, size: status.size)) }
                case .directory:
                    pending.append(Directory(resolvedPath: path, key: key + "/", chain: directory.chain + [path]))
                case .symbolicLink:
                    let target: String
                    switch POSIX.realPath(path) {
                    case .success(let value): target = value
                    case .failure(let error):
                        throw StorageError(.noReadAccessToInput,
                            reason: "'\(key)' is a symbolic link that does not resolve: \(error)", path: path, underlying: error)
                    }
                    guard ObjectStore.isInside(target, root: rootResolved) else {
                        throw StorageError(.noReadAccessToInput,
                            reason: "'\(key)' resolves to \(target), outside the object root \(rootResolved)", path: path)
                    }
                    let targetStatus: POSIX.Status
                    switch POSIX.status(target, followingLinks: true) {
                    case .success(let value): targetStatus = value
                    case .failure(let error):
                        throw StorageError(.noReadAccessToInput, reason: "'\(key)': \(error)", path: target, underlying: error)
                    }
                    switch targetStatus.kind {
                    case .regular:
                        if isMatch { objects.append(InputObject(key: key, path: target, size: targetStatus.size)) }
                    case .directory:
                        let isCycle = directory.chain.contains { walked in
                            walked == target || walked.utf8.starts(with: (target + "/").utf8)
                        }
                        if !isCycle {
                            pending.append(Directory(resolvedPath: target, key: key + "/", chain: directory.chain + [target]))
                        }
                    case .symbolicLink, .other:
                        break
                    }
                case .other:
                    break
                }
            }
        }
        objects.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        return objects
    }
}
