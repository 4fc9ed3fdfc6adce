import ArgumentParser
import ValenceCore
import ValenceJobs

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Scores a labelled JSON Lines file ({\"text\", \"label\"}) and reports accuracy and macro-F1.",
        discussion: """
            Scoring is `valence analyze`'s. --classes auto picks the task from the gold labels: POSITIVE/NEGATIVE \\
            only → binary (POSITIVE when its score beats NEGATIVE's); any MIXED → four classes; otherwise three \\
            classes with MIXED folded into NEUTRAL (gold and predictions). Macro-F1 averages the classes found \\
            in the gold labels or the predictions.
            """
    )

    @Option(help: "One of en es fr de it pt ar hi ja ko zh zh-TW.")
    var languageCode: String

    @Option(help: "Labelled documents, one JSON object a line with \"text\" and \"label\".")
    var gold: String

    @Option(help: "auto, 4, 3 (MIXED folded into NEUTRAL) or binary (POSITIVE vs NEGATIVE).")
    var classes: ClassificationTask = .auto

    @Flag(help: "Print the figures as one JSON object.")
    var json = false

    @OptionGroup var pack: PackOptions

    func run() throws {
        let language = try CLIFailure.language(languageCode)
        let session = try pack.session(for: language)
        let data = try CLIFailure.calling { try LabelledDocuments.read(path: gold) }
        let task = classes.resolved(for: data.labels)
        let report = task.evaluate(data, with: session)
        print(json ? report.json(set: data.name, language: language, mode: task.rawValue)
                   : report.text(set: data.name, language: language, mode: task.rawValue))
    }
}

extension ClassificationTask: ExpressibleByArgument {}
