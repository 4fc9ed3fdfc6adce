import ArgumentParser
import Foundation
import ValenceJobs

/// The aws CLI's global options, on every command that answers as `aws comprehend` does. With
/// `--endpoint-url` the command is a client of that `valence serve` endpoint (signed with the
/// profile's keys, within the timeouts); the other connection options are accepted and checked.
struct GlobalOptions: ParsableArguments {
    @Option(help: "json (default), text, table, yaml or yaml-stream, laid out as the aws CLI v2 does.") var output: String?
    @Option(help: "A JMESPath expression applied to the response before it is printed.") var query: String?
    @Option(help: "The region in job ARNs (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region, us-east-1).") var region: String?
    @Option(help: "The aws CLI profile whose region applies (default: AWS_PROFILE, else default).") var profile: String?
    @Flag(help: "Print what the command resolved and sent on stderr.") var debug = false
    @Option(help: "on, off or auto: colours in table output.") var color: String?
    @Flag(help: "Print only the first page of a paginated operation.") var noPaginate = false
    @Option(help: "With --endpoint-url: seconds to wait for a byte of the answer (default 60, 0 is none).") var cliReadTimeout: String?
    @Option(help: "With --endpoint-url: seconds to wait for the connection (default 60, 0 is none).") var cliConnectTimeout: String?
    @Flag(help: ArgumentHelp("Accepted for the aws CLI's sake.", visibility: .hidden)) var noVerifySsl = false
    @Flag(help: "With --endpoint-url: send the request unsigned.") var noSignRequest = false
    @Option(help: ArgumentHelp("Accepted for the aws CLI's sake.", visibility: .hidden)) var caBundle: String?
    @Option(help: ArgumentHelp("Accepted for the aws CLI's sake.", visibility: .hidden)) var cliBinaryFormat: String?
    @Flag(help: ArgumentHelp("Accepted for the aws CLI's sake.", visibility: .hidden)) var noCliPager = false
    @Flag(help: ArgumentHelp("Accepted for the aws CLI's sake.", visibility: .hidden)) var cliAutoPrompt = false
    @Flag(help: ArgumentHelp("Accepted for the aws CLI's sake.", visibility: .hidden)) var noCliAutoPrompt = false
    @Option(help: "A `valence serve` endpoint (http://host:port) to send the request to instead of answering it here (default: AWS_ENDPOINT_URL_COMPREHEND).")
    var endpointUrl: String?
    @Option(name: .customLong("lexicons"), help: "The directory of lexicon packs (default: $VALENCE_LEXICONS, or the Lexicons/ Valence ships with).")
    var lexicons: String?

    /// How to print the response, with the profile's defaults (`output`, `cli_timestamp_format`).
    func settings(_ configuration: ValenceConfiguration) throws -> OutputSettings {
        try CLIFailure.calling {
            for timeout in [cliReadTimeout, cliConnectTimeout].compactMap({ $0 }) where Int(timeout) == nil {
                throw ParameterError(message: "\ninvalid literal for int() with base 10: \(PythonValue.reprString(timeout))", status: 255)
            }
            var settings = try OutputSettings(output: output ?? configuration.output, query: query, color: color, stdoutIsTerminal: isatty(1) == 1)
            settings.isoTimestamps = !["wire", "none"].contains(configuration.timestampFormat ?? "iso8601")
            var size = winsize()
            if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { settings.terminalWidth = Int(size.ws_col) }
            return settings
        }
    }

    /// The configuration of this run, resolved once; a profile that does not exist is refused
    /// as the aws CLI refuses it.
    func configuration() throws -> ValenceConfiguration {
        var flags = ValenceConfiguration.Flags(lexicons: lexicons, region: region, profile: profile)
        flags.endpointURL = endpointUrl
        flags.signsRequests = !noSignRequest
        flags.connectTimeout = cliConnectTimeout.flatMap { Int($0) }
        flags.readTimeout = cliReadTimeout.flatMap { Int($0) }
        let configuration = ValenceConfiguration.current(flags: flags)
        if configuration.profileNotFound {
            throw CLIFailure(status: 255, message: "\nThe config profile (\(configuration.profile)) could not be found")
        }
        if debug {
            let target = configuration.endpoint.map { "endpoint \($0.url)" } ?? "home \(configuration.home)"
            FileHandle.standardError.write(Data("valence: debug: region \(configuration.region), profile \(configuration.profile), \(target)\n".utf8))
        }
        return configuration
    }
}
