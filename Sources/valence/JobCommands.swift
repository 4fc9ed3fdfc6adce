import ArgumentParser
import Foundation
import ValenceCore
import ValenceJobs

/// Flags shared by the job subcommands, as the aws CLI has them.
struct CLIInputOptions: ParsableArguments {
    @Option(name: .customLong("cli-input-json"), help: "The whole request as JSON (or file://path), as with the aws CLI.")
    var cliInputJSON: String?

    /// The request body: `--cli-input-json` first, then explicit flags on top of it.
    func body(_ members: [(String, JSONValue?)]) throws -> JSONValue {
        var result: [(String, JSONValue)] = []
        if let cliInputJSON {
            var text = cliInputJSON
            if text.hasPrefix("file://") {
                let path = String(text.dropFirst("file://".count))
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw CLIFailure(status: 252, message: "\nError parsing parameter 'cli-input-json': Unable to load paramfile \(text): [Errno 2] No such file or directory: '\(path)'")
                }
                guard let decoded = String(validating: data, as: UTF8.self) else {
                    throw CLIFailure(status: 252, message: "\nError parsing parameter 'cli-input-json': \(path) is not valid UTF-8")
                }
                text = decoded
            }
            guard case .object(let members)? = try? JSONValue.parse(text) else {
                throw CLIFailure(status: 252, message: "\nError parsing parameter 'cli-input-json': Invalid JSON received.")
            }
            result = members
        }
        for (name, value) in members {
            guard let value else { continue }
            result.removeAll { $0.0 == name }
            result.append((name, value))
        }
        return .object(result)
    }
}

/// Parses a structure parameter given as shorthand or JSON.
func structureParameter(_ text: String?, name: String) throws -> JSONValue? {
    guard let text else { return nil }
    do { return try AWSShorthand.parse(text) } catch {
        throw CLIFailure(status: 252, message: "\n\(error.message.replacingOccurrences(of: "Error parsing parameter:", with: "Error parsing parameter '\(name)':"))")
    }
}

/// The job service as the CLI uses it: the store under `VALENCE_HOME`, workers as detached
/// `valence` processes, and a sweep for dead workers before every job command.
struct JobContext {
    let environment: [String: String]
    let store: JobStore
    let objects: ObjectStore
    let lexicons: String

    init(pack: PackOptions) throws {
        environment = ProcessInfo.processInfo.environment
        let storage = ValenceEnvironment(environment: environment)
        store = JobStore(home: storage.home, environment: environment)
        objects = ObjectStore(environment: storage)
        lexicons = try pack.directory()
        sweep()
    }

    /// Jobs whose worker died (SIGKILL, a crash, a reboot) end FAILED with a message instead of
    /// staying IN_PROGRESS forever: at once when the worker's pid is gone (or a zombie), and after
    /// ten minutes without a heartbeat whatever the pid says (it may have been reused). The
    /// temporary archive file such a worker was writing is removed from the job's output
    /// directory; a committed archive is never touched.
    func sweep() {
        var failed = (try? store.failAbandonedJobs(heartbeatTimeoutMilliseconds: 0)) ?? []
        failed += (try? store.failAbandonedJobs(heartbeatTimeoutMilliseconds: 600_000, isProcessAlive: { _ in false })) ?? []
        for jobId in failed {
            guard let manifest = try? store.manifest(jobId: jobId),
                  let location = try? objects.outputLocation(objectURI: manifest.outputURI) else { continue }
            location.removeTemporaryArchiveFiles()
        }
    }

    func perform(_ operation: JobOperation, _ body: JSONValue, name: String) throws -> JSONValue {
        do { return try store.perform(operation, body: body) } catch { throw CLIFailure(error, operation: name) }
    }

    /// Starts a detached worker process for `jobId` (its own session, stdio on a log file).
    func launchWorker(jobId: String) throws {
        let logs = store.home + "/logs"
        try? FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The worker starts with no blocked signals and default handlers for the ones that stop
        // it (a launcher such as Foundation's Process may block nearly everything), in a session of
        // its own: 0x80 | 0x08 | 0x04 are glibc's POSIX_SPAWN_SETSID | SETSIGMASK | SETSIGDEF, which
        // Swift does not import.
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE] { sigaddset(&defaultSignals, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawnattr_setflags(&attributes, Int16(0x80 | 0x08 | 0x04))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "\(logs)/\(jobId).log", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Nothing else the launcher inherited goes to the worker: a pipe's write end held by the
        // detached worker would keep whoever reads `start`'s output waiting until the job ends.
        #if os(Linux)
        // (glibc's addclosefrom_np is not imported into Swift; a close of a descriptor that is no
        // longer open at spawn time, such as the one that listed the directory, is ignored.)
        let inherited = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd"))?.compactMap { Int32($0) }
            ?? Array(3..<Int32(min(sysconf(Int32(_SC_OPEN_MAX)), 4096)))
        for descriptor in inherited where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        #else
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSID | POSIX_SPAWN_CLOEXEC_DEFAULT))
        #endif
        let arguments = [executable, "worker", "--job-id", jobId, "--lexicons", lexicons]
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var environment = ProcessInfo.processInfo.environment
        environment["VALENCE_HOME"] = store.home
        environment["VALENCE_S3_ROOT"] = objects.root
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in envp { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            _ = try? store.markFailed(jobId: jobId, message: "INTERNAL_SERVER_ERROR: could not start a worker process (\(String(cString: strerror(status))))")
            throw CLIFailure(status: 255, message: "valence: error: could not start a worker process: \(String(cString: strerror(status)))")
        }
        // The pid goes into the manifest now, not only when the worker claims the job, so a
        // worker that dies before its first step is noticed by the sweep too.
        _ = try? store.recordWorkerLaunch(jobId: jobId, pid: pid)
    }
}

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
    @Flag(help: "Valence: wait until the job ends, with a progress line (percent and ETA) on a terminal.")
    var wait = false
    @Flag(help: ArgumentHelp(
        "Valence, for benchmarks and tests: queue the job (SUBMITTED) without starting a worker; run it with `valence worker --job-id <id>`.",
        visibility: .hidden))
    var noWorker = false
    @OptionGroup var pack: PackOptions

    func validate() throws {
        if wait && noWorker { throw ValidationError("--wait cannot be combined with --no-worker: nothing would run the job.") }
    }

    func run() throws {
        let codec = try CLIFailure.compression(compression)
        let context = try JobContext(pack: pack)
        var tagList: JSONValue?
        if !tags.isEmpty {
            var items: [JSONValue] = []
            for tag in tags {
                guard let value = try structureParameter(tag, name: "tags") else { continue }
                if case .array(let list) = value { items += list } else { items.append(value) }
            }
            tagList = .array(items)
        }
        let body = try input.body([
            ("InputDataConfig", ClientShape.shorthandLists(try structureParameter(inputDataConfig, name: "input-data-config"), text: inputDataConfig)),
            ("OutputDataConfig", try structureParameter(outputDataConfig, name: "output-data-config")),
            ("DataAccessRoleArn", dataAccessRoleArn.map { .string($0) }),
            ("JobName", jobName.map { .string($0) }),
            ("LanguageCode", languageCode.map { .string($0) }),
            ("ClientRequestToken", clientRequestToken.map { .string($0) }),
            ("VolumeKmsKeyId", volumeKmsKeyId.map { .string($0) }),
            ("VpcConfig", ClientShape.shorthandLists(try structureParameter(vpcConfig, name: "vpc-config"), text: vpcConfig)),
            ("Tags", tagList),
        ])
        try Self.checkRequired(body)
        // `--compression` is not part of the AWS request: it goes to the store beside it.
        let response: StartSentimentDetectionJobResponse
        do {
            response = try context.store.start(StartSentimentDetectionJobRequest(json: body), compression: codec)
        } catch {
            throw CLIFailure(error, operation: "StartSentimentDetectionJob")
        }
        let jobId = response.jobId
        let manifest = try? context.store.manifest(jobId: jobId)
        if manifest?.status == .submitted && manifest?.workerPID == nil && !noWorker {
            try context.launchWorker(jobId: jobId)
        }
        print(response.json.serialized(.cli))
        if wait { try JobWaiter(context: context, jobId: jobId).wait() }
    }

    /// botocore's client-side checks (spec §4.5): `required` members, at every level, and `min`
    /// lengths of strings and lists. The aws CLI refuses to send such a request (exit 252) and
    /// lists every problem, in botocore's order: a structure's missing members first, then its
    /// members as given. `max`, `pattern` and `enum` are the service's (ValidationException).
    static func checkRequired(_ body: JSONValue) throws {
        var problems: [String] = []
        ClientShape.startRequest.check(body, name: "", into: &problems)
        if !problems.isEmpty {
            throw CLIFailure(status: 252, message: "\nParameter validation failed:\n" + problems.joined(separator: "\n"))
        }
    }
}

struct DescribeSentimentDetectionJob: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe-sentiment-detection-job",
        abstract: "Shows a sentiment job's properties, as `aws comprehend describe-sentiment-detection-job` does."
    )
    @OptionGroup var arguments: JobIdArguments

    func run() throws { try arguments.perform(.describeSentimentDetectionJob, name: "DescribeSentimentDetectionJob") }
}

struct StopSentimentDetectionJob: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop-sentiment-detection-job",
        abstract: "Asks a sentiment job to stop, as `aws comprehend stop-sentiment-detection-job` does."
    )
    @OptionGroup var arguments: JobIdArguments

    func run() throws { try arguments.perform(.stopSentimentDetectionJob, name: "StopSentimentDetectionJob") }
}

/// What Describe and Stop take: a job id (or `--cli-input-json`).
struct JobIdArguments: ParsableArguments {
    @Option var jobId: String?
    @OptionGroup var input: CLIInputOptions
    @OptionGroup var pack: PackOptions

    func perform(_ operation: JobOperation, name: String) throws {
        let context = try JobContext(pack: pack)
        let body = try input.body([("JobId", jobId.map { .string($0) })])
        try checkJobId(body)
        print(try context.perform(operation, body, name: name).serialized(.cli))
    }
}

/// botocore's client-side checks of `JobId`: required, min length 1.
func checkJobId(_ body: JSONValue) throws {
    guard let value = body["JobId"] else {
        throw CLIFailure(status: 252, message: "\nParameter validation failed:\nMissing required parameter in input: \"JobId\"")
    }
    if case .string(let id) = value, id.isEmpty { throw CLIFailure.minLength("JobId", value: 0) }
}

struct ListSentimentDetectionJobs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list-sentiment-detection-jobs",
        abstract: "Lists sentiment jobs, as `aws comprehend list-sentiment-detection-jobs` does (following NextToken unless --max-results, --next-token or --no-paginate)."
    )
    @Option(help: "JobName=...|JobStatus=...|SubmitTimeBefore=<time>|SubmitTimeAfter=<time> (shorthand or JSON).")
    var filter: String?
    @Option var maxResults: Int?
    @Option var nextToken: String?
    @Flag var noPaginate = false
    @OptionGroup var input: CLIInputOptions
    @OptionGroup var pack: PackOptions

    func run() throws {
        let context = try JobContext(pack: pack)
        var filterValue = try structureParameter(filter, name: "filter")
        if case .object(let members)? = filterValue {
            filterValue = .object(try members.map { name, value in
                guard name == "SubmitTimeBefore" || name == "SubmitTimeAfter", case .string(let text) = value else { return (name, value) }
                guard let seconds = Self.epochSeconds(text) else {
                    throw CLIFailure(status: 252, message: "\nInvalid timestamp value: \(text)")
                }
                return (name, .number(String(seconds)))
            })
        }
        if let maxResults, maxResults < 1 {
            throw CLIFailure(status: 252, message: "\nParameter validation failed:\nInvalid value for parameter MaxResults, value: \(maxResults), valid min value: 1")
        }
        if let nextToken, nextToken.isEmpty { throw CLIFailure.minLength("NextToken", value: 0) }
        var body = try input.body([
            ("Filter", filterValue),
            ("NextToken", nextToken.map { .string($0) }),
            ("MaxResults", maxResults.map { .int($0) }),
        ])
        let paginate = !noPaginate && maxResults == nil && nextToken == nil
        var response = try context.perform(.listSentimentDetectionJobs, body, name: "ListSentimentDetectionJobs")
        guard paginate else {
            print(response.serialized(.cli))
            return
        }
        // The aws CLI follows NextToken itself and prints one merged list.
        var jobs: [JSONValue] = []
        while true {
            if case .array(let page)? = response["SentimentDetectionJobPropertiesList"] { jobs += page }
            guard let token = response["NextToken"]?.stringValue else { break }
            guard case .object(var members) = body else { break }
            members.removeAll { $0.0 == "NextToken" }
            members.append(("NextToken", .string(token)))
            body = .object(members)
            response = try context.perform(.listSentimentDetectionJobs, body, name: "ListSentimentDetectionJobs")
        }
        print(JSONValue.object([("SentimentDetectionJobPropertiesList", .array(jobs))]).serialized(.cli))
    }

    /// botocore's timestamp input: ISO 8601 (fraction truncated) or epoch seconds, as whole seconds.
    static func epochSeconds(_ text: String) -> Int64? {
        if let number = Double(text) { return Int64(number.rounded(.down)) }
        let formatter = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime],
                                                     [.withFullDate, .withTime, .withColonSeparatorInTime]] {
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return Int64(date.timeIntervalSince1970.rounded(.down)) }
        }
        if text.count == 10 {
            formatter.formatOptions = [.withFullDate]
            if let date = formatter.date(from: text) { return Int64(date.timeIntervalSince1970) }
        }
        return nil
    }
}

/// `valence worker --job-id ID`: runs one job to its end (started detached by `start`).
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "worker", abstract: "Runs one job (started by start-sentiment-detection-job).", shouldDisplay: false)
    @Option var jobId: String
    @Option(help: "Scoring threads (default: $VALENCE_THREADS, else the number of cores).") var threads: Int?
    @OptionGroup var pack: PackOptions

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let storage = ValenceEnvironment(environment: environment)
        let store = JobStore(home: storage.home, environment: environment)
        let runner = JobRunner(store: store, objects: ObjectStore(environment: storage),
                               analyzers: AnalyzerCatalog(directory: try pack.directory()),
                               threads: threads ?? environment["VALENCE_THREADS"].flatMap { Int($0) }
                                   ?? ProcessInfo.processInfo.activeProcessorCount)
        do {
            let manifest = try runner.run(jobId: jobId)
            print("job \(jobId): \(manifest.status.rawValue) \(manifest.properties.message ?? "")")
        } catch {
            throw CLIFailure(status: 1, message: "valence worker: \(error.message)")
        }
    }
}

/// `--wait`: polls the manifest until the job ends; a progress line on a terminal, with percent
/// and ETA once the worker has recorded its input bytes (at its heartbeats).
struct JobWaiter {
    let context: JobContext
    let jobId: String

    func wait() throws {
        let isTerminal = isatty(2) == 1
        let start = Date()
        // The first byte progress seen: the ETA's pace is measured from it, so that the worker's
        // start-up (process launch, pack loading) does not count as reading time.
        var firstSample: (elapsed: TimeInterval, bytes: Int64)?
        while true {
            context.sweep()
            let manifest: JobManifest
            do { manifest = try context.store.manifest(jobId: jobId) } catch { throw CLIFailure(error, operation: "DescribeSentimentDetectionJob") }
            if manifest.status.isTerminal {
                if isTerminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
                let line = "\(jobId): \(manifest.status.rawValue), \(manifest.documentsProcessed) documents" +
                    (manifest.properties.message.map { " — \($0)" } ?? "") + " (\(manifest.outputURI))"
                FileHandle.standardError.write(Data((line + "\n").utf8))
                if manifest.status == .failed { throw CLIFailure(status: 1, message: "") }
                return
            }
            if isTerminal {
                let elapsed = Date().timeIntervalSince(start)
                if firstSample == nil, let bytes = manifest.inputBytes { firstSample = (elapsed, bytes.processed) }
                let text = "\r\u{1B}[K" + Self.progressText(
                    jobId: jobId, status: manifest.status, documents: manifest.documentsProcessed,
                    inputBytes: manifest.inputBytes, elapsed: elapsed, since: firstSample)
                FileHandle.standardError.write(Data(text.utf8))
            }
            usleep(200_000)
        }
    }

    /// The progress line after `elapsed` seconds of waiting:
    /// `<JobId> IN_PROGRESS: 1500 documents, 750 docs/s, 2 s`; once the worker has recorded its
    /// input bytes, `<JobId> IN_PROGRESS: 8.3%, 1500 documents, 750 docs/s, 2 s, ETA 22 s` (no ETA
    /// while no byte is read yet). With `since` (the first byte progress seen and when), the ETA
    /// runs at the pace since then, and there is none until the bytes have moved past it.
    static func progressText(
        jobId: String, status: JobStatus, documents: Int, inputBytes: JobManifest.ByteProgress?, elapsed: TimeInterval,
        since: (elapsed: TimeInterval, bytes: Int64)? = nil
    ) -> String {
        let rate = elapsed > 0 ? Double(documents) / elapsed : 0
        var estimate = inputBytes.flatMap {
            ProgressLine.estimate(bytesProcessed: $0.processed, totalBytes: $0.total, elapsed: elapsed)
        }
        if let since, let bytes = inputBytes, estimate != nil {
            let read = bytes.processed - since.bytes, time = elapsed - since.elapsed
            estimate!.secondsLeft = read > 0 && time > 0
                ? time * Double(max(bytes.total - bytes.processed, 0)) / Double(read) : nil
        }
        var text = "\(jobId) \(status.rawValue): "
        if let estimate { text += String(format: "%.1f%%, ", estimate.fraction * 100) }
        text += String(format: "%d documents, %.0f docs/s, %.0f s", documents, rate, elapsed)
        if let secondsLeft = estimate?.secondsLeft { text += String(format: ", ETA %.0f s", secondsLeft) }
        return text
    }
}

/// What botocore knows of a request shape for its client-side checks (spec §4.5): required
/// members and minimum lengths; everything else is left to the service.
indirect enum ClientShape: Sendable {
    case string(min: Int)
    case list(min: Int, of: ClientShape)
    case structure(required: [String], members: [String: ClientShape])

    static let startRequest = ClientShape.structure(
        required: ["InputDataConfig", "OutputDataConfig", "DataAccessRoleArn", "LanguageCode"],
        members: [
            "InputDataConfig": .structure(required: ["S3Uri"], members: [
                "DocumentReaderConfig": .structure(required: ["DocumentReadAction"], members: [
                    "FeatureTypes": .list(min: 1, of: .string(min: 0)),
                ]),
            ]),
            "OutputDataConfig": .structure(required: ["S3Uri"], members: [:]),
            "DataAccessRoleArn": .string(min: 20),
            "JobName": .string(min: 1),
            "ClientRequestToken": .string(min: 1),
            "VpcConfig": .structure(required: ["SecurityGroupIds", "Subnets"], members: [
                "SecurityGroupIds": .list(min: 1, of: .string(min: 1)),
                "Subnets": .list(min: 1, of: .string(min: 1)),
            ]),
            "Tags": .list(min: 0, of: .structure(required: ["Key"], members: ["Key": .string(min: 1)])),
        ])

    /// Appends botocore's messages for `value` (at `name`, e.g. `VpcConfig.Subnets[0]`) to `problems`.
    /// Values of the wrong JSON type are left to the service.
    func check(_ value: JSONValue, name: String, into problems: inout [String]) {
        let shown = name.isEmpty ? "input" : name
        switch (self, value) {
        case (.string(let min), .string(let text)) where text.unicodeScalars.count < min:
            problems.append("Invalid length for parameter \(shown), value: \(text.unicodeScalars.count), valid min length: \(min)")
        case (.list(let min, let item), .array(let items)):
            if items.count < min {
                problems.append("Invalid length for parameter \(shown), value: \(items.count), valid min length: \(min)")
            }
            for (index, element) in items.enumerated() { item.check(element, name: "\(name)[\(index)]", into: &problems) }
        case (.structure(let required, let members), .object(let given)):
            for member in required where !given.contains(where: { $0.0 == member }) {
                problems.append("Missing required parameter in \(shown): \"\(member)\"")
            }
            for (member, element) in given {
                members[member]?.check(element, name: name.isEmpty ? member : "\(name).\(member)", into: &problems)
            }
        default:
            break
        }
    }

    /// The list members of a structure written in shorthand (`SecurityGroupIds=sg-1`): the aws CLI
    /// knows from the model that they are lists and sends `["sg-1"]`; the model-free parser gives a
    /// string. JSON input (`{...}`) is left as written.
    static func shorthandLists(_ value: JSONValue?, text: String?) -> JSONValue? {
        guard let value, let text, let first = text.first(where: { $0 != " " }), first != "{", first != "[" else { return value }
        func convert(_ value: JSONValue) -> JSONValue {
            guard case .object(let members) = value else { return value }
            return .object(members.map { name, member in
                if ["SecurityGroupIds", "Subnets", "FeatureTypes"].contains(name), case .string = member { return (name, .array([member])) }
                return (name, convert(member))
            })
        }
        return convert(value)
    }
}
