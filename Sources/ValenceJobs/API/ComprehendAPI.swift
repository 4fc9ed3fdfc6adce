/// Comprehend's six sentiment operations as one call: an AWS JSON 1.1 request body in, the
/// response body out, or a ``ServiceError`` as Comprehend words it. ``JobService`` answers on
/// this machine; `EndpointClient` (ValenceServer) sends the same body to a `valence serve`
/// endpoint. The CLI's aws-style commands, the server and the paginator see only this.
public protocol ComprehendAPI: Sendable {
    /// Performs `operation` (its AWS name, e.g. `DetectSentiment`) on `body`.
    func perform(_ operation: String, _ body: JSONValue) throws -> JSONValue
}

extension JobService: ComprehendAPI {
    /// The operations ``perform(_:_:)`` answers, by their AWS names.
    public static let operations: Set<String> = [
        "DetectSentiment", "BatchDetectSentiment", "StartSentimentDetectionJob", "DescribeSentimentDetectionJob",
        "ListSentimentDetectionJobs", "StopSentimentDetectionJob",
    ]

    /// One operation on its request body; any other name is `UnknownOperationException`.
    /// `StartSentimentDetectionJob` starts the job as AWS does (gzip, one worker); Valence's own
    /// choices go through ``start(_:compression:launchesWorker:shards:)``.
    public func perform(_ operation: String, _ body: JSONValue) throws -> JSONValue {
        switch operation {
        case "DetectSentiment": try detectSentiment(body)
        case "BatchDetectSentiment": try batchDetectSentiment(body)
        case "StartSentimentDetectionJob": try start(body).json
        case "DescribeSentimentDetectionJob": try describe(body)
        case "ListSentimentDetectionJobs": try list(body)
        case "StopSentimentDetectionJob": try stop(body)
        default: throw ServiceError(.unknownOperation, "The operation \(operation) is not supported by this service.")
        }
    }
}
