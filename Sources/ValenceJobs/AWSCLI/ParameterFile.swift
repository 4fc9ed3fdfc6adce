import Foundation

/// The aws CLI v2's `file://` (text) and `fileb://` (bytes) values, for any parameter.
public enum ParameterFile {
    /// The value itself, or the contents of the file it names.
    public static func resolve(_ value: String, flag: String) throws(ParameterError) -> String {
        let prefix = value.hasPrefix("file://") ? "file://" : value.hasPrefix("fileb://") ? "fileb://" : nil
        guard let prefix else { return value }
        let path = String(value.dropFirst(prefix.count))
        let expanded = path.hasPrefix("~/") ? NSHomeDirectory() + path.dropFirst(1) : path
        let data: Data
        do { data = try read(expanded) } catch {
            throw .parsing(flag, "Unable to load paramfile \(value): [Errno \(error.code)] \(String(cString: strerror(error.code))): \(PythonValue.reprString(expanded))")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw .parsing(flag, "Unable to load paramfile \(value): \(path) is not valid UTF-8")
        }
        return text
    }

    struct OpenError: Error { var code: Int32 }

    /// The bytes of `path` (a regular file, a pipe, /dev/null); the errno of what failed.
    static func read(_ path: String) throws(OpenError) -> Data {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw OpenError(code: errno) }
        defer { close(descriptor) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 { throw OpenError(code: errno) }
            if count == 0 { return data }
            data.append(contentsOf: buffer[0..<count])
        }
    }
}
