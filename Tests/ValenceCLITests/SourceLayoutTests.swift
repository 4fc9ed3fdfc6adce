import Foundation
import Testing

/// The shape issue #9 asked for, kept: the CLI parses, calls the library and renders; only the
/// library's configuration and supervision code touch the environment and spawn processes; the
/// core opens no files.
@Suite struct SourceLayoutTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    /// The Swift files under `Sources/<module>`, with their text, keyed by path from `Sources/`.
    static func files(_ module: String) throws -> [(path: String, text: String)] {
        let root = sources.appendingPathComponent(module)
        let walker = try #require(FileManager.default.enumerator(atPath: root.path))
        return try walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.sorted().map {
            ("\(module)/\($0)", try String(contentsOf: root.appendingPathComponent($0), encoding: .utf8))
        }
    }

    @Test func noCLIFileIsOver150Lines() throws {
        let long = try Self.files("valence").filter { $0.text.split(separator: "\n", omittingEmptySubsequences: false).count > 151 }
        #expect(long.map(\.path) == [])
    }

    @Test func onlyConfigurationAndSupervisionReadTheEnvironmentOrSpawn() throws {
        let allowed = ["ValenceJobs/Configuration/", "ValenceJobs/Supervision/"]
        var found: [String] = []
        for module in ["valence", "ValenceCore", "ValenceJobs"] {
            for file in try Self.files(module) where !allowed.contains(where: file.path.hasPrefix) {
                for pattern in ["getenv(", "processInfo.environment", "posix_spawn("] where file.text.contains(pattern) {
                    found.append("\(file.path): \(pattern)")
                }
            }
        }
        #expect(found == [])
    }

    @Test func theCoreOpensNoFiles() throws {
        // `open(` as a call of its own, not the tail of a name (ICU's `vx_wordbreaker_open(`).
        let opening = try Regex(#"(^|[^A-Za-z0-9_])(open|fopen)\(|FileManager|FileHandle"#)
        let found = try Self.files("ValenceCore").filter { $0.text.contains(opening) }.map(\.path)
        #expect(found == [])
    }
}
