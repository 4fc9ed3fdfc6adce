/// A request the aws CLI refuses before sending it: botocore's client-side checks, a parameter
/// that does not parse, a `file://` that cannot be read. The CLI prints `message` (which starts
/// with a blank line, as the aws CLI's does) and exits with `status`: 252 (CLI v2's parameter
/// errors), 255 where CLI v2 fails with a Python exception (`int('abc')`).
public struct ParameterError: Error, Sendable, Equatable {
    public var message: String
    public var status: Int32

    public init(message: String, status: Int32 = 252) {
        self.message = message
        self.status = status
    }

    /// botocore's `Parameter validation failed:` with its problems, one a line.
    public static func validationFailed(_ problems: [String]) -> ParameterError {
        ParameterError(message: "\nParameter validation failed:\n" + problems.joined(separator: "\n"))
    }

    /// An error of the command line itself (argparse's), after the usage lines, as CLI v2 prints
    /// it with `valence` for `aws` and without the `<subcommand>` level.
    public static func usage(_ message: String, prefixed: Bool = true) -> ParameterError {
        ParameterError(message: """
            usage: valence [options] <command> [parameters]
            To see help text, you can run:

              valence help
              valence <command> help

            \(prefixed ? "valence: error: " : "")\(message)
            """)
    }

    /// `Error parsing parameter '--flag': why`.
    public static func parsing(_ flag: String, _ why: String) -> ParameterError {
        ParameterError(message: "\nError parsing parameter '\(flag)': \(why)")
    }
}
