import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOPosix
import ValenceJobs

/// S3, path-style, over the object root the jobs read and write (`s3://bucket/key` is
/// `$VALENCE_S3_ROOT/bucket/key`): buckets (Create, Head, Delete, ListBuckets), objects (Put, Get
/// with Range, Head, Delete), ListObjectsV2 and multipart uploads. Object writes are atomic
/// (``ObjectUpload``); every path goes through ``ObjectStore``'s checks, so none leaves the root.
struct S3Endpoint: Sendable {
    let store: ObjectStore
    /// `$VALENCE_HOME/uploads`: multipart uploads in progress.
    let uploadsDirectory: String
    let region: String
    /// File system work (mkdir, fsync, rename, concatenation) off the event loops.
    let pool: NIOThreadPool

    /// The bucket and key a request names: `/` is the service, `/bucket` a bucket, `/bucket/key` an object.
    struct Target {
        var bucket: String?
        var key: String
    }

    /// Splits the raw path; a bucket or key that is not UTF-8 or holds a NUL is refused.
    static func target(path: String) throws(S3Error) -> Target {
        let trimmed = path.drop { $0 == "/" }
        guard !trimmed.isEmpty else { return Target(bucket: nil, key: "") }
        let slash = trimmed.firstIndex(of: "/")
        let bucketBytes = SigV4Encoding.percentDecodedBytes(trimmed[..<(slash ?? trimmed.endIndex)])
        let keyBytes = slash.map { SigV4Encoding.percentDecodedBytes(trimmed[trimmed.index(after: $0)...]) } ?? []
        guard let bucket = String(validating: bucketBytes, as: UTF8.self),
              let key = String(validating: keyBytes, as: UTF8.self), !keyBytes.contains(0)
        else { throw S3Error.invalidArgument("Object names must be valid UTF-8 without NUL characters.") }
        guard let uri = S3URI("s3://" + bucket), uri.bucket == bucket, uri.key.isEmpty else { throw S3Error.invalidBucketName(bucket) }
        return Target(bucket: bucket, key: key)
    }

    func respond(to request: Request, signed: SignableRequest, body: BodyReader,
                 context: some RequestContext) async throws(S3Error) -> Response {
        let target = try Self.target(path: signed.path)
        let method = request.method
        let query = signed.queryItems
        func has(_ name: String) -> Bool { query.contains { $0.name == name } }
        guard let bucket = target.bucket else {
            guard method == .get else { throw S3Error(status: 405, code: "MethodNotAllowed", message: "The specified method is not allowed against this resource.") }
            return try await listBuckets()
        }
        if target.key.isEmpty {
            switch method {
            case .put: return try await createBucket(bucket, body: body)
            case .head: return try await headBucket(bucket)
            case .delete: return try await deleteBucket(bucket)
            case .get where signed.queryValue("list-type") == "2": return try await listObjects(bucket, signed)
            case .get: throw S3Error.notImplemented("only ListObjectsV2 (list-type=2) lists a bucket")
            default: throw S3Error.notImplemented("\(method) on a bucket")
            }
        }
        let object = S3URI(bucket: bucket, key: target.key)
        if let uploadId = signed.queryValue("uploadId") {
            switch method {
            case .put: return try await uploadPart(object, uploadId: uploadId, partNumber: signed.queryValue("partNumber"), body: body)
            case .post: return try await completeUpload(object, uploadId: uploadId, body: body)
            case .delete: return try await abortUpload(object, uploadId: uploadId)
            default: throw S3Error.notImplemented("\(method) with uploadId")
            }
        }
        switch method {
        case .post where has("uploads"): return try await createUpload(object)
        case .put:
            if signed.header("x-amz-copy-source") != nil { throw S3Error.notImplemented("CopyObject") }
            return try await putObject(object, body: body)
        case .get, .head: return try await getObject(object, range: signed.header("range"), head: method == .head, context: context)
        case .delete: return try await deleteObject(object)
        default: throw S3Error.notImplemented("\(method) on an object")
        }
    }

    // MARK: Buckets

    /// `<root>/<bucket>`, which must exist.
    func existingBucket(_ bucket: String) throws(S3Error) -> String {
        let path = try bucketPath(bucket, access: .read)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw S3Error.noSuchBucket(bucket)
        }
        return path
    }

    func bucketPath(_ bucket: String, access: ObjectStore.Access) throws(S3Error) -> String {
        do {
            return try store.localPath(for: S3URI(bucket: bucket), access: access)
        } catch {
            throw S3Error.invalidArgument("The bucket cannot be used: \(error.reason)")
        }
    }

    func listBuckets() async throws(S3Error) -> Response {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: store.root)) ?? []).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var xml = S3XML.header + "<ListAllMyBucketsResult xmlns=\"\(S3XML.namespace)\"><Owner><ID>valence</ID><DisplayName>valence</DisplayName></Owner><Buckets>"
        for name in names {
            guard let uri = S3URI("s3://" + name), uri.bucket == name, let info = ObjectInfo(path: store.root + "/" + name),
                  info.isDirectory else { continue }
            xml += "<Bucket><Name>\(S3XML.escape(name))</Name><CreationDate>\(S3XML.timestamp(info.modified))</CreationDate></Bucket>"
        }
        xml += "</Buckets></ListAllMyBucketsResult>"
        return Self.xmlResponse(xml)
    }

    func createBucket(_ bucket: String, body: BodyReader) async throws(S3Error) -> Response {
        _ = try await body.collect(limit: 1 << 20)
        let path = try bucketPath(bucket, access: .write)
        let root = store.root
        let result: Int32 = (try? await pool.runIfActive { () -> Int32 in
            try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            return mkdir(path, 0o777) == 0 ? 0 : errno
        }) ?? EIO
        switch result {
        case 0: break
        case EEXIST:
            throw S3Error(status: 409, code: "BucketAlreadyOwnedByYou",
                          message: "Your previous request to create the named bucket succeeded and you already own it.", details: [("BucketName", bucket)])
        default: throw S3Error.internalError("mkdir \(path): \(String(cString: strerror(result)))")
        }
        var response = Response(status: .ok)
        response.headers[.location] = "/" + bucket
        return response
    }

    func headBucket(_ bucket: String) async throws(S3Error) -> Response {
        _ = try existingBucket(bucket)
        var response = Response(status: .ok)
        response.headers[HTTPField.Name("x-amz-bucket-region")!] = region
        return response
    }

    func deleteBucket(_ bucket: String) async throws(S3Error) -> Response {
        let path = try existingBucket(bucket)
        guard rmdir(path) == 0 else {
            if errno == ENOTEMPTY || errno == EEXIST {
                throw S3Error(status: 409, code: "BucketNotEmpty", message: "The bucket you tried to delete is not empty", details: [("BucketName", bucket)])
            }
            throw S3Error.internalError("rmdir \(path): \(String(cString: strerror(errno)))")
        }
        return Response(status: .noContent)
    }

    // MARK: Objects

    func putObject(_ object: S3URI, body: BodyReader) async throws(S3Error) -> Response {
        _ = try existingBucket(object.bucket)
        let upload = try Self.startUpload { () throws(StorageError) in try ObjectUpload(store: store, object: object) }
        try await body.stream(into: upload)
        let tag = try await commit(upload)
        var response = Response(status: .ok)
        response.headers[.eTag] = tag
        return response
    }

    /// An upload's start, its refusal worded for S3 (the key cannot be a file under the root).
    static func startUpload(_ start: () throws(StorageError) -> ObjectUpload) throws(S3Error) -> ObjectUpload {
        do {
            return try start()
        } catch {
            throw S3Error.invalidArgument("Valence cannot store this key as a file under its object root: \(error.reason)")
        }
    }

    /// Commits `upload` on the pool; returns the new object's ETag.
    func commit(_ upload: ObjectUpload) async throws(S3Error) -> String {
        let box = UploadBox(upload)
        let outcome: Result<String, StorageError>
        do {
            outcome = try await pool.runIfActive {
                Result { () throws(StorageError) in
                    try box.upload.commit()
                    return ObjectInfo(path: box.upload.path)?.eTag ?? "\"\""
                }
            }
        } catch {
            upload.abandon()
            throw S3Error.internalError("the server is shutting down")
        }
        switch outcome {
        case .success(let tag): return tag
        case .failure(let error): throw S3Error.internalError(error.description)
        }
    }

    func getObject(_ object: S3URI, range: String?, head: Bool, context: some RequestContext) async throws(S3Error) -> Response {
        _ = try existingBucket(object.bucket)
        guard !object.key.hasSuffix("/"),
              let path = try? store.localPath(for: object, access: .read),
              let info = ObjectInfo(path: path), info.isRegular,
              !ArchiveWriter.isTemporaryFileName(object.lastPathComponent)
        else { throw S3Error.noSuchKey(object.key) }
        var headers: HTTPFields = [:]
        headers[.eTag] = info.eTag
        headers[.lastModified] = S3XML.httpDate(info.modified)
        headers[.contentType] = "binary/octet-stream"
        headers[.acceptRanges] = "bytes"
        var status = HTTPResponse.Status.ok
        var bytes = info.size > 0 ? 0...(info.size - 1) : nil
        if let range {
            let selected = try Self.byteRange(range, size: info.size)
            bytes = selected
            status = .partialContent
            headers[.contentRange] = "bytes \(selected.lowerBound)-\(selected.upperBound)/\(info.size)"
        }
        headers[.contentLength] = String(bytes?.count ?? 0)
        guard !head, let bytes else { return Response(status: status, headers: headers) }
        do {
            let body = try await FileIO(threadPool: pool).loadFile(path: path, range: bytes, context: context)
            return Response(status: status, headers: headers, body: body)
        } catch {
            throw S3Error.noSuchKey(object.key)
        }
    }

    /// A `Range: bytes=a-b` / `bytes=a-` / `bytes=-n` header, clamped to the object (S3 ignores a
    /// header it cannot parse; an unsatisfiable range is 416 `InvalidRange`).
    static func byteRange(_ header: String, size: Int) throws(S3Error) -> ClosedRange<Int> {
        let invalid = S3Error(status: 416, code: "InvalidRange", message: "The requested range is not satisfiable",
                              details: [("RangeRequested", header), ("ActualObjectSize", String(size))])
        guard header.hasPrefix("bytes="), !header.contains(",") else { return 0...max(size - 1, 0) }
        let spec = header.dropFirst(6).split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard spec.count == 2 else { return 0...max(size - 1, 0) }
        if spec[0].isEmpty {
            guard let suffix = Int(spec[1]), suffix > 0, size > 0 else { throw invalid }
            return max(size - suffix, 0)...(size - 1)
        }
        guard let first = Int(spec[0]) else { return 0...max(size - 1, 0) }
        guard first < size else { throw invalid }
        let last = spec[1].isEmpty ? size - 1 : min(Int(spec[1]) ?? (size - 1), size - 1)
        guard last >= first else { return 0...(size - 1) }
        return first...last
    }

    func deleteObject(_ object: S3URI) async throws(S3Error) -> Response {
        _ = try existingBucket(object.bucket)
        if !object.key.hasSuffix("/"), let path = try? store.localPath(for: object, access: .write),
           let info = ObjectInfo(path: path, followingLinks: false), !info.isDirectory {
            unlink(path)
        }
        return Response(status: .noContent)
    }

    static func xmlResponse(_ xml: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/xml"], body: ResponseBody(byteBuffer: ByteBuffer(string: xml)))
    }
}

/// An upload handed to the thread pool (it is used by one task at a time).
final class UploadBox: @unchecked Sendable {
    let upload: ObjectUpload
    init(_ upload: ObjectUpload) { self.upload = upload }
}

/// What S3 reports about an object file: size, time, and an ETag.
struct ObjectInfo {
    var size: Int
    var modified: Date
    var isRegular: Bool
    var isDirectory: Bool
    /// A strong validator of this version of the file (size, modification time in nanoseconds,
    /// inode), quoted. It is not the MD5 of the content: S3 clients treat ETags as opaque.
    var eTag: String

    init?(path: String, followingLinks: Bool = true) {
        var info = stat()
        guard (followingLinks ? stat(path, &info) : lstat(path, &info)) == 0 else { return nil }
        size = Int(info.st_size)
        modified = Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec) + TimeInterval(info.st_mtim.tv_nsec) / 1e9)
        isRegular = info.st_mode & S_IFMT == S_IFREG
        isDirectory = info.st_mode & S_IFMT == S_IFDIR
        let identity = "\(info.st_size)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)-\(info.st_ino)"
        eTag = "\"" + Digest.hex(Digest.sha256(Array(identity.utf8))).prefix(32) + "\""
    }
}
