/// A request the aws CLI refuses before sending it: botocore's client-side checks, a parameter
/// that does not parse, a `file://` that cannot be read. The CLI prints `message` (which starts
/// with a blank line, as the aws CLI's does) and exits 252.
public struct ParameterError: Error, Sendable, Equatable {
    public var message: String

    public init(message: String) {
        self.message = message
    }

    /// botocore's `Parameter validation failed:` with its problems, one a line.
    public static func validationFailed(_ problems: [String]) -> ParameterError {
        ParameterError(message: "\nParameter validation failed:\n" + problems.joined(separator: "\n"))
    }

    /// botocore's check of a parameter's minimum length of 1.
    public static func minLength(_ parameter: String, value: Int) -> ParameterError {
        validationFailed(["Invalid length for parameter \(parameter), value: \(value), valid min length: 1"])
    }
}
