import Foundation

/// A fresh directory under the system temporary directory, removed with everything in it when the
/// last reference goes away (or at `remove()`): the one scratch space of the test targets.
public final class TemporaryDirectory: Sendable {
    /// The directory's path (no trailing slash).
    public let path: String

    /// `label` becomes part of the name, to tell leftovers apart.
    public init(_ label: String = "tests") throws {
        let name = "valence-\(label.filter { $0.isLetter || $0.isNumber || $0 == "-" })-\(UUID().uuidString)"
        path = FileManager.default.temporaryDirectory.appendingPathComponent(name).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    public var url: URL { URL(fileURLWithPath: path) }

    /// `path/relative`.
    public func path(_ relative: String) -> String { "\(path)/\(relative)" }

    /// Writes `bytes` to `relative`, creating the directories above it; returns the file's path.
    @discardableResult
    public func write(_ relative: String, _ bytes: [UInt8]) throws -> String {
        let file = path(relative)
        let parent = (file as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    @discardableResult
    public func write(_ relative: String, _ text: String) throws -> String {
        try write(relative, Array(text.utf8))
    }

    public func makeDirectory(_ relative: String) throws {
        try FileManager.default.createDirectory(atPath: path(relative), withIntermediateDirectories: true)
    }

    /// A symbolic link at `relative` whose content is `destination` (absolute or relative, as given).
    public func symlink(_ relative: String, to destination: String) throws {
        let link = path(relative)
        try FileManager.default.createDirectory(
            atPath: (link as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: destination)
    }

    /// Every entry's name, hidden ones included, sorted.
    public func entries(_ relative: String? = nil) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: relative.map(path(_:)) ?? path).sorted()
    }

    /// Removes the directory now (it is removed at deinit anyway).
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
