#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
internal import CICUShim

/// The file an archive is written into: created under a hidden temporary name in the
/// destination's directory, written at explicit offsets, then made durable and renamed onto the
/// destination in one step, so no reader ever sees a partial archive. Until ``publish()``
/// succeeds, ``remove()`` (or deinit) deletes it.
final class TemporaryArchiveFile {
    let destination: String
    let directory: String
    let temporaryPath: String
    private var descriptor: Int32
    private var isPublished = false
    private var isRemoved = false

    /// `.<name>.valence-<16 hex digits>.tmp`: recognisable, and hidden from `ls` and most globs.
    static func isTemporaryName(_ name: String) -> Bool {
        name.hasPrefix(".") && name.hasSuffix(".tmp") && name.contains(".valence-")
    }

    init(destination: String) throws(ArchiveError) {
        let slash = destination.utf8.lastIndex(of: UInt8(ascii: "/"))
        let directory = slash.map { String(Substring(destination.utf8[..<$0])) } ?? "."
        let name = slash.map { String(Substring(destination.utf8[destination.utf8.index(after: $0)...])) } ?? destination
        guard !name.isEmpty, name != ".", name != ".." else {
            throw ArchiveError(.invalidArgument, "'\(destination)' does not name a file", path: destination)
        }
        self.destination = destination
        self.directory = directory.isEmpty ? "/" : directory
        var attempt = 0
        while true {
            let suffix = String(UInt64.random(in: .min ... .max), radix: 16)
            let candidate = (slash == nil ? "" : self.directory == "/" ? "/" : self.directory + "/")
                + ".\(name).valence-\(String(repeating: "0", count: 16 - suffix.count) + suffix).tmp"
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 {
                temporaryPath = candidate
                descriptor = fd
                return
            }
            let code = errno
            attempt += 1
            if code == EINTR || (code == EEXIST && attempt < 16) { continue }
            throw ArchiveError(.cannotCreate,
                "cannot create a temporary file in \(self.directory) for \(destination): \(Self.describe(code))",
                path: candidate, underlying: SystemCallError(call: "open", path: candidate, errno: code))
        }
    }

    deinit {
        if !isPublished { remove() }
    }

    /// Writes all of `bytes` at `offset`.
    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(ArchiveError) {
        var done = 0
        while done < bytes.count {
            let result = pwrite(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            if result < 0 {
                let code = errno
                if code == EINTR { continue }
                throw ArchiveError(.writeFailed, "cannot write \(temporaryPath): \(Self.describe(code))",
                    path: temporaryPath, underlying: SystemCallError(call: "pwrite", path: temporaryPath, errno: code))
            }
            done += result
        }
    }

    func write(_ bytes: [UInt8], at offset: Int) throws(ArchiveError) {
        try bytes.withArchiveBytes { (raw) throws(ArchiveError) in try write(raw, at: offset) }
    }

    /// `fsync`s the file, closes it, renames it onto the destination and `fsync`s the directory
    /// so the new name survives a crash. Before the rename any failure removes the temporary
    /// file; a failure of the last `fsync` leaves the complete archive in place and throws.
    func publish() throws(ArchiveError) {
        precondition(!isPublished && !isRemoved && descriptor >= 0)
        do throws(ArchiveError) { try sync() } catch {
            remove()
            throw error
        }
        let closed = close(descriptor)
        let closeCode = errno
        descriptor = -1
        guard closed == 0 else {
            remove()
            throw ArchiveError(.writeFailed, "cannot close \(temporaryPath): \(Self.describe(closeCode))",
                path: temporaryPath, underlying: SystemCallError(call: "close", path: temporaryPath, errno: closeCode))
        }
        guard rename(temporaryPath, destination) == 0 else {
            let code = errno
            remove()
            throw ArchiveError(.renameFailed, "cannot rename \(temporaryPath) to \(destination): \(Self.describe(code))",
                path: destination, underlying: SystemCallError(call: "rename", path: destination, errno: code))
        }
        isPublished = true
        CrashInjection.reach(.archiveRenamed)
        defer { CrashInjection.reach(.archivePublished) }
        let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directoryDescriptor >= 0 else {
            let code = errno
            throw ArchiveError(.syncFailed, "cannot open \(directory) to fsync it: \(Self.describe(code))",
                path: directory, underlying: SystemCallError(call: "open", path: directory, errno: code))
        }
        defer { close(directoryDescriptor) }
        if let code = Self.sync(directoryDescriptor) {
            throw ArchiveError(.syncFailed, "cannot fsync \(directory): \(Self.describe(code))",
                path: directory, underlying: SystemCallError(call: "fsync", path: directory, errno: code))
        }
    }

    /// The temporary file's name in ``directory``.
    var name: String {
        String(temporaryPath.utf8.lastIndex(of: UInt8(ascii: "/")).map { Substring(temporaryPath.utf8[temporaryPath.utf8.index(after: $0)...]) } ?? Substring(temporaryPath))
    }

    /// Asks the system to start writing the bytes `range` to the disk, without waiting: the
    /// `fsync` of ``sync()`` or ``publish()`` then has little left to do. A hint: a file system
    /// that cannot take it (or any error) leaves that work to the `fsync`, which reports errors.
    func startWriteback(_ range: Range<Int>) {
        guard descriptor >= 0, !range.isEmpty else { return }
        _ = vx_start_writeback(descriptor, Int64(range.lowerBound), Int64(range.count))
    }

    /// `fsync`s the file (a checkpoint, or before the rename).
    func sync() throws(ArchiveError) {
        if let code = Self.sync(descriptor) {
            throw ArchiveError(.syncFailed, "cannot fsync \(temporaryPath): \(Self.describe(code))",
                path: temporaryPath, underlying: SystemCallError(call: "fsync", path: temporaryPath, errno: code))
        }
    }

    /// Copies the bytes `range` of the file at `source` to the same offsets of this one.
    func copy(from source: String, range: Range<Int>) throws(ArchiveError) {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else {
            let code = errno
            throw ArchiveError(.cannotCreate, "cannot open \(source) to resume from it: \(Self.describe(code))",
                path: source, underlying: SystemCallError(call: "open", path: source, errno: code))
        }
        defer { close(input) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var position = range.lowerBound
        while position < range.upperBound {
            let count = pread(input, buffer.baseAddress!, min(buffer.count, range.upperBound - position), off_t(position))
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                let code = count == 0 ? EIO : errno
                throw ArchiveError(.cannotCreate,
                    "cannot read \(source) up to byte \(range.upperBound) to resume from it: \(count == 0 ? "it ends at \(position)" : Self.describe(code))",
                    path: source, underlying: SystemCallError(call: "pread", path: source, errno: code))
            }
            try write(UnsafeRawBufferPointer(rebasing: buffer[..<count]), at: position)
            position += count
        }
    }

    /// Closes the file and forgets it, leaving it in place (another writer may be reading it).
    func abandon() {
        guard !isPublished, !isRemoved else { return }
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        isRemoved = true
    }

    /// Closes and deletes the temporary file; does nothing once published or already removed.
    func remove() {
        guard !isPublished, !isRemoved else { return }
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        unlink(temporaryPath)
        isRemoved = true
    }

    private static func sync(_ descriptor: Int32) -> Int32? {
        while true {
            if fsync(descriptor) == 0 { return nil }
            let code = errno
            if code != EINTR { return code }
        }
    }

    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
