#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An advisory `flock(2)` lock on a file, shared by every process (and every `JobStore` value)
/// that uses the same path. Each `withExclusiveLock` opens its own descriptor, so two users in one
/// process exclude each other just as two processes do.
struct FileLock: Sendable {
    let path: String

    /// Runs `body` while holding the exclusive lock; waits for it as long as another holder has it.
    /// The lock goes with the descriptor, so a crashed holder never leaves it taken.
    func withExclusiveLock<T>(_ body: () throws(ServiceError) -> T) throws(ServiceError) -> T {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw POSIXFailure.error("open", path) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw POSIXFailure.error("flock", path) }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}

/// A failed system call as a Comprehend error: `InternalServerException` (HTTP 500), naming the
/// call, the path and `strerror(errno)`.
enum POSIXFailure {
    static func error(_ call: String, _ path: String, _ code: Int32 = errno) -> ServiceError {
        ServiceError(.internalServer,
            "An internal server error occurred. Retry your request. (\(call) \(path): \(String(cString: strerror(code))))")
    }
}

/// Whole-file replacement that never shows a partial file: write a temporary file beside the
/// target, `fsync` it, `rename` it over the target, then `fsync` the directory so the rename
/// itself is durable.
enum AtomicFile {
    /// The marker in temporary file names (`.<name>.tmp-<pid>-<random>`).
    static let temporaryMarker = ".tmp-"

    static func write(_ text: String, to path: String) throws(ServiceError) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = "\(directory)/.\(name)\(temporaryMarker)\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw POSIXFailure.error("open", temporary) }
        var failure: ServiceError?
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = POSIXFailure.error("write", temporary)
                    return
                }
                offset += written
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = POSIXFailure.error("fsync", temporary) }
        if close(fd) != 0, failure == nil { failure = POSIXFailure.error("close", temporary) }
        if failure == nil { CrashInjection.reach(.manifestWritten) }
        if failure == nil, rename(temporary, path) != 0 { failure = POSIXFailure.error("rename", path) }
        if let failure {
            unlink(temporary)
            throw failure
        }
        CrashInjection.reach(.manifestRenamed)
        try syncDirectory(directory)
    }

    /// Makes the entries of `directory` (a rename, a new file) durable.
    static func syncDirectory(_ directory: String) throws(ServiceError) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw POSIXFailure.error("open", directory) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw POSIXFailure.error("fsync", directory) }
    }
}

/// `write(2)`, under a name that does not collide with `AtomicFile.write`.
@inline(__always)
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
