import Foundation
import Testing

/// A program run to the end, and what it printed: the built `valence` (``CLIRunner``), `tar`,
/// `python3`, `zstd`.
public struct ToolRun: Sendable, CustomStringConvertible {
    public var status: Int32
    /// Standard output, as bytes.
    public var output: Data
    public var stderr: String

    /// Standard output, as text.
    public var stdout: String { String(decoding: output, as: UTF8.self) }

    public var description: String { "status \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }

    /// Runs `executable` with `arguments`; `environment` replaces the process's when given, `stdin`
    /// is written to its standard input (else it reads nothing).
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, stdin: Data? = nil,
        currentDirectory: String? = nil
    ) throws -> ToolRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        // Read stderr on the side so that neither pipe can fill up and block the program.
        let errorData = Collector()
        let thread = Thread { errorData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        thread.start()
        if let stdin {
            try input.fileHandleForWriting.write(contentsOf: stdin)
            try input.fileHandleForWriting.close()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errors = errorData.wait()
        return ToolRun(status: process.terminationStatus, output: outData, stderr: String(decoding: errors, as: UTF8.self))
    }

    /// Runs a command found on `PATH` (`tar`, `sh`, `python3`) through `/usr/bin/env`.
    public static func env(_ arguments: [String]) throws -> ToolRun {
        try run("/usr/bin/env", arguments)
    }

    /// `python3 -c script args…` (the system Python; only its standard library is used).
    public static func python(_ script: String, _ arguments: [String]) throws -> ToolRun {
        let python = try #require(python3, "no python3 to check the output with")
        return try run(python, ["-c", script] + arguments)
    }

    public static var python3: String? {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : which("python3")
    }

    /// The absolute path of a tool on `PATH`, or nil.
    public static func which(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    private final class Collector: @unchecked Sendable {
        private let condition = NSCondition()
        private var value: Data?

        func set(_ data: Data) {
            condition.lock()
            value = data
            condition.signal()
            condition.unlock()
        }

        func wait() -> Data {
            condition.lock()
            defer { condition.unlock() }
            while value == nil { condition.wait() }
            return value!
        }
    }
}
