import ArgumentParser
import ValenceJobs

/// `valence merge --job-id ID`: assembles a sharded job's archive from its finished parts (what
/// the last shard does itself); idempotent.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "Merges the finished shards of a job started with --shards into its archive.")
    @Option var jobId: String
    @OptionGroup var pack: PackOptions

    func run() throws {
        let service = try pack.jobService()
        do {
            let manifest = try service.merge(jobId: jobId)
            print("job \(jobId): \(manifest.status.rawValue), \(manifest.documentsProcessed) documents (\(manifest.outputURI))")
        } catch {
            throw CLIFailure(status: 1, message: "valence merge: \(error.message)")
        }
    }
}
