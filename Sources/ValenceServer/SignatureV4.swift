import Foundation
import Synchronization

/// What SigV4 reads of an HTTP request: the method, the request target exactly as sent (path and
/// query still percent-encoded) and the headers, names lowercased (`host` included).
struct SignableRequest: Sendable {
    var method: String
    /// The path as sent, e.g. `/bucket/a%20b.txt`.
    var path: String
    /// The query as sent, without `?` (empty when none).
    var query: String
    /// Header fields in arrival order, names lowercased.
    var headers: [(name: String, value: String)]

    func header(_ name: String) -> String? {
        let values = headers.filter { $0.name == name }.map(\.value)
        return values.isEmpty ? nil : values.joined(separator: ",")
    }

    /// The query's parameters, percent-decoded, in order (a name without `=` has the value "").
    var queryItems: [(name: String, value: String)] {
        query.split(separator: "&", omittingEmptySubsequences: true).map { item in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (SigV4Encoding.percentDecoded(parts[0]), parts.count > 1 ? SigV4Encoding.percentDecoded(parts[1]) : "")
        }
    }

    func queryValue(_ name: String) -> String? {
        queryItems.first { $0.name == name }?.value
    }
}

/// Why a request's authentication was refused; each service words it in its own codes.
enum AuthFailure: Error, Equatable {
    /// Neither an `Authorization` header nor a presigned query.
    case missing
    /// An authorization that cannot be read (names the missing or malformed part).
    case malformed(String)
    /// An access key id the credentials file does not hold.
    case unknownKey
    /// The signature does not match.
    case signatureMismatch
    /// The request's time is more than 15 minutes from the server's.
    case skewed(requestTime: Date, serverTime: Date)
    /// A presigned URL past its `X-Amz-Expires`.
    case expired
}

/// AWS Signature Version 4 (`AWS4-HMAC-SHA256`), verified on the server: the `Authorization`
/// header form and S3's presigned-query form, against the key pairs of a ``Credentials``.
final class SignatureV4Verifier: Sendable {
    static let algorithm = "AWS4-HMAC-SHA256"
    static let unsignedPayload = "UNSIGNED-PAYLOAD"
    /// The largest difference between a request's time and the server's (AWS's 15 minutes).
    static let allowedSkew: TimeInterval = 15 * 60

    let credentials: Credentials
    /// Signing keys by `secret-id/date/region/service`: four HMACs saved on every request.
    private let signingKeys = Mutex<[String: [UInt8]]>([:])

    init(credentials: Credentials) {
        self.credentials = credentials
    }

    /// What a verified request is.
    struct Verified {
        var accessKeyId: String
        /// The payload hash the signature covers: a hex SHA-256, or `UNSIGNED-PAYLOAD`.
        var payloadHash: String
    }

    /// Verifies `request`. `payloadHash` is the hex SHA-256 of the body when the caller has it
    /// (Comprehend); without it the signed `x-amz-content-sha256` is the payload hash (S3), which
    /// the caller checks against the body as it reads it. S3 signs the raw path
    /// (`doubleEncodesPath` false), every other service the path encoded once more.
    func verify(_ request: SignableRequest, payloadHash computed: String?, doubleEncodesPath: Bool,
                now: Date = Date()) throws(AuthFailure) -> Verified {
        let presigned = request.queryValue("X-Amz-Algorithm") != nil
        let fields: AuthorizationFields
        if presigned {
            fields = try AuthorizationFields(query: request)
        } else if let header = request.header("authorization") {
            fields = try AuthorizationFields(header: header, request: request)
        } else {
            throw .missing
        }
        guard let secret = credentials.secret(for: fields.accessKeyId) else { throw .unknownKey }
        guard let time = SigV4Encoding.parseTime(fields.amzDate) else { throw .malformed("X-Amz-Date") }
        if presigned {
            guard let expires = request.queryValue("X-Amz-Expires").flatMap(Int.init), (1...604_800).contains(expires) else {
                throw .malformed("X-Amz-Expires")
            }
            if now.timeIntervalSince(time) > TimeInterval(expires) { throw .expired }
            if time.timeIntervalSince(now) > Self.allowedSkew { throw .skewed(requestTime: time, serverTime: now) }
        } else if abs(now.timeIntervalSince(time)) > Self.allowedSkew {
            throw .skewed(requestTime: time, serverTime: now)
        }
        let payloadHash = presigned ? Self.unsignedPayload
            : computed ?? request.header("x-amz-content-sha256") ?? Self.unsignedPayload
        let canonical = Self.canonicalRequest(request, signedHeaders: fields.signedHeaders, payloadHash: payloadHash,
                                         doubleEncodesPath: doubleEncodesPath, excludingSignature: presigned)
        let stringToSign = Self.stringToSign(canonical: canonical, amzDate: fields.amzDate, scope: fields.scope)
        let key = signingKey(secret: secret, accessKeyId: fields.accessKeyId, scope: fields.scopeParts)
        let expected = Array(Digest.hex(Digest.hmacSHA256(key: key, Array(stringToSign.utf8))).utf8)
        guard Digest.constantTimeEqual(expected, Array(fields.signature.utf8)) else { throw .signatureMismatch }
        return Verified(accessKeyId: fields.accessKeyId, payloadHash: payloadHash)
    }

    /// The canonical request (method, URI, query, headers, signed header names, payload hash).
    static func canonicalRequest(_ request: SignableRequest, signedHeaders: [String], payloadHash: String,
                                 doubleEncodesPath: Bool, excludingSignature: Bool) -> String {
        let path = request.path.isEmpty ? "/" : request.path
        let uri = doubleEncodesPath ? SigV4Encoding.encode(path, keepingSlash: true) : path
        let query = request.queryItems
            .filter { !(excludingSignature && $0.name == "X-Amz-Signature") }
            .map { (SigV4Encoding.encode($0.name, keepingSlash: false), SigV4Encoding.encode($0.value, keepingSlash: false)) }
            .sorted { $0.0 == $1.0 ? $0.1.utf8.lexicographicallyPrecedes($1.1.utf8) : $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
        var headers = ""
        for name in signedHeaders {
            let values = request.headers.filter { $0.name == name }.map { SigV4Encoding.trimmed($0.value) }
            headers += name + ":" + values.joined(separator: ",") + "\n"
        }
        return [request.method, uri, query, headers, signedHeaders.joined(separator: ";"), payloadHash].joined(separator: "\n")
    }

    /// What is signed: the algorithm, the time, the scope and the canonical request's hash.
    static func stringToSign(canonical: String, amzDate: String, scope: String) -> String {
        algorithm + "\n" + amzDate + "\n" + scope + "\n" + Digest.hex(Digest.sha256(Array(canonical.utf8)))
    }

    /// The key of a scope (date, region, service, `aws4_request`): HMACs of each part in turn.
    static func deriveKey(secret: [UInt8], scope: [String]) -> [UInt8] {
        var key = Array("AWS4".utf8) + secret
        for part in scope { key = Digest.hmacSHA256(key: key, Array(part.utf8)) }
        return key
    }

    private func signingKey(secret: [UInt8], accessKeyId: String, scope: [String]) -> [UInt8] {
        let cacheKey = accessKeyId + "/" + scope.joined(separator: "/")
        if let key = signingKeys.withLock({ $0[cacheKey] }) { return key }
        let key = Self.deriveKey(secret: secret, scope: scope)
        signingKeys.withLock { cache in
            if cache.count > 1024 { cache.removeAll() }
            cache[cacheKey] = key
        }
        return key
    }
}

/// The parts of a SigV4 authorization, from the header or the presigned query.
struct AuthorizationFields {
    var accessKeyId: String
    /// date, region, service, `aws4_request`.
    var scopeParts: [String]
    var signedHeaders: [String]
    var signature: String
    var amzDate: String

    var scope: String { scopeParts.joined(separator: "/") }

    /// `AWS4-HMAC-SHA256 Credential=<id>/<date>/<region>/<service>/aws4_request, SignedHeaders=a;b, Signature=<hex>`.
    init(header: String, request: SignableRequest) throws(AuthFailure) {
        guard header.hasPrefix(SignatureV4Verifier.algorithm + " ") else {
            throw .malformed("Authorization header requires the \(SignatureV4Verifier.algorithm) algorithm")
        }
        var values: [String: String] = [:]
        for part in header.dropFirst(SignatureV4Verifier.algorithm.count + 1).split(separator: ",") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2 { values[String(pair[0])] = String(pair[1]) }
        }
        for name in ["Credential", "SignedHeaders", "Signature"] where values[name] == nil {
            throw .malformed("Authorization header requires '\(name)' parameter")
        }
        guard let date = request.header("x-amz-date") else {
            throw .malformed("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header")
        }
        try self.init(credential: values["Credential"]!, signedHeaders: values["SignedHeaders"]!,
                      signature: values["Signature"]!, amzDate: date)
    }

    /// `X-Amz-Credential`, `X-Amz-SignedHeaders`, `X-Amz-Signature`, `X-Amz-Date` query parameters.
    init(query request: SignableRequest) throws(AuthFailure) {
        guard request.queryValue("X-Amz-Algorithm") == SignatureV4Verifier.algorithm else {
            throw .malformed("X-Amz-Algorithm only supports \"\(SignatureV4Verifier.algorithm)\"")
        }
        var values: [String] = []
        for name in ["X-Amz-Credential", "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Date"] {
            guard let value = request.queryValue(name) else { throw .malformed("query-string authentication requires \(name)") }
            values.append(value)
        }
        try self.init(credential: values[0], signedHeaders: values[1], signature: values[2], amzDate: values[3])
    }

    private init(credential: String, signedHeaders: String, signature: String, amzDate: String) throws(AuthFailure) {
        let parts = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, parts[4] == "aws4_request", !parts[0].isEmpty else {
            throw .malformed("Credential should be scoped to a valid region, service and aws4_request")
        }
        guard amzDate.hasPrefix(parts[1]) else {
            throw .malformed("Credential should be scoped to a valid date: '\(parts[1])' != '\(amzDate.prefix(8))'")
        }
        accessKeyId = parts[0]
        scopeParts = Array(parts[1...])
        self.signedHeaders = signedHeaders.split(separator: ";").map { String($0) }
        self.signature = signature
        self.amzDate = amzDate
    }
}

/// SigV4's text rules: URI encoding, value trimming, the `yyyyMMdd'T'HHmmss'Z'` time format.
enum SigV4Encoding {
    /// Percent-encodes every byte but `A-Z a-z 0-9 - _ . ~` (and `/` when `keepingSlash`).
    static func encode(_ text: String, keepingSlash: Bool) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.append(byte)
            case UInt8(ascii: "/") where keepingSlash:
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `%XX` sequences decoded (a `+` stays a `+`); invalid sequences are kept as written.
    static func percentDecoded<S: StringProtocol>(_ text: S) -> String {
        text.contains("%") ? String(decoding: percentDecodedBytes(text), as: UTF8.self) : String(text)
    }

    /// Raw bytes of a percent-decoded path segment (NUL and invalid UTF-8 kept, for the caller to refuse).
    static func percentDecodedBytes<S: StringProtocol>(_ text: S) -> [UInt8] {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Leading and trailing spaces removed, inner runs of spaces made one.
    static func trimmed(_ value: String) -> String {
        value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// `20260102T030405Z` as a date; nil when malformed.
    static func parseTime(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 16, bytes[8] == UInt8(ascii: "T"), bytes[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
              let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15) else { return nil }
        var components = DateComponents(timeZone: TimeZone(identifier: "UTC"), year: year, month: month, day: day,
                                        hour: hour, minute: minute, second: second)
        components.calendar = Calendar(identifier: .gregorian)
        guard components.isValidDate, let date = components.date else { return nil }
        return date
    }

    /// A date as `20260102T030405Z`.
    static func formatTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int?) -> String { n.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(c.year ?? 1970)\(two(c.month))\(two(c.day))T\(two(c.hour))\(two(c.minute))\(two(c.second))Z"
    }
}
