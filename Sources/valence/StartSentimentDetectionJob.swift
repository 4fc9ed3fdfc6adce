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
    @OptionGroup var input: CLIInputOptions
    @Option(help: "Valence: the archive's compression, gzip (Comprehend's output.tar.gz, default) or zstd (output.tar.zst, faster).")
    var compression: String = "gzip"
    @Option(help: "Valence: split the job into N shards, each run by a `valence worker` of its own (here, or in an array job on several machines).")
    var shards: Int?
    @Flag(help: "Valence: wait until the job ends, with a progress line (percent and ETA) on a terminal.")
    var wait = false
    @Flag(help: "Valence: queue the job (SUBMITTED) without starting a worker; run it with `valence worker --job-id <id>` (with --shards: an array job, see deploy/).")
    var noWorker = false
    @OptionGroup var pack: PackOptions

    func validate() throws {
        if wait && noWorker { throw ValidationError("--wait cannot be combined with --no-worker: nothing would run the job.") }
    }

    func run() throws {
        let codec = try CLIFailure.compression(compression)
        let service = try pack.jobService()
        let body = try input.body([
            ("InputDataConfig", ClientShape.shorthandLists(
                try CLIInputOptions.structure(inputDataConfig, name: "input-data-config"), text: inputDataConfig)),
            ("OutputDataConfig", try CLIInputOptions.structure(outputDataConfig, name: "output-data-config")),
            ("DataAccessRoleArn", dataAccessRoleArn.map { .string($0) }),
            ("JobName", jobName.map { .string($0) }),
            ("LanguageCode", languageCode.map { .string($0) }),
            ("ClientRequestToken", clientRequestToken.map { .string($0) }),
            ("VolumeKmsKeyId", volumeKmsKeyId.map { .string($0) }),
            ("VpcConfig", ClientShape.shorthandLists(try CLIInputOptions.structure(vpcConfig, name: "vpc-config"), text: vpcConfig)),
            ("Tags", try CLIFailure.calling { try AWSShorthand.listParameter(tags, name: "tags") }),
        ])
        let operation = JobOperation.startSentimentDetectionJob.rawValue
        let response = try CLIFailure.calling(operation) {
            try ClientShape.checkStartRequest(body)
            // `--compression` is not part of the AWS request: it goes to the store beside it.
            return try service.start(body, compression: codec, launchesWorker: !noWorker, shards: shards)
        }
        print(response.json.serialized(.cli))
        if wait { try waitUntilDone(service, jobId: response.jobId) }
    }

    /// `--wait`: a self-rewriting progress line on a terminal, then the outcome on stderr; a
    /// FAILED job exits 1.
    private func waitUntilDone(_ service: JobService, jobId: String) throws {
        let isTerminal = isatty(2) == 1
        let manifest = try CLIFailure.calling(JobOperation.describeSentimentDetectionJob.rawValue) {
            try JobWatch(service: service, jobId: jobId).waitUntilDone { line in
                if isTerminal { FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8)) }
            }
        }
        if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        let line = "\(jobId): \(manifest.status.rawValue), \(manifest.documentsProcessed) documents" +
            (manifest.properties.message.map { " — \($0)" } ?? "") + " (\(manifest.outputURI))"
        FileHandle.standardError.write(Data((line + "\n").utf8))
        if manifest.status == .failed { throw CLIFailure(status: 1, message: "") }
    }
}
