import Testing
@testable import ValenceCore

/// The English pack's `mixed-units.tsv` (issue #15): word units learned on review sentences with a
/// MIXED class, whose sums feed only a fitted MIXED row (`calibration-extras = mixed-units`).
@Suite struct MixedUnitsTests {
    static func pack(mixedUnits: LearnedTable?) throws -> LexiconPack {
        var (rules, _) = try LexiconPack.parseRules(
            "[pack]\nlanguage = en\nlearned-negation = yes\ncalibration-extras = contrast mixed-units\n[negators]\nnot\n[contrast]\nbut\n", file: "rules.txt")
        rules.normalizeWords(for: rules.tokenizer)
        return LexiconPack(language: .en, entries: [(key: "good", valence: 1.9)], rules: rules,
                           learned: LearnedTable(entries: [.init(kind: .word, unit: "good", polarity: 0.7, subjectivity: 0.6)]),
                           mixedUnits: mixedUnits)
    }

    static let table = LearnedTable(entries: [
        .init(kind: .word, unit: "but", polarity: 0.1, subjectivity: 1.3),
        .init(kind: .word, unit: "slow", polarity: -0.9, subjectivity: 0.2),
        .init(kind: .word, unit: "tasty", polarity: 1.2, subjectivity: 0.4),
    ])

    static func units(_ features: [Double]) -> [Double] {
        ["units-polarity-mean", "units-mixed-mean", "units-positive-mean", "units-negative-mean", "units-min-mean"]
            .map { features[Calibration.featureNames.firstIndex(of: $0)!] }
    }

    @Test func unitSumsOverTheSquareRootOfTheWordCountWithNegationFlippingPolarity() throws {
        let session = try SentimentAnalyzer(pack: Self.pack(mixedUnits: Self.table)).makeSession()
        // 4 words: tasty (+1.2, 0.4), but (+0.1, 1.3), slow (-0.9, 0.2), and one the table lacks.
        let f = Self.units(session.features(of: "tasty but slow service"))
        let expected = [0.4, 1.9, 1.3, -0.9, 0.9].map { $0 / 2 }
        for (a, b) in zip(f, expected) { #expect(abs(a - b) < 1e-12, "\(f)") }
        // "not tasty": the negator flips the unit's polarity (as for learned.tsv), not its MIXED weight.
        let negated = Self.units(session.features(of: "not tasty"))
        #expect(abs(negated[0] + 1.2 / 2.0.squareRoot()) < 1e-12 && abs(negated[1] - 0.4 / 2.0.squareRoot()) < 1e-12)
        // Without the table the features are 0, and the lexicon and learned.tsv features do not move.
        let plain = try SentimentAnalyzer(pack: Self.pack(mixedUnits: nil)).makeSession()
        #expect(Self.units(plain.features(of: "tasty but slow service")) == [0, 0, 0, 0, 0])
        #expect(plain.features(of: "good but slow").prefix(22) == session.features(of: "good but slow").prefix(22))
    }

    @Test func onlyAFittedMixedRowReadsTheUnits() throws {
        let indices = Calibration.Extra.mixedUnits.featureIndices
        #expect(indices == Array(22...26))
        #expect(Calibration.fittedIndices(extras: [.mixedUnits, .contrast]) == Array(0..<Calibration.baseFeatureCount))
        #expect(Set(indices).isSubset(of: Calibration.mixedRowIndices(extras: [.mixedUnits, .contrast])))
        #expect(Calibration.mixedRowIndices(extras: [.contrast]).allSatisfy { !indices.contains($0) })
    }

    @Test func packsReadMixedUnitsFromTheirDirectory() throws {
        let files: [LexiconPack.File: String] = [
            .rules: "[pack]\nlanguage = en\n",
            .mixedUnits: "# toy\n" + LearnedTable.header + "\nw\tbut\t0.1\t1.3\n",
        ]
        let pack = try LexiconPack.parse(location: "toy") { file throws(PackError) in files[file].map { Array($0.utf8) } }
        #expect(pack.mixedUnits?.entries == [.init(kind: .word, unit: "but", polarity: 0.1, subjectivity: 1.3)])
        #expect(pack.learned == nil)
    }

    /// `lexicon calibrate --mixed-train` on the units' own training data scores each document with units
    /// learned without it: a word found in one training document only carries no weight for it.
    @Test func theMixedRowSeesItsUnitsTrainingDataCrossFitted() throws {
        var texts: [String] = [], labels: [Sentiment] = []
        for i in 0..<40 {
            let label: Sentiment = [.positive, .negative, .mixed, .positive][i % 4]
            let words = label == .positive ? "tasty good" : label == .negative ? "slow cold" : "tasty but slow"
            texts.append("\(words) only\(i)")
            labels.append(label)
        }
        let data = LabelledDocuments(name: "toy.jsonl", texts: texts, labels: labels, fingerprint: "f00d")
        var settings = LearningSettings()
        settings.minimumCount = 1
        var learned = try Self.pack(mixedUnits: nil).learnUnits(from: data, settings: settings, packName: "toy", file: "mixed-units.tsv")
        #expect(learned.entries.contains { $0.unit == "only3" && $0.polarity != 0 })
        #expect(learned.provenance.contains { $0.contains("--out toy/mixed-units.tsv") })
        let pack = try Self.pack(mixedUnits: learned)
        let inSample = try SentimentAnalyzer(pack: pack).makeSession().features(of: texts[3])
        let crossFitted = try pack.mixedRowFeatures(data, folds: 5)
        #expect(crossFitted.count == texts.count)
        #expect(Self.units(crossFitted[3]) != Self.units(inSample))
        // Not the units' training data (another fingerprint): the pack as it is.
        learned.settings = learned.settings.map { $0.name == "train-fnv1a64" ? ($0.name, "other") : $0 }
        let other = try Self.pack(mixedUnits: learned).mixedRowFeatures(data, folds: 5)
        #expect(Self.units(other[3]) == Self.units(inSample))
    }
}

extension MixedUnitsTests {
    /// `lexicon calibrate --rows-train ... --rows-weight W`: document weights scale each document's share,
    /// and class balancing divides by the weight a class has, so weights that are all the same change nothing.
    @Test func documentWeightsScaleSharesAndUniformWeightsChangeNothing() {
        let (features, labels) = CalibrationFeatureTests.toyData()
        let fitted = Calibration.fittedIndices(extras: [.foundMeans])
        let plain = Calibration.fit(features: features, labels: labels, steps: 200, fitted: fitted)
        let uniform = Calibration.fit(features: features, labels: labels, steps: 200, fitted: fitted,
                                      documentWeights: [Double](repeating: 0.3, count: labels.count))
        for (a, b) in zip(plain.weights.joined(), uniform.weights.joined()) { #expect(abs(a - b) < 1e-9) }
        // Class balancing divides by the weight a class has: one weight for a whole class changes nothing
        // either; weights differing inside a class (tweets 1, review sentences W) do.
        let perClass = Calibration.fit(features: features, labels: labels, steps: 200, fitted: fitted,
                                       documentWeights: labels.map { $0 == .neutral ? 0.1 : 1 })
        for (a, b) in zip(plain.weights.joined(), perClass.weights.joined()) { #expect(abs(a - b) < 1e-9) }
        let inside = Calibration.fit(features: features, labels: labels, steps: 200, fitted: fitted,
                                     documentWeights: labels.indices.map { $0 % 2 == 0 ? 0.1 : 1 })
        #expect(zip(plain.weights.joined(), inside.weights.joined()).contains { abs($0 - $1) > 1e-6 })
    }
}

extension MixedUnitsTests {
    /// `lexicon calibrate --learned-l2-scale M` (issue #15: the learned table's units come from one training
    /// domain): M = 1 is the plain fit; M > 1 shrinks the learned-table features' weights, and more so for
    /// a larger M, while the lexicon features keep weights of their own; the provenance names the scale.
    @Test func learnedL2ScaleShrinksOnlyTheLearnedTableFeatures() {
        // Two noisy signals of the label: the lexicon's compound (feature 1) and the learned table's
        // polarity (feature 10), each right on most documents but not the same ones.
        var features: [[Double]] = [], labels: [Sentiment] = []
        for i in 0..<90 {
            let label: Sentiment = [.positive, .negative, .neutral][i % 3]
            let sign = label == .positive ? 1.0 : label == .negative ? -1.0 : 0
            var row = [Double](repeating: 0, count: Calibration.featureNames.count)
            row[0] = 1
            row[1] = sign * 0.5 + Double((i * 7) % 11 - 5) / 10
            row[10] = sign * 0.5 + Double((i * 5) % 13 - 6) / 10
            row[2] = abs(row[1]); row[11] = abs(row[10])
            features.append(row)
            labels.append(label)
        }
        let fitted = Calibration.fittedIndices(extras: [.foundMeans])
        let plain = Calibration.fit(features: features, labels: labels, steps: 300, fitted: fitted)
        let one = Calibration.fit(features: features, labels: labels, steps: 300, fitted: fitted, learnedL2Scale: 1)
        #expect(plain.weights == one.weights)
        func size(_ c: Calibration, _ indices: some Sequence<Int>) -> Double {
            indices.reduce(0) { sum, j in sum + (0..<3).reduce(0) { $0 + c.weights[$1][j] * c.weights[$1][j] } }
        }
        let learned = Calibration.learnedTableFeatures.filter(fitted.contains)
        let lexicon = fitted.filter { $0 > 0 && !Calibration.learnedTableFeatures.contains($0) }
        #expect(!learned.isEmpty && !lexicon.isEmpty)
        let ten = Calibration.fit(features: features, labels: labels, steps: 300, fitted: fitted, learnedL2Scale: 10)
        let hundred = Calibration.fit(features: features, labels: labels, steps: 300, fitted: fitted, learnedL2Scale: 100)
        let base = Calibration.fit(features: features, labels: labels, steps: 300, fitted: fitted)
        #expect(size(ten, learned) < size(base, learned))
        #expect(size(hundred, learned) < size(ten, learned))
        #expect(size(hundred, lexicon) > 0)
        #expect(ten.provenance.contains { $0.contains("x 10.0 on the learned-table features") })
        #expect(!base.provenance.contains { $0.contains("learned-table") })
    }
}
