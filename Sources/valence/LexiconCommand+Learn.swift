import ArgumentParser
import ValenceCore
import ValenceJobs

extension LexiconCommand {
    struct Learn: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "learn",
            abstract: "Learns unit weights (polarity, subjectivity) from labelled JSON Lines and writes learned.tsv.",
            discussion: """
                Units are the pack's tokens and, when its rules.txt sets character-ngrams, their character \
                n-grams. Each weight is a log-odds ratio of document frequencies under a Dirichlet prior \
                (polarity: POSITIVE vs NEGATIVE; subjectivity: opinionated vs NEUTRAL), clamped to ±4. \
                The same data and settings give the same file, byte for byte. Run `valence lexicon \
                calibrate` on the same data afterwards: it cross-fits.
                """
        )
        private static let defaults = LearningSettings()

        @Option(help: "One of en es fr de it pt ar hi ja ko zh zh-TW.")
        var languageCode: String

        @Option(help: "Labelled training documents, one JSON object a line with \"text\" and \"label\".")
        var train: String

        @Option(help: "Where to write the table (e.g. Lexicons/ko/learned.tsv, or Lexicons/en/mixed-units.tsv).")
        var out: String

        @Option(help: "The pack whose tokenizer and rules define the units (default: the --lexicons directory's pack for the language).")
        var pack: String?

        @Option(help: "logistic (two L2 logistic regressions) or log-odds (Dirichlet-prior log-odds ratios). (default: \(defaults.method.rawValue))")
        var method: String?

        @Option(help: "Inverse regularisation strength of the logistic regressions. (default: \(PythonFloat.repr(defaults.c)))")
        var c: Double?

        @Option(help: "Drop units found in fewer documents than this. (default: \(defaults.minimumCount))")
        var minCount: Int?

        @Option(help: "Constant pseudo-count per unit and class. (default: \(PythonFloat.repr(defaults.smoothing)))")
        var smoothing: Double?

        @Option(help: "Informative prior: this many pseudo-counts spread over units by their overall frequency. (default: \(PythonFloat.repr(defaults.priorStrength)))")
        var priorStrength: Double?

        @OptionGroup var packs: PackOptions

        func run() throws {
            let language = try CLIFailure.language(languageCode)
            let configuration = packs.configuration()
            let directory = try PackDirectory(path: pack ?? "\(CLIFailure.calling { try configuration.requireLexicons() })/\(language.rawValue)")
            let loaded = try CLIFailure.calling { try directory.load() }
            guard loaded.language == language else {
                throw CLIFailure(status: 1, message: "valence: error: \(directory.path) is the \(loaded.language.rawValue) pack, not \(language.rawValue)")
            }
            let data = try CLIFailure.calling { try LabelledDocuments.read(path: train) }
            var settings = configuration.learning
            if let method {
                guard let chosen = LearningSettings.Method(rawValue: method) else {
                    throw CLIFailure(status: 1, message: "valence: error: --method must be logistic or log-odds")
                }
                settings.method = chosen
            }
            settings.c = c ?? settings.c
            settings.minimumCount = minCount ?? settings.minimumCount
            settings.smoothing = smoothing ?? settings.smoothing
            settings.priorStrength = priorStrength ?? settings.priorStrength
            let table = try loaded.learnUnits(
                from: data, settings: settings, packName: directory.name, file: LexiconPack.File(rawValue: String(out.split(separator: "/").last ?? ""))?.rawValue ?? "learned.tsv")
            try CLIFailure.calling { try PackDirectory.write(table.serialized(), to: out) }
            print("wrote \(out): \(table.entries.count) units from \(data.texts.count) documents")
        }
    }
}
