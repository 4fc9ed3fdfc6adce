import ArgumentParser
import Foundation
import ValenceCore
import ValenceJobs

// Exit codes as the aws CLI uses them: 0 success, 252 bad parameters, 254 a service error;
// 1 for Valence's own commands when their input is unusable.

if let failure = checkArgumentEncoding() {
    failure.exit()
}
let arguments = CommandLineArguments.normalized(Array(CommandLine.arguments.dropFirst()), awsCommands: Valence.awsCommands)
do {
    var command = try Valence.parseAsRoot(arguments == ["help"] ? ["--help"] : arguments)
    try command.run()
} catch let failure as CLIFailure {
    failure.exit()
} catch {
    let code = Valence.exitCode(for: error)
    if code == .success {
        print(Valence.fullMessage(for: error))
        exit(0)
    }
    if let first = arguments.first, Valence.awsCommands.contains(first) {
        let wording = Valence.awsWording(Valence.message(for: error))
        CLIFailure(ParameterError.usage(wording, prefixed: !wording.hasPrefix("Unknown options")), operation: "").exit()
    }
    CLIFailure(status: code == .validationFailure ? 252 : 1, message: Valence.fullMessage(for: error)).exit()
}

/// Arguments reach Swift decoded with replacement characters; look at the raw bytes first so
/// invalid UTF-8 is reported rather than silently changed.
func checkArgumentEncoding() -> CLIFailure? {
    for index in 1..<Int(CommandLine.argc) {
        guard let pointer = CommandLine.unsafeArgv[index] else { continue }
        let length = strlen(pointer)
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: length)
        if let offset = UTF8Validation.firstInvalidOffset(in: Array(bytes)) {
            let previous = index > 1 ? CommandLine.arguments[index - 1] : ""
            let which = previous.hasPrefix("--") ? "the value of \(previous) (argument \(index))" : "argument \(index)"
            return CLIFailure(status: 252, message: "\nParameter validation failed:\nInvalid UTF-8 in \(which) at byte offset \(offset)")
        }
    }
    return nil
}
