import Foundation
import NIOHTTP1
import ValenceJobs

/// Comprehend's operations sent to a `valence serve` endpoint (`--endpoint-url`), as the aws CLI
/// sends them: AWS JSON 1.1 (`POST /`, `X-Amz-Target`), signed with SigV4, retried as its
/// standard retry mode retries (connection failures, HTTP 5xx, throttling; 3 attempts by default,
/// `AWS_MAX_ATTEMPTS`), with a `ClientRequestToken` filled in for `StartSentimentDetectionJob`
/// as botocore fills it, so that a retried start is the same job. The endpoint's errors come back
/// as ``ServiceError``s with its code and message; the way there fails with ``EndpointError``.
public struct EndpointClient: ComprehendAPI {
    let endpoint: ValenceConfiguration.Endpoint
    let address: EndpointAddress
    let signer: SignatureV4Signer?

    public init(_ endpoint: ValenceConfiguration.Endpoint, region: String) throws(EndpointError) {
        self.endpoint = endpoint
        address = try EndpointAddress(endpoint.url)
        if endpoint.signsRequests {
            guard let credentials = endpoint.credentials else { throw .noCredentials }
            signer = SignatureV4Signer(credentials: credentials, region: region, service: "comprehend")
        } else {
            signer = nil
        }
    }

    public func perform(_ operation: String, _ body: JSONValue) throws -> JSONValue {
        var body = body
        if operation == "StartSentimentDetectionJob", case .object(var members) = body, body["ClientRequestToken"] == nil {
            members.append(("ClientRequestToken", .string(UUID().uuidString.lowercased())))
            body = .object(members)
        }
        let payload = Array(body.serialized(.line).utf8)
        var attempt = 1
        while true {
            let outcome = send(operation, payload)
            switch outcome {
            case .success(let response) where response.status == 200:
                guard let text = String(validating: response.body, as: UTF8.self), let json = try? JSONValue.parse(text) else {
                    throw EndpointError.unreadableResponse(address.display, status: response.status)
                }
                return json
            case .success(let response):
                let error = try Self.serviceError(response, endpoint: address.display)
                if attempt < endpoint.maxAttempts, response.status >= 500 || Self.throttlingCodes.contains(error.code.name) {
                    break
                }
                throw error
            case .failure(.connectTimeout) where attempt < endpoint.maxAttempts, .failure(.cannotConnect) where attempt < endpoint.maxAttempts:
                break
            case .failure(let failure):
                throw EndpointError(failure, endpoint: address.display)
            }
            // Full jitter, as the aws CLI's standard mode: up to 2^(attempt-1) s, at most 20 s.
            Thread.sleep(forTimeInterval: Double.random(in: 0...1) * min(20, pow(2, Double(attempt - 1))))
            attempt += 1
        }
    }

    /// The error codes the aws CLI's standard retry mode treats as throttling.
    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
    ]

    private func send(_ operation: String, _ payload: [UInt8]) -> Result<HTTPExchange.Response, HTTPExchange.Failure> {
        var request = SignableRequest(method: "POST", path: address.path, query: "", headers: [
            ("host", address.hostHeader), ("content-type", ComprehendEndpoint.contentType),
            ("x-amz-target", ComprehendEndpoint.targetPrefix + operation),
        ])
        if let signer { request = signer.sign(request, payload: payload) }
        let headers = request.headers + [("content-length", String(payload.count)), ("user-agent", "valence")]
        return Result { () throws(HTTPExchange.Failure) in
            try HTTPExchange.send(host: address.host, port: address.port, method: .POST, path: address.path,
                                  headers: headers, body: payload,
                                  connectTimeout: endpoint.connectTimeout, readTimeout: endpoint.readTimeout)
        }
    }

    /// An AWS JSON error body (`{"__type": "[namespace#]Code", "message"|"Message": ...}`) as the
    /// ``ServiceError`` it names.
    static func serviceError(_ response: HTTPExchange.Response, endpoint: String) throws(EndpointError) -> ServiceError {
        guard let text = String(validating: response.body, as: UTF8.self), let json = try? JSONValue.parse(text),
              let type = json["__type"]?.stringValue else {
            throw EndpointError.unreadableResponse(endpoint, status: response.status)
        }
        let code = type.split(separator: "#").last.map(String.init) ?? type
        return ServiceError(.named(code), json["message"]?.stringValue ?? json["Message"]?.stringValue ?? "")
    }
}

/// An `--endpoint-url`'s parts: plain `http://host[:port][/path]` (what `valence serve` speaks).
struct EndpointAddress: Sendable {
    var host: String
    var port: Int
    var path: String
    /// The `Host` header: the host, with the port unless it is 80.
    var hostHeader: String
    /// The URL as the aws CLI names it in its errors (with the path, `/` at least).
    var display: String

    init(_ url: String) throws(EndpointError) {
        guard let schemeEnd = url.range(of: "://") else {
            // As Python's urlparse reads it: `localhost:9` has a scheme (`localhost`), `127.0.0.1:9` none.
            let head = url.prefix { $0 != ":" }
            let isScheme = head.count < url.count && head.first?.isLetter == true
                && head.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
            throw isScheme ? .invalidEndpoint(url) : .schemeMissing(url)
        }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" else { throw scheme == "https" ? .httpsUnsupported(url) : .invalidEndpoint(url) }
        guard let parsed = URL(string: url), let host = parsed.host, !host.isEmpty, parsed.query == nil else {
            throw .invalidEndpoint(url)
        }
        self.host = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        port = parsed.port ?? 80
        path = parsed.path.isEmpty ? "/" : parsed.path
        hostHeader = port == 80 ? host : "\(host):\(port)"
        display = "http://\(hostHeader)\(path)"
    }
}

extension JobService {
    /// The Comprehend a command talks to: the endpoint's when the configuration names one
    /// (``EndpointClient``), else this machine's.
    public static func api(for configuration: ValenceConfiguration) throws -> any ComprehendAPI {
        if let endpoint = configuration.endpoint { return try EndpointClient(endpoint, region: configuration.region) }
        return try JobService(configuration: configuration)
    }
}
