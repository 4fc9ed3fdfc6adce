import Foundation
import Testing
import ValenceTestSupport

/// A document without evidence is NEUTRAL in every pack (issue #15 acceptance 3, issue #11 defect 4):
/// whitespace-only and punctuation-only documents, through `analyze` (jobs and `detect-sentiment`
/// score through the same `Calibration.score`).
@Suite struct EvidenceTests {
    static func sentiments(_ language: String, _ texts: [String]) throws -> [String] {
        let input = try texts.enumerated().map { index, text in
            String(decoding: try JSONSerialization.data(withJSONObject: ["id": index, "text": text]), as: UTF8.self)
        }.joined(separator: "\n")
        let result = try CLIRunner.run("analyze", "--language-code", language, stdin: input)
        #expect(result.status == 0, "\(result.stderr)")
        return try result.stdout.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            return object["Sentiment"] as? String ?? "error: \(line)"
        }
    }

    /// Whitespace and punctuation carry no evidence: NEUTRAL, in all twelve languages.
    @Test(arguments: LanguagePackTests.languages) func defect4_documentsWithoutEvidenceAreNeutral(language: String) throws {
        let texts = ["   ", "\t", "\u{00A0}", "\u{3000}", "\n\n", ".", "!!!", "...", "?", " \u{00A0}\t\u{3000} ", "。", "！？", "?!?!"]
        let answers = try Self.sentiments(language, texts)
        #expect(answers.count == texts.count)
        for (text, answer) in zip(texts, answers) {
            #expect(answer == "NEUTRAL", "\(language): \(text.unicodeScalars.map { String($0.value, radix: 16) }) is \(answer)")
        }
    }
}
