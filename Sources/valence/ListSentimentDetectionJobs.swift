import ArgumentParser
import ValenceJobs

struct ListSentimentDetectionJobs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list-sentiment-detection-jobs",
        abstract: "Lists sentiment jobs, as `aws comprehend list-sentiment-detection-jobs` does (following NextToken unless --max-results, --next-token or --no-paginate)."
    )
    @Option(help: "JobName=...,JobStatus=...,SubmitTimeBefore=<time>,SubmitTimeAfter=<time> (shorthand or JSON).")
    var filter: String?
    @Option(help: "One page of at most this many jobs (no automatic paging).") var maxResults: String?
    @Option(help: "The service's NextToken of a previous page (no automatic paging).") var nextToken: String?
    @OptionGroup var paging: PagingFlags
    @OptionGroup var aws: AWSOptions

    func run() throws {
        let arguments = [CLIArgument("--filter", "Filter", filter), CLIArgument("--next-token", "NextToken", nextToken),
                         CLIArgument("--max-results", "MaxResults", maxResults)]
        try aws.run(JobOperation.listSentimentDetectionJobs.rawValue, arguments, paging: try paging.options(noPaginate: aws.global.noPaginate))
    }
}
