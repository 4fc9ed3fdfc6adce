import ArgumentParser
import ValenceJobs

/// Flags shared by the job subcommands, as the aws CLI has them.
struct CLIInputOptions: ParsableArguments {
    @Option(name: .customLong("cli-input-json"), help: "The whole request as JSON (or file://path), as with the aws CLI.")
    var cliInputJSON: String?

    /// The request body: `--cli-input-json` first, then explicit flags on top of it.
    func body(_ flags: [(String, JSONValue?)]) throws -> JSONValue {
        try CLIFailure.calling { try CLIInputJSON.body(cliInputJSON, flags: flags) }
    }

    /// A structure parameter given as shorthand or JSON.
    static func structure(_ text: String?, name: String) throws -> JSONValue? {
        try CLIFailure.calling { try AWSShorthand.parameter(text, name: name) }
    }
}
