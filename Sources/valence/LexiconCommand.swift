import ArgumentParser
import ValenceCore
import ValenceJobs

struct LexiconCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lexicon",
        abstract: "Checks, learns and calibrates lexicon packs.",
        subcommands: [Check.self, Learn.self, Calibrate.self]
    )

    /// Runs a pack or training-file step, turning its error into exit status 1.
    static func step<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw CLIFailure(status: 1, message: "valence: error: \(message(error))") }
    }

    private static func message(_ error: any Error) -> String {
        switch error {
        case let error as PackFileError: error.message
        case let error as ConfigurationError: error.message
        default: "\(error)"
        }
    }
}
