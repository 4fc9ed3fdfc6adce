import Foundation

/// Runs the built `valence` binary the way a user does, capturing its output and exit status.
struct CLIRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: URL {
        // The test bundle sits beside the products in .build/<configuration>/.
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("valence")
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var sharedDirectory: URL { repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared") }

    /// Runs valence with `arguments` (raw bytes allowed, for invalid UTF-8), optional stdin.
    /// `environment` is laid over the test process's environment (e.g. `VALENCE_HOME`).
    static func run(_ arguments: [[UInt8]], stdin: Data? = nil, environment overrides: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = binary
        // Process takes Strings; invalid UTF-8 must go through a shell-free path, so use
        // /usr/bin/env with the bytes written into a helper script when needed.
        if arguments.allSatisfy({ String(validating: $0, as: UTF8.self) != nil }) {
            process.arguments = arguments.map { String(decoding: $0, as: UTF8.self) }
        } else {
            let script = FileManager.default.temporaryDirectory.appendingPathComponent("valence-args-\(UUID().uuidString).sh")
            var body = Data("#!/bin/sh\nexec \"$VALENCE_BIN\"".utf8)
            for argument in arguments {
                body.append(Data(" '".utf8))
                body.append(Data(argument))
                body.append(Data("'".utf8))
            }
            body.append(Data("\n".utf8))
            try body.write(to: script)
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = [script.path]
        }
        var environment = ProcessInfo.processInfo.environment
        environment["VALENCE_LEXICONS"] = repositoryRoot.appendingPathComponent("Lexicons").path
        environment["VALENCE_BIN"] = binary.path
        environment.merge(overrides) { _, override in override }
        process.environment = environment
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { try input.fileHandleForWriting.write(contentsOf: stdin) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    static func run(_ arguments: String..., stdin: String? = nil, environment: [String: String] = [:]) throws -> Result {
        try run(arguments.map { Array($0.utf8) }, stdin: stdin.map { Data($0.utf8) }, environment: environment)
    }
}
