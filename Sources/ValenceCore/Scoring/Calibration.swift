import Foundation

/// The calibrated four-class output: a softmax over a few document features, whose weights
/// live in the pack (`calibration.txt`) and are fitted by `valence lexicon calibrate`.
public struct Calibration: Sendable, Equatable {
    /// The document features, in the order of each weight row.
    public static let featureNames = [
        "bias", "compound", "abs-compound", "pos", "neg", "neu",
        "pos-strength", "neg-strength", "min-strength", "log-length",
        "learned-polarity", "learned-subjectivity", "learned-polarity-mean", "learned-subjectivity-mean",
        "learned-positive-mean", "learned-negative-mean", "learned-mixed",
        "learned-polarity-found-mean", "learned-subjectivity-found-mean",
        "has-question", "has-exclamation", "contrast-flip",
        "units-polarity-mean", "units-mixed-mean", "units-positive-mean", "units-negative-mean", "units-min-mean",
    ]
    /// The features of packs calibrated before learned units existed (the first ten).
    static let lexiconFeatureCount = 10
    /// The features every calibration fits: the lexicon's ten and the learned table's seven.
    public static let baseFeatureCount = 17
    /// The features read from the pack's second table (`learned.tsv`): its seven base features and the
    /// `found-means` extra. `Calibration.fit`'s `learnedL2Scale` penalises these more than the lexicon's,
    /// so that units learned from one training domain weigh less against the lexicon on other text.
    public static let learnedTableFeatures = 10...18

    /// Features a pack may add to the base ones (`calibration-extras` in rules.txt).
    public enum Extra: String, Sendable, CaseIterable {
        /// The plain means over the units found in the table (TextBlob's document polarity and
        /// subjectivity, for a table of scored words).
        case foundMeans = "found-means"
        /// Whether the text has a `?` and whether it has a `!`.
        case punctuation = "punctuation"
        /// ``ValenceScores/contrastFlip`` / 4: both sides of a contrast word, when they disagree. A
        /// feature of the fitted MIXED row only (``fitMixedRow(features:labels:l2:)``); the other rows weigh it 0.
        case contrast = "contrast"
        /// The sums of the pack's `mixed-units.tsv` word units (polarity, MIXED weight, positive and
        /// negative parts and their minimum) over √(units), as the learned-* means are. MIXED row only.
        case mixedUnits = "mixed-units"

        public var featureNames: [String] {
            switch self {
            case .foundMeans: ["learned-polarity-found-mean", "learned-subjectivity-found-mean"]
            case .punctuation: ["has-question", "has-exclamation"]
            case .contrast: ["contrast-flip"]
            case .mixedUnits: ["units-polarity-mean", "units-mixed-mean", "units-positive-mean", "units-negative-mean", "units-min-mean"]
            }
        }

        public var featureIndices: [Int] { featureNames.map { Calibration.featureNames.firstIndex(of: $0)! } }
    }

    /// The indices of the features fitted for a pack with these extras, in engine order.
    public static func fittedIndices(extras: Set<Extra>) -> [Int] {
        Array(0..<baseFeatureCount) + Extra.allCases.filter { extras.contains($0) && !mixedRowExtras.contains($0) }
            .flatMap(\.featureIndices).sorted()
    }

    /// Extras read only by a MIXED row fitted on its own (``fitMixedRow(features:labels:l2:)``).
    public static let mixedRowExtras: Set<Extra> = [.contrast, .mixedUnits]

    /// The features of a fitted MIXED row beyond the mean of the POSITIVE and NEGATIVE rows: how much
    /// evidence there is on each side (VADER's shares and masses, the learned table's positive and
    /// negative sums and their minimum), plus the pack's MIXED-row extras.
    public static func mixedRowIndices(extras: Set<Extra>) -> [Int] {
        let sides = ["pos", "neg", "pos-strength", "neg-strength", "min-strength",
                     "learned-positive-mean", "learned-negative-mean", "learned-mixed"]
        return (sides.map { featureNames.firstIndex(of: $0)! }
            + Extra.allCases.filter { extras.contains($0) && mixedRowExtras.contains($0) }.flatMap(\.featureIndices)).sorted()
    }

    /// One row of weights per class, in `Sentiment.allCases` order (POSITIVE, NEGATIVE, NEUTRAL, MIXED).
    public var weights: [[Double]]
    /// Free-text lines saying how the weights were made (kept as `#` comments in the file).
    public var provenance: [String]
    /// The features the weights were fitted on, in engine order (the file names these); the others weigh 0.
    public var fittedFeatures: [Int]

    public init(weights: [[Double]], provenance: [String] = [], fittedFeatures: [Int] = Array(featureNames.indices)) {
        precondition(weights.count == 4 && weights.allSatisfy { $0.count == Self.featureNames.count })
        precondition(fittedFeatures == fittedFeatures.sorted() && Set(fittedFeatures).count == fittedFeatures.count
            && fittedFeatures.starts(with: 0..<Self.lexiconFeatureCount) && fittedFeatures.allSatisfy(Self.featureNames.indices.contains))
        self.weights = weights
        self.provenance = provenance
        self.fittedFeatures = fittedFeatures
    }

    /// The features of a document's valence scores.
    public static func features(_ v: ValenceScores, _ learned: LearnedEvidence = .none) -> [Double] {
        [Double](unsafeUninitializedCapacity: featureNames.count) { buffer, count in
            writeFeatures(v, learned, into: UnsafeMutableBufferPointer(rebasing: buffer[0..<featureNames.count]))
            count = featureNames.count
        }
    }

    static func writeFeatures(_ v: ValenceScores, _ learned: LearnedEvidence, into out: UnsafeMutableBufferPointer<Double>) {
        let values = featureValues(v, learned)
        precondition(out.count == featureNames.count)
        out[0] = values.0; out[1] = values.1; out[2] = values.2; out[3] = values.3; out[4] = values.4
        out[5] = values.5; out[6] = values.6; out[7] = values.7; out[8] = values.8; out[9] = values.9
        out[10] = values.10; out[11] = values.11; out[12] = values.12; out[13] = values.13; out[14] = values.14
        out[15] = values.15; out[16] = values.16; out[17] = values.17; out[18] = values.18
        out[19] = values.19; out[20] = values.20; out[21] = values.21
        out[22] = values.22; out[23] = values.23; out[24] = values.24; out[25] = values.25; out[26] = values.26
    }

    @inline(__always)
    static func featureValues(_ v: ValenceScores, _ learned: LearnedEvidence) -> (
        Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double,
        Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double, Double
    ) {
        let positiveStrength = strength(v.positiveMass)
        let negativeStrength = strength(-v.negativeMass)
        // Per-unit means use sqrt(units): between a sum (long documents swamp) and a mean (one
        // strong word in a long text vanishes).
        let spread = Double(max(learned.units, 1)).squareRoot()
        // And the plain mean over the units found in the table (TextBlob's document polarity and
        // subjectivity, for a table of scored words).
        let found = Double(max(learned.found, 1))
        return (
            1, v.compound, abs(v.compound), v.positive, v.negative, v.neutral,
            positiveStrength, negativeStrength, min(positiveStrength, negativeStrength),
            // Length saturates at 50 tokens: the training tweets are short, and the weight must not
            // extrapolate to long documents (a 1000-word rave would otherwise drift negative).
            log1p(Double(min(v.tokenCount, 50))) / 5,
            learned.polarity, learned.subjectivity, learned.polarity / spread, learned.subjectivity / spread,
            learned.positive / spread, learned.negative / spread, min(learned.positive, -learned.negative) / spread,
            learned.polarity / found, learned.subjectivity / found,
            v.questions > 0 ? 1 : 0, v.exclamations > 0 ? 1 : 0,
            v.contrastFlip / 4,
            (learned.mixedUnitPositive + learned.mixedUnitNegative) / spread, learned.mixedUnitMixedness / spread,
            learned.mixedUnitPositive / spread, learned.mixedUnitNegative / spread,
            min(learned.mixedUnitPositive, -learned.mixedUnitNegative) / spread
        )
    }

    /// Maps a valence mass >= 0 onto [0, 1) as VADER's normalisation does.
    static func strength(_ mass: Double) -> Double { mass / (mass * mass + 15).squareRoot() }

    /// Whether a document carries any evidence for an opinion: a lexicon token with a valence, or a
    /// unit found in the pack's second table. Without any, the softmax has nothing to weigh.
    public static func hasEvidence(_ v: ValenceScores, _ learned: LearnedEvidence) -> Bool {
        v.positiveMass != 0 || v.negativeMass != 0 || learned.found > 0
    }

    /// The scores of a document without evidence (whitespace, punctuation, words no table knows).
    public static let noEvidence = SentimentScore(positive: 0, negative: 0, neutral: 1, mixed: 0)

    /// The four class scores as float32 values summing to 1. The model is a softmax over evidence:
    /// a document without any (``hasEvidence(_:_:)``) is NEUTRAL with certainty, in every pack,
    /// whatever its weights (the bias and the length or punctuation features alone never decide).
    public func score(_ v: ValenceScores, _ learned: LearnedEvidence = .none) -> SentimentScore {
        guard Self.hasEvidence(v, learned) else { return Self.noEvidence }
        // Stack buffers: scoring a document allocates nothing here.
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: Self.featureNames.count) { f in
            Self.writeFeatures(v, learned, into: f)
            var z = (0.0, 0.0, 0.0, 0.0)
            for j in 0..<f.count {
                z.0 += weights[0][j] * f[j]
                z.1 += weights[1][j] * f[j]
                z.2 += weights[2][j] * f[j]
                z.3 += weights[3][j] * f[j]
            }
            let top = max(max(z.0, z.1), max(z.2, z.3))
            let e = (exp(z.0 - top), exp(z.1 - top), exp(z.2 - top), exp(z.3 - top))
            let total = e.0 + e.1 + e.2 + e.3
            return SentimentScore(positive: Float(e.0 / total), negative: Float(e.1 / total),
                                  neutral: Float(e.2 / total), mixed: Float(e.3 / total))
        }
    }

    static func softmax(_ z: [Double]) -> [Double] {
        let top = z.max()!
        let e = z.map { exp($0 - top) }
        let total = e.reduce(0, +)
        return e.map { $0 / total }
    }

    /// For a pack without `calibration.txt`: VADER's ±0.05 thresholds as a softmax, and MIXED
    /// when positive and negative strength are both high.
    public static let thresholds: Calibration = {
        var rows = [[Double]](repeating: [Double](repeating: 0, count: featureNames.count), count: 4)
        rows[0][0] = -1.0; rows[0][1] = 20     // POSITIVE: 20 * (compound - 0.05)
        rows[1][0] = -1.0; rows[1][1] = -20    // NEGATIVE: 20 * (-compound - 0.05)
        rows[3] = mixedRow(positive: rows[0], negative: rows[1])
        return Calibration(weights: rows, provenance: ["VADER thresholds (no calibration.txt in the pack)"])
    }()

    /// The MIXED row when the training data has no MIXED documents: the mean of the two polar
    /// logits plus a term that wins only when both polarities are strong
    /// (`mixedScale * (min-strength - mixedThreshold)`).
    public static let mixedScale = 12.0
    public static let mixedThreshold = 0.7

    /// The NEUTRAL row when the training data has no NEUTRAL documents (ja, zh): NEUTRAL wins when
    /// the two-way POSITIVE-vs-NEGATIVE probability stays below `neutralConfidence`: with logits
    /// p and n, neutral = (p + n)/2 + m beats both exactly when |p − n| < 2m, and
    /// 2m = logit(neutralConfidence).
    public static let neutralConfidence = 0.6
    static var neutralMargin: Double { log(neutralConfidence / (1 - neutralConfidence)) / 2 }

    static func neutralRow(positive: [Double], negative: [Double]) -> [Double] {
        var row = zip(positive, negative).map { ($0 + $1) / 2 }
        row[0] += neutralMargin
        return row
    }

    static func mixedRow(positive: [Double], negative: [Double]) -> [Double] {
        var row = zip(positive, negative).map { ($0 + $1) / 2 }
        row[8] += mixedScale
        row[0] -= mixedScale * mixedThreshold
        return row
    }
}

extension Calibration {
    /// Fits the softmax by L2-regularised multinomial logistic regression with class-balanced
    /// weights, by full-batch gradient descent on standardised features for a fixed number of
    /// steps: the same data gives the same weights, bit for bit. Classes absent from the data
    /// get no fitted row; MIXED then uses ``mixedRow(positive:negative:)``, and an absent
    /// polar or neutral class gets a row that never wins. Only the features at `fitted` (engine
    /// order, starting with the bias) are fitted; the others weigh 0.
    ///
    /// `documentWeights` (one per document, default 1) share out each class's balanced weight (n / k in
    /// all) among its documents, so only weights that differ inside a class matter (en: review sentences
    /// beside the training tweets at a weight chosen by cross-validation).
    ///
    /// `learnedL2Scale` multiplies the L2 penalty of the ``learnedTableFeatures`` (default 1: the same
    /// penalty as the lexicon's features).
    public static func fit(
        features: [[Double]], labels: [Sentiment], l2: Double = 0.01, steps: Int = 3000, learningRate: Double = 0.5,
        fitted: [Int] = Array(featureNames.indices), documentWeights: [Double]? = nil, learnedL2Scale: Double = 1
    ) -> Calibration {
        precondition(features.count == labels.count && !features.isEmpty)
        precondition(documentWeights == nil || documentWeights!.count == labels.count)
        precondition(learnedL2Scale > 0 && isStableStep(l2: l2 * max(1, learnedL2Scale), learningRate: learningRate))
        // A class with a handful of documents (zh's training set has one NEUTRAL) cannot be
        // fitted, and class balancing would give those few documents enormous weight: such a
        // class counts as absent and gets the rule-made row.
        var byClass: [Sentiment: Int] = [:]
        for label in labels { byClass[label, default: 0] += 1 }
        let minimumClassSize = max(10, labels.count / 100)
        let kept = labels.indices.filter { byClass[labels[$0]]! >= minimumClassSize }
        let allLabels = labels
        let documentWeights = kept.map { documentWeights?[$0] ?? 1 }
        let features = kept.map { i in fitted.map { features[i][$0] } }
        let labels = kept.map { labels[$0] }
        precondition(!features.isEmpty, "no class has enough documents to fit")
        let n = features.count
        let d = fitted.count
        // Standardise every feature but the bias.
        var mean = [Double](repeating: 0, count: d)
        var scale = [Double](repeating: 1, count: d)
        for j in 1..<d {
            let column = features.map { $0[j] }
            let m = column.reduce(0, +) / Double(n)
            let variance = column.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n)
            mean[j] = m
            scale[j] = variance > 1e-12 ? variance.squareRoot() : 1
        }
        let x = features.map { row in (0..<d).map { j in j == 0 ? 1 : (row[j] - mean[j]) / scale[j] } }

        let present = Sentiment.allCases.filter { labels.contains($0) }
        let classIndex = Dictionary(uniqueKeysWithValues: present.enumerated().map { ($1, $0) })
        let k = present.count
        let y = labels.map { classIndex[$0]! }
        var counts = [Double](repeating: 0, count: k)
        for (c, weight) in zip(y, documentWeights) { counts[c] += weight }
        // Each class weighs n / k in all, shared among its documents by their weights.
        let sampleWeight = zip(y, documentWeights).map { c, weight in weight * Double(n) / (Double(k) * counts[c]) }

        let penaltyScale = fitted.map { learnedTableFeatures.contains($0) ? learnedL2Scale : 1 }
        var w = [[Double]](repeating: [Double](repeating: 0, count: d), count: k)
        if k > 1 {
            for _ in 0..<steps {
                var gradient = [[Double]](repeating: [Double](repeating: 0, count: d), count: k)
                for i in 0..<n {
                    var z = [Double](repeating: 0, count: k)
                    for c in 0..<k { for j in 0..<d { z[c] += w[c][j] * x[i][j] } }
                    let p = softmax(z)
                    for c in 0..<k {
                        let error = (p[c] - (y[i] == c ? 1 : 0)) * sampleWeight[i]
                        for j in 0..<d { gradient[c][j] += error * x[i][j] }
                    }
                }
                for c in 0..<k {
                    for j in 0..<d {
                        let penalty = j == 0 ? 0 : l2 * penaltyScale[j] * w[c][j]
                        w[c][j] -= learningRate * (gradient[c][j] / Double(n) + penalty)
                    }
                }
            }
        }
        // Fold the standardisation back into raw-feature weights.
        func rawRow(_ c: Int) -> [Double] {
            var row = [Double](repeating: 0, count: featureNames.count)
            row[0] = w[c][0]
            for j in 1..<d {
                row[fitted[j]] = w[c][j] / scale[j]
                row[0] -= w[c][j] * mean[j] / scale[j]
            }
            return row
        }
        var rows = [[Double]](repeating: [], count: 4)
        for (index, sentiment) in Sentiment.allCases.enumerated() {
            if let c = classIndex[sentiment] { rows[index] = rawRow(c) }
        }
        let never: [Double] = [-50] + [Double](repeating: 0, count: featureNames.count - 1)
        for index in 0..<2 where rows[index].isEmpty { rows[index] = never }
        if rows[2].isEmpty {
            rows[2] = rows[0].isEmpty || rows[1].isEmpty || rows[0] == never || rows[1] == never
                ? never : neutralRow(positive: rows[0], negative: rows[1])
        }
        if rows[3].isEmpty { rows[3] = mixedRow(positive: rows[0], negative: rows[1]) }
        let counted = Sentiment.allCases.map { s in "\(s.rawValue) \(allLabels.filter { $0 == s }.count)" }.joined(separator: ", ")
            + (kept.count < allLabels.count ? "; classes under \(minimumClassSize) documents left out" : "")
        return Calibration(weights: rows, provenance: [
            "multinomial logistic regression, class-balanced, L2 \(l2)"
                + (learnedL2Scale == 1 ? "" : " (x \(learnedL2Scale) on the learned-table features)")
                + ", \(steps) gradient steps of \(learningRate) on standardised features",
            "documents: \(n) (\(counted))",
        ] + (classIndex[.mixed] == nil ? ["MIXED row: mean of the POSITIVE and NEGATIVE rows + \(mixedScale) * (min-strength - \(mixedThreshold))"] : [])
          + (classIndex[.neutral] == nil ? ["NEUTRAL row: mean of the POSITIVE and NEGATIVE rows + \(PythonFloat.repr(neutralMargin)): NEUTRAL wins while POSITIVE vs NEGATIVE is less sure than \(neutralConfidence)"] : []),
          fittedFeatures: fitted)
    }
}

extension Calibration {
    /// Whether a gradient step shrinks a weight by its penalty without flipping its sign (the fits take
    /// plain gradient steps: a stronger penalty would make them oscillate and diverge).
    public static func isStableStep(l2: Double, learningRate: Double = 0.5) -> Bool {
        l2 >= 0 && l2 * learningRate < 1
    }

    /// Refits the MIXED row alone, the other three rows fixed, as `(POSITIVE row + NEGATIVE row) / 2 +
    /// w · features[columns]`: an L2-regularised logistic regression of MIXED against the rest
    /// (unweighted, so MIXED keeps its share of the data), on standardised features, by full-batch
    /// gradient descent for a fixed number of steps (deterministic). The data may mix sets with and
    /// without MIXED documents (en: the training tweets, never MIXED, and MAMS review sentences).
    public mutating func fitMixedRow(
        features: [[Double]], labels: [Sentiment], columns: [Int], l2: Double = 0.01, steps: Int = 3000,
        learningRate: Double = 0.5, source: String = ""
    ) {
        precondition(features.count == labels.count && !features.isEmpty && labels.contains(.mixed))
        let n = features.count, d = columns.count + 1
        let anchor = zip(weights[0], weights[1]).map { ($0 + $1) / 2 }
        var mean = [Double](repeating: 0, count: d), scale = [Double](repeating: 1, count: d)
        for j in 1..<d {
            let column = features.map { $0[columns[j - 1]] }
            let m = column.reduce(0, +) / Double(n)
            let variance = column.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n)
            mean[j] = m
            scale[j] = variance > 1e-12 ? variance.squareRoot() : 1
        }
        let x = features.map { row in [1.0] + (1..<d).map { (row[columns[$0 - 1]] - mean[$0]) / scale[$0] } }
        // The fixed part: the anchor's logit minus log-sum-exp of the three other rows.
        let offset = features.map { f -> Double in
            let z = (0..<3).map { c in zip(weights[c], f).reduce(0) { $0 + $1.0 * $1.1 } }
            let top = z.max()!
            return zip(anchor, f).reduce(0) { $0 + $1.0 * $1.1 } - (top + log(z.reduce(0) { $0 + exp($1 - top) }))
        }
        let target = labels.map { $0 == .mixed ? 1.0 : 0.0 }
        var w = [Double](repeating: 0, count: d)
        for _ in 0..<steps {
            var gradient = [Double](repeating: 0, count: d)
            for i in 0..<n {
                var z = offset[i]
                for j in 0..<d { z += w[j] * x[i][j] }
                let error = 1 / (1 + exp(-z)) - target[i]
                for j in 0..<d { gradient[j] += error * x[i][j] }
            }
            for j in 0..<d { w[j] -= learningRate * (gradient[j] / Double(n) + (j == 0 ? 0 : l2 * w[j])) }
        }
        var row = anchor
        row[0] += w[0]
        for j in 1..<d {
            row[columns[j - 1]] += w[j] / scale[j]
            row[0] -= w[j] * mean[j] / scale[j]
        }
        weights[3] = row
        fittedFeatures = Array(Set(fittedFeatures).union(columns)).sorted()
        provenance.removeAll { $0.hasPrefix("MIXED row:") }
        provenance.append("MIXED row: mean of the POSITIVE and NEGATIVE rows + a logistic regression of MIXED vs the rest "
            + "(other rows fixed, unweighted, L2 \(l2), \(steps) gradient steps of \(learningRate) on standardised features) on "
            + "\(columns.map { Self.featureNames[$0] }.joined(separator: " ")); documents: \(n) (MIXED \(labels.filter { $0 == .mixed }.count))"
            + (source.isEmpty ? "" : "; \(source)"))
    }
}

extension Calibration {
    /// `calibration.txt`: `#` comment lines, a `features` header row, then one row per class.
    public func serialized(header: [String]) -> String {
        var lines = (header + provenance).map { "# " + $0 }
        lines.append((["features"] + fittedFeatures.map { Self.featureNames[$0] }).joined(separator: "\t"))
        for (index, sentiment) in Sentiment.allCases.enumerated() {
            lines.append(([sentiment.rawValue] + fittedFeatures.map { PythonFloat.repr(weights[index][$0]) }).joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func parse(_ text: String, file: String) throws(PackError) -> Calibration {
        var rows: [Sentiment: [Double]] = [:]
        var provenance: [String] = []
        var sawHeader = false
        var columns = Array(featureNames.indices)
        for (number, line) in LexiconPack.numberedLines(text) {
            if line.hasPrefix("#") { provenance.append(LexiconPack.trimmingWhitespace(line.dropFirst())); continue }
            if line.isEmpty { continue }
            let fields = line.split(separator: "\t").map(String.init)
            if fields.first == "features" {
                // The features the weights were fitted on, in engine order: the ten lexicon features
                // first, then any of the others (files written before later features existed, and
                // packs without every extra, name fewer). The features not named weigh 0.
                let named = fields.dropFirst().map { featureNames.firstIndex(of: $0) }
                guard named.allSatisfy({ $0 != nil }), case let indices = named.map({ $0! }),
                      indices.starts(with: 0..<lexiconFeatureCount), indices == indices.sorted(), Set(indices).count == indices.count else {
                    throw PackError(file: file, line: number, message: "features must be named from this engine's list, in its order, starting with its first \(lexiconFeatureCount): \(featureNames.joined(separator: " "))")
                }
                sawHeader = true
                columns = indices
                continue
            }
            // (A line of tabs alone has no field at all.)
            guard let name = fields.first, let sentiment = Sentiment(rawValue: name) else {
                throw PackError(file: file, line: number, message: "unknown class '\(fields.first ?? "")'")
            }
            let values = fields.dropFirst().compactMap(Double.init)
            guard values.count == columns.count, values.allSatisfy(\.isFinite) else {
                throw PackError(file: file, line: number, message: "expected \(columns.count) numbers for \(sentiment.rawValue)")
            }
            var row = [Double](repeating: 0, count: featureNames.count)
            for (value, index) in zip(values, columns) { row[index] = value }
            rows[sentiment] = row
        }
        guard sawHeader else { throw PackError(file: file, message: "missing the 'features' header row") }
        let ordered = try Sentiment.allCases.map { sentiment throws(PackError) -> [Double] in
            guard let row = rows[sentiment] else { throw PackError(file: file, message: "missing the \(sentiment.rawValue) row") }
            return row
        }
        return Calibration(weights: ordered, provenance: provenance, fittedFeatures: columns)
    }
}
