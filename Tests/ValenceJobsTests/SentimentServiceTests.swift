import Foundation
import Testing
import ValenceCore
@testable import ValenceJobs
import ValenceTestSupport

/// The synchronous operations as the endpoint will call them: server-side validation that the aws
/// CLI's own client-side checks never let through (spec §4.1, §13 #8, #32, #33).
@Suite struct SentimentServiceTests {
    static let lexicons = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Lexicons").path
    let service = SentimentService(analyzers: AnalyzerCatalog(directory: Self.lexicons))

    func error(_ body: () throws -> Void) -> ServiceError? {
        do { try body() } catch { return error as? ServiceError }
        return nil
    }

    @Test func item32EmptyTextIsValidationExceptionWithoutEchoingTheSensitiveValue() {
        let e = error { _ = try service.detectSentiment(text: "", languageCode: "en") }
        #expect(e == ServiceError(.validation, "1 validation error detected: Value at 'text' failed to satisfy constraint: Member must have length greater than or equal to 1"))
    }

    @Test func missingMembersAreListedTogether() {
        let e = error { _ = try service.detectSentiment(text: nil, languageCode: nil) }
        #expect(e == ServiceError(.validation, "2 validation errors detected: Value null at 'text' failed to satisfy constraint: Member must not be null; Value null at 'languageCode' failed to satisfy constraint: Member must not be null"))
    }

    @Test func item33EmptyBatchItemsArePathedByOneBasedIndex() {
        let e = error { _ = try service.batchDetectSentiment(textList: ["ok", "", "fine", ""], languageCode: "en") }
        #expect(e == ServiceError(.validation, "2 validation errors detected: Value at 'textList.2.member' failed to satisfy constraint: Member must have length greater than or equal to 1; Value at 'textList.4.member' failed to satisfy constraint: Member must have length greater than or equal to 1"))
    }

    @Test func item32SizeIsCountedInUTF8Bytes() {
        // 1,700 characters of three bytes each: 5,100 bytes.
        let e = error { _ = try service.detectSentiment(text: String(repeating: "日", count: 1700), languageCode: "en") }
        #expect(e?.code == .textSizeLimitExceeded)
        #expect(e?.message.hasSuffix("the text size is 5100 bytes") == true)
        #expect(e?.code.httpStatus == 400)
    }

    @Test func languageWithoutAPackIsUnsupportedLanguage() throws {
        let directory = try TemporaryDirectory("empty")
        defer { directory.remove() }
        let empty = SentimentService(analyzers: AnalyzerCatalog(directory: directory.path))
        let e = error { _ = try empty.detectSentiment(text: "bonjour", languageCode: "fr") }
        #expect(e?.code == .unsupportedLanguage)
    }

    @Test func resultsAreInInputOrderAndErrorListIsEmpty() throws {
        let (results, errors) = try service.batchDetectSentiment(textList: ["I love it", "I hate it"], languageCode: "en")
        #expect(results.map(\.index) == [0, 1])
        #expect(results.map(\.analysis.sentiment) == [.positive, .negative])
        #expect(errors.isEmpty)
    }
}
