import Foundation

/// Runs the built `valence` binary the way a user does, capturing its output and exit status.
public enum CLIRunner {
    public typealias Result = ToolRun

    /// `.build/<configuration>/valence`: the test bundle sits beside the products.
    public static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("valence")
    }

    /// Runs valence with `arguments` (raw bytes allowed, for invalid UTF-8), optional stdin.
    /// `environment` is laid over the test process's environment (e.g. `VALENCE_HOME`), with
    /// `VALENCE_LEXICONS` set to the repository's packs.
    public static func run(_ arguments: [[UInt8]], stdin: Data? = nil, environment overrides: [String: String] = [:]) throws -> Result {
        var environment = ProcessInfo.processInfo.environment
        environment["VALENCE_LEXICONS"] = Repository.lexicons.path
        environment["VALENCE_BIN"] = binary.path
        environment.merge(overrides) { _, override in override }
        // Process takes Strings; invalid UTF-8 arguments go through a helper script that holds
        // their bytes.
        if arguments.allSatisfy({ String(validating: $0, as: UTF8.self) != nil }) {
            return try ToolRun.run(binary.path, arguments.map { String(decoding: $0, as: UTF8.self) },
                                   environment: environment, stdin: stdin ?? Data())
        }
        let script = try TemporaryDirectory("args")
        var body = Data("#!/bin/sh\nexec \"$VALENCE_BIN\"".utf8)
        for argument in arguments {
            body.append(Data(" '".utf8))
            body.append(Data(argument))
            body.append(Data("'".utf8))
        }
        body.append(Data("\n".utf8))
        try body.write(to: URL(fileURLWithPath: script.path("args.sh")))
        return try ToolRun.run("/bin/sh", [script.path("args.sh")], environment: environment, stdin: stdin ?? Data())
    }

    public static func run(_ arguments: String..., stdin: String? = nil, environment: [String: String] = [:]) throws -> Result {
        try run(arguments.map { Array($0.utf8) }, stdin: stdin.map { Data($0.utf8) }, environment: environment)
    }
}
