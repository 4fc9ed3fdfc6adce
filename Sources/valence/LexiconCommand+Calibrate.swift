import ArgumentParser
import ValenceCore
import ValenceJobs

extension LexiconCommand {
    struct Calibrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "calibrate",
            abstract: "Fits the pack's four-class softmax on labelled JSON Lines ({\"text\", \"label\"}) and writes calibration.txt."
        )

        @Argument(help: "The pack directory, e.g. Lexicons/en.")
        var pack: String

        @Option(help: "Labelled training documents, one JSON object a line with \"text\" and \"label\".")
        var train: String

        @Option(help: "Cross-fitting folds when the pack's learned units came from the same training file.")
        var folds = 5

        @Option(help: "L2 penalty on the standardised feature weights.")
        var l2 = 0.01

        @Option(help: "A multiple of --l2 for the features of the pack's learned.tsv (its units come from one training domain; > 1 makes the lexicon weigh more).")
        var learnedL2Scale = 1.0

        @Option(help: "Labelled documents with MIXED labels: refit the MIXED row alone on these and --train (repeatable).")
        var mixedTrain: [String] = []

        @Option(help: "L2 penalty of the MIXED row's fit.")
        var mixedL2 = 0.01

        @Option(help: "Labelled documents to fit the POSITIVE, NEGATIVE and NEUTRAL rows on beside --train (MIXED ones left out; the rows then read the pack's mixed-units too) (repeatable).")
        var rowsTrain: [String] = []

        @Option(help: "The weight of each --rows-train document in the rows' fit (a --train document weighs 1).")
        var rowsWeight = 1.0

        func validate() throws {
            guard learnedL2Scale > 0, learnedL2Scale.isFinite else {
                throw ValidationError("--learned-l2-scale must be a positive number, not \(learnedL2Scale)")
            }
            guard Calibration.isStableStep(l2: l2 * max(1, learnedL2Scale)), Calibration.isStableStep(l2: mixedL2) else {
                throw ValidationError("--l2 (times --learned-l2-scale) and --mixed-l2 must stay below 2: the fit takes gradient steps of 0.5")
            }
        }

        func run() throws {
            let directory = PackDirectory(path: pack)
            let loaded = try CLIFailure.calling { try directory.load() }
            let data = try CLIFailure.calling { try LabelledDocuments.read(path: train) }
            let mixed = try CLIFailure.calling { try mixedTrain.map { try LabelledDocuments.read(path: $0) } }
            let rows = try CLIFailure.calling { try rowsTrain.map { try LabelledDocuments.read(path: $0) } }
            let fitted = try loaded.fitCalibration(
                on: data, folds: folds, l2: l2, packName: directory.name, mixedTrain: mixed, mixedL2: mixedL2,
                rowsTrain: rows, rowsWeight: rowsWeight, learnedL2Scale: learnedL2Scale)
            let path = try CLIFailure.calling { try directory.writeCalibration(fitted.text) }
            print("wrote \(path) from \(data.texts.count) documents")
        }
    }
}
