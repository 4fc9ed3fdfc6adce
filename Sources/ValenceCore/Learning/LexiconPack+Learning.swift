extension LexiconPack {
    /// The pack's learning corpus for `data`: units from a session of the pack without its learned
    /// units or calibration (the learner must not see its own output).
    public func learningCorpus(_ data: LabelledDocuments) throws -> LearningCorpus {
        var bare = self
        bare.learned = nil
        bare.mixedUnits = nil
        bare.calibration = nil
        let session = try SentimentAnalyzer(pack: bare).makeSession()
        var corpus = LearningCorpus()
        for (text, label) in zip(data.texts, data.labels) { corpus.add(text, label: label, session: session) }
        return corpus
    }

    /// Learns the pack's unit table (`learned.tsv`) from `data` with `settings` (polarity is
    /// learned only when the pack's rules say `learned-polarity = yes`). The table's header
    /// records the settings, the data's name and fingerprint, and how to write it again;
    /// `packName` (`Lexicons/ko`) and `file` (`learned.tsv`, or `mixed-units.tsv`) name the output in that command line.
    public func learnUnits(
        from data: LabelledDocuments, settings: LearningSettings, packName: String, file: String = File.learned.rawValue
    ) throws -> LearnedTable {
        var settings = settings
        settings.learnsPolarity = rules.learnedPolarity
        let corpus = try learningCorpus(data)
        let weights = LexiconLearner.learn(corpus, documents: 0..<corpus.count, settings: settings)
        let counted = Sentiment.allCases.map { s in "\(s.rawValue) \(data.labels.filter { $0 == s }.count)" }.joined(separator: ", ")
        let second = switch weights.second {
        case .subjectivity: "subjectivity: POSITIVE, NEGATIVE and MIXED vs NEUTRAL documents."
        case .mixedness: "subjectivity column: MIXED vs POSITIVE and NEGATIVE documents (no NEUTRAL documents to learn subjectivity from)."
        case .none: "subjectivity: 0 (the data has neither NEUTRAL nor MIXED documents)."
        }
        return LearnedTable(
            entries: LexiconLearner.table(corpus, weights: weights),
            settings: settings.settings + [("train", data.name), ("train-fnv1a64", data.fingerprint)],
            provenance: [
                "Learned unit weights for the \(language.rawValue) pack.",
                (settings.learnsPolarity ? "polarity: POSITIVE vs NEGATIVE documents; "
                    : "polarity: 0 (learned-polarity = no: the curated lexicon decides polarity); ") + second,
                settings.method == .logistic
                    ? "method: two class-balanced L2 logistic regressions on unit counts (C = \(PythonFloat.repr(settings.c))), L-BFGS; weights clamped to ±\(PythonFloat.repr(settings.limit))."
                    : "method: Dirichlet-prior log-odds of document frequencies.",
                "kind w = a whole token, c = a character n-gram inside a token.",
                "Written by: valence lexicon learn --language-code \(language.rawValue) --train <shared>/train/\(data.name) --out \(packName)/\(file)"
                    + " " + settings.commandLineArguments,
                "Training documents: \(data.texts.count) (\(counted)).",
            ])
    }

    /// Fits the pack's four-class calibration on `data` and returns it with its file header.
    ///
    /// When the pack's learned units came from these very documents (the table's
    /// `train-fnv1a64` is `data`'s fingerprint), the features are cross-fitted over `folds` folds:
    /// each document is scored by units learned without it, as a new document would be.
    /// Otherwise they are the features of the pack as it is, without its old calibration.
    ///
    /// With `mixedTrain` sets, the MIXED row is then refitted alone (``Calibration/fitMixedRow``) on
    /// `data` and those sets together, with the features of the pack as it is (learned units never
    /// come from the MIXED sets; `mixed-units.tsv` may, and is then cross-fitted: ``mixedRowFeatures(_:folds:)``),
    /// at L2 `mixedL2`.
    ///
    /// With `rowsTrain` sets, the POSITIVE, NEGATIVE and NEUTRAL rows are fitted on `data` and those
    /// sets' documents (MIXED ones left out) at weight `rowsWeight` each, and read the pack's
    /// `mixed-units` features too (scored as for the MIXED row: cross-fitted on the units' own data).
    public func fitCalibration(
        on data: LabelledDocuments, folds: Int, l2: Double, packName: String,
        mixedTrain: [LabelledDocuments] = [], mixedL2: Double = 0.01,
        rowsTrain: [LabelledDocuments] = [], rowsWeight: Double = 1, learnedL2Scale: Double = 1
    ) throws -> (calibration: Calibration, text: String) {
        var features: [[Double]]
        var method = "features of the pack as it is"
        if let learned, learned.setting("train-fnv1a64") == data.fingerprint, var settings = LearningSettings(learned) {
            settings.learnsPolarity = rules.learnedPolarity
            features = LexiconLearner.crossFittedFeatures(try learningCorpus(data), settings: settings, folds: folds)
            method = "learned evidence cross-fitted over \(folds) folds (document i in fold i mod \(folds))"
        } else {
            var uncalibrated = self
            uncalibrated.calibration = nil
            let session = try SentimentAnalyzer(pack: uncalibrated).makeSession()
            features = data.texts.map { session.features(of: $0) }
        }
        var fitted = Calibration.fittedIndices(extras: rules.calibrationExtras)
        var rowFeatures = features, rowLabels = data.labels
        var rowWeights = [Double](repeating: 1, count: features.count)
        if !rowsTrain.isEmpty {
            if rules.calibrationExtras.contains(.mixedUnits) { fitted = (fitted + Calibration.Extra.mixedUnits.featureIndices).sorted() }
            for set in rowsTrain {
                let single = set.labels.indices.filter { set.labels[$0] != .mixed }
                let scored = try mixedRowFeatures(set, folds: folds)
                rowFeatures += single.map { scored[$0] }
                rowLabels += single.map { set.labels[$0] }
                rowWeights += single.map { _ in rowsWeight }
            }
        }
        var calibration = Calibration.fit(
            features: rowFeatures, labels: rowLabels, l2: l2, fitted: fitted,
            documentWeights: rowsTrain.isEmpty ? nil : rowWeights, learnedL2Scale: learnedL2Scale)
        if !mixedTrain.isEmpty {
            let mixedFeatures = try mixedTrain.flatMap { try mixedRowFeatures($0, folds: folds) }
            calibration.fitMixedRow(
                features: features + mixedFeatures,
                labels: data.labels + mixedTrain.flatMap(\.labels),
                columns: Calibration.mixedRowIndices(extras: rules.calibrationExtras), l2: mixedL2,
                source: "\(data.name) + " + mixedTrain.map(\.name).joined(separator: " + "))
        }
        let text = calibration.serialized(header: [
            "Four-class calibration of this pack: softmax(weights · features), one row per class.",
            "Written by: valence lexicon calibrate \(packName) --train <shared>/train/\(data.name)"
                + (l2 == 0.01 ? "" : " --l2 \(PythonFloat.repr(l2))")
                + (learnedL2Scale == 1 ? "" : " --learned-l2-scale \(PythonFloat.repr(learnedL2Scale))")
                + mixedTrain.map { " --mixed-train <shared>/train/\($0.name)" }.joined()
                + (mixedTrain.isEmpty || mixedL2 == 0.01 ? "" : " --mixed-l2 \(PythonFloat.repr(mixedL2))")
                + rowsTrain.map { " --rows-train <shared>/train/\($0.name)" }.joined()
                + (rowsTrain.isEmpty ? "" : " --rows-weight \(PythonFloat.repr(rowsWeight))"),
            "Features: \(method).",
        ])
        return (calibration, text)
    }

    /// The features of a MIXED-row training set: those of the pack as it is, except that when the
    /// pack's `mixed-units.tsv` was learned from this very set (its `train-fnv1a64`), each document is
    /// scored by mixed units learned without it (document i in fold i mod `folds`), as new text will be.
    func mixedRowFeatures(_ data: LabelledDocuments, folds: Int) throws -> [[Double]] {
        var plain = self
        plain.calibration = nil
        guard let units = mixedUnits, units.setting("train-fnv1a64") == data.fingerprint, let settings = LearningSettings(units) else {
            let session = try SentimentAnalyzer(pack: plain).makeSession()
            return data.texts.map { session.features(of: $0) }
        }
        let corpus = try learningCorpus(data)
        var features = [[Double]](repeating: [], count: data.texts.count)
        for fold in 0..<folds {
            let weights = LexiconLearner.learn(corpus, documents: (0..<corpus.count).lazy.filter { $0 % folds != fold }, settings: settings)
            var pack = plain
            pack.mixedUnits = LearnedTable(entries: LexiconLearner.table(corpus, weights: weights))
            let session = try SentimentAnalyzer(pack: pack).makeSession()
            for d in stride(from: fold, to: data.texts.count, by: folds) { features[d] = session.features(of: data.texts[d]) }
        }
        return features
    }
}
