import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import ValenceJobs

/// `valence serve`: Comprehend (AWS JSON 1.1) and an S3 subset on one HTTP/1.1 port, every request
/// SigV4-verified against a credentials file, over the same home, object root and job store as the
/// CLI (a job started over HTTP is listed by `valence list-sentiment-detection-jobs`, and back).
public struct ValenceServer: Sendable {
    /// What `valence serve` is asked for.
    public struct Options: Sendable {
        public var host: String
        /// 0 picks a free port.
        public var port: Int
        /// nil: `$VALENCE_HOME/credentials`.
        public var credentialsPath: String?

        public init(host: String = "127.0.0.1", port: Int = 4566, credentialsPath: String? = nil) {
            self.host = host
            self.port = port
            self.credentialsPath = credentialsPath
        }
    }

    /// What the server tells its user, in order: a new credentials file (once), then the URL.
    public enum Announcement: Sendable {
        case createdCredentials(path: String, text: String)
        case listening(url: String, credentialsPath: String)
    }

    let configuration: ValenceConfiguration
    let options: Options

    public init(configuration: ValenceConfiguration, options: Options) {
        self.configuration = configuration
        self.options = options
    }

    /// Serves until SIGTERM or SIGINT, then stops accepting, lets in-flight requests finish and
    /// returns. Running jobs go on in their worker processes. Throws when the service, the
    /// credentials or the address cannot be set up.
    public func run(announce: @escaping @Sendable (Announcement) -> Void) async throws {
        let service = try JobService(configuration: configuration)
        let layout = HomeLayout(home: configuration.home)
        let credentialsPath = options.credentialsPath ?? layout.credentialsPath
        let (credentials, created) = try Credentials.loadOrCreate(path: credentialsPath)
        if let created { announce(.createdCredentials(path: credentialsPath, text: created)) }

        // Scoring and job-store calls: the configuration's threads (`$VALENCE_THREADS`, else the cores).
        let scoring = NIOThreadPool(numberOfThreads: max(configuration.threads, 1))
        let files = NIOThreadPool(numberOfThreads: 4)
        scoring.start()
        files.start()
        let responder = ServerResponder(
            comprehend: ComprehendEndpoint(service: service, pool: scoring),
            s3: S3Endpoint(store: service.objects, uploadsDirectory: layout.uploadsDirectory, region: configuration.region, pool: files),
            verifier: SignatureV4Verifier(credentials: credentials))
        var logger = Logger(label: "valence.serve")
        logger.logLevel = .warning
        let host = options.host
        let app = Application(
            responder: responder,
            server: .http1(configuration: .init(additionalChannelHandlers: [ContinueHandler(), CloseAfterWritesHandler()])),
            configuration: ApplicationConfiguration(address: .hostname(host, port: options.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let shown = host.contains(":") ? "[\(host)]" : host
                announce(.listening(url: "http://\(shown):\(port)", credentialsPath: credentialsPath))
            },
            logger: logger)
        let reaper = WorkerReaper()
        reaper.start()
        let outcome: Result<Void, any Error>
        do {
            try await app.runService()
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        try? await scoring.shutdownGracefully()
        try? await files.shutdownGracefully()
        try outcome.get()
    }

    /// ``run(announce:)`` for a synchronous caller (the CLI): blocks until the server stops.
    public func runBlocking(announce: @escaping @Sendable (Announcement) -> Void) throws {
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { try await run(announce: announce) } catch { outcome.error = error }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw error }
    }

    private final class Outcome: @unchecked Sendable {
        var error: (any Error)?
    }
}

/// Collects the exit status of the job workers this server starts (they are its children), so
/// finished workers do not linger as zombies that still look alive to a `kill(pid, 0)` check.
final class WorkerReaper: Sendable {
    func start() {
        let thread = Thread {
            while true {
                var status: Int32 = 0
                if waitpid(-1, &status, 0) < 0 {
                    if errno == EINTR { continue }
                    Thread.sleep(forTimeInterval: 0.5)
                }
            }
        }
        thread.name = "valence-reaper"
        thread.start()
    }
}
