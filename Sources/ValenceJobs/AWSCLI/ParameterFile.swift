import Foundation

/// The aws CLI v2's `file://` (text) and `fileb://` (bytes) values, for any parameter.
public enum ParameterFile {
    /// The value itself, or the contents of the file it names.
    public static func resolve(_ value: String, flag: String) throws(ParameterError) -> String {
        let prefix = value.hasPrefix("file://") ? "file://" : value.hasPrefix("fileb://") ? "fileb://" : nil
        guard let prefix else { return value }
        let path = String(value.dropFirst(prefix.count))
        let expanded = path.hasPrefix("~/") ? NSHomeDirectory() + path.dropFirst(1) : path
        guard let data = FileManager.default.contents(atPath: expanded) else {
            let why = FileManager.default.fileExists(atPath: expanded) ? "[Errno 13] Permission denied" : "[Errno 2] No such file or directory"
            throw .parsing(flag, "Unable to load paramfile \(value): \(why): \(PythonValue.reprString(expanded))")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw .parsing(flag, "Unable to load paramfile \(value): \(path) is not valid UTF-8")
        }
        return text
    }
}
