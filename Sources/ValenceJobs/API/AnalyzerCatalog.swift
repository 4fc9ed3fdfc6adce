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
}
