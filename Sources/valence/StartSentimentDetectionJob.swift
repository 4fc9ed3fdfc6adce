import ArgumentParser
import Foundation
import ValenceJobs

struct StartSentimentDetectionJob: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start-sentiment-detection-job",
        abstract: "Starts an asynchronous sentiment job, as `aws comprehend start-sentiment-detection-job` does."
    )

    @Option(help: "S3Uri=s3://bucket/prefix,InputFormat=ONE_DOC_PER_FILE|ONE_DOC_PER_LINE (shorthand or JSON).")
    var inputDataConfig: String?
    @Option(help: "S3Uri=s3://bucket/prefix[,KmsKeyId=...] (shorthand or JSON).")
    var outputDataConfig: String?
    @Option(help: "arn:aws:iam::<account>:role/<name>: its account id names the output folder.")
    var dataAccessRoleArn: String?
    @Option var jobName: String?
    @Option var languageCode: String?
    @Option var clientRequestToken: String?
    @Option var volumeKmsKeyId: String?
    @Option(help: "SecurityGroupIds=...,Subnets=... (shorthand or JSON).")
    var vpcConfig: String?
    @Option(parsing: .upToNextOption, help: "Key=k,Value=v ... (shorthand or JSON).")
    var tags: [String] = []
    @Option(help: "Valence: the archive's compression, gzip (Comprehend's output.tar.gz, default) or zstd (output.tar.zst, faster).")
    var compression: String = "gzip"
    @Option(help: "Valence: split the job into N shards, each run by a `valence worker` of its own (here, or in an array job on several machines).")
    var shards: Int?
    @Flag(help: "Valence: wait until the job ends, with a progress line (percent and ETA) on a terminal.")
    var wait = false
    @Flag(help: "Valence: queue the job (SUBMITTED) without starting a worker; run it with `valence worker --job-id <id>` (with --shards: an array job, see deploy/).")
    var noWorker = false
    @OptionGroup var aws: AWSOptions

    func validate() throws {
        if wait && noWorker { throw ValidationError("--wait cannot be combined with --no-worker: nothing would run the job.") }
    }

    func run() throws {
        let codec = try CLIFailure.compression(compression)
        let arguments = [
            CLIArgument("--input-data-config", "InputDataConfig", inputDataConfig),
            CLIArgument("--output-data-config", "OutputDataConfig", outputDataConfig),
            CLIArgument("--data-access-role-arn", "DataAccessRoleArn", dataAccessRoleArn), CLIArgument("--job-name", "JobName", jobName),
            CLIArgument("--language-code", "LanguageCode", languageCode),
            CLIArgument("--client-request-token", "ClientRequestToken", clientRequestToken),
            CLIArgument("--volume-kms-key-id", "VolumeKmsKeyId", volumeKmsKeyId), CLIArgument("--vpc-config", "VpcConfig", vpcConfig),
            CLIArgument("--tags", "Tags", tags.isEmpty ? nil : tags),
        ]
        var started: (any ComprehendAPI, String)?
        try aws.run(JobOperation.startSentimentDetectionJob.rawValue, arguments) { api, body in
            guard let service = api as? JobService else {
                if codec != .gzip || shards != nil || noWorker {
                    throw CLIFailure(status: 252, message: "valence: error: --compression, --shards and --no-worker are Valence's own: they are not sent to an endpoint (--endpoint-url), which starts the job as Comprehend does")
                }
                let response = try api.perform(JobOperation.startSentimentDetectionJob.rawValue, body)
                started = (api, response["JobId"]?.stringValue ?? "")
                return response
            }
            // `--compression` is not part of the AWS request: it goes to the store beside it.
            let response = try service.start(body, compression: codec, launchesWorker: !noWorker, shards: shards)
            started = (service, response.jobId)
            return response.json
        }
        if wait, let (api, jobId) = started { try waitUntilDone(api, jobId: jobId) }
    }

    /// `--wait`: a self-rewriting progress line on a terminal, then the outcome on stderr; a
    /// FAILED job exits 1.
    private func waitUntilDone(_ api: any ComprehendAPI, jobId: String) throws {
        let isTerminal = isatty(2) == 1
        let outcome = try CLIFailure.calling(JobOperation.describeSentimentDetectionJob.rawValue) {
            try JobWatch(api: api, jobId: jobId).waitUntilDone { line in
                if isTerminal { FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8)) }
            }
        }
        if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        FileHandle.standardError.write(Data((outcome.line + "\n").utf8))
        if outcome.status == .failed { throw CLIFailure(status: 1, message: "") }
    }
}
