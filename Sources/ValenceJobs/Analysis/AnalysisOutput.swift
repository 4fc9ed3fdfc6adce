import Foundation

/// `valence analyze`'s output: buffered, to a file (written under a temporary name and renamed
/// when complete, so a reader never sees part of it) or to standard output.
public final class AnalysisOutput {
    private let handle: FileHandle
    private let path: String?
    private let temporary: String?
    private var buffer = Data()

    /// Output to `path`, or standard output for nil or "-".
    public init(path: String?) throws(AnalysisError) {
        self.path = path
        if let path, path != "-" {
            let temporary = path + ".tmp-\(getpid())"
            guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
                throw AnalysisError(message: "cannot write \(path)")
            }
            self.handle = handle
            self.temporary = temporary
        } else {
            self.handle = FileHandle.standardOutput
            self.temporary = nil
        }
    }

    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    public func close() throws {
        try flush()
        if let temporary, let path {
            try handle.synchronize()
            try handle.close()
            guard rename(temporary, path) == 0 else {
                throw AnalysisError(message: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// After an error: flush what was written; a file output stays as `<output>.partial`, never
    /// under the final name.
    public func abandon() throws {
        try flush()
        if let temporary, let path {
            try handle.close()
            rename(temporary, path + ".partial")
        }
    }

    deinit {
        if let temporary, FileManager.default.fileExists(atPath: temporary) { unlink(temporary) }
    }
}
