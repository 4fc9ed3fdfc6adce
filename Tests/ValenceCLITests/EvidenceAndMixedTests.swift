import Foundation
import Testing

/// Two semantic properties of the calibrated four classes (issue #15): a document without evidence is
/// NEUTRAL in every pack, and the English pack answers MIXED on clear two-sided review sentences.
@Suite struct EvidenceAndMixedTests {
    static func sentiments(_ language: String, _ texts: [String]) throws -> [String] {
        let input = try texts.enumerated().map { index, text in
            String(decoding: try JSONSerialization.data(withJSONObject: ["id": index, "text": text]), as: UTF8.self)
        }.joined(separator: "\n")
        let result = try CLIRunner.run("analyze", "--language-code", language, stdin: input)
        #expect(result.status == 0, "\(result.stderr)")
        return try result.stdout.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return object["Sentiment"] as? String ?? "error: \(line)"
        }
    }

    /// Whitespace and punctuation carry no evidence: NEUTRAL, in all twelve languages.
    @Test(arguments: LanguagePackTests.languages) func documentsWithoutEvidenceAreNeutral(language: String) throws {
        let texts = ["   ", "\t", "\u{00A0}", "\u{3000}", "\n\n", ".", "!!!", "...", "?", " \u{00A0}\t\u{3000} ", "。", "！？", "?!?!"]
        let answers = try Self.sentiments(language, texts)
        #expect(answers.count == texts.count)
        for (text, answer) in zip(texts, answers) {
            #expect(answer == "NEUTRAL", "\(language): \(text.unicodeScalars.map { String($0.value, radix: 16) }) is \(answer)")
        }
    }

    /// Written for this test: five review sentences that praise one thing and damn another, and five
    /// that take one side. MIXED on at least four of the first and on none of the second.
    static let twoSided = [
        "The food was great but the service was terrible.",
        "I love the camera, but the battery life is awful and the screen scratches easily.",
        "The pasta was delicious, but the waiter was rude and slow.",
        "Great location and friendly staff, but the room was dirty and noisy.",
        "The screen is beautiful, but the speakers are horrible.",
    ]
    static let oneSided = [
        "The food was great and the service was excellent.",
        "The waiter was rude and the soup was cold.",
        "I love this phone, the battery lasts for days.",
        "Terrible movie, boring and far too long.",
        "The hotel staff were friendly and helpful.",
    ]

    @Test func englishAnswersMixedOnTwoSidedSentencesOnly() throws {
        let two = try Self.sentiments("en", Self.twoSided)
        let one = try Self.sentiments("en", Self.oneSided)
        #expect(two.filter { $0 == "MIXED" }.count >= 4, "\(zip(Self.twoSided, two).map { "\($1): \($0)" })")
        #expect(!one.contains("MIXED"), "\(zip(Self.oneSided, one).map { "\($1): \($0)" })")
    }
}
