import Foundation
import ValenceCore

/// The repository the tests run in: its packs, its fixtures, and `../shared` beside it.
public enum Repository {
    public static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// `Lexicons/`, the packs.
    public static var lexicons: URL { root.appendingPathComponent("Lexicons") }

    /// `Tests/Fixtures/<name>`.
    public static func fixture(_ name: String) -> URL {
        root.appendingPathComponent("Tests/Fixtures").appendingPathComponent(name)
    }

    /// `../shared` (training and dev sets), read at test time, never copied.
    public static var shared: URL { root.deletingLastPathComponent().appendingPathComponent("shared") }

    /// The analyzer of the repository's pack for `language` (e.g. "en").
    public static func analyzer(_ language: String) throws -> SentimentAnalyzer {
        SentimentAnalyzer(pack: try LexiconPack.load(from: lexicons.appendingPathComponent(language).path))
    }
}
