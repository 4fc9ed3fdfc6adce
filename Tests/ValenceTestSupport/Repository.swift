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

    /// Every `*.jsonl` file of `../shared/train` then `../shared/eval` (in name order), with the
    /// language of its name (the `en-*` sets are English) and the `text` of each of its lines.
    public static func sharedTexts() throws -> [(file: String, language: LanguageCode, texts: [String])] {
        var result: [(file: String, language: LanguageCode, texts: [String])] = []
        for part in ["train", "eval"] {
            let folder = shared.appendingPathComponent(part)
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where name.hasSuffix(".jsonl") {
                let stem = String(name.dropLast(".jsonl".count))
                guard let language = LanguageCode(rawValue: stem) ?? (stem.hasPrefix("en") ? .en : nil) else {
                    throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: name])
                }
                let data = try Data(contentsOf: folder.appendingPathComponent(name))
                var texts: [String] = []
                for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
                    guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                          let text = object["text"] as? String else {
                        throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: name])
                    }
                    texts.append(text)
                }
                result.append(("\(part)/\(name)", language, texts))
            }
        }
        return result
    }

    /// The analyzer of the repository's pack for `language` (e.g. "en").
    public static func analyzer(_ language: String) throws -> SentimentAnalyzer {
        SentimentAnalyzer(pack: try LexiconPack.load(from: lexicons.appendingPathComponent(language).path))
    }
}
