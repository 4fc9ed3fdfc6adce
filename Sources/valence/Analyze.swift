import ArgumentParser
import Foundation
import ValenceCore
import ValenceJobs

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Scores JSON Lines documents ({\"id\", \"text\", ...}), one output line per input line, in order.",
        discussion: """
            Each output line is {"id", "Sentiment", "SentimentScore", "Valence": {"compound", "pos", "neu", "neg"}}; \
            for English, Valence equals vaderSentiment 3.3.2's polarity_scores. Blank input lines are skipped.
            """
    )

    @Option(help: "One of en es fr de it pt ar hi ja ko zh zh-TW.")
    var languageCode: String

    @Option(help: "Input JSON Lines file (default: standard input).")
    var input: String?

    @Option(help: "Output JSON Lines file (default: standard output).")
    var output: String?

    @Flag(help: "Add each token's contribution: token, base valence, rules applied, final value.")
    var explain = false

    @OptionGroup var pack: PackOptions

    func run() throws {
        let language = try CLIFailure.language(languageCode)
        let analysis = JSONLinesAnalysis(session: try pack.session(for: language), explain: explain)
        do { try analysis.run(input: input, output: output) } catch let error as AnalysisError {
            throw CLIFailure(error, operation: "")
        }
    }
}
