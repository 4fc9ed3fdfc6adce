import Testing
@testable import ValenceCore

/// The calibration's found-unit means (`found-means`, used by the English pack's TextBlob table)
/// and the files fitted without them.
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
        #expect(none.suffix(2) == [0, 0])
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

    @Test func fittingWithoutFoundMeansLeavesThemAtZeroAndWritesTheShorterHeader() throws {
        let (features, labels) = Self.toyData()
        let short = Calibration.fit(features: features, labels: labels, steps: 200, featureCount: Calibration.foundMeansStart)
        #expect(short.fittedFeatures == Calibration.foundMeansStart)
        #expect(short.weights.allSatisfy { $0.suffix(2) == [0, 0] })
        let text = short.serialized(header: [])
        let header = try #require(text.split(separator: "\n").first { $0.hasPrefix("features") })
        #expect(header.split(separator: "\t").count == 1 + Calibration.foundMeansStart)
        let reread = try Calibration.parse(text, file: "calibration.txt")
        #expect(reread.fittedFeatures == Calibration.foundMeansStart)
        #expect(reread.serialized(header: []) == text)

        let full = Calibration.fit(features: features, labels: labels, steps: 200)
        #expect(full.fittedFeatures == Calibration.featureNames.count)
        #expect(full.weights[0].suffix(2) != [0, 0])
        let round = try Calibration.parse(full.serialized(header: []), file: "calibration.txt")
        #expect(round.weights == full.weights)
    }

    @Test func foundMeansIsAPackSetting() throws {
        let (on, _) = try LexiconPack.parseRules("[pack]\nlanguage = en\nfound-means = yes\n", file: "rules.txt")
        #expect(on.foundMeans)
        let (off, _) = try LexiconPack.parseRules("[pack]\nlanguage = en\n", file: "rules.txt")
        #expect(!off.foundMeans)
        #expect(throws: PackError.self) { try LexiconPack.parseRules("[pack]\nlanguage = en\nfound-means = maybe\n", file: "rules.txt") }
    }
}
