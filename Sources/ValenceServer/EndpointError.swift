/// Why a request could not be sent to an endpoint or its answer not read, worded as the aws CLI
/// words it, with the exit status CLI v2 gives it (253 for missing credentials, 255 otherwise).
public struct EndpointError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: Int32
    /// The text printed on stderr (a leading newline, as the aws CLI prints it).
    public var message: String

    public var description: String { message }

    static let noCredentials = EndpointError(
        status: 253, message: "\nUnable to locate credentials. You can configure credentials by running \"aws configure\".")

    static func schemeMissing(_ url: String) -> EndpointError {
        EndpointError(status: 255, message: "\nBad value for --endpoint-url \"\(url)\": scheme is missing.  "
            + "Must be of the form http://<hostname>/ or https://<hostname>/")
    }

    static func invalidEndpoint(_ url: String) -> EndpointError {
        EndpointError(status: 255, message: "\nInvalid endpoint: \(url)")
    }

    static func httpsUnsupported(_ url: String) -> EndpointError {
        EndpointError(status: 255, message: "\nvalence: --endpoint-url \(url): valence serve speaks plain HTTP, and so does "
            + "this client; give its http:// URL (or put a TLS-terminating proxy in front of a client that needs https)")
    }

    static func unreadableResponse(_ endpoint: String, status: Int) -> EndpointError {
        EndpointError(status: 255, message: "\nvalence: the endpoint \"\(endpoint)\" answered HTTP \(status) with a body that is "
            + "not an AWS JSON response (is it a valence serve endpoint?)")
    }

    init(status: Int32, message: String) {
        self.status = status
        self.message = message
    }

    init(_ failure: HTTPExchange.Failure, endpoint: String) {
        let text = switch failure {
        case .cannotConnect: "Could not connect to the endpoint URL: \"\(endpoint)\""
        case .connectTimeout: "Connect timeout on endpoint URL: \"\(endpoint)\""
        case .readTimeout: "Read timeout on endpoint URL: \"\(endpoint)\""
        case .closedEarly: "Connection was closed before we received a valid response from endpoint URL: \"\(endpoint)\"."
        }
        self.init(status: 255, message: "\n" + text)
    }
}
