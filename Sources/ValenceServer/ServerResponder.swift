import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ValenceJobs

/// Every request: SigV4 first, then Comprehend (a request with `X-Amz-Target`) or S3 (any
/// other). Every response carries a request id (`x-amzn-RequestId`; S3's `x-amz-request-id` too).
struct ServerResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let comprehend: ComprehendEndpoint
    let s3: S3Endpoint
    let verifier: SignatureV4Verifier
    /// The largest Comprehend request body (25 texts of 5000 bytes, JSON-escaped, fit easily).
    static let maximumJSONBody = 4 << 20
    static let target = HTTPField.Name("X-Amz-Target")!
    static let requestIdNames = [HTTPField.Name("x-amzn-RequestId")!, HTTPField.Name("x-amz-request-id")!, HTTPField.Name("x-amz-id-2")!]

    func respond(to request: Request, context: Context) async throws -> Response {
        let requestId = UUID().uuidString
        let signed = Self.signable(request)
        var response: Response
        if let target = request.headers[Self.target] {
            response = await respondComprehend(request, signed: signed, target: target)
        } else {
            response = await respondS3(request, signed: signed, requestId: requestId, context: context)
        }
        for name in Self.requestIdNames { response.headers[name] = requestId }
        return response
    }

    func respondComprehend(_ request: Request, signed: SignableRequest, target: String) async -> Response {
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: Self.maximumJSONBody)
        } catch {
            var response = Self.json(ComprehendEndpoint.error(ServiceError(.serialization, "The request body is larger than \(Self.maximumJSONBody) bytes.")))
            response.headers[.connection] = "close"
            return response
        }
        let hash = body.withUnsafeReadableBytes { Digest.hex(Digest.sha256(Array($0))) }
        do {
            _ = try verifier.verify(signed, payloadHash: hash, doubleEncodesPath: true)
        } catch {
            return Self.json(ComprehendEndpoint.authError(error))
        }
        return Self.json(await comprehend.respond(target: target, body: body))
    }

    func respondS3(_ request: Request, signed: SignableRequest, requestId: String, context: Context) async -> Response {
        let body = BodyReader(body: request.body, payloadHash: SignatureV4Verifier.unsignedPayload, contentMD5: nil)
        var response = await respondS3(request, signed: signed, requestId: requestId, context: context, body: body)
        // A body left unread would be parsed as the next request on this connection: read a small
        // one to its end, close the connection after a large one.
        if !body.progress.started {
            let length = signed.header("content-length").flatMap { Int($0) } ?? 0
            if length <= 1 << 20, (try? await body.collect(limit: 1 << 20)) != nil {
                return response
            }
            response.headers[.connection] = "close"
        }
        return response
    }

    func respondS3(_ request: Request, signed: SignableRequest, requestId: String, context: Context,
                   body unverified: BodyReader) async -> Response {
        do throws(S3Error) {
            let verified: SignatureV4Verifier.Verified
            do {
                verified = try verifier.verify(signed, payloadHash: nil, doubleEncodesPath: false)
            } catch {
                throw S3Error.auth(error)
            }
            if verified.payloadHash.hasPrefix("STREAMING-") {
                throw S3Error.notImplemented("aws-chunked payloads (\(verified.payloadHash)); send a signed or UNSIGNED-PAYLOAD body")
            }
            guard verified.payloadHash == SignatureV4Verifier.unsignedPayload
                || (verified.payloadHash.utf8.count == 64 && verified.payloadHash.utf8.allSatisfy { $0.isHexDigit })
            else {
                throw S3Error(status: 400, code: "InvalidArgument", message: "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.")
            }
            let body = BodyReader(body: request.body, payloadHash: verified.payloadHash, contentMD5: signed.header("content-md5"),
                                  progress: unverified.progress)
            return try await s3.respond(to: request, signed: signed, body: body, context: context)
        } catch {
            if request.method == .head {
                return Response(status: .init(code: error.status))
            }
            return S3Endpoint.xmlResponse(error.xml(requestId: requestId), status: .init(code: error.status))
        }
    }

    static func json(_ answer: (status: Int, body: String)) -> Response {
        Response(status: .init(code: answer.status), headers: [.contentType: ComprehendEndpoint.contentType],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: answer.body)))
    }

    /// The request as SigV4 reads it: raw target, lowercased headers, `host` from the authority.
    static func signable(_ request: Request) -> SignableRequest {
        let target = request.head.path ?? "/"
        let question = target.firstIndex(of: "?")
        var headers: [(name: String, value: String)] = []
        if let authority = request.head.authority { headers.append(("host", authority)) }
        for field in request.headers { headers.append((field.name.canonicalName, field.value)) }
        return SignableRequest(
            method: request.method.rawValue,
            path: String(target[..<(question ?? target.endIndex)]),
            query: question.map { String(target[target.index(after: $0)...]) } ?? "",
            headers: headers)
    }
}

extension UInt8 {
    var isHexDigit: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(self)
    }
}
