import ValenceCore

/// The four job operations of the Comprehend API (spec §2.1–2.4, §5, §10).
extension JobStore {
    /// `StartSentimentDetectionJob`: a new SUBMITTED job, or the job an earlier request with the
    /// same `ClientRequestToken` created.
    ///
    /// * Same token, same request (`fingerprint`) and same `compression` → that job's id, ARN and
    ///   **current** status; no new job. Same token, different request or compression →
    ///   `InvalidRequestException`. Without a token every call creates a job. Names need not be unique.
    /// * More than `maxActiveJobs` SUBMITTED / IN_PROGRESS / STOP_REQUESTED jobs →
    ///   `TooManyRequestsException` (an idempotent replay is answered first and never refused).
    /// * The new job: JobId 32 random lowercase hex digits; JobArn
    ///   `arn:<partition>:comprehend:<region>:<account>:sentiment-detection-job/<JobId>`;
    ///   `OutputDataConfig.S3Uri` rewritten to `<prefix>[/]<account>-SENTIMENT-<JobId>/output/output.tar.gz`
    ///   (`output.tar.zst` with zstd); the effective `InputFormat`; `SubmitTime` now, to the millisecond.
    ///
    /// `compression` is Valence's own choice of archive format (gzip, Comprehend's, by default); it
    /// is kept in the manifest, outside the request and the properties Describe and List show.
    ///
    /// `awaitsWorker`: the caller launches the job's worker right after (see
    /// ``JobManifest/awaitsWorker``); false for jobs queued for `valence worker`. `shards`: the
    /// job is split into that many shards (``JobShards``, Valence's `--shards`).
    public func start(
        _ request: StartSentimentDetectionJobRequest, compression: ArchiveCompression.Codec = .gzip, awaitsWorker: Bool = false,
        shards: Int? = nil
    ) throws(ServiceError) -> StartSentimentDetectionJobResponse {
        // The ARN's region field is `[a-zA-Z0-9-]*`; a region that breaks it is refused as the CLI refuses it.
        guard !region.isEmpty, region.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || (0x30...0x39).contains($0)
                || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else {
            throw ServiceError(.invalidRequest, "Provided region_name '\(region)' doesn't match a supported format.")
        }
        let fingerprint = request.fingerprint
        let manifest = try withLock { () throws(ServiceError) -> JobManifest in
            removeAbandonedTemporaryFiles()
            // A damaged manifest may hold this request's token: refuse rather than start a duplicate.
            // A request without a token cannot repeat an earlier one and goes ahead.
            let (all, unreadable) = scanManifests()
            if request.clientRequestToken != nil, let damaged = unreadable.first { throw damaged }
            let jobs = all.filter { $0.jobType == JobManifest.sentimentJobType }
            if let token = request.clientRequestToken, let earlier = jobs.first(where: { $0.clientRequestToken == token }) {
                // Compared as ASCII-escaped text: exact per Unicode scalar, unlike String ==.
                guard earlier.requestFingerprint.serialized(.record) == fingerprint.serialized(.record),
                      earlier.outputCompression == compression, earlier.shards?.count == shards else {
                    throw ServiceError(.invalidRequest,
                        "The ClientRequestToken '\(token)' was already used for a different request (job \(earlier.jobId)). "
                        + "Use a new ClientRequestToken to start a new job.")
                }
                return earlier
            }
            let active = jobs.filter { $0.status.isActive }.count
            guard active < maxActiveJobs else {
                throw ServiceError(.tooManyRequests,
                    "The number of requests exceeds the limit. Resubmit your request later. "
                    + "There are already \(active) active sentiment detection jobs; the limit is \(maxActiveJobs).")
            }
            var jobId = makeJobId()
            while all.contains(where: { $0.jobId == jobId }) { jobId = makeJobId() }
            let account = request.accountId
            let arn = "arn:\(request.partition):comprehend:\(region):\(account):sentiment-detection-job/\(jobId)"
            let outputURI = OutputLocation.sentimentObjectURI(
                outputPrefix: request.outputDataConfig.s3Uri, accountId: account, jobId: jobId, compression: compression)
            var input = request.inputDataConfig
            input.inputFormat = input.effectiveInputFormat
            let properties = SentimentDetectionJobProperties(
                jobId: jobId, jobArn: arn, jobName: request.jobName, jobStatus: .submitted,
                submitTime: now(), inputDataConfig: input,
                outputDataConfig: OutputDataConfig(s3Uri: outputURI, kmsKeyId: request.outputDataConfig.kmsKeyId),
                languageCode: request.languageCode, dataAccessRoleArn: request.dataAccessRoleArn,
                volumeKmsKeyId: request.volumeKmsKeyId, vpcConfig: request.vpcConfig)
            let manifest = JobManifest(
                properties: properties, sequence: (all.map(\.sequence).max() ?? 0) + 1,
                clientRequestToken: request.clientRequestToken, tags: request.tags, requestFingerprint: fingerprint,
                outputCompression: compression, awaitsWorker: awaitsWorker, shards: shards.map { JobShards(count: $0, isLocal: awaitsWorker) })
            try write(manifest)
            return manifest
        }
        return StartSentimentDetectionJobResponse(jobId: manifest.jobId, jobArn: manifest.properties.jobArn, jobStatus: manifest.status)
    }

    /// `DescribeSentimentDetectionJob`; `JobNotFoundException` for an unknown id.
    public func describe(_ request: DescribeSentimentDetectionJobRequest) throws(ServiceError) -> DescribeSentimentDetectionJobResponse {
        DescribeSentimentDetectionJobResponse(properties: try manifest(jobId: request.jobId).properties)
    }

    /// `ListSentimentDetectionJobs`: sentiment jobs only, oldest first; with `SubmitTimeBefore`
    /// those submitted strictly before, oldest first; with `SubmitTimeAfter` those strictly after,
    /// newest first; `JobName` and `JobStatus` match exactly. Pages of `MaxResults` (default 100);
    /// `NextToken` only when more jobs follow.
    public func list(_ request: ListSentimentDetectionJobsRequest) throws(ServiceError) -> ListSentimentDetectionJobsResponse {
        let filter = request.filter
        let descending = filter?.isDescending ?? false
        var jobs = try allManifests().filter { filter?.matches($0.properties) ?? true }
        jobs.sort {
            let a = ($0.properties.submitTime.milliseconds, $0.sequence)
            let b = ($1.properties.submitTime.milliseconds, $1.sequence)
            return descending ? a > b : a < b
        }
        if let position = request.position {
            jobs.removeAll { !position.precedes($0, descending: descending) }
        }
        let page = Array(jobs.prefix(request.pageSize))
        let nextToken = jobs.count > page.count ? page.last.map { ListPageToken(after: $0, filter: filter).token } : nil
        return ListSentimentDetectionJobsResponse(jobs: page.map(\.properties), nextToken: nextToken)
    }

    /// `StopSentimentDetectionJob` (spec §5): SUBMITTED or IN_PROGRESS → STOP_REQUESTED;
    /// STOP_REQUESTED and STOPPED unchanged and reported as they are; COMPLETED or FAILED →
    /// `InvalidRequestException`; unknown id → `JobNotFoundException`.
    public func stop(_ request: StopSentimentDetectionJobRequest) throws(ServiceError) -> StopSentimentDetectionJobResponse {
        let manifest = try update(jobId: request.jobId) { (manifest: inout JobManifest) throws(ServiceError) in
            switch manifest.status {
            case .submitted, .inProgress:
                manifest.properties.jobStatus = .stopRequested
                manifest.isStopRequested = true
            case .stopRequested, .stopped:
                break
            case .completed, .failed:
                throw ServiceError(.invalidRequest,
                    "Job \(manifest.jobId) cannot be stopped: it is \(manifest.status.rawValue). "
                    + "Only jobs that are SUBMITTED or IN_PROGRESS can be stopped.")
            }
        }
        return StopSentimentDetectionJobResponse(jobId: manifest.jobId, jobStatus: manifest.status)
    }

    /// Parses `body` for `operation`, runs it and renders the response (spec §14 shapes).
    public func perform(_ operation: JobOperation, body: JSONValue) throws(ServiceError) -> JSONValue {
        switch operation {
        case .startSentimentDetectionJob:
            return try start(StartSentimentDetectionJobRequest(json: body)).json
        case .describeSentimentDetectionJob:
            return try describe(DescribeSentimentDetectionJobRequest(json: body)).json
        case .listSentimentDetectionJobs:
            return try list(ListSentimentDetectionJobsRequest(json: body)).json
        case .stopSentimentDetectionJob:
            return try stop(StopSentimentDetectionJobRequest(json: body)).json
        }
    }
}
