import Foundation
import Hummingbird
import NIOCore
import ValenceJobs

/// Multipart uploads (what `upload_file` and `aws s3 cp` use for large files). An upload is a
/// directory `$VALENCE_HOME/uploads/<UploadId>/` — outside the object root, so no part is ever
/// an object a job could read — holding `upload.json` (bucket and key) and one file per part.
/// Complete concatenates the parts into one ``ObjectUpload``, which appears under the key in one
/// rename.
extension S3Endpoint {
    /// Parts other than the last must be at least 5 MiB, as in S3.
    static let minimumPartSize = 5 * 1024 * 1024

    func uploadDirectory(_ uploadId: String) -> String { uploadsDirectory + "/" + uploadId }

    /// The upload's directory, after checking that it belongs to `object`.
    func existingUpload(_ uploadId: String, for object: S3URI) throws(S3Error) -> String {
        let isId = uploadId.utf8.count == 32 && uploadId.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
        let directory = uploadDirectory(uploadId)
        guard isId, let data = FileManager.default.contents(atPath: directory + "/upload.json"),
              let json = try? JSONValue.parse(String(decoding: data, as: UTF8.self)),
              json["Bucket"]?.stringValue == object.bucket, json["Key"]?.stringValue == object.key
        else { throw S3Error.noSuchUpload(uploadId) }
        return directory
    }

    func createUpload(_ object: S3URI) async throws(S3Error) -> Response {
        _ = try existingBucket(object.bucket)
        // Refuse a key that cannot be stored now, not after the parts were sent.
        let probe = try Self.startUpload { () throws(StorageError) in try ObjectUpload(store: store, object: object) }
        probe.abandon()
        let uploadId = Digest.hex(Digest.randomBytes(16))
        let directory = uploadDirectory(uploadId)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let record = JSONValue.object([("Bucket", .string(object.bucket)), ("Key", .string(object.key))])
            try AtomicFile.write(record.serialized(.line), to: directory + "/upload.json")
        } catch {
            throw S3Error.internalError("cannot record the upload in \(directory): \(error)")
        }
        let xml = S3XML.header + "<InitiateMultipartUploadResult xmlns=\"\(S3XML.namespace)\"><Bucket>\(S3XML.escape(object.bucket))</Bucket>"
            + "<Key>\(S3XML.escape(object.key))</Key><UploadId>\(uploadId)</UploadId></InitiateMultipartUploadResult>"
        return Self.xmlResponse(xml)
    }

    func uploadPart(_ object: S3URI, uploadId: String, partNumber: String?, body: BodyReader) async throws(S3Error) -> Response {
        guard let number = partNumber.flatMap({ Int($0) }), (1...10_000).contains(number) else {
            throw S3Error.invalidArgument("Part number must be an integer between 1 and 10000, inclusive")
        }
        let directory = try existingUpload(uploadId, for: object)
        let upload = try Self.startUpload { () throws(StorageError) in try ObjectUpload(stagingPath: "\(directory)/\(number)") }
        try await body.stream(into: upload)
        var response = Response(status: .ok)
        response.headers[.eTag] = try await commit(upload)
        return response
    }

    func completeUpload(_ object: S3URI, uploadId: String, body: BodyReader) async throws(S3Error) -> Response {
        let directory = try existingUpload(uploadId, for: object)
        let buffer = try await body.collect(limit: 16 << 20)
        let text = Substring(String(buffer: buffer))
        var parts: [(number: Int, eTag: String)] = []
        for part in S3XML.elements("Part", in: text) {
            guard let number = S3XML.elements("PartNumber", in: part).first.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }),
                  let eTag = S3XML.elements("ETag", in: part).first
            else { throw S3Error(status: 400, code: "MalformedXML", message: "The XML you provided was not well-formed or did not validate against our published schema.") }
            parts.append((number, S3XML.unescape(eTag)))
        }
        guard !parts.isEmpty else {
            throw S3Error(status: 400, code: "MalformedXML", message: "The XML you provided was not well-formed or did not validate against our published schema.")
        }
        guard zip(parts, parts.dropFirst()).allSatisfy({ $0.number < $1.number }) else {
            throw S3Error(status: 400, code: "InvalidPartOrder", message: "The list of parts was not in ascending order. Parts must be ordered by part number.", details: [("UploadId", uploadId)])
        }
        var paths: [String] = []
        for (index, part) in parts.enumerated() {
            let path = "\(directory)/\(part.number)"
            guard let info = ObjectInfo(path: path), info.eTag == part.eTag else {
                throw S3Error(status: 400, code: "InvalidPart",
                              message: "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not have matched the part's entity tag.",
                              details: [("UploadId", uploadId), ("PartNumber", String(part.number)), ("ETag", part.eTag)])
            }
            if index < parts.count - 1, info.size < Self.minimumPartSize {
                throw S3Error(status: 400, code: "EntityTooSmall", message: "Your proposed upload is smaller than the minimum allowed object size.",
                              details: [("PartNumber", String(part.number)), ("ProposedSize", String(info.size)), ("MinSizeAllowed", String(Self.minimumPartSize))])
            }
            paths.append(path)
        }
        _ = try existingBucket(object.bucket)
        let upload = try Self.startUpload { () throws(StorageError) in try ObjectUpload(store: store, object: object) }
        let box = UploadBox(upload)
        let partPaths = paths
        let copied: String?
        do {
            copied = try await pool.runIfActive { Self.concatenate(partPaths, into: box.upload) }
        } catch {
            copied = "the server is shutting down"
        }
        if let copied {
            upload.abandon()
            throw S3Error.internalError(copied)
        }
        let tag = try await commit(upload)
        try? FileManager.default.removeItem(atPath: directory)
        let xml = S3XML.header + "<CompleteMultipartUploadResult xmlns=\"\(S3XML.namespace)\"><Location>/\(S3XML.escape(object.bucket))/\(S3XML.escape(object.key))</Location>"
            + "<Bucket>\(S3XML.escape(object.bucket))</Bucket><Key>\(S3XML.escape(object.key))</Key><ETag>\(S3XML.escape(tag))</ETag></CompleteMultipartUploadResult>"
        return Self.xmlResponse(xml)
    }

    func abortUpload(_ object: S3URI, uploadId: String) async throws(S3Error) -> Response {
        let directory = try existingUpload(uploadId, for: object)
        try? FileManager.default.removeItem(atPath: directory)
        return Response(status: .noContent)
    }

    /// Appends the files at `paths` to `upload`, 1 MiB at a time; the failure, or nil.
    static func concatenate(_ paths: [String], into upload: ObjectUpload) -> String? {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        for path in paths {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return "open \(path): \(String(cString: strerror(errno)))" }
            defer { close(fd) }
            while true {
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count < 0 {
                    if errno == EINTR { continue }
                    return "read \(path): \(String(cString: strerror(errno)))"
                }
                if count == 0 { break }
                let failure: StorageError? = buffer.withUnsafeBytes { raw in
                    do throws(StorageError) { try upload.append(UnsafeRawBufferPointer(rebasing: raw[..<count])) } catch { return error }
                    return nil
                }
                if let failure { return failure.description }
            }
        }
        return nil
    }
}
