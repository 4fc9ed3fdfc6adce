import Foundation
import ValenceCore

extension LexiconPack {
    /// Reads a pack from its directory (`Lexicons/<lang>`), checking every line. The files are
    /// read here, in the jobs library; ``LexiconPack/parse(location:contents:)`` in the core only
    /// sees their bytes.
    public static func load(from directory: String) throws(PackError) -> LexiconPack {
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: base, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw PackError(file: base, message: "no such pack directory")
        }
        return try parse(location: base) { (file) throws(PackError) -> [UInt8]? in
            let path = "\(base)/\(file.rawValue)"
            guard file == .rules || FileManager.default.fileExists(atPath: path) else { return nil }
            do throws(SystemCallError) {
                return try ReadOnlyFile(path: path).contents()
            } catch {
                throw PackError(file: path, message: "cannot read file (\(POSIX.describe(error.errno)))")
            }
        }
    }
}
