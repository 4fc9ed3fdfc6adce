import Foundation

/// An S3 error response: HTTP status, `<Code>`, `<Message>` and the resource it is about, as S3
/// sends them (`<Error><Code>NoSuchKey</Code><Message>…</Message><Key>…</Key><RequestId>…</RequestId></Error>`).
struct S3Error: Error, Sendable {
    var status: Int
    var code: String
    var message: String
    /// Extra members (`BucketName`, `Key`, `UploadId`), in order.
    var details: [(String, String)] = []

    func xml(requestId: String) -> String {
        var body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>\(code)</Code><Message>\(S3XML.escape(message))</Message>"
        for (name, value) in details { body += "<\(name)>\(S3XML.escape(value))</\(name)>" }
        return body + "<RequestId>\(requestId)</RequestId><HostId>\(requestId)</HostId></Error>"
    }

    static func noSuchBucket(_ bucket: String) -> S3Error {
        S3Error(status: 404, code: "NoSuchBucket", message: "The specified bucket does not exist", details: [("BucketName", bucket)])
    }

    static func noSuchKey(_ key: String) -> S3Error {
        S3Error(status: 404, code: "NoSuchKey", message: "The specified key does not exist.", details: [("Key", key)])
    }

    static func noSuchUpload(_ uploadId: String) -> S3Error {
        S3Error(status: 404, code: "NoSuchUpload",
                message: "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
                details: [("UploadId", uploadId)])
    }

    static func invalidBucketName(_ bucket: String) -> S3Error {
        S3Error(status: 400, code: "InvalidBucketName", message: "The specified bucket is not valid.", details: [("BucketName", bucket)])
    }

    static func invalidArgument(_ message: String) -> S3Error {
        S3Error(status: 400, code: "InvalidArgument", message: message)
    }

    static func notImplemented(_ what: String) -> S3Error {
        S3Error(status: 501, code: "NotImplemented", message: "A header or query you provided implies functionality that is not implemented: \(what)")
    }

    static func internalError(_ reason: String) -> S3Error {
        S3Error(status: 500, code: "InternalError", message: "We encountered an internal error. Please try again. (\(reason))")
    }

    /// How S3 refuses a request that fails authentication.
    static func auth(_ failure: AuthFailure) -> S3Error {
        switch failure {
        case .missing: S3Error(status: 403, code: "AccessDenied", message: "Access Denied")
        case .malformed(let what): S3Error(status: 400, code: "AuthorizationHeaderMalformed", message: what)
        case .unknownKey:
            S3Error(status: 403, code: "InvalidAccessKeyId", message: "The AWS Access Key Id you provided does not exist in our records.")
        case .signatureMismatch:
            S3Error(status: 403, code: "SignatureDoesNotMatch",
                    message: "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
        case .skewed(let requestTime, let serverTime):
            S3Error(status: 403, code: "RequestTimeTooSkewed",
                    message: "The difference between the request time and the current time is too large.",
                    details: [("RequestTime", SigV4Encoding.formatTime(requestTime)), ("ServerTime", S3XML.timestamp(serverTime)),
                              ("MaxAllowedSkewMilliseconds", "900000")])
        case .expired: S3Error(status: 403, code: "AccessDenied", message: "Request has expired")
        }
    }
}

/// The little XML S3 speaks: escaping, timestamps, and reading a CompleteMultipartUpload body.
enum S3XML {
    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    static let namespace = "http://s3.amazonaws.com/doc/2006-03-01/"

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\r": out += "&#13;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    static func unescape(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        return text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&#34;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// `2026-01-02T03:04:05.000Z`.
    static func timestamp(_ date: Date) -> String {
        let text = SigV4Encoding.formatTime(date)
        let c = Array(text)
        return "\(String(c[0..<4]))-\(String(c[4..<6]))-\(String(c[6..<8]))T\(String(c[9..<11])):\(String(c[11..<13])):\(String(c[13..<15])).000Z"
    }

    /// `Fri, 02 Jan 2026 03:04:05 GMT` (Last-Modified).
    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    /// The texts of every `<name>…</name>` element inside `text`, in order.
    static func elements(_ name: String, in text: Substring) -> [Substring] {
        var results: [Substring] = []
        var rest = text
        while let open = rest.range(of: "<\(name)>") {
            guard let close = rest[open.upperBound...].range(of: "</\(name)>") else { break }
            results.append(rest[open.upperBound..<close.lowerBound])
            rest = rest[close.upperBound...]
        }
        return results
    }
}
