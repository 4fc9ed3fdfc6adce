import ArgumentParser
import ValenceJobs

/// What Describe and Stop take: a job id (or `--cli-input-json`).
struct JobIdArguments: ParsableArguments {
    @Option var jobId: String?
    @OptionGroup var input: CLIInputOptions
    @OptionGroup var pack: PackOptions

    /// Sends `operation` for the job and prints the response.
    func perform(_ operation: JobOperation, _ call: (JobService, JSONValue) throws -> JSONValue) throws {
        let service = try pack.jobService()
        let body = try input.body([("JobId", jobId.map { .string($0) })])
        let response = try CLIFailure.calling(operation.rawValue) {
            try ClientShape.checkJobId(body)
            return try call(service, body)
        }
        print(response.serialized(.cli))
    }
}

struct DescribeSentimentDetectionJob: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe-sentiment-detection-job",
        abstract: "Shows a sentiment job's properties, as `aws comprehend describe-sentiment-detection-job` does."
    )
    @OptionGroup var arguments: JobIdArguments

    func run() throws { try arguments.perform(.describeSentimentDetectionJob, { try $0.describe($1) }) }
}

struct StopSentimentDetectionJob: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop-sentiment-detection-job",
        abstract: "Asks a sentiment job to stop, as `aws comprehend stop-sentiment-detection-job` does."
    )
    @OptionGroup var arguments: JobIdArguments

    func run() throws { try arguments.perform(.stopSentimentDetectionJob, { try $0.stop($1) }) }
}
