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
            MergeCommand.self,
        ]
    )
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
