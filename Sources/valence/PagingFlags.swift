import ArgumentParser
import ValenceJobs

/// The paging flags of a paginated operation, as CLI v2 has them.
struct PagingFlags: ParsableArguments {
    @Option(help: "The most results to print; a NextToken to resume from follows when there are more.") var maxItems: String?
    @Option(help: "Where to resume: the NextToken a previous --max-items printed.") var startingToken: String?
    @Option(help: "How many results to ask for per call.") var pageSize: String?

    func options(noPaginate: Bool) throws -> PagingOptions {
        try CLIFailure.calling {
            PagingOptions(maxItems: try OutputSettings.integer(maxItems, flag: "--max-items"), startingToken: startingToken,
                          pageSize: try OutputSettings.integer(pageSize, flag: "--page-size"), noPaginate: noPaginate)
        }
    }
}
