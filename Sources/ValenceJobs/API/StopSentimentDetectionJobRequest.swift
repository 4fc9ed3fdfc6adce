import ValenceCore

/// A validated `StopSentimentDetectionJob` request: `{"JobId": "..."}` (spec §2.4).
public struct StopSentimentDetectionJobRequest: Sendable, Equatable {
    public var jobId: String

    public init(json body: JSONValue) throws(ServiceError) {
        jobId = try DescribeSentimentDetectionJobRequest.decodeJobId(body)
    }
}
