import ArgumentParser
import ValenceJobs

/// `valence worker --job-id ID [--shard-index I]`: runs one job, or one shard of a job started
/// with `--shards N` (started detached by `start`, or by an array job of Slurm, Kubernetes or AWS
/// Batch, whose index variable gives the shard when `--shard-index` is not given).
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "worker", abstract: "Runs one job, or one shard of a sharded job.", shouldDisplay: false)
    @Option var jobId: String
    @Option(help: "The shard to run (default: $SLURM_ARRAY_TASK_ID, $JOB_COMPLETION_INDEX or $AWS_BATCH_JOB_ARRAY_INDEX).")
    var shardIndex: Int?
    @Option(help: "Scoring threads (default: $VALENCE_THREADS, else the number of cores).") var threads: Int?
    @OptionGroup var pack: PackOptions

    func run() throws {
        let service = try pack.jobService(threads: threads)
        do {
            let (manifest, skipped) = try service.runWorker(jobId: jobId, shardIndex: shardIndex)
            if let skipped { print("job \(jobId): nothing to do: \(skipped)") }
            if let manifest { print("job \(jobId): \(manifest.status.rawValue) \(manifest.properties.message ?? "")") }
        } catch {
            throw CLIFailure(status: 1, message: "valence worker: \(error.message)")
        }
    }
}
