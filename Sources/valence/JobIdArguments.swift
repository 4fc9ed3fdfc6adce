import ArgumentParser
import ValenceJobs

/// What Describe and Stop take: a job id (or `--cli-input-json`).
struct JobIdArguments: ParsableArguments {
    @Option(help: "The job's id, as start-sentiment-detection-job answered it.") var jobId: String?
    @OptionGroup var aws: AWSOptions

    /// Sends `operation` for the job and prints the response.
    func perform(_ operation: JobOperation) throws {
        try aws.run(operation.rawValue, [CLIArgument("--job-id", "JobId", jobId)])
    }
}

struct DescribeSentimentDetectionJob: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe-sentiment-detection-job",
        abstract: "Shows a sentiment job's properties, as `aws comprehend describe-sentiment-detection-job` does."
    )
    @OptionGroup var arguments: JobIdArguments

    func run() throws { try arguments.perform(.describeSentimentDetectionJob) }
}

struct StopSentimentDetectionJob: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop-sentiment-detection-job",
        abstract: "Asks a sentiment job to stop, as `aws comprehend stop-sentiment-detection-job` does."
    )
    @OptionGroup var arguments: JobIdArguments

    func run() throws { try arguments.perform(.stopSentimentDetectionJob) }
}
