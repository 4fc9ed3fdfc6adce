#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few system calls the storage layer needs, each checked right after the call.
enum POSIX {
    /// The kind of a file system entry, from `st_mode`.
    enum FileKind: Equatable {
        case regular
        case directory
        case symbolicLink
        case other
    }

    struct Status {
        var kind: FileKind
        var size: Int64
    }

    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// `lstat` (`followingLinks` false) or `stat`.
    static func status(_ path: String, followingLinks: Bool) -> Result<Status, SystemCallError> {
        var info = stat()
        let rc = followingLinks ? stat(path, &info) : lstat(path, &info)
        guard rc == 0 else {
            return .failure(SystemCallError(call: followingLinks ? "stat" : "lstat", path: path, errno: errno))
        }
        return .success(Status(kind: kind(of: info.st_mode), size: Int64(info.st_size)))
    }

    static func kind(of mode: mode_t) -> FileKind {
        switch mode & S_IFMT {
        case S_IFREG: .regular
        case S_IFDIR: .directory
        case S_IFLNK: .symbolicLink
        default: .other
        }
    }

    /// `realpath(3)`: the absolute path with every symbolic link, `.` and `..` resolved.
    static func realPath(_ path: String) -> Result<String, SystemCallError> {
        guard let resolved = realpath(path, nil) else {
            return .failure(SystemCallError(call: "realpath", path: path, errno: errno))
        }
        defer { free(resolved) }
        return .success(String(cString: resolved))
    }

    /// `mkdir(2)`; an existing entry is not an error (the caller checks what it is).
    static func makeDirectory(_ path: String) -> Result<Void, SystemCallError> {
        if mkdir(path, 0o777) == 0 { return .success(()) }
        let code = errno
        if code == EEXIST { return .success(()) }
        return .failure(SystemCallError(call: "mkdir", path: path, errno: code))
    }

    /// The names in a directory except `.` and `..`, as raw bytes (a Linux name need not be UTF-8).
    static func directoryEntries(_ path: String) -> Result<[[UInt8]], SystemCallError> {
        guard let stream = opendir(path) else {
            return .failure(SystemCallError(call: "opendir", path: path, errno: errno))
        }
        defer { closedir(stream) }
        var names: [[UInt8]] = []
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                let code = errno
                if code != 0 { return .failure(SystemCallError(call: "readdir", path: path, errno: code)) }
                return .success(names)
            }
            let name: [UInt8] = withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                let length = bytes.firstIndex(of: 0) ?? bytes.count
                return Array(bytes[..<length])
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            names.append(name)
        }
    }
}

/// An open, read-only file descriptor, closed when the last reference goes away.
///
/// Readers use `pread`, never the shared file offset, so copies of a reader that share one
/// descriptor still read independently.
final class ReadOnlyFile: Sendable {
    let descriptor: Int32
    let path: String
    /// The size when opened.
    let size: Int64

    /// Opens `path` for reading; fails unless it is a regular file (after following links).
    init(path: String) throws(SystemCallError) {
        var fd: Int32
        repeat {
            // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
            fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        } while fd < 0 && errno == EINTR
        guard fd >= 0 else { throw SystemCallError(call: "open", path: path, errno: errno) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw SystemCallError(call: "fstat", path: path, errno: code)
        }
        let kind = POSIX.kind(of: info.st_mode)
        guard kind == .regular else {
            close(fd)
            throw SystemCallError(call: "open", path: path, errno: kind == .directory ? EISDIR : EINVAL)
        }
        descriptor = fd
        self.path = path
        size = Int64(info.st_size)
    }

    deinit { close(descriptor) }

    /// Reads up to `buffer.count` bytes at `offset`; 0 at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(SystemCallError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = pread(descriptor, base, buffer.count, off_t(offset))
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw SystemCallError(call: "pread", path: path, errno: errno)
        }
    }

    /// The whole file, read to its end (its size when opened is only the first guess).
    func contents() throws(SystemCallError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: Int(max(size, 0)) + 1)
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(bytes.count, 4096))) }
            var failure: SystemCallError?
            let count = bytes.withUnsafeMutableBytes { buffer in
                do throws(SystemCallError) {
                    return try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]), at: Int64(filled))
                } catch {
                    failure = error
                    return 0
                }
            }
            if let failure { throw failure }
            if count == 0 { break }
            filled += count
        }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }
}
