import Foundation

/// Follows one job until it ends, as `start-sentiment-detection-job --wait` does. On this
/// machine (a ``JobService``) it sweeps dead workers and reads the manifest every
/// ``pollInterval``, and reports a progress line between polls; percent and ETA appear once the
/// worker has recorded its input bytes (at its heartbeats). Through an endpoint it polls
/// `DescribeSentimentDetectionJob` every ``remotePollInterval``, which tells the status only.
public struct JobWatch: Sendable {
    /// How often the manifest is read: often enough for a live line, rare enough to cost nothing.
    public static let pollInterval: Duration = .milliseconds(200)
    /// How often an endpoint is asked.
    public static let remotePollInterval: Duration = .seconds(1)

    public let api: any ComprehendAPI
    public let jobId: String

    public init(api: any ComprehendAPI, jobId: String) {
        self.api = api
        self.jobId = jobId
    }

    /// How the job ended.
    public struct Outcome: Sendable {
        public var jobId: String
        public var status: JobStatus
        /// Known on this machine only (an endpoint's Describe does not say).
        public var documents: Int?
        public var message: String?
        public var outputURI: String

        /// `<JobId>: COMPLETED, 3 documents (s3://…/output.tar.gz)`, with the job's message if any.
        public var line: String {
            "\(jobId): \(status.rawValue)" + (documents.map { ", \($0) documents" } ?? "")
                + (message.map { " — \($0)" } ?? "") + " (\(outputURI))"
        }
    }

    /// Polls until the job is COMPLETED, FAILED or STOPPED; `progress` gets the line to show
    /// after each poll of a job still running.
    public func waitUntilDone(progress: (String) -> Void) throws -> Outcome {
        let clock = ContinuousClock()
        let start = clock.now
        guard let service = api as? JobService else {
            while true {
                let properties = try api.perform(JobOperation.describeSentimentDetectionJob.rawValue, .object([("JobId", .string(jobId))]))["SentimentDetectionJobProperties"]
                let status = properties?["JobStatus"]?.stringValue.flatMap(JobStatus.init(rawValue:)) ?? .submitted
                if status.isTerminal {
                    return Outcome(jobId: jobId, status: status, message: properties?["Message"]?.stringValue,
                                   outputURI: properties?["OutputDataConfig"]?["S3Uri"]?.stringValue ?? "")
                }
                progress(String(format: "%@ %@: %.0f s", jobId, status.rawValue, Self.seconds(clock.now - start)))
                Thread.sleep(forTimeInterval: Self.seconds(Self.remotePollInterval))
            }
        }
        // The first byte progress seen: the ETA's pace is measured from it, so that the worker's
        // start-up (process launch, pack loading) does not count as reading time.
        var firstSample: (elapsed: TimeInterval, bytes: Int64)?
        while true {
            let manifest = try service.manifest(jobId: jobId)
            if manifest.status.isTerminal {
                return Outcome(jobId: jobId, status: manifest.status, documents: manifest.documentsProcessed,
                               message: manifest.properties.message, outputURI: manifest.outputURI)
            }
            let elapsed = Self.seconds(clock.now - start)
            if firstSample == nil, let bytes = manifest.inputBytes { firstSample = (elapsed, bytes.processed) }
            progress(Self.progressText(
                jobId: jobId, status: manifest.status, documents: manifest.documentsProcessed,
                inputBytes: manifest.inputBytes, elapsed: elapsed, since: firstSample))
            Thread.sleep(forTimeInterval: Self.seconds(Self.pollInterval))
        }
    }

    /// The progress line after `elapsed` seconds of waiting:
    /// `<JobId> IN_PROGRESS: 1500 documents, 750 docs/s, 2 s`; once the worker has recorded its
    /// input bytes, `<JobId> IN_PROGRESS: 8.3%, 1500 documents, 750 docs/s, 2 s, ETA 22 s` (no ETA
    /// while no byte is read yet). With `since` (the first byte progress seen and when), the ETA
    /// runs at the pace since then, and there is none until the bytes have moved past it.
    public static func progressText(
        jobId: String, status: JobStatus, documents: Int, inputBytes: JobManifest.ByteProgress?, elapsed: TimeInterval,
        since: (elapsed: TimeInterval, bytes: Int64)? = nil
    ) -> String {
        let rate = elapsed > 0 ? Double(documents) / elapsed : 0
        var estimate = inputBytes.flatMap {
            ProgressEstimate.estimate(bytesProcessed: $0.processed, totalBytes: $0.total, elapsed: elapsed)
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

    private static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) * 1e-18
    }
}
