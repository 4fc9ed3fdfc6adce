import Foundation

/// Reads a file (or standard input) line by line as bytes, in 1 MiB chunks, so memory stays
/// bounded by the longest line. Lines end at LF; a CR before the LF is dropped.
public final class LineReader {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []
    private var start = 0
    private var isAtEnd = false
    /// The 1-based number of the line last returned.
    public private(set) var lineNumber = 0

    /// Opens `path`, or standard input for nil or "-".
    public init(path: String?) throws {
        if let path, path != "-" {
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else {
                throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: "\(path): \(String(cString: strerror(errno)))"])
            }
            var info = stat()
            if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                close(fd)
                throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "\(path): is a directory"])
            }
            descriptor = fd
            ownsDescriptor = true
        } else {
            descriptor = 0
            ownsDescriptor = false
        }
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// The next line without its terminator, or nil at the end of the input.
    public func nextLine() throws -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                var end = newline
                if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                let line = buffer[start..<end]
                start = newline + 1
                lineNumber += 1
                return line
            }
            if isAtEnd {
                guard start < buffer.count else { return nil }
                var end = buffer.count
                if buffer[end - 1] == 0x0D { end -= 1 }
                let line = buffer[start..<end]
                start = buffer.count
                lineNumber += 1
                return line
            }
            if start > 0 {
                buffer.removeSubrange(0..<start)
                start = 0
            }
            let chunk = 1 << 20
            let oldCount = buffer.count
            buffer.reserveCapacity(oldCount + chunk)
            var readCount = 0
            buffer.append(contentsOf: repeatElement(0, count: chunk))
            readCount = buffer.withUnsafeMutableBytes { raw in
                read(descriptor, raw.baseAddress! + oldCount, chunk)
            }
            if readCount < 0 {
                buffer.removeSubrange(oldCount...)
                throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "read failed: \(String(cString: strerror(errno)))"])
            }
            buffer.removeSubrange((oldCount + readCount)...)
            if readCount == 0 { isAtEnd = true }
        }
    }
}
