import Foundation
import ValenceCore

/// A lexicon pack's directory (`Lexicons/<lang>`) as `valence lexicon` works on it: loading,
/// checking, and writing the files learning and calibration produce.
public struct PackDirectory: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The pack's name in provenance lines: its last two path components (`Lexicons/ko`), so a
    /// file does not record where the checkout happened to be.
    public var name: String {
        let parts = path.split(separator: "/")
        return parts.count >= 2 ? parts.suffix(2).joined(separator: "/") : path
    }

    public func load() throws(PackError) -> LexiconPack {
        try LexiconPack.load(from: path)
    }

    /// What `valence lexicon check` finds: the pack (every line of every file parsed), its
    /// compiled lexicon, how many keys are repeated, and the problems that make it unfit to
    /// ship (a missing `SOURCE`, `LICENSE` or `calibration.txt`).
    public struct Check: Sendable {
        public var pack: LexiconPack
        public var compiled: CompiledLexicon
        public var repeatedKeys: Int
        public var problems: [String]
    }

    public func check() throws(PackError) -> Check {
        let pack = try load()
        var problems: [String] = []
        for file in ["SOURCE", "LICENSE"] where !FileManager.default.fileExists(atPath: "\(path)/\(file)") {
            problems.append("\(path)/\(file): missing")
        }
        var seen: [String: Int] = [:]
        var repeated = 0
        for entry in pack.entries {
            seen[entry.key, default: 0] += 1
            if seen[entry.key] == 2 { repeated += 1 }
        }
        if pack.calibration == nil { problems.append("\(path)/\(LexiconPack.File.calibration.rawValue): missing (run `valence lexicon calibrate`)") }
        if pack.rules.calibrationExtras.contains(.mixedUnits) && pack.mixedUnits == nil {
            problems.append("\(path)/\(LexiconPack.File.mixedUnits.rawValue): missing (calibration-extras names mixed-units; run `valence lexicon learn --out \(path)/\(LexiconPack.File.mixedUnits.rawValue)`)")
        }
        return Check(pack: pack, compiled: CompiledLexicon(pack: pack), repeatedKeys: repeated, problems: problems)
    }

    /// Writes the pack's `calibration.txt` (whole or not at all) and returns its path.
    public func writeCalibration(_ text: String) throws(PackFileError) -> String {
        let file = "\(path)/\(LexiconPack.File.calibration.rawValue)"
        try Self.write(text, to: file)
        return file
    }

    /// Writes `text` to `file` through a temporary file and a rename, so a reader never sees
    /// part of it.
    public static func write(_ text: String, to file: String) throws(PackFileError) {
        do { try text.write(toFile: file, atomically: true, encoding: .utf8) } catch {
            throw PackFileError(message: "cannot write \(file): \(error.localizedDescription)")
        }
    }
}
