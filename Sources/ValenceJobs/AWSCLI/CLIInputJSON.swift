import Foundation

/// The aws CLI's `--cli-input-json`: the whole request as JSON text or `file://path`, with the
/// flags given explicitly laid on top of it.
public enum CLIInputJSON {
    /// The request body: `cliInputJSON`'s members first, then every non-nil member of `flags`,
    /// replacing a member of the same name.
    public static func body(_ cliInputJSON: String?, flags: [(String, JSONValue?)]) throws(ParameterError) -> JSONValue {
        var result: [(String, JSONValue)] = []
        if let cliInputJSON {
            var text = cliInputJSON
            if text.hasPrefix("file://") {
                let path = String(text.dropFirst("file://".count))
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw ParameterError(message: "\nError parsing parameter 'cli-input-json': Unable to load paramfile \(text): [Errno 2] No such file or directory: '\(path)'")
                }
                guard let decoded = String(validating: data, as: UTF8.self) else {
                    throw ParameterError(message: "\nError parsing parameter 'cli-input-json': \(path) is not valid UTF-8")
                }
                text = decoded
            }
            guard case .object(let members)? = try? JSONValue.parse(text) else {
                throw ParameterError(message: "\nError parsing parameter 'cli-input-json': Invalid JSON received.")
            }
            result = members
        }
        for (name, value) in flags {
            guard let value else { continue }
            result.removeAll { $0.0 == name }
            result.append((name, value))
        }
        return .object(result)
    }
}
