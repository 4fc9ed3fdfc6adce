import Foundation
import Synchronization
import ValenceCore

/// Loads each language's pack once, on first use, from a `Lexicons/` directory, and hands out
/// per-thread sessions.
public final class AnalyzerCatalog: Sendable {
    public let directory: String
    private let loaded = Mutex<[LanguageCode: SentimentAnalyzer]>([:])

    public init(directory: String) {
        self.directory = directory
    }

    /// The analyzer for `language`, loading its pack the first time.
    public func analyzer(for language: LanguageCode) throws(ServiceError) -> SentimentAnalyzer {
        if let analyzer = loaded.withLock({ $0[language] }) { return analyzer }
        let pack: LexiconPack
        do {
            pack = try LexiconPack.load(from: "\(directory)/\(language.rawValue)")
        } catch {
            throw ServiceError(.unsupportedLanguage,
                "Amazon Comprehend can't process the language of the input text: no lexicon pack for '\(language.rawValue)' (\(error))")
        }
        let analyzer = SentimentAnalyzer(pack: pack)
        loaded.withLock { $0[language] = analyzer }
        return analyzer
    }

    public func session(for language: LanguageCode) throws(ServiceError) -> SentimentAnalyzer.Session {
        do {
            return try analyzer(for: language).makeSession()
        } catch let error as ServiceError {
            throw error
        } catch {
            throw ServiceError(.internalServer, "An internal server error occurred. Retry your request. (\(error))")
        }
    }

    /// Where the packs are: `$VALENCE_LEXICONS`, else `share/valence/Lexicons` beside the
    /// installed binary, else the nearest `Lexicons/` above the executable or the current directory.
    public static func defaultDirectory(executablePath: String = CommandLine.arguments.first ?? "") -> String? {
        let fm = FileManager.default
        if let path = ProcessInfo.processInfo.environment["VALENCE_LEXICONS"], !path.isEmpty { return path }
        var starts: [URL] = []
        // argv[0] is a bare name when the binary was found through PATH: use the running executable.
        let executablePath = executablePath.contains("/") ? executablePath : (Bundle.main.executablePath ?? executablePath)
        let executable = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        starts.append(executable)
        starts.append(URL(fileURLWithPath: fm.currentDirectoryPath))
        let installed = executable.deletingLastPathComponent().appendingPathComponent("share/valence/Lexicons")
        if fm.fileExists(atPath: installed.appendingPathComponent("en/rules.txt").path) { return installed.path }
        for start in starts {
            var dir = start
            for _ in 0..<8 {
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
