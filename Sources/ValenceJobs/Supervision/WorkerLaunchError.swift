/// A worker process that could not be started (`posix_spawn` failed). The job is FAILED by then;
/// the CLI prints `valence: error: <message>` and exits 255.
public struct WorkerLaunchError: Error, Sendable, Equatable {
    public var message: String
}
