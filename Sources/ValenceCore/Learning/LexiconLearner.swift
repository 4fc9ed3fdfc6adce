import Foundation

/// Labelled documents turned into learning units: each document's distinct (unit, negated) pairs,
/// its number of unit occurrences and its lexicon (VADER-rule) valence. Built once; folds and
/// settings then reuse it.
public struct LearningCorpus: Sendable {
    /// Unit keys (tag byte + UTF-8), interned to dense ids.
    public private(set) var units = ByteTable(minimumCapacity: 1 << 14)
    /// Per document, a range into `unitIDs` / `negated`.
    public private(set) var documents: [Range<Int>] = []
    public private(set) var unitIDs: [Int32] = []
    public private(set) var negated: [Bool] = []
    /// How many times the (unit, negated) pair occurs in its document.
    public private(set) var counts: [Double] = []
    public private(set) var occurrences: [Int] = []
    public private(set) var valences: [ValenceScores] = []
    public private(set) var labels: [Sentiment] = []

    public init() {}

    public var count: Int { documents.count }

    /// Tokenises `text` with `session` (a session of the pack without learned units) and adds it.
    public mutating func add(_ text: String, label: Sentiment, session: SentimentAnalyzer.Session) {
        let start = unitIDs.count
        var seen: [Int64: Int] = [:]
        var total = 0
        var table = units
        units = ByteTable()  // keep `table` uniquely referenced while the closure mutates it
        var ids: [Int32] = []
        var flags: [Bool] = []
        var found: [Double] = []
        let valence = session.forEachUnit(of: text) { key, isNegated in
            total += 1
            let id = table.insert(key).index
            let pair = Int64(id) << 1 | (isNegated ? 1 : 0)
            if let at = seen[pair] {
                found[at] += 1
            } else {
                seen[pair] = ids.count
                ids.append(Int32(id))
                flags.append(isNegated)
                found.append(1)
            }
        }
        units = table
        unitIDs += ids
        negated += flags
        counts += found
        documents.append(start..<unitIDs.count)
        occurrences.append(total)
        valences.append(valence)
        labels.append(label)
    }
}

/// How `valence lexicon learn` turns counts into weights.
public struct LearningSettings: Sendable, Equatable {
    public enum Method: String, Sendable {
        /// Two L2 logistic regressions on unit counts (see ``SparseLogistic``).
        case logistic
        /// Dirichlet-prior log-odds ratios of document frequencies.
        case logOdds = "log-odds"
    }

    public var method = Method.logistic
    /// Learn polarity weights (off: 0, see ``PackRules/learnedPolarity``).
    public var learnsPolarity = true
    /// The logistic regressions' inverse regularisation strength.
    public var c = 0.1
    /// Units in fewer documents than this are dropped. The one default of `valence lexicon
    /// learn --min-count` (``ValenceConfiguration``'s `learning` starts from these settings).
    public var minimumCount = 1
    /// The constant part of the Dirichlet prior (pseudo-documents per unit and class).
    public var smoothing = 1.0
    /// The informative part: `priorStrength × (the unit's share of all unit occurrences)` pseudo-documents.
    public var priorStrength = 0.0
    /// Weights are clamped to ±this (VADER's scale).
    public var limit = 4.0

    public init() {}

    public var settings: [(name: String, value: String)] {
        switch method {
        case .logistic:
            [("method", method.rawValue), ("c", PythonFloat.repr(c)), ("min-count", String(minimumCount)), ("limit", PythonFloat.repr(limit))]
        case .logOdds:
            [("method", method.rawValue), ("min-count", String(minimumCount)), ("smoothing", PythonFloat.repr(smoothing)),
             ("prior-strength", PythonFloat.repr(priorStrength)), ("limit", PythonFloat.repr(limit))]
        }
    }

    /// The `valence lexicon learn` flags that give these settings, as a table's provenance
    /// records them.
    public var commandLineArguments: String {
        switch method {
        case .logistic: "--method logistic --c \(PythonFloat.repr(c)) --min-count \(minimumCount)"
        case .logOdds: "--method log-odds --min-count \(minimumCount) --smoothing \(PythonFloat.repr(smoothing)) --prior-strength \(PythonFloat.repr(priorStrength))"
        }
    }

    /// Reads settings back from a `learned.tsv` header; nil when the method is not this one.
    public init?(_ table: LearnedTable) {
        guard let method = table.setting("method").flatMap(Method.init(rawValue:)) else { return nil }
        self.method = method
        if let v = table.setting("c").flatMap(Double.init) { c = v }
        if let v = table.setting("min-count").flatMap(Int.init) { minimumCount = v }
        if let v = table.setting("smoothing").flatMap(Double.init) { smoothing = v }
        if let v = table.setting("prior-strength").flatMap(Double.init) { priorStrength = v }
        if let v = table.setting("limit").flatMap(Double.init) { limit = v }
    }
}

/// Learns unit polarity (POSITIVE vs NEGATIVE) and subjectivity (POSITIVE, NEGATIVE, MIXED vs
/// NEUTRAL) as log-odds ratios of document frequencies under a Dirichlet prior (Monroe, Colaresi
/// & Quinn 2008, "Fightin' Words"), per unit:
///
///     δ = log((y₁ + α) / (n₁ + α₀ − y₁ − α)) − log((y₂ + α) / (n₂ + α₀ − y₂ − α))
///
/// where yₖ is the number of class-k documents with the unit (a negated occurrence counts for the
/// opposite polarity), nₖ the sum of yₖ over units, α = smoothing + priorStrength · πᵤ (πᵤ the
/// unit's share of all occurrences) and α₀ the sum of α over units. MIXED documents count half
/// for each polarity. Subjectivity is 0 when fewer than 2 % of the documents are NEUTRAL (the
/// data cannot say what neutral looks like). Deterministic: counts only, no sampling.
public enum LexiconLearner {
    public struct Weights: Sendable {
        /// Per unit id; NaN for units that were dropped.
        public var polarity: [Double]
        public var subjectivity: [Double]
        /// What the second number measures.
        public var second: SecondScore
    }

    public static func learn(_ corpus: LearningCorpus, documents: some Sequence<Int>, settings: LearningSettings) -> Weights {
        switch settings.method {
        case .logistic: logistic(corpus, documents: Array(documents), settings: settings)
        case .logOdds: logOdds(corpus, documents: documents, settings: settings)
        }
    }

    /// Which second number the data can teach: subjectivity (opinionated vs NEUTRAL) when it has
    /// NEUTRAL documents, else mixedness (MIXED vs single-polarity) when it has MIXED ones.
    public enum SecondScore: String, Sendable { case subjectivity, mixedness, none }

    static func secondScore(_ labels: some Sequence<Sentiment>) -> SecondScore {
        var total = 0, neutral = 0, mixed = 0
        for label in labels {
            total += 1
            if label == .neutral { neutral += 1 } else if label == .mixed { mixed += 1 }
        }
        if Double(neutral) >= 0.02 * Double(total) && neutral < total { return .subjectivity }
        if Double(mixed) >= 0.02 * Double(total) && mixed < total { return .mixedness }
        return .none
    }

    static func logistic(_ corpus: LearningCorpus, documents: [Int], settings: LearningSettings) -> Weights {
        let u = corpus.units.count
        var frequency = [Int](repeating: 0, count: u)
        for d in documents { for k in corpus.documents[d] { frequency[Int(corpus.unitIDs[k])] += 1 } }
        // Dense ids for the kept units.
        var dense = [Int32](repeating: -1, count: u)
        var kept: [Int] = []
        for id in 0..<u where frequency[id] >= settings.minimumCount {
            dense[id] = Int32(kept.count)
            kept.append(id)
        }
        func problem(flip: Bool, label: (Sentiment) -> Bool?) -> SparseLogistic {
            var model = SparseLogistic(dimension: kept.count)
            for d in documents {
                guard let y = label(corpus.labels[d]) else { continue }
                let entries = corpus.documents[d].lazy.compactMap { k -> (Int32, Double)? in
                    let id = dense[Int(corpus.unitIDs[k])]
                    guard id >= 0 else { return nil }
                    return (id, flip && corpus.negated[k] ? -corpus.counts[k] : corpus.counts[k])
                }
                model.addRow(entries, label: y)
            }
            return model
        }
        func clamp(_ x: Double) -> Double { min(settings.limit, max(-settings.limit, x)) }
        let polarityFit = settings.learnsPolarity
            ? problem(flip: true) { $0 == .positive ? true : $0 == .negative ? false : nil }.fit(c: settings.c)
            : (weights: [Double](repeating: 0, count: kept.count), intercept: 0)
        let second = secondScore(documents.map { corpus.labels[$0] })
        var secondWeights = [Double](repeating: 0, count: kept.count)
        switch second {
        case .subjectivity: secondWeights = problem(flip: false) { $0 != .neutral }.fit(c: settings.c).weights
        case .mixedness: secondWeights = problem(flip: false) { $0 == .neutral ? nil : $0 == .mixed }.fit(c: settings.c).weights
        case .none: break
        }
        var polarity = [Double](repeating: .nan, count: u)
        var subjectivity = [Double](repeating: .nan, count: u)
        for (index, id) in kept.enumerated() {
            polarity[id] = clamp(polarityFit.weights[index])
            subjectivity[id] = clamp(secondWeights[index])
        }
        return Weights(polarity: polarity, subjectivity: subjectivity, second: second)
    }

    static func logOdds(_ corpus: LearningCorpus, documents: some Sequence<Int>, settings: LearningSettings) -> Weights {
        let u = corpus.units.count
        var positive = [Double](repeating: 0, count: u)
        var negative = [Double](repeating: 0, count: u)
        var opinion = [Double](repeating: 0, count: u)
        var neutral = [Double](repeating: 0, count: u)
        var frequency = [Double](repeating: 0, count: u)
        var documentCount = 0, neutralDocuments = 0
        for d in documents {
            documentCount += 1
            let label = corpus.labels[d]
            if label == .neutral { neutralDocuments += 1 }
            for k in corpus.documents[d] {
                let id = Int(corpus.unitIDs[k])
                frequency[id] += 1
                var (toPositive, toNegative) = (0.0, 0.0)
                switch label {
                case .positive: toPositive = 1
                case .negative: toNegative = 1
                case .mixed: toPositive = 0.5; toNegative = 0.5
                case .neutral: break
                }
                if corpus.negated[k] { swap(&toPositive, &toNegative) }
                positive[id] += toPositive
                negative[id] += toNegative
                if label == .neutral { neutral[id] += 1 } else { opinion[id] += 1 }
            }
        }
        let totalFrequency = max(frequency.reduce(0, +), 1)
        var kept = [Bool](repeating: false, count: u)
        var alpha = [Double](repeating: 0, count: u)
        var alpha0 = 0.0
        for id in 0..<u where frequency[id] >= Double(settings.minimumCount) {
            kept[id] = true
            alpha[id] = settings.smoothing + settings.priorStrength * frequency[id] / totalFrequency
            alpha0 += alpha[id]
        }
        func total(_ counts: [Double]) -> Double { (0..<u).reduce(0) { kept[$1] ? $0 + counts[$1] : $0 } }
        let (nPositive, nNegative, nOpinion, nNeutral) = (total(positive), total(negative), total(opinion), total(neutral))
        func logOdds(_ y1: Double, _ n1: Double, _ y2: Double, _ n2: Double, _ a: Double) -> Double {
            let value = log((y1 + a) / (n1 + alpha0 - y1 - a)) - log((y2 + a) / (n2 + alpha0 - y2 - a))
            return min(settings.limit, max(-settings.limit, value))
        }
        let learnsSubjectivity = documentCount > 0 && Double(neutralDocuments) >= 0.02 * Double(documentCount)
            && neutralDocuments < documentCount
        var polarity = [Double](repeating: .nan, count: u)
        var subjectivity = [Double](repeating: .nan, count: u)
        for id in 0..<u where kept[id] {
            polarity[id] = logOdds(positive[id], nPositive, negative[id], nNegative, alpha[id])
            subjectivity[id] = learnsSubjectivity ? logOdds(opinion[id], nOpinion, neutral[id], nNeutral, alpha[id]) : 0
        }
        return Weights(polarity: polarity, subjectivity: subjectivity, second: learnsSubjectivity ? .subjectivity : .none)
    }

    /// What document `d`'s units add up to under `weights` (as the scorer sums them at run time).
    public static func evidence(_ corpus: LearningCorpus, document d: Int, weights: Weights) -> LearnedEvidence {
        var evidence = LearnedEvidence(units: corpus.occurrences[d])
        for k in corpus.documents[d] {
            let id = Int(corpus.unitIDs[k])
            let p = weights.polarity[id]
            guard !p.isNaN else { continue }
            let count = corpus.counts[k]
            // A unit whose weights both round to 0 gets no row in learned.tsv (``table(_:weights:)``),
            // so at run time it is not found: it must not count as found here either.
            let written = !LearnedTable.roundsToZero(p) || !LearnedTable.roundsToZero(weights.subjectivity[id])
            evidence.add(polarity: count * (corpus.negated[k] ? -p : p), subjectivity: count * weights.subjectivity[id],
                         occurrences: written ? Int(count) : 0)
        }
        return evidence
    }

    /// The weights as `learned.tsv` rows, sorted by kind then unit bytes; units whose rounded
    /// weights are both 0 are left out.
    public static func table(_ corpus: LearningCorpus, weights: Weights) -> [LearnedTable.Entry] {
        var rows: [(key: [UInt8], entry: LearnedTable.Entry)] = []
        for id in 0..<corpus.units.count where !weights.polarity[id].isNaN {
            let key = Array(corpus.units.key(at: id).utf8)
            let kind: LearnedTable.UnitKind = key.first == LearnedTable.UnitKind.word.tag ? .word : .characters
            let entry = LearnedTable.Entry(
                kind: kind, unit: String(decoding: key.dropFirst(), as: UTF8.self),
                polarity: weights.polarity[id], subjectivity: weights.subjectivity[id])
            if LearnedTable.roundsToZero(entry.polarity) && LearnedTable.roundsToZero(entry.subjectivity) { continue }
            rows.append((key, entry))
        }
        rows.sort { $0.key.lexicographicallyPrecedes($1.key) }
        return rows.map(\.entry)
    }

    /// Calibration features for every document, each computed with weights learned WITHOUT that
    /// document (k-fold cross-fitting: document i is in fold i mod k), so that the calibration
    /// sees learned evidence as strong as it will be on new text, not as strong as on the
    /// documents it was learned from.
    public static func crossFittedFeatures(_ corpus: LearningCorpus, settings: LearningSettings, folds: Int = 5) -> [[Double]] {
        var features = [[Double]](repeating: [], count: corpus.count)
        for fold in 0..<folds {
            let weights = learn(corpus, documents: (0..<corpus.count).lazy.filter { $0 % folds != fold }, settings: settings)
            for d in stride(from: fold, to: corpus.count, by: folds) {
                features[d] = Calibration.features(corpus.valences[d], evidence(corpus, document: d, weights: weights))
            }
        }
        return features
    }

    /// FNV-1a 64 of a file's bytes, recorded in `learned.tsv` so that `calibrate` knows when it is
    /// given the same training data (and must cross-fit).
    public static func fingerprint(_ bytes: some Sequence<UInt8>) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }
}
