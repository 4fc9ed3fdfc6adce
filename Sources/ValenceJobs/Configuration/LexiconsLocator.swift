import Foundation

/// Where the packs are when neither `--lexicons` nor `VALENCE_LEXICONS` says:
/// `share/valence/Lexicons` beside an installed binary (`<prefix>/bin/valence`), else the nearest
/// `Lexicons/` (one holding `en/rules.txt`) at most eight levels above the executable or the
/// current directory — a build tree or a checkout.
struct LexiconsLocator {
    var executablePath: String
    var currentDirectory: String

    /// How far up from the executable or the current directory a `Lexicons/` is looked for.
    static let maximumLevels = 8

    func find() -> String? {
        let fm = FileManager.default
        let executable = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        let installed = executable.deletingLastPathComponent().appendingPathComponent("share/valence/Lexicons")
        if fm.fileExists(atPath: installed.appendingPathComponent("en/rules.txt").path) { return installed.path }
        for start in [executable, URL(fileURLWithPath: currentDirectory)] {
            var dir = start
            for _ in 0..<Self.maximumLevels {
                let candidate = dir.appendingPathComponent("Lexicons")
                if fm.fileExists(atPath: candidate.appendingPathComponent("en/rules.txt").path) { return candidate.path }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        return nil
    }
}
