/// The aws CLI's command-line habits that a flag parser does not have: global options before
/// the command name, `<command> help`, and `--generate-cli-skeleton` without a value.
public enum CommandLineArguments {
    /// Global options that take a value, as the aws CLI has them.
    public static let valuedGlobals: Set<String> = [
        "--output", "--query", "--region", "--profile", "--color", "--cli-read-timeout", "--cli-connect-timeout",
        "--ca-bundle", "--endpoint-url", "--cli-binary-format",
    ]
    public static let flagGlobals: Set<String> = [
        "--debug", "--no-paginate", "--no-verify-ssl", "--no-sign-request", "--no-cli-pager", "--cli-auto-prompt", "--no-cli-auto-prompt",
    ]

    /// `arguments` (without the program name) rearranged for the parser: global options given
    /// before an aws-style command (one of `awsCommands`) moved after it; `<command> help` as
    /// `<command> --help`; a bare `--generate-cli-skeleton` given `input`.
    public static func normalized(_ arguments: [String], awsCommands: Set<String>) -> [String] {
        var moved: [String] = []
        var index = 0
        while index < arguments.count, valuedGlobals.contains(arguments[index]) || flagGlobals.contains(arguments[index]) {
            let takesValue = valuedGlobals.contains(arguments[index])
            moved += arguments[index..<min(arguments.count, index + (takesValue ? 2 : 1))]
            index += takesValue ? 2 : 1
        }
        guard index < arguments.count, awsCommands.contains(arguments[index]) else { return arguments }
        var rest = Array(arguments[(index + 1)...]) + moved
        if rest.last == "help" { rest[rest.count - 1] = "--help" }
        var result = [arguments[index]]
        for (i, argument) in rest.enumerated() {
            result.append(argument)
            if argument == "--generate-cli-skeleton", i + 1 == rest.count || rest[i + 1].hasPrefix("--") { result.append("input") }
        }
        return result
    }
}
