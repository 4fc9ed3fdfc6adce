import ArgumentParser
import Foundation
import ValenceJobs
import ValenceServer

/// `valence serve`: Comprehend and S3 on one local port, for boto3, the aws CLI and any AWS SDK.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serves Comprehend's sentiment operations and an S3 subset over HTTP (SigV4), for AWS SDKs and the aws CLI.",
        discussion: """
            Point any AWS SDK or the aws CLI at the printed URL (--endpoint-url) with a key pair from the \
            credentials file. Jobs, objects and the job list are the CLI's: $VALENCE_HOME and $VALENCE_S3_ROOT. \
            SIGTERM or SIGINT stops the server after in-flight requests; running jobs go on.
            """
    )

    @Option(help: "The address to listen on (loopback by default).")
    var host = "127.0.0.1"

    @Option(help: "The port (0 picks a free one).")
    var port = 4566

    @Option(help: "An AWS shared-credentials file of accepted key pairs (default: $VALENCE_HOME/credentials, created with one random pair on first start).")
    var credentials: String?

    @OptionGroup var pack: PackOptions

    func run() throws {
        let server = ValenceServer(configuration: pack.configuration(),
                                   options: .init(host: host, port: port, credentialsPath: credentials))
        do {
            try server.runBlocking { announcement in
                // Unbuffered: a script reading the URL must see it at once.
                let line = switch announcement {
                case .createdCredentials(let path, let text): "Created \(path) with a new key pair (shown once):\n\(text)\n"
                case .listening(let url, let path): "valence serve: listening on \(url) (credentials: \(path))\n"
                }
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        } catch {
            throw CLIFailure(status: 1, message: "valence serve: error: \(error)")
        }
    }
}
