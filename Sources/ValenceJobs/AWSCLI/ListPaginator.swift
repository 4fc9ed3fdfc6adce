/// The aws CLI's automatic pagination of `list-sentiment-detection-jobs`: unless the caller asks
/// for a page (`--max-results`, `--starting-token`/`--next-token`, `--no-paginate`), it follows
/// `NextToken` itself and prints one merged list without a token.
public enum ListPaginator {
    /// Whether the aws CLI would follow `NextToken` for these flags.
    public static func paginates(maxResults: Int?, nextToken: String?, noPaginate: Bool) -> Bool {
        !noPaginate && maxResults == nil && nextToken == nil
    }

    /// Every page of `ListSentimentDetectionJobs` for `body`, merged into
    /// `{"SentimentDetectionJobPropertiesList": [...]}`.
    public static func listAll(_ service: JobService, body: JSONValue) throws(ServiceError) -> JSONValue {
        var body = body
        var jobs: [JSONValue] = []
        while true {
            let response = try service.list(body)
            if case .array(let page)? = response["SentimentDetectionJobPropertiesList"] { jobs += page }
            guard let token = response["NextToken"]?.stringValue, case .object(var members) = body else { break }
            members.removeAll { $0.0 == "NextToken" }
            members.append(("NextToken", .string(token)))
            body = .object(members)
        }
        return .object([("SentimentDetectionJobPropertiesList", .array(jobs))])
    }
}
