import ArgumentParser
import ValenceCore
import ValenceJobs

struct Valence: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "valence",
        abstract: "Offline sentiment analysis with Amazon Comprehend's operations and output formats.",
        version: "0.1.0",
        subcommands: [
            DetectSentiment.self, BatchDetectSentiment.self,
            StartSentimentDetectionJob.self, DescribeSentimentDetectionJob.self, ListSentimentDetectionJobs.self,
            StopSentimentDetectionJob.self, Run.self, Analyze.self, Evaluate.self, Segment.self, LexiconCommand.self, WorkerCommand.self,
            Serve.self,
            MergeCommand.self,
        ]
    )
}

extension Valence {
    /// The commands that answer as `aws comprehend` does (global options, --query, --output).
    static let awsCommands: Set<String> = [
        "detect-sentiment", "batch-detect-sentiment", "start-sentiment-detection-job", "describe-sentiment-detection-job",
        "list-sentiment-detection-jobs", "stop-sentiment-detection-job",
    ]

    /// An argument parser message in argparse's words, as the aws CLI prints them.
    static func awsWording(_ message: String) -> String {
        let quoted = message.split(separator: "'", omittingEmptySubsequences: false)
        let flag = quoted.count > 1 ? String(quoted[1].split(separator: " ")[0]) : ""
        if message.hasPrefix("Unknown option") { return "Unknown options: \(flag)" }
        if message.hasPrefix("Missing value for") { return "argument \(flag): expected one argument" }
        return message
    }
}

/// Options every scoring command shares, and the one place the CLI resolves its configuration.
struct PackOptions: ParsableArguments {
    @Option(name: .customLong("lexicons"), help: "The directory of lexicon packs (default: $VALENCE_LEXICONS, or the Lexicons/ Valence ships with).")
    var lexicons: String?

    /// The configuration of this run: the environment, with `--lexicons` (and `threads`) on top.
    func configuration(threads: Int? = nil) -> ValenceConfiguration {
        .current(flags: ValenceConfiguration.Flags(lexicons: lexicons, threads: threads))
    }

    /// The job service on this configuration.
    func jobService(threads: Int? = nil) throws -> JobService {
        try CLIFailure.calling { try JobService(configuration: configuration(threads: threads)) }
    }

    /// A scoring session on this directory's pack for `language`; a pack that fails to load is a CLI error.
    func session(for language: LanguageCode) throws -> SentimentAnalyzer.Session {
        let catalog = AnalyzerCatalog(directory: try CLIFailure.calling { try configuration().requireLexicons() })
        do { return try catalog.session(for: language) } catch { throw CLIFailure(status: 1, message: "valence: error: \(error.message)") }
    }
}
