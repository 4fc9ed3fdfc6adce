import Foundation
import NIOCore
import NIOPosix
import ValenceJobs

/// Comprehend's six sentiment operations over AWS JSON 1.1 (spec §1, §13 #1–#3): `POST /` with
/// `X-Amz-Target: Comprehend_20171127.<Operation>`, a JSON body, and JSON answers; errors as
/// `{"__type", "Message"}` (framework errors with `message`), 400 or 500. Every operation is
/// ``JobService``'s, run on a bounded thread pool so the event loops only move bytes.
struct ComprehendEndpoint: Sendable {
    static let targetPrefix = "Comprehend_20171127."
    static let contentType = "application/x-amz-json-1.1"

    let service: JobService
    /// Scoring and job store calls (blocking work), at most one per core at a time.
    let pool: NIOThreadPool

    /// The operation named by an `X-Amz-Target`, nil for any other.
    static func operation(target: String) -> String? {
        guard target.hasPrefix(targetPrefix) else { return nil }
        let name = String(target.dropFirst(targetPrefix.count))
        return JobService.operations.contains(name) ? name : nil
    }

    /// The answer to one request: HTTP status and JSON body.
    func respond(target: String, body: ByteBuffer) async -> (status: Int, body: String) {
        guard let operation = Self.operation(target: target) else {
            return Self.error(ServiceError(.unknownOperation, "The operation \(target) is not supported by this service."))
        }
        guard let text = body.getString(at: body.readerIndex, length: body.readableBytes).flatMap({ String(validating: $0.utf8, as: UTF8.self) }) else {
            return Self.error(ServiceError(.serialization, "The request body is not valid UTF-8."))
        }
        let request: JSONValue
        if text.allSatisfy(\.isWhitespace) {
            request = .null
        } else {
            do {
                request = try JSONValue.parse(text)
            } catch {
                return Self.error(ServiceError(.serialization, "The request body is not valid JSON: \(error)"))
            }
        }
        let service = self.service
        do {
            let response = try await pool.runIfActive { try service.perform(operation, request) }
            return (200, response.serialized(.line))
        } catch let error as ServiceError {
            return Self.error(error)
        } catch {
            return Self.error(ServiceError(.internalServer, "An internal server error occurred. Retry your request. (\(error))"))
        }
    }

    /// `{"__type": ..., "Message": ...}`: framework errors spell the member `message` (spec §1.4).
    static func error(_ error: ServiceError) -> (status: Int, body: String) {
        (error.code.httpStatus, errorBody(type: error.code.name, message: error.message))
    }

    static func errorBody(type: String, message: String) -> String {
        let frameworkErrors: Set<String> = [
            "ValidationException", "SerializationException", "UnknownOperationException", "UnrecognizedClientException",
            "InvalidSignatureException", "MissingAuthenticationTokenException", "IncompleteSignatureException",
        ]
        let member = frameworkErrors.contains(type) ? "message" : "Message"
        return JSONValue.object([("__type", .string(type)), (member, .string(message))]).serialized(.line)
    }

    /// How Comprehend refuses a request that fails authentication (HTTP status, `__type`, message).
    static func authError(_ failure: AuthFailure) -> (status: Int, body: String) {
        let (status, type, message): (Int, String, String) = switch failure {
        case .missing: (400, "MissingAuthenticationTokenException", "Missing Authentication Token")
        case .malformed(let what): (400, "IncompleteSignatureException", what)
        case .unknownKey: (400, "UnrecognizedClientException", "The security token included in the request is invalid.")
        case .signatureMismatch:
            (400, "InvalidSignatureException",
             "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.")
        case .skewed(let requestTime, let serverTime):
            (400, "InvalidSignatureException", skewMessage(requestTime: requestTime, serverTime: serverTime))
        case .expired: (400, "InvalidSignatureException", "Signature expired")
        }
        return (status, errorBody(type: type, message: message))
    }

    /// AWS's wording: `Signature expired: <t> is now earlier than <now - 15 min> (<now> - 15 min.)`,
    /// or `Signature not yet current: <t> is still later than <now + 15 min> (<now> + 15 min.)`.
    static func skewMessage(requestTime: Date, serverTime: Date) -> String {
        let format = SigV4Encoding.formatTime
        let skew = SignatureV4Verifier.allowedSkew
        if requestTime < serverTime {
            return "Signature expired: \(format(requestTime)) is now earlier than \(format(serverTime - skew)) (\(format(serverTime)) - 15 min.)"
        }
        return "Signature not yet current: \(format(requestTime)) is still later than \(format(serverTime + skew)) (\(format(serverTime)) + 15 min.)"
    }
}
