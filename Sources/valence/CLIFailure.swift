import Foundation
import ValenceCore
import ValenceJobs

/// What the CLI prints on stderr before exiting with `status`.
struct CLIFailure: Error {
    var status: Int32
    var message: String

    /// A service error, worded as the aws CLI words it.
    init(_ error: ServiceError, operation: String) {
        self.status = 254
        self.message = "\nAn error occurred (\(error.code.name)) when calling the \(operation) operation: \(error.message)"
    }

    init(status: Int32, message: String) {
        self.status = status
        self.message = message
    }

    /// botocore's client-side check of a parameter's minimum length (exit 252).
    static func minLength(_ parameter: String, value: Int) -> CLIFailure {
        CLIFailure(status: 252, message: "\nParameter validation failed:\nInvalid length for parameter \(parameter), value: \(value), valid min length: 1")
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

enum AnalyzerCatalogLocator {
    static func find() -> String? {
        AnalyzerCatalog.defaultDirectory(executablePath: CommandLine.arguments.first ?? "")
    }
}
