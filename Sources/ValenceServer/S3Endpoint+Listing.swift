import Foundation
import Hummingbird
import NIOCore
import ValenceJobs

extension S3Endpoint {
    /// ListObjectsV2: the objects input selection sees (``InputSelector``: regular files, byte
    /// order, uploads in progress never listed) under `prefix`, rolled up at `delimiter`, at most
    /// `max-keys` (1000) entries a page, continued after the last entry of the previous page.
    func listObjects(_ bucket: String, _ signed: SignableRequest) async throws(S3Error) -> Response {
        _ = try existingBucket(bucket)
        let prefix = signed.queryValue("prefix") ?? ""
        let delimiter = signed.queryValue("delimiter") ?? ""
        let encodesKeys = signed.queryValue("encoding-type") == "url"
        guard let maxKeys = Int(signed.queryValue("max-keys") ?? "1000"), maxKeys >= 0 else {
            throw S3Error.invalidArgument("Provided max-keys not an integer or within integer range")
        }
        let pageSize = min(maxKeys, 1000)
        let token = signed.queryValue("continuation-token")
        var marker = signed.queryValue("start-after")
        if let token {
            guard let data = Data(base64Encoded: token), let decoded = String(data: data, encoding: .utf8) else {
                throw S3Error.invalidArgument("The continuation token provided is incorrect")
            }
            marker = decoded
        }
        let selector = InputSelector(store: store)
        let uri = S3URI(bucket: bucket, key: prefix)
        let selected: Result<[InputObject], StorageError>
        do {
            selected = try await pool.runIfActive {
                Result { () throws(StorageError) in try selector.select(uri) }
            }
        } catch {
            throw S3Error.internalError("the server is shutting down")
        }
        let objects: [InputObject]
        switch selected {
        case .success(let value): objects = value
        case .failure(let error): throw S3Error.invalidArgument("The prefix cannot be listed: \(error.reason)")
        }

        var contents: [InputObject] = []
        var commonPrefixes: [String] = []
        var last: String?
        var truncated = false
        for object in objects {
            if let marker {
                if !marker.utf8.lexicographicallyPrecedes(object.key.utf8) { continue }
                if !delimiter.isEmpty, marker.hasSuffix(delimiter), object.key.hasPrefix(marker) { continue }
            }
            let rest = object.key.utf8.dropFirst(prefix.utf8.count)
            var common: String?
            if !delimiter.isEmpty, let range = Substring(rest).range(of: delimiter) {
                common = prefix + String(Substring(rest)[..<range.upperBound])
                if common == commonPrefixes.last { continue }
            }
            guard contents.count + commonPrefixes.count < pageSize else {
                truncated = true
                break
            }
            if let common {
                commonPrefixes.append(common)
                last = common
            } else {
                contents.append(object)
                last = object.key
            }
        }

        func text(_ value: String) -> String { S3XML.escape(encodesKeys ? SigV4Encoding.encode(value, keepingSlash: true) : value) }
        var xml = S3XML.header + "<ListBucketResult xmlns=\"\(S3XML.namespace)\"><Name>\(S3XML.escape(bucket))</Name>"
        xml += "<Prefix>\(text(prefix))</Prefix><KeyCount>\(contents.count + commonPrefixes.count)</KeyCount><MaxKeys>\(maxKeys)</MaxKeys>"
        if !delimiter.isEmpty { xml += "<Delimiter>\(text(delimiter))</Delimiter>" }
        xml += "<IsTruncated>\(truncated)</IsTruncated>"
        for object in contents {
            let info = ObjectInfo(path: object.path)
            xml += "<Contents><Key>\(text(object.key))</Key><LastModified>\(S3XML.timestamp(info?.modified ?? Date()))</LastModified>"
            xml += "<ETag>\(S3XML.escape(info?.eTag ?? "\"\""))</ETag><Size>\(object.size)</Size><StorageClass>STANDARD</StorageClass></Contents>"
        }
        for common in commonPrefixes { xml += "<CommonPrefixes><Prefix>\(text(common))</Prefix></CommonPrefixes>" }
        if let token { xml += "<ContinuationToken>\(S3XML.escape(token))</ContinuationToken>" }
        if truncated, let last { xml += "<NextContinuationToken>\(Data(last.utf8).base64EncodedString())</NextContinuationToken>" }
        if let startAfter = signed.queryValue("start-after") { xml += "<StartAfter>\(text(startAfter))</StartAfter>" }
        if encodesKeys { xml += "<EncodingType>url</EncodingType>" }
        xml += "</ListBucketResult>"
        return Self.xmlResponse(xml)
    }
}
