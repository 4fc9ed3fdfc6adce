import Foundation
import ValenceCore

/// Comprehend's six sentiment operations on one configuration: the asynchronous jobs (Start,
/// Describe, List, Stop) and the synchronous `DetectSentiment` and `BatchDetectSentiment`. The CLI
/// and an HTTP server are two faces of this one service; neither holds behaviour the other lacks.
///
/// Requests and responses are the AWS JSON bodies. Every job operation first sweeps dead workers
/// (``DeadWorkerSweep``): a job whose worker's lease died is resumed by a new worker (or ends
/// FAILED after its last attempt) instead of reading IN_PROGRESS forever; when the sweep cannot
/// record that (a full `VALENCE_HOME`), the operation fails with `InternalServerException` saying
/// why. `start` launches a detached worker process for the new job (``WorkerLauncher``);
/// `runJob` is what that worker runs.
public struct JobService: Sendable {
    public let configuration: ValenceConfiguration
    public let store: JobStore
    public let objects: ObjectStore
    let analyzers: AnalyzerCatalog
    let launcher: WorkerLauncher

    /// A service on `configuration`'s home, S3 root, region and lexicon packs; workers are
    /// started from `workerExecutable` (this binary when nil). Without a lexicon directory there
    /// is no service at all: one that could queue jobs but never score them would only fail later.
    public init(configuration: ValenceConfiguration, workerExecutable: String? = nil) throws(ConfigurationError) {
        let lexicons = try configuration.requireLexicons()
        self.configuration = configuration
        store = JobStore(configuration: configuration)
        objects = ObjectStore(configuration: configuration)
        analyzers = AnalyzerCatalog(directory: lexicons)
        launcher = WorkerLauncher(configuration: configuration, store: store, lexicons: lexicons,
                                  executable: workerExecutable ?? WorkerLauncher.currentExecutable)
    }

    /// `StartSentimentDetectionJob`, then a worker for the new job unless `launchesWorker` is
    /// false (the job stays SUBMITTED for `valence worker`) or the request replays an earlier
    /// job's token. `compression` is Valence's own choice of archive format, kept beside the
    /// request; `shards` (Valence's `--shards N`) splits the job into N shards, each run by a
    /// worker of its own (``runShard(jobId:index:)``; `start` launches all N here unless
    /// `launchesWorker` is false). Throws ``ServiceError`` or ``WorkerLaunchError``.
    public func start(
        _ body: JSONValue, compression: ArchiveCompression.Codec = .gzip, launchesWorker: Bool = true, shards: Int? = nil
    ) throws -> StartSentimentDetectionJobResponse {
        if let shards, !(1 ... ShardPlan.maximumShardCount).contains(shards) {
            throw ServiceError(.invalidRequest, "--shards must be between 1 and \(ShardPlan.maximumShardCount); it is \(shards).")
        }
        try sweepDeadWorkers()
        let response = try store.start(StartSentimentDetectionJobRequest(json: body), compression: compression,
                                       awaitsWorker: launchesWorker, shards: shards)
        let manifest = try? store.manifest(jobId: response.jobId)
        if launchesWorker, let states = manifest?.shards?.states, manifest?.status == .submitted {
            for (index, state) in states.enumerated() where state.lease == nil && state.attempt == 0 {
                try launcher.launch(jobId: response.jobId, shardIndex: index)
            }
        } else if launchesWorker, manifest?.shards == nil, manifest?.status == .submitted, manifest?.workerPID == nil {
            try launcher.launch(jobId: response.jobId)
        }
        return response
    }

    /// `DescribeSentimentDetectionJob`.
    public func describe(_ body: JSONValue) throws(ServiceError) -> JSONValue {
        try sweepDeadWorkers()
        return try store.perform(.describeSentimentDetectionJob, body: body)
    }

    /// `ListSentimentDetectionJobs`: one page (see ``ListPaginator`` for the aws CLI's merged list).
    public func list(_ body: JSONValue) throws(ServiceError) -> JSONValue {
        try sweepDeadWorkers()
        return try store.perform(.listSentimentDetectionJobs, body: body)
    }

    /// `StopSentimentDetectionJob`.
    public func stop(_ body: JSONValue) throws(ServiceError) -> JSONValue {
        try sweepDeadWorkers()
        return try store.perform(.stopSentimentDetectionJob, body: body)
    }

    /// A job's manifest after a sweep: what a waiting client polls.
    public func manifest(jobId: String) throws(ServiceError) -> JobManifest {
        try sweepDeadWorkers()
        return try store.manifest(jobId: jobId)
    }

    /// `DetectSentiment`: `{"Sentiment", "SentimentScore"}`.
    public func detectSentiment(text: String?, languageCode: String?) throws(ServiceError) -> JSONValue {
        let analysis = try SentimentService(analyzers: analyzers).detectSentiment(text: text, languageCode: languageCode)
        return SentimentService.detectResponse(analysis)
    }

    /// `BatchDetectSentiment`: `{"ResultList", "ErrorList"}`.
    public func batchDetectSentiment(textList: [String]?, languageCode: String?) throws(ServiceError) -> JSONValue {
        let (results, errors) = try SentimentService(analyzers: analyzers).batchDetectSentiment(textList: textList, languageCode: languageCode)
        return SentimentService.batchResponse(results, errors)
    }

    /// Runs one job to its end in this process, on the configuration's threads: what a worker
    /// process does. Returns the final manifest.
    ///
    /// A file-size limit (`ulimit -f`) makes a write fail with `EFBIG`, recorded as the job's
    /// cause, instead of killing the worker with SIGXFSZ and no word (issue #11 defect 6). The
    /// configuration's ``ValenceConfiguration/crashAt`` is armed here, in the worker only.
    public func runJob(jobId: String) throws(ServiceError) -> JobManifest {
        if let shards = try store.manifest(jobId: jobId).shards {
            throw ServiceError(.invalidRequest, "Job \(jobId) has \(shards.count) shards: run each with `valence worker --job-id \(jobId) "
                + "--shard-index I` (or in an array job, which sets SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX).")
        }
        signal(SIGXFSZ, SIG_IGN)
        CrashInjection.arm(configuration.crashAt)
        var runner = JobRunner(store: store, objects: objects, analyzers: analyzers, threads: configuration.threads)
        runner.batchDocuments = configuration.batchDocuments
        return try runner.run(jobId: jobId)
    }

    /// What `valence worker` runs: shard `shardIndex` (else the engine's array index, for a
    /// sharded job), or the whole job. The manifest afterwards, or why there was nothing to do.
    public func runWorker(jobId: String, shardIndex: Int?) throws(ServiceError) -> (manifest: JobManifest?, skipped: String?) {
        let sharded = try store.manifest(jobId: jobId).shards != nil
        guard let index = shardIndex ?? (sharded ? configuration.shardIndex : nil) else { return (try runJob(jobId: jobId), nil) }
        return try runShard(jobId: jobId, index: index)
    }

    /// Runs shard `index` of a sharded job in this process (what `valence worker --shard-index`
    /// does) and, if it was the last, merges the parts. Returns the job's manifest afterwards, or
    /// why there was nothing to do (another live worker holds the shard, its part is finished, the
    /// job ended).
    public func runShard(jobId: String, index: Int) throws(ServiceError) -> (manifest: JobManifest?, skipped: String?) {
        _ = try JobStore.shardState(try store.manifest(jobId: jobId), index)
        signal(SIGXFSZ, SIG_IGN)
        CrashInjection.arm(configuration.crashAt)
        var runner = JobRunner(store: store, objects: objects, analyzers: analyzers, threads: configuration.threads)
        runner.batchDocuments = configuration.batchDocuments
        switch try ShardRunner(runner: runner, index: index).run(jobId: jobId) {
        case .ran(let manifest): return (manifest, nil)
        case .skipped(let reason): return (nil, reason)
        }
    }

    /// `valence merge`: assembles a sharded job's archive from its finished parts and ends the
    /// job; idempotent (a job merged already is returned as it is). Throws
    /// `InvalidRequestException` listing the unfinished shards.
    public func merge(jobId: String) throws(ServiceError) -> JobManifest {
        try sweepDeadWorkers()
        return try ShardMerge(store: store, objects: objects).merge(jobId: jobId)
    }

    /// Resumes or fails the jobs whose worker died (see ``DeadWorkerSweep``); throws the first
    /// dead worker it could not record.
    func sweepDeadWorkers() throws(ServiceError) {
        if let error = DeadWorkerSweep(store: store, objects: objects, launcher: launcher).run().errors.first { throw error }
    }
}
