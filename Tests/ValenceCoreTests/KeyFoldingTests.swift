import Testing
@testable import ValenceCore

/// Lookup-key folding per script (issue: Arabic, Devanagari, Latin accents) and the rules that
/// only non-English packs use (postposed negation, elisions, Arabic clitics).
@Suite struct KeyFoldingTests {
    @Test func latinAccentsFold() {
        #expect(TextNormalizer.lookupKey("Génial", folding: .accents) == "genial")
        #expect(TextNormalizer.lookupKey("ÇA VA très bien", folding: .accents) == "ca va tres bien")
        #expect(TextNormalizer.lookupKey("déçu", folding: []) == "déçu")
    }

    @Test func arabicVariantsFold() {
        // Alef with hamza, tatweel, harakat, teh marbuta and alef maksura.
        #expect(TextNormalizer.lookupKey("أَجمـــل", folding: .arabic) == "اجمل")
        #expect(TextNormalizer.lookupKey("رائعة", folding: .arabic) == "رائعه")
        #expect(TextNormalizer.lookupKey("مستوى", folding: .arabic) == "مستوي")
    }

    @Test func devanagariNuktaAndChandrabinduFold() {
        #expect(TextNormalizer.lookupKey("ज़िंदगी", folding: .devanagari) == "जिंदगी")
        #expect(TextNormalizer.lookupKey("हँसी", folding: .devanagari) == "हंसी")
    }

    static func pack(_ rules: String, lexicon: [(String, Double)], language: LanguageCode) throws -> SentimentAnalyzer.Session {
        var (parsed, _) = try LexiconPack.parseRules(rules, file: "rules.txt")
        if language == .ar { parsed.keyFolding.insert(.arabic) }
        parsed.normalizeWords(for: parsed.tokenizer)
        let pack = LexiconPack(language: language, entries: lexicon.map { (key: $0.0, valence: $0.1) }, rules: parsed)
        return try SentimentAnalyzer(pack: pack).makeSession()
    }

    @Test func postposedNegatorFlipsTheWordBeforeIt() throws {
        let session = try Self.pack("[pack]\nlanguage = ko\ntokenizer = icu\n[negators-after]\n않다\n", lexicon: [("좋지", 2)], language: .ko)
        #expect(session.valence(of: "좋지").0.rounded.compound == 0.4588)  // 2 / √(2² + 15)
        #expect(session.valence(of: "좋지 않다").0.rounded.compound == -0.357)  // 2 × −0.74
    }

    @Test func elisionsAreStrippedBeforeLookup() throws {
        let session = try Self.pack("[pack]\nlanguage = fr\ntokenizer = icu\nfold-accents = yes\n[elisions]\nj'\nl'\n",
                                    lexicon: [("adore", 3)], language: .fr)
        #expect(session.valence(of: "J'adore").0.rounded.compound == 0.6124)  // 3 / √(3² + 15)
        #expect(session.valence(of: "j’adore").0.rounded.compound == 0.6124)  // typographic apostrophe
        #expect(session.valence(of: "l'adoré").0.rounded.compound == 0.6124)  // accent folded
    }

    @Test func arabicCliticsAreStrippedWhenTheWordIsMissing() throws {
        let session = try Self.pack("[pack]\nlanguage = ar\ntokenizer = icu\n", lexicon: [("جميل", 2)], language: .ar)
        for text in ["جميل", "والجميل", "بالجميل", "وجميل", "الجميل"] {
            #expect(session.valence(of: text).0.rounded.compound == 0.4588, "\(text)")
        }
        #expect(session.valence(of: "جم").0.compound == 0)
    }

    @Test func olderCalibrationFilesLoadWithZeroWeightsForNewFeatures() throws {
        let header = "features\t" + Calibration.featureNames.prefix(10).joined(separator: "\t")
        let row = { (name: String) in name + "\t" + Array(repeating: "0.5", count: 10).joined(separator: "\t") }
        let text = ([header] + ["POSITIVE", "NEGATIVE", "NEUTRAL", "MIXED"].map(row)).joined(separator: "\n")
        let calibration = try Calibration.parse(text, file: "calibration.txt")
        #expect(calibration.weights[0].count == Calibration.featureNames.count)
        #expect(calibration.weights[0].suffix(Calibration.featureNames.count - 10).allSatisfy { $0 == 0 })
    }
}
