import ValenceCore

/// A validated `ListSentimentDetectionJobs` request (spec §2.3).
///
/// Checks, in order: member types (`SerializationException`); constraints (`ValidationException`:
/// `Filter.JobName`, `Filter.JobStatus`, `NextToken` length ≥ 1, `MaxResults` 1–500); more than
/// one filter member (`InvalidFilterException`); a `NextToken` that is not one Valence issued for
/// this filter (`InvalidRequestException`).
public struct ListSentimentDetectionJobsRequest: Sendable, Equatable {
    public static let defaultMaxResults = 100
    public static let maxResultsRange = 1...500

    /// Nil when the request has no filter or an empty one.
    public var filter: SentimentDetectionJobFilter?
    public var nextToken: String?
    public var maxResults: Int?
    /// Where the previous page ended, decoded from `nextToken`.
    var position: ListPageToken?

    public init(json body: JSONValue = .object([])) throws(ServiceError) {
        let decoder = ShapeDecoder()
        let root = try decoder.root(body)
        var filter: SentimentDetectionJobFilter?
        if let shape = try decoder.structure(root, "Filter") {
            filter = try SentimentDetectionJobFilter.decode(shape, decoder)
        }
        let nextToken = try decoder.string(root, "NextToken", ModelShapes.string)
        let maxResults = try decoder.integer(root, "MaxResults", min: Self.maxResultsRange.lowerBound, max: Self.maxResultsRange.upperBound)
        try decoder.finish()

        if let filter, filter.setMemberCount > 1 {
            throw ServiceError(.invalidFilter,
                "The filter specified for the operation is invalid. Specify a different filter. "
                + "You can only set one filter at a time: JobName, JobStatus, SubmitTimeBefore or SubmitTimeAfter.")
        }
        self.filter = filter?.setMemberCount == 0 ? nil : filter
        self.nextToken = nextToken
        self.maxResults = maxResults
        if let nextToken {
            guard let position = ListPageToken(nextToken, filter: self.filter) else {
                throw ServiceError(.invalidRequest,
                    "Invalid NextToken: use the NextToken of the previous ListSentimentDetectionJobs response, with the same Filter.")
            }
            self.position = position
        }
    }

    /// The page size: `MaxResults`, default 100.
    public var pageSize: Int { maxResults ?? Self.defaultMaxResults }
}
