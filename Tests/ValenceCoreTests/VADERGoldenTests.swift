import Foundation
import Testing
import ValenceCore
import ValenceTestSupport

/// One row of Tests/Fixtures/vader-golden.tsv: a sentence and vaderSentiment 3.3.2's exact
/// `polarity_scores` for it (written by tools/vader-golden.py).
struct VADERGoldenCase: Sendable, CustomTestStringConvertible {
    var rule: String
    var text: String
    var scores: [Double]

    var testDescription: String { "\(rule): \(text.debugDescription)" }

    static let file = Repository.fixture("vader-golden.tsv")

    /// Every row of the fixture; none when it cannot be read (``VADERGoldenTests/fixtureCoversEveryRule()``
    /// fails then).
    static let all: [VADERGoldenCase] = {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst(2).compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 6 else { return nil }
            let scores = fields[2...].compactMap { Double($0) }
            guard scores.count == 4 else { return nil }
            return VADERGoldenCase(rule: String(fields[0]), text: String(fields[1]), scores: scores)
        }
    }()
}

/// The English pack's Valence block against vaderSentiment 3.3.2, on sentences that exercise every
/// rule (negation, "never so", "without doubt", "no", boosters and dampeners, "kind of", "but",
/// ALL-CAPS emphasis, "!" and "?", idioms, "least", emoji, emoticons): `swift test` alone catches a
/// broken rule, without Python.
@Suite struct VADERGoldenTests {
    static let analyzer = try? Repository.analyzer("en")

    @Test(arguments: VADERGoldenCase.all)
    func valenceEqualsVADER(_ golden: VADERGoldenCase) throws {
        let session = try #require(Self.analyzer, "the en pack does not load").makeSession()
        let rounded = session.valence(of: golden.text).0.rounded
        // compound, pos, neu, neg, rounded as polarity_scores rounds them: equal, not close.
        #expect([rounded.compound, rounded.pos, rounded.neu, rounded.neg] == golden.scores)
    }

    @Test func fixtureCoversEveryRule() {
        let rules = Set(VADERGoldenCase.all.map(\.rule))
        #expect(VADERGoldenCase.all.count == 134)
        #expect(rules == ["plain", "negation", "never-so", "without-doubt", "no", "booster", "dampener", "kind-of", "but",
                          "caps", "exclamation", "question", "idiom", "least", "emoji", "emoticon",
                          "punctuation-and-words", "mixed"])
    }
}
