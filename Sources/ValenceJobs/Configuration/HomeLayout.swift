/// Where Valence keeps its state under `VALENCE_HOME`: one place that knows the file names, for
/// the store, the worker launcher and anyone reading a home by hand.
///
/// ```
/// <home>/jobs/<JobId>.json   one manifest per job (JobManifest)
/// <home>/jobs/.lock          the store's flock
/// <home>/logs/<JobId>.log    a worker's stdout and stderr
/// <home>/credentials         `valence serve`'s key pairs (AWS shared-credentials format)
/// <home>/uploads/<UploadId>/ `valence serve`'s multipart uploads in progress (outside the S3
///                            root, so input selection never sees a part)
/// ```
public struct HomeLayout: Sendable, Hashable {
    public let home: String

    public init(home: String) {
        self.home = home
    }

    public var jobsDirectory: String { home + "/jobs" }

    public func manifestPath(jobId: String) -> String { jobsDirectory + "/" + jobId + Self.manifestExtension }

    /// What a manifest's file name ends with; anything else in `jobs/` (the lock, a temporary
    /// file) is not a job.
    public static let manifestExtension = ".json"

    public var lockPath: String { jobsDirectory + "/.lock" }

    public var logsDirectory: String { home + "/logs" }

    public func logPath(jobId: String) -> String { logsDirectory + "/" + jobId + ".log" }

    public var credentialsPath: String { home + "/credentials" }

    public var uploadsDirectory: String { home + "/uploads" }

    /// Where a sharded job's parts are written (`<home>/shards/<JobId>`), until the merge.
    public func shardsDirectory(jobId: String) -> String { home + "/shards/" + jobId }

    /// Shard `index`'s finished part (its temporary files are beside it).
    public func partPath(jobId: String, index: Int) -> String { shardsDirectory(jobId: jobId) + "/part-\(index)" }
}
