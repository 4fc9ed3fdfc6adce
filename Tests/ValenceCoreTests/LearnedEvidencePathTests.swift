import Testing
import ValenceTestSupport
@testable import ValenceCore

/// A document's learned evidence is summed by two paths: unit by unit when `--explain` keeps each
/// token's share, and, without it, an ASCII word's n-grams in one loop that keeps the sums in
/// registers (`EvidenceSink.asciiGrams`). Both must give the same sums, bit for bit, in every pack:
/// the records of a job depend on them.
@Suite struct LearnedEvidencePathTests {
    static func bits(_ evidence: LearnedEvidence) -> [UInt64] {
        [evidence.polarity, evidence.subjectivity, evidence.positive, evidence.negative,
         evidence.mixedUnitPositive, evidence.mixedUnitNegative, evidence.mixedUnitMixedness].map(\.bitPattern)
            + [UInt64(evidence.units), UInt64(evidence.found)]
    }

    @Test func explainedAndPlainSumsAgreeOnEverySharedText() throws {
        var compared = 0, withUnits = 0
        var sessions: [LanguageCode: SentimentAnalyzer.Session] = [:]
        for (name, language, texts) in try Repository.sharedTexts() {
            if sessions[language] == nil { sessions[language] = try Repository.analyzer(language.rawValue).makeSession() }
            let session = sessions[language]!
            for text in texts.prefix(400) {
                let plain = session.analyze(text).learned
                let explained = session.analyze(text, explain: true).learned
                #expect(Self.bits(plain) == Self.bits(explained), "\(name): \(text)")
                compared += 1
                if plain.found > 0 { withUnits += 1 }
            }
        }
        #expect(compared > 5_000 && withUnits > 2_000)
    }

    /// No shipped pack with character n-grams negates them (only English has `learned-negation`),
    /// so the sign flip is checked on a pack made for it: a negated word's n-grams count with their
    /// polarity reversed, by both paths.
    @Test func negatedNGramsFlipTheirPolarityOnBothPaths() throws {
        var (rules, _) = try LexiconPack.parseRules(
            "[pack]\nlanguage = de\ntokenizer = icu\ncharacter-ngrams = 3\nngram-padding = yes\nlearned-negation = yes\n[negators]\nnicht\n",
            file: "rules.txt")
        rules.normalizeWords(for: rules.tokenizer)
        let learned = LearnedTable(entries: [
            .init(kind: .characters, unit: "<gu", polarity: 0.5, subjectivity: 0.25),
            .init(kind: .characters, unit: "gut", polarity: 1.25, subjectivity: 0.5),
            .init(kind: .characters, unit: "ut>", polarity: -0.125, subjectivity: 0.0625),
        ])
        let pack = LexiconPack(language: .de, entries: [(key: "schlecht", valence: -1.5)], rules: rules, learned: learned)
        let session = try SentimentAnalyzer(pack: pack).makeSession()
        let plain = session.analyze("gut").learned, negated = session.analyze("nicht gut").learned
        #expect(plain.polarity == 1.625 && plain.positive == 1.75 && plain.negative == -0.125 && plain.found == 3)
        #expect(negated.polarity == -1.625 && negated.positive == 0.125 && negated.negative == -1.75)
        #expect(negated.subjectivity == plain.subjectivity && negated.found == 3 && negated.units == 2 + 5 + 3)  // two word units, then the n-grams of <nicht> and <gut>
        for text in ["gut", "nicht gut", "GUT gut, nicht gut!", "nicht sehr gut", "ungut"] {
            #expect(Self.bits(session.analyze(text).learned) == Self.bits(session.analyze(text, explain: true).learned), "\(text)")
        }
    }
}
