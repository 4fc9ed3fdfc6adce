import Foundation
import ValenceCore
import ValenceJobs
import ValenceServer

/// What the CLI prints on stderr before exiting with `status`. Exit codes as the aws CLI uses
/// them: 252 for a request it refuses to send, 254 for a service error; 1 for Valence's own
/// commands when their input is unusable, 255 when a worker cannot start.
struct CLIFailure: Error {
    var status: Int32
    var message: String

    init(status: Int32, message: String) {
        self.status = status
        self.message = message
    }

    /// A library error, worded as the aws CLI (or Valence) words it; `operation` names the AWS
    /// operation in a service error's text.
    init(_ error: any Error, operation: JobOperation.RawValue) {
        switch error {
        case let failure as CLIFailure:
            self = failure
        case let error as ServiceError:
            self.init(status: 254, message: "\nAn error occurred (\(error.code.name)) when calling the \(operation) operation: \(error.message)")
        case let error as ParameterError:
            self.init(status: error.status, message: error.message)
        case let error as ConfigurationError:
            self.init(status: 1, message: "valence: error: \(error.message)")
        case let error as PackFileError:
            self.init(status: 1, message: "valence: error: \(error.message)")
        case let error as AnalysisError:
            self.init(status: 1, message: "valence: error: \(error.message)")
        case let error as EndpointError:
            self.init(status: error.status, message: error.message)
        case let error as WorkerLaunchError:
            self.init(status: 255, message: "valence: error: \(error.message)")
        default:
            self.init(status: 1, message: "valence: error: \(error)")
        }
    }

    /// Runs `body`, turning whatever it throws into a failure of `operation` (which only a
    /// service error names).
    static func calling<T>(_ operation: JobOperation.RawValue = "", _ body: () throws -> T) throws(CLIFailure) -> T {
        do { return try body() } catch { throw CLIFailure(error, operation: operation) }
    }

    /// A language code for Valence's own commands (exit 252 when it is not one of the twelve).
    static func language(_ code: String) throws -> LanguageCode {
        guard let language = LanguageCode(rawValue: code) else {
            throw CLIFailure(status: 252, message: "valence: error: unknown language code '\(code)' (expected one of \(LanguageCode.allCases.map(\.rawValue).joined(separator: " ")))")
        }
        return language
    }

    /// Valence's `--compression` flag (exit 252 when it is neither gzip nor zstd).
    static func compression(_ name: String) throws -> ArchiveCompression.Codec {
        guard let codec = ArchiveCompression.Codec(rawValue: name) else {
            throw CLIFailure(status: 252, message: "valence: error: --compression must be gzip or zstd, not '\(name)'")
        }
        return codec
    }

    func exit() -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        Foundation.exit(status)
    }
}
