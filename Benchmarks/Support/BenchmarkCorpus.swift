import Foundation
import ValenceCore

/// Where the benchmarks find their inputs, and the texts they run on.
///
/// The texts are read at run time from the shared evaluation set (`<shared>/eval/*.jsonl`, the
/// "text" member of each line); none of them is copied into the repository. `<shared>` is
/// `$VALENCE_SHARED` when set, else `shared/` beside the repository (`../shared` from its root).
public enum BenchmarkCorpus {
    /// The repository root, found from this file's location (`<repo>/Benchmarks/Support/`).
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // Benchmarks
        .deletingLastPathComponent()  // repository root

    public static var sharedDirectory: URL {
        if let path = ProcessInfo.processInfo.environment["VALENCE_SHARED"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
    }

    public static var evalDirectory: URL { sharedDirectory.appendingPathComponent("eval") }

    public static func packDirectory(_ language: LanguageCode) -> String {
        repositoryRoot.appendingPathComponent("Lexicons").appendingPathComponent(language.rawValue).path
    }

    /// The English scoring corpus: every `en*.jsonl` of the eval set, files in name order (byte
    /// order), lines in file order. `tools/bench-vader.py` reads exactly the same list.
    public static func englishTexts() -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: evalDirectory.path)
                .filter { $0.hasPrefix("en") && $0.hasSuffix(".jsonl") }
                .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        } catch {
            fail("cannot list \(evalDirectory.path): \(error)")
        }
        guard !names.isEmpty else { fail("no en*.jsonl in \(evalDirectory.path)") }
        return names.flatMap { texts(inFile: evalDirectory.appendingPathComponent($0)) }
    }

    /// The texts of `<eval>/<lang>.jsonl` (`zh-TW.jsonl` for zh-TW).
    public static func texts(for language: LanguageCode) -> [String] {
        texts(inFile: evalDirectory.appendingPathComponent("\(language.rawValue).jsonl"))
    }

    private struct Line: Decodable { let text: String }

    static func texts(inFile url: URL) -> [String] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            fail("cannot read \(url.path) (set VALENCE_SHARED to the shared/ directory)")
        }
        let decoder = JSONDecoder()
        var result: [String] = []
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
            do {
                result.append(try decoder.decode(Line.self, from: Data(line)).text)
            } catch {
                fail("\(url.path): line \(result.count + 1) has no string \"text\": \(error)")
            }
        }
        return result
    }

    /// UTF-8 byte count of `texts`, the unit of every MB/s figure (MB = 10^6 bytes).
    public static func utf8Bytes(_ texts: [String]) -> Int {
        texts.reduce(0) { $0 + $1.utf8.count }
    }

    /// When `$VALENCE_BENCH_STATS_DIR` is set, writes `<dir>/<name>.json` describing the inputs
    /// (document and byte counts), so that a report can turn per-pass times into docs/s and MB/s.
    public static func writeStats(_ name: String, _ stats: [String: Any]) {
        guard let dir = ProcessInfo.processInfo.environment["VALENCE_BENCH_STATS_DIR"], !dir.isEmpty else { return }
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let data = try JSONSerialization.data(withJSONObject: stats, options: [.sortedKeys, .prettyPrinted])
            try data.write(to: URL(fileURLWithPath: dir).appendingPathComponent("\(name).json"))
        } catch {
            fail("cannot write stats to \(dir): \(error)")
        }
    }

    public static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("benchmark setup: \(message)\n".utf8))
        exit(1)
    }
}
