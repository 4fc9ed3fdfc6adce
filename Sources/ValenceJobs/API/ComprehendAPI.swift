/// Comprehend's six sentiment operations as one call: an AWS JSON 1.1 request body in, the
/// response body out, or a ``ServiceError`` as Comprehend words it. ``JobService`` answers on
/// this machine; `EndpointClient` (ValenceServer) sends the same body to a `valence serve`
/// endpoint. The CLI's aws-style commands, the server and the paginator see only this.
public protocol ComprehendAPI: Sendable {
    /// Performs `operation` (its AWS name, e.g. `DetectSentiment`) on `body`.
    func perform(_ operation: String, _ body: JSONValue) throws -> JSONValue
}

extension JobService: ComprehendAPI {
    /// The operations ``perform(_:_:)`` answers, by their AWS names, each with what answers it:
    /// one list, so that what is accepted and what is dispatched cannot differ.
    /// `StartSentimentDetectionJob` starts the job as AWS does (gzip, one worker); Valence's own
    /// choices go through ``start(_:compression:launchesWorker:shards:)``.
    private static let handlers: [String: @Sendable (JobService, JSONValue) throws -> JSONValue] = [
        "DetectSentiment": { try $0.detectSentiment($1) },
        "BatchDetectSentiment": { try $0.batchDetectSentiment($1) },
        JobOperation.startSentimentDetectionJob.rawValue: { try $0.start($1).json },
        JobOperation.describeSentimentDetectionJob.rawValue: { try $0.describe($1) },
        JobOperation.listSentimentDetectionJobs.rawValue: { try $0.list($1) },
        JobOperation.stopSentimentDetectionJob.rawValue: { try $0.stop($1) },
    ]

    /// The operations ``perform(_:_:)`` answers, by their AWS names.
    public static let operations = Set(handlers.keys)

    /// One operation on its request body; any other name is `UnknownOperationException`.
    public func perform(_ operation: String, _ body: JSONValue) throws -> JSONValue {
        guard let handler = Self.handlers[operation] else {
            throw ServiceError(.unknownOperation, "The operation \(operation) is not supported by this service.")
        }
        return try handler(self, body)
    }
}
