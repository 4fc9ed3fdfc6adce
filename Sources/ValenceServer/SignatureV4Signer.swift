import Foundation
import ValenceJobs

/// Signs a request as an AWS SDK does (SigV4, the `Authorization` header form): what `valence`
/// sends to a `valence serve` endpoint. The canonical request and the key derivation are the
/// verifier's, so the two sides cannot drift apart.
struct SignatureV4Signer: Sendable {
    var credentials: AWSCredentials
    var region: String
    var service: String

    /// `request` with `x-amz-date`, `x-amz-security-token` (temporary credentials) and
    /// `authorization` added; every header it holds (`host` among them) is signed.
    func sign(_ request: SignableRequest, payload: [UInt8], now: Date = Date()) -> SignableRequest {
        var signed = request
        let amzDate = SigV4Encoding.formatTime(now)
        signed.headers.append(("x-amz-date", amzDate))
        if let token = credentials.sessionToken { signed.headers.append(("x-amz-security-token", token)) }
        let names = Array(Set(signed.headers.map(\.name))).sorted()
        let payloadHash = Digest.hex(Digest.sha256(payload))
        let canonical = SignatureV4Verifier.canonicalRequest(signed, signedHeaders: names, payloadHash: payloadHash,
                                                             doubleEncodesPath: true, excludingSignature: false)
        let scope = [String(amzDate.prefix(8)), region, service, "aws4_request"]
        let stringToSign = SignatureV4Verifier.stringToSign(canonical: canonical, amzDate: amzDate, scope: scope.joined(separator: "/"))
        let key = SignatureV4Verifier.deriveKey(secret: Array(credentials.secretAccessKey.utf8), scope: scope)
        let signature = Digest.hex(Digest.hmacSHA256(key: key, Array(stringToSign.utf8)))
        signed.headers.append(("authorization", "\(SignatureV4Verifier.algorithm) Credential=\(credentials.accessKeyId)/\(scope.joined(separator: "/")), "
            + "SignedHeaders=\(names.joined(separator: ";")), Signature=\(signature)"))
        return signed
    }
}
