import ArgumentParser
import ValenceJobs

struct ListSentimentDetectionJobs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list-sentiment-detection-jobs",
        abstract: "Lists sentiment jobs, as `aws comprehend list-sentiment-detection-jobs` does (following NextToken unless --max-results, --next-token or --no-paginate)."
    )
    @Option(help: "JobName=...|JobStatus=...|SubmitTimeBefore=<time>|SubmitTimeAfter=<time> (shorthand or JSON).")
    var filter: String?
    @Option var maxResults: Int?
    @Option var nextToken: String?
    @Flag var noPaginate = false
    @OptionGroup var input: CLIInputOptions
    @OptionGroup var pack: PackOptions

    func run() throws {
        let service = try pack.jobService()
        let filterValue = try CLIFailure.calling {
            let value = try TimestampInput.convertingFilter(try AWSShorthand.parameter(filter, name: "filter"))
            try ClientShape.checkList(maxResults: maxResults, nextToken: nextToken)
            return value
        }
        let body = try input.body([
            ("Filter", filterValue),
            ("NextToken", nextToken.map { .string($0) }),
            ("MaxResults", maxResults.map { .int($0) }),
        ])
        let response = try CLIFailure.calling(JobOperation.listSentimentDetectionJobs.rawValue) {
            ListPaginator.paginates(maxResults: maxResults, nextToken: nextToken, noPaginate: noPaginate)
                ? try ListPaginator.listAll(service, body: body) : try service.list(body)
        }
        print(response.serialized(.cli))
    }
}
