import ArgumentParser
import Foundation
import ValenceCore

struct LexiconCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lexicon",
        abstract: "Checks, learns and calibrates lexicon packs.",
        subcommands: [Check.self, Learn.self, Calibrate.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validates a pack directory: every file, every line.")

        @Argument(help: "The pack directory, e.g. Lexicons/en.")
        var pack: String

        func run() throws {
            let loaded: LexiconPack
            do { loaded = try LexiconPack.load(from: pack) } catch {
                throw CLIFailure(status: 1, message: "valence: error: \(error)")
            }
            var problems: [String] = []
            for file in ["SOURCE", "LICENSE"] where !FileManager.default.fileExists(atPath: "\(pack)/\(file)") {
                problems.append("\(pack)/\(file): missing")
            }
            var seen: [String: Int] = [:]
            var duplicates = 0
            for entry in loaded.entries {
                seen[entry.key, default: 0] += 1
                if seen[entry.key] == 2 { duplicates += 1 }
            }
            if loaded.calibration == nil { problems.append("\(pack)/calibration.txt: missing (run `valence lexicon calibrate`)") }
            let compiled = CompiledLexicon(pack: loaded)
            if !problems.isEmpty {
                throw CLIFailure(status: 1, message: problems.map { "valence: error: \($0)" }.joined(separator: "\n"))
            }
            let rules = loaded.rules
            print("""
                \(pack): OK
                  language       \(loaded.language.rawValue) (tokenizer: \(rules.tokenizer.rawValue))
                  lexicon words  \(compiled.wordCount)\(duplicates > 0 ? " (\(duplicates) keys repeated; the last value wins)" : "")
                  emoji          \(loaded.emoji.count)
                  negators       \(rules.negators.count)
                  boosters       \(rules.boosters.filter { $0.increment > 0 }.count) boosters, \(rules.boosters.filter { $0.increment < 0 }.count) dampeners
                  contrast       \(rules.contrast.joined(separator: ", "))
                  negators after \(rules.negatorsAfter.count)
                  idioms         \(rules.idioms.count)
                  learned units  \(loaded.learned.map { "\($0.entries.count) (\($0.entries.filter { $0.kind == .word }.count) words, \($0.entries.filter { $0.kind == .characters }.count) character n-grams)" } ?? "none")
                  calibration    \(loaded.calibration?.provenance.first ?? "none")
                """)
        }
    }

    struct Calibrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fits the pack's four-class softmax on labelled JSON Lines ({\"text\", \"label\"}) and writes calibration.txt."
        )

        @Argument(help: "The pack directory, e.g. Lexicons/en.")
        var pack: String

        @Option(help: "Labelled training documents, one JSON object a line with \"text\" and \"label\".")
        var train: String

        func run() throws {
            var loaded = try LexiconPack.loadForCLI(pack)
            let data = try LabelledData(path: train)
            var features: [[Double]]
            var method = "features of the pack as it is"
            if let learned = loaded.learned, learned.setting("train-fnv1a64") == data.fingerprint,
               let settings = LearningSettings(learned) {
                // The learned units came from these very documents: calibrate on cross-fitted
                // evidence (each document scored by units learned without it).
                var settings = settings
                settings.learnsPolarity = loaded.rules.learnedPolarity
                let corpus = try loaded.learningCorpus(data)
                features = LexiconLearner.crossFittedFeatures(corpus, settings: settings, folds: folds)
                method = "learned evidence cross-fitted over \(folds) folds (document i in fold i mod \(folds))"
            } else {
                loaded.calibration = nil
                let session = try SentimentAnalyzer(pack: loaded).makeSession()
                features = data.texts.map { session.features(of: $0) }
            }
            var calibration = Calibration.fit(
                features: features, labels: data.labels, l2: l2,
                fitted: Calibration.fittedIndices(extras: loaded.rules.calibrationExtras))
            if !mixedTrain.isEmpty {
                // The MIXED row alone, on the training file and the MIXED sets together (features of
                // the pack as it is: learned units never come from the MIXED sets).
                var plain = loaded
                plain.calibration = nil
                let session = try SentimentAnalyzer(pack: plain).makeSession()
                let sets = try mixedTrain.map { try LabelledData(path: $0) }
                calibration.fitMixedRow(
                    features: features + sets.flatMap { $0.texts.map { session.features(of: $0) } },
                    labels: data.labels + sets.flatMap(\.labels),
                    columns: Calibration.mixedRowIndices(extras: loaded.rules.calibrationExtras), l2: mixedL2,
                    source: "\(data.name) + " + sets.map(\.name).joined(separator: " + "))
            }
            let text = calibration.serialized(header: [
                "Four-class calibration of this pack: softmax(weights · features), one row per class.",
                "Written by: valence lexicon calibrate \(Self.packName(pack)) --train <shared>/train/\(data.name)"
                    + mixedTrain.map { " --mixed-train <shared>/train/\(URL(fileURLWithPath: $0).lastPathComponent)" }.joined()
                    + (mixedTrain.isEmpty || mixedL2 == 0.01 ? "" : " --mixed-l2 \(mixedL2)"),
                "Features: \(method).",
            ])
            let path = "\(pack)/calibration.txt"
            do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
                throw CLIFailure(status: 1, message: "valence: error: cannot write \(path): \(error.localizedDescription)")
            }
            print("wrote \(path) from \(features.count) documents")
        }

        @Option(help: "Cross-fitting folds when the pack's learned units came from the same training file.")
        var folds = 5

        @Option(help: "L2 penalty on the standardised feature weights.")
        var l2 = 0.01

        @Option(help: "Labelled documents with MIXED labels: refit the MIXED row alone on these and --train (repeatable).")
        var mixedTrain: [String] = []

        @Option(help: "L2 penalty of the MIXED row's fit.")
        var mixedL2 = 0.01

        static func packName(_ path: String) -> String {
            let parts = path.split(separator: "/")
            return parts.count >= 2 ? parts.suffix(2).joined(separator: "/") : path
        }
    }

    struct Learn: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Learns unit weights (polarity, subjectivity) from labelled JSON Lines and writes learned.tsv.",
            discussion: """
                Units are the pack's tokens and, when its rules.txt sets character-ngrams, their character \
                n-grams. Each weight is a log-odds ratio of document frequencies under a Dirichlet prior \
                (polarity: POSITIVE vs NEGATIVE; subjectivity: opinionated vs NEUTRAL), clamped to ±4. \
                The same data and settings give the same file, byte for byte. Run `valence lexicon \
                calibrate` on the same data afterwards: it cross-fits.
                """
        )

        @Option(help: "One of en es fr de it pt ar hi ja ko zh zh-TW.")
        var languageCode: String

        @Option(help: "Labelled training documents, one JSON object a line with \"text\" and \"label\".")
        var train: String

        @Option(help: "Where to write the table (e.g. Lexicons/ko/learned.tsv).")
        var out: String

        @Option(help: "The pack whose tokenizer and rules define the units (default: the --lexicons directory's pack for the language).")
        var pack: String?

        @Option(help: "logistic (two L2 logistic regressions) or log-odds (Dirichlet-prior log-odds ratios).")
        var method = "logistic"

        @Option(help: "Inverse regularisation strength of the logistic regressions.")
        var c = 0.1

        @Option(help: "Drop units found in fewer documents than this.")
        var minCount = 1

        @Option(help: "Constant pseudo-count per unit and class.")
        var smoothing = 1.0

        @Option(help: "Informative prior: this many pseudo-counts spread over units by their overall frequency.")
        var priorStrength = 0.0

        @OptionGroup var packs: PackOptions

        func run() throws {
            let language = try CLIFailure.language(languageCode)
            let directory = try pack ?? "\(packs.directory())/\(language.rawValue)"
            let loaded = try LexiconPack.loadForCLI(directory)
            guard loaded.language == language else {
                throw CLIFailure(status: 1, message: "valence: error: \(directory) is the \(loaded.language.rawValue) pack, not \(language.rawValue)")
            }
            let data = try LabelledData(path: train)
            var settings = LearningSettings()
            guard let method = LearningSettings.Method(rawValue: method) else {
                throw CLIFailure(status: 1, message: "valence: error: --method must be logistic or log-odds")
            }
            settings.method = method
            settings.learnsPolarity = loaded.rules.learnedPolarity
            settings.c = c
            settings.minimumCount = minCount
            settings.smoothing = smoothing
            settings.priorStrength = priorStrength
            let corpus = try loaded.learningCorpus(data)
            let weights = LexiconLearner.learn(corpus, documents: 0..<corpus.count, settings: settings)
            let entries = LexiconLearner.table(corpus, weights: weights)
            let counted = Sentiment.allCases.map { s in "\(s.rawValue) \(data.labels.filter { $0 == s }.count)" }.joined(separator: ", ")
            let table = LearnedTable(
                entries: entries,
                settings: settings.settings + [("train", data.name), ("train-fnv1a64", data.fingerprint)],
                provenance: [
                    "Learned unit weights for the \(language.rawValue) pack.",
                    (settings.learnsPolarity ? "polarity: POSITIVE vs NEGATIVE documents; " : "polarity: 0 (learned-polarity = no: the curated lexicon decides polarity); ") + {
                        switch weights.second {
                        case .subjectivity: "subjectivity: POSITIVE, NEGATIVE and MIXED vs NEUTRAL documents."
                        case .mixedness: "subjectivity column: MIXED vs POSITIVE and NEGATIVE documents (no NEUTRAL documents to learn subjectivity from)."
                        case .none: "subjectivity: 0 (the data has neither NEUTRAL nor MIXED documents)."
                        }
                    }(),
                    settings.method == .logistic
                        ? "method: two class-balanced L2 logistic regressions on unit counts (C = \(PythonFloat.repr(settings.c))), L-BFGS; weights clamped to ±\(PythonFloat.repr(settings.limit))."
                        : "method: Dirichlet-prior log-odds of document frequencies.",
                    "kind w = a whole token, c = a character n-gram inside a token.",
                    "Written by: valence lexicon learn --language-code \(language.rawValue) --train <shared>/train/\(data.name) --out \(Calibrate.packName(directory))/learned.tsv"
                        + " " + arguments(settings),
                    "Training documents: \(data.texts.count) (\(counted)).",
                ])
            do { try table.serialized().write(toFile: out, atomically: true, encoding: .utf8) } catch {
                throw CLIFailure(status: 1, message: "valence: error: cannot write \(out): \(error.localizedDescription)")
            }
            print("wrote \(out): \(entries.count) units from \(data.texts.count) documents")
        }

        func arguments(_ settings: LearningSettings) -> String {
            switch settings.method {
            case .logistic: "--method logistic --c \(PythonFloat.repr(settings.c)) --min-count \(settings.minimumCount)"
            case .logOdds: "--method log-odds --min-count \(settings.minimumCount) --smoothing \(PythonFloat.repr(settings.smoothing)) --prior-strength \(PythonFloat.repr(settings.priorStrength))"
            }
        }
    }
}
