import Foundation
import ValenceJobs

/// A fresh directory under the system temporary directory, removed when the value goes away:
/// an object root for storage and input tests.
final class StorageTestDirectory {
    /// The directory's path (no trailing slash).
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        path = "\(base)/valence-storage-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// `path/relative`.
    func path(_ relative: String) -> String { "\(path)/\(relative)" }

    /// Writes `bytes` to `relative`, creating the directories above it.
    @discardableResult
    func write(_ relative: String, _ bytes: [UInt8]) throws -> String {
        let file = path(relative)
        let parent = (file as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        try write(relative, Array(text.utf8))
    }

    func makeDirectory(_ relative: String) throws {
        try FileManager.default.createDirectory(atPath: path(relative), withIntermediateDirectories: true)
    }

    /// A symbolic link at `relative` whose content is `destination` (absolute or relative, as given).
    func symlink(_ relative: String, to destination: String) throws {
        let link = path(relative)
        try FileManager.default.createDirectory(
            atPath: (link as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: destination)
    }

    /// The object store rooted at `path/relative` (default: `path/s3`).
    func store(_ relative: String = "s3") -> ObjectStore {
        ObjectStore(root: path(relative))
    }
}

/// A small deterministic generator (SplitMix64), so "random" inputs are the same on every run.
struct StorageTestRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
