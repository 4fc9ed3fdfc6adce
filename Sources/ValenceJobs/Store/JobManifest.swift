import ValenceCore

/// Everything Valence keeps about one job, in `jobs/<JobId>.json` under `VALENCE_HOME`: the
/// properties Describe and List return, plus bookkeeping they never show (the idempotency token and
/// request fingerprint, tags, the archive's compression, the worker's pid and heartbeat, progress,
/// the stop flag).
///
/// The file is one JSON object, four-space indented, members in this order:
/// `ManifestVersion`, `JobType` (`SENTIMENT`), `Sequence`, `SentimentDetectionJobProperties`,
/// `ClientRequestToken`?, `Tags`, `RequestFingerprint`, `OutputCompression`? (only when not
/// `gzip`), `WorkerPid`?, `HeartbeatTime`?, `DocumentsProcessed`, `InputBytesProcessed`? and
/// `InputBytesTotal`? (together, once the worker has reported them), `StopRequested`,
/// `AwaitsWorker`?, `Attempt`? (from the first worker on), `Lease`? (``JobLease``), `Checkpoint`?
/// (``JobCheckpoint``), `Shards`? (``JobShards``, a job run as shards). A member marked `?` may
/// be absent, so manifests written before it existed still load.
public struct JobManifest: Sendable, Equatable {
    public static let formatVersion = 1
    /// The job type this store keeps; a manifest of another type is invisible to it.
    public static let sentimentJobType = "SENTIMENT"

    public var properties: SentimentDetectionJobProperties
    /// The job type, `SENTIMENT` for every job this store creates.
    public var jobType: String
    /// Creation order within this `VALENCE_HOME` (1, 2, ...): breaks `SubmitTime` ties in List.
    public var sequence: Int
    public var clientRequestToken: String?
    public var tags: [Tag]
    /// `StartSentimentDetectionJobRequest.fingerprint` of the request that created the job.
    public var requestFingerprint: JSONValue
    /// How the worker compresses the archive (Valence's `--compression`, not part of the AWS
    /// request); it also names the archive in `OutputDataConfig.S3Uri`.
    public var outputCompression: ArchiveCompression.Codec
    /// The process running the job, from `markInProgress` on.
    public var workerPID: Int32?
    /// The last sign of life of the worker (`markInProgress`, `recordHeartbeat`).
    public var heartbeatTime: EpochTime?
    /// Documents the worker has finished so far.
    public var documentsProcessed: Int
    /// Input bytes read so far out of the selected total, as of the last heartbeat; nil until the
    /// worker's first heartbeat (and in manifests of older versions).
    public var inputBytes: ByteProgress?
    /// Set by `StopSentimentDetectionJob`; stays set even if the job then completes.
    public var isStopRequested: Bool
    /// The job was started to be run by a worker that `start` launches (not `--no-worker`): until a
    /// worker pid is recorded, a `start` that died before it could launch one leaves the job
    /// orphaned, and the dead-worker sweep fails it after a while.
    public var awaitsWorker: Bool
    /// Which run of a worker this is: 1 for the first, one more for each resume (at most
    /// ``ValenceConfiguration/Leases/maxAttempts``); 0 before any worker.
    public var attempt: Int
    /// Who runs the job, until when (nil before any worker, and for older manifests).
    public var lease: JobLease?
    /// The last durable point of the running job, for a worker that resumes it.
    public var checkpoint: JobCheckpoint?
    /// A job started with `--shards N`: its shards' plan, leases, checkpoints and parts (the
    /// job-level lease and checkpoint then stay nil).
    public var shards: JobShards?

    public init(
        properties: SentimentDetectionJobProperties, jobType: String = JobManifest.sentimentJobType, sequence: Int,
        clientRequestToken: String?, tags: [Tag], requestFingerprint: JSONValue,
        outputCompression: ArchiveCompression.Codec = .gzip, workerPID: Int32? = nil, heartbeatTime: EpochTime? = nil,
        documentsProcessed: Int = 0, inputBytes: ByteProgress? = nil, isStopRequested: Bool = false,
        awaitsWorker: Bool = false, attempt: Int = 0, lease: JobLease? = nil, checkpoint: JobCheckpoint? = nil,
        shards: JobShards? = nil
    ) {
        self.properties = properties
        self.jobType = jobType
        self.sequence = sequence
        self.clientRequestToken = clientRequestToken
        self.tags = tags
        self.requestFingerprint = requestFingerprint
        self.outputCompression = outputCompression
        self.workerPID = workerPID
        self.heartbeatTime = heartbeatTime
        self.documentsProcessed = documentsProcessed
        self.inputBytes = inputBytes
        self.isStopRequested = isStopRequested
        self.awaitsWorker = awaitsWorker
        self.attempt = attempt
        self.lease = lease
        self.checkpoint = checkpoint
        self.shards = shards
    }

    public var jobId: String { properties.jobId }
    public var status: JobStatus { properties.jobStatus }
    /// The account id of the job's `DataAccessRoleArn`.
    public var accountId: String {
        let fields = properties.dataAccessRoleArn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        return fields.count > 4 ? String(fields[4]) : ""
    }
    /// The format the worker reads the input with.
    public var inputFormat: InputFormat { properties.inputDataConfig.effectiveInputFormat }
    /// The input prefix URI, as submitted.
    public var inputURI: String { properties.inputDataConfig.s3Uri }
    /// The URI of the job's `output.tar.gz` (or `output.tar.zst`).
    public var outputURI: String { properties.outputDataConfig.s3Uri }

    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("ManifestVersion", .int(Self.formatVersion)),
            ("JobType", .string(jobType)),
            ("Sequence", .int(sequence)),
            ("SentimentDetectionJobProperties", properties.json),
        ]
        if let clientRequestToken { members.append(("ClientRequestToken", .string(clientRequestToken))) }
        members.append(("Tags", .array(tags.map(\.json))))
        members.append(("RequestFingerprint", requestFingerprint))
        if outputCompression != .gzip { members.append(("OutputCompression", .string(outputCompression.rawValue))) }
        if let workerPID { members.append(("WorkerPid", .int(Int(workerPID)))) }
        if let heartbeatTime { members.append(("HeartbeatTime", heartbeatTime.json)) }
        members.append(("DocumentsProcessed", .int(documentsProcessed)))
        if let inputBytes {
            members.append(("InputBytesProcessed", .int(Int(inputBytes.processed))))
            members.append(("InputBytesTotal", .int(Int(inputBytes.total))))
        }
        members.append(("StopRequested", .bool(isStopRequested)))
        if awaitsWorker { members.append(("AwaitsWorker", .bool(true))) }
        if attempt > 0 { members.append(("Attempt", .int(attempt))) }
        if let lease { members.append(("Lease", lease.json)) }
        if let checkpoint { members.append(("Checkpoint", checkpoint.json)) }
        if let shards { members.append(("Shards", shards.json)) }
        return .object(members)
    }

    /// Why a manifest file could not be read back.
    struct DecodingError: Error {
        var reason: String
    }

    public init(json: JSONValue) throws {
        guard case .object = json else { throw DecodingError(reason: "not a JSON object") }
        guard Self.integer(json["ManifestVersion"]) == Self.formatVersion else {
            throw DecodingError(reason: "unsupported ManifestVersion")
        }
        guard let type = json["JobType"]?.stringValue else { throw DecodingError(reason: "no JobType") }
        guard let sequence = Self.integer(json["Sequence"]) else { throw DecodingError(reason: "no Sequence") }
        let decoder = ShapeDecoder(checksConstraints: false)
        let root = try decoder.root(json)
        guard let shape = try decoder.structure(root, "SentimentDetectionJobProperties", required: true),
              let properties = try SentimentDetectionJobProperties.decode(shape, decoder) else {
            throw DecodingError(reason: decoder.report.error?.message ?? "no SentimentDetectionJobProperties")
        }
        var tags: [Tag] = []
        for tagShape in try decoder.structureList(root, "Tags") ?? [] {
            guard let tag = try Tag.decode(tagShape, decoder) else { throw DecodingError(reason: "bad Tags") }
            tags.append(tag)
        }
        let token = try decoder.string(root, "ClientRequestToken")
        let heartbeat = try decoder.timestamp(root, "HeartbeatTime")
        let pid = Self.integer(json["WorkerPid"]).flatMap { Int32(exactly: $0) }
        guard let documents = Self.integer(json["DocumentsProcessed"]) else { throw DecodingError(reason: "no DocumentsProcessed") }
        guard case .bool(let stopRequested)? = json["StopRequested"] else { throw DecodingError(reason: "no StopRequested") }
        var compression = ArchiveCompression.Codec.gzip
        if let value = json["OutputCompression"] {
            guard let codec = value.stringValue.flatMap(ArchiveCompression.Codec.init(rawValue:)) else {
                throw DecodingError(reason: "bad OutputCompression")
            }
            compression = codec
        }
        var inputBytes: ByteProgress?
        if let processed = Self.integer(json["InputBytesProcessed"]), let total = Self.integer(json["InputBytesTotal"]) {
            inputBytes = ByteProgress(processed: Int64(processed), total: Int64(total))
        }
        let lease = JobLease(json: json["Lease"])
        if json["Lease"] != nil && lease == nil { throw DecodingError(reason: "bad Lease") }
        let checkpoint = JobCheckpoint(json: json["Checkpoint"])
        if json["Checkpoint"] != nil && checkpoint == nil { throw DecodingError(reason: "bad Checkpoint") }
        let shards = JobShards(json: json["Shards"])
        if json["Shards"] != nil && shards == nil { throw DecodingError(reason: "bad Shards") }
        self.init(
            properties: properties, jobType: type, sequence: sequence, clientRequestToken: token, tags: tags,
            requestFingerprint: json["RequestFingerprint"] ?? .object([]), outputCompression: compression, workerPID: pid,
            heartbeatTime: heartbeat, documentsProcessed: documents, inputBytes: inputBytes, isStopRequested: stopRequested,
            awaitsWorker: json["AwaitsWorker"] == .bool(true), attempt: Self.integer(json["Attempt"]) ?? 0, lease: lease,
            checkpoint: checkpoint, shards: shards)
    }

    /// A job that ended keeps no lease, and no checkpoint naming a temporary file.
    mutating func endLease() {
        lease = nil
        checkpoint = nil
    }

    /// How much of a job's input the worker has read: `processed` of `total` bytes.
    public struct ByteProgress: Sendable, Equatable {
        public var processed: Int64
        public var total: Int64

        public init(processed: Int64, total: Int64) {
            self.processed = processed
            self.total = total
        }
    }

    private static func integer(_ value: JSONValue?) -> Int? {
        guard case .number(let literal)? = value else { return nil }
        return Int(literal)
    }
}
