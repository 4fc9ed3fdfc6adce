import ValenceCore

/// A validated `DescribeSentimentDetectionJob` request: `{"JobId": "..."}` (spec §2.2).
public struct DescribeSentimentDetectionJobRequest: Sendable, Equatable {
    public var jobId: String

    public init(json body: JSONValue) throws(ServiceError) {
        jobId = try Self.decodeJobId(body)
    }

    /// The one required `JobId` member of Describe and Stop: 1–32 characters of
    /// `^([\p{L}\p{Z}\p{N}_.:/=+\-%@]*)$` (spec §13 #15). A well-formed id that names no job is
    /// the store's `JobNotFoundException`, not a validation error.
    static func decodeJobId(_ body: JSONValue) throws(ServiceError) -> String {
        let decoder = ShapeDecoder()
        let root = try decoder.root(body)
        let jobId = try decoder.string(root, "JobId", required: true, ModelShapes.jobId)
        try decoder.finish()
        return jobId ?? ""
    }
}
