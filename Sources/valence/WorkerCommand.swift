import ArgumentParser
import ValenceJobs

/// `valence worker --job-id ID`: runs one job to its end (started detached by `start`).
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "worker", abstract: "Runs one job (started by start-sentiment-detection-job).", shouldDisplay: false)
    @Option var jobId: String
    @Option(help: "Scoring threads (default: $VALENCE_THREADS, else the number of cores).") var threads: Int?
    @OptionGroup var pack: PackOptions

    func run() throws {
        let service = try pack.jobService(threads: threads)
        do {
            let manifest = try service.runJob(jobId: jobId)
            print("job \(jobId): \(manifest.status.rawValue) \(manifest.properties.message ?? "")")
        } catch {
            throw CLIFailure(status: 1, message: "valence worker: \(error.message)")
        }
    }
}
