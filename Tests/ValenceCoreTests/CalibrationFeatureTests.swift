import Testing
@testable import ValenceCore

/// The calibration's optional features (`calibration-extras`: the found-unit means of the English
/// pack's TextBlob table, and the punctuation indicators) and the files fitted without them.
@Suite struct CalibrationFeatureTests {
    @Test func foundMeansAverageOverTheUnitsFoundOnly() {
        var evidence = LearnedEvidence(units: 10)
        evidence.add(polarity: 0.7, subjectivity: 0.6)
        evidence.add(polarity: 2 * -0.5, subjectivity: 2 * 1.0, occurrences: 2)
        #expect(evidence.found == 3)
        let features = Calibration.features(ValenceScores.empty, evidence)
        let names = Calibration.featureNames
        let polarityMean = features[names.firstIndex(of: "learned-polarity-found-mean")!]
        let subjectivityMean = features[names.firstIndex(of: "learned-subjectivity-found-mean")!]
        #expect(abs(polarityMean - (0.7 - 1.0) / 3) < 1e-12)
        #expect(abs(subjectivityMean - (0.6 + 2.0) / 3) < 1e-12)
        // No unit found: the means are 0, not NaN.
        let none = Calibration.features(ValenceScores.empty, LearnedEvidence(units: 5))
        #expect(none[17...18] == [0, 0])
    }

    @Test func punctuationFeaturesSayWhetherTheTextHasQuestionAndExclamationMarks() throws {
        var (rules, _) = try LexiconPack.parseRules("[pack]\nlanguage = en\n", file: "rules.txt")
        rules.normalizeWords(for: rules.tokenizer)
        let pack = LexiconPack(language: .en, entries: [(key: "good", valence: 1.9)], rules: rules)
        let session = try SentimentAnalyzer(pack: pack).makeSession()
        let names = Calibration.featureNames
        let question = names.firstIndex(of: "has-question")!, exclamation = names.firstIndex(of: "has-exclamation")!
        for (text, q, e) in [("good", 0.0, 0.0), ("good?", 1, 0), ("good!!!", 0, 1), ("is it good?! yes!", 1, 1), ("?", 1, 0)] {
            let features = session.features(of: text)
            #expect(features[question] == q && features[exclamation] == e, "\(text)")
        }
    }

    /// A separable toy set where only the found-mean features carry the label.
    static func toyData() -> ([[Double]], [Sentiment]) {
        var features: [[Double]] = [], labels: [Sentiment] = []
        for i in 0..<60 {
            let label: Sentiment = [.positive, .negative, .neutral][i % 3]
            let polarity = label == .positive ? 0.6 : label == .negative ? -0.6 : 0
            let subjectivity = label == .neutral ? 0.1 : 0.8
            var evidence = LearnedEvidence(units: 10 + i % 7)
            evidence.add(polarity: polarity, subjectivity: subjectivity)
            features.append(Calibration.features(ValenceScores.empty, evidence))
            labels.append(label)
        }
        return (features, labels)
    }

    @Test func fittingWithoutAnExtraLeavesItsFeaturesAtZeroAndTheFileWithoutThem() throws {
        let (features, labels) = Self.toyData()
        let base = Calibration.fittedIndices(extras: [])
        #expect(base == Array(0..<Calibration.baseFeatureCount))
        let short = Calibration.fit(features: features, labels: labels, steps: 200, fitted: base)
        #expect(short.fittedFeatures == base)
        #expect(short.weights.allSatisfy { $0[17...] .allSatisfy { $0 == 0 } })
        let text = short.serialized(header: [])
        let header = try #require(text.split(separator: "\n").first { $0.hasPrefix("features") })
        #expect(header.split(separator: "\t").count == 1 + Calibration.baseFeatureCount)
        let reread = try Calibration.parse(text, file: "calibration.txt")
        #expect(reread.fittedFeatures == base)
        #expect(reread.serialized(header: []) == text)

        // Punctuation without the found means: the file names a non-contiguous subset.
        let punctuation = Calibration.fittedIndices(extras: [.punctuation])
        #expect(punctuation == base + [19, 20])
        let withFound = Calibration.fit(features: features, labels: labels, steps: 200, fitted: Calibration.fittedIndices(extras: [.foundMeans]))
        #expect(withFound.weights[0][17] != 0 && withFound.weights[0][19] == 0)
        let round = try Calibration.parse(withFound.serialized(header: []), file: "calibration.txt")
        #expect(round.weights == withFound.weights && round.fittedFeatures == base + [17, 18])
    }

    @Test func aFileNamingUnknownOrReorderedFeaturesIsRefused() {
        let rows = ["POSITIVE", "NEGATIVE", "NEUTRAL", "MIXED"]
        func file(_ names: [String]) -> String {
            (["features\t" + names.joined(separator: "\t")] + rows.map { $0 + String(repeating: "\t0.5", count: names.count) })
                .joined(separator: "\n")
        }
        let ten = Array(Calibration.featureNames.prefix(10))
        #expect(throws: PackError.self) { try Calibration.parse(file(ten + ["has-sarcasm"]), file: "c.txt") }
        #expect(throws: PackError.self) { try Calibration.parse(file(ten + ["has-exclamation", "has-question"]), file: "c.txt") }
        #expect(throws: PackError.self) { try Calibration.parse(file(Array(ten.dropFirst())), file: "c.txt") }
        #expect((try? Calibration.parse(file(ten + ["has-question"]), file: "c.txt"))?.weights[0][19] == 0.5)
    }

    @Test func calibrationExtrasIsAPackSetting() throws {
        let (both, _) = try LexiconPack.parseRules("[pack]\nlanguage = en\ncalibration-extras = found-means punctuation\n", file: "rules.txt")
        #expect(both.calibrationExtras == [.foundMeans, .punctuation])
        let (none, _) = try LexiconPack.parseRules("[pack]\nlanguage = en\n", file: "rules.txt")
        #expect(none.calibrationExtras.isEmpty)
        #expect(throws: PackError.self) { try LexiconPack.parseRules("[pack]\nlanguage = en\ncalibration-extras = sarcasm\n", file: "rules.txt") }
    }
}

extension CalibrationFeatureTests {
    /// The softmax is over evidence: whatever the weights, a document with no lexicon valence and no
    /// unit found is NEUTRAL with certainty (its bias, length and punctuation features never decide).
    @Test func noEvidenceIsNeutralWhateverTheWeights() {
        var rows = [[Double]](repeating: [Double](repeating: 0, count: Calibration.featureNames.count), count: 4)
        rows[0][0] = 5; rows[0][9] = 3; rows[0][19] = 2; rows[0][20] = 2  // POSITIVE favoured by bias, length, ?, !
        let calibration = Calibration(weights: rows)
        var punctuation = ValenceScores.empty
        punctuation.tokenCount = 3; punctuation.exclamations = 3; punctuation.questions = 1
        for v in [ValenceScores.empty, punctuation] {
            #expect(calibration.score(v, LearnedEvidence(units: 4)).argmax == .neutral)
            #expect(calibration.score(v, .none).neutral == 1)
        }
        var evidence = punctuation
        evidence.positiveMass = 1.2
        #expect(calibration.score(evidence, .none).argmax == .positive)
    }

    /// The contrast feature: both sides of "but", when they disagree.
    @Test func contrastFlipMeasuresTheWeakerOfTwoDisagreeingSides() throws {
        var v = ValenceScores.empty
        v.contrastFlip = 2
        let index = try #require(Calibration.featureNames.firstIndex(of: "contrast-flip"))
        #expect(Calibration.features(v)[index] == 0.5)
        #expect(Calibration.fittedIndices(extras: [.contrast]) == Array(0..<Calibration.baseFeatureCount))
        #expect(Calibration.mixedRowIndices(extras: [.contrast]).contains(index))
    }
}
