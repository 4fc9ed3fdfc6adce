import Foundation
import Hummingbird
import NIOCore
import ValenceJobs

/// Reads an S3 request's body while checking it against what the signed headers claim: the
/// `x-amz-content-sha256` (unless `UNSIGNED-PAYLOAD`) and a `Content-MD5`, if sent. A body that
/// does not match is refused (`XAmzContentSHA256Mismatch`, `BadDigest`) and nothing is kept.
struct BodyReader: Sendable {
    let body: RequestBody
    /// The signed payload hash: 64 hex digits, or `UNSIGNED-PAYLOAD`.
    let payloadHash: String
    let contentMD5: String?
    /// Shared by the copies of one request's reader: whether anyone started reading the body.
    var progress = Progress()

    final class Progress: @unchecked Sendable {
        var started = false
    }

    /// The whole body, at most `limit` bytes (S3's `MaxMessageLengthExceeded` beyond).
    func collect(limit: Int) async throws(S3Error) -> ByteBuffer {
        let check = Check(self)
        progress.started = true
        var collected = ByteBuffer()
        do {
            for try await chunk in body {
                guard collected.readableBytes + chunk.readableBytes <= limit else {
                    throw S3Error(status: 400, code: "MaxMessageLengthExceeded", message: "Your request was too big.")
                }
                chunk.withUnsafeReadableBytes { check.update($0) }
                collected.writeImmutableBuffer(chunk)
            }
        } catch let error as S3Error {
            throw error
        } catch {
            throw S3Error(status: 400, code: "IncompleteBody", message: "You did not provide the number of bytes specified by the Content-Length HTTP header. (\(error))")
        }
        try check.finish()
        return collected
    }

    /// Appends the body to `upload`; on any failure the upload is abandoned.
    func stream(into upload: ObjectUpload) async throws(S3Error) {
        let check = Check(self)
        progress.started = true
        do {
            for try await chunk in body {
                let failure: StorageError? = chunk.withUnsafeReadableBytes { raw in
                    check.update(raw)
                    do throws(StorageError) { try upload.append(raw) } catch { return error }
                    return nil
                }
                if let failure { throw failure }
            }
            try check.finish()
        } catch let error as S3Error {
            upload.abandon()
            throw error
        } catch let error as StorageError {
            upload.abandon()
            throw S3Error.internalError(error.description)
        } catch {
            upload.abandon()
            throw S3Error(status: 400, code: "IncompleteBody", message: "You did not provide the number of bytes specified by the Content-Length HTTP header. (\(error))")
        }
    }

    /// The running hashes of one body.
    final class Check {
        let sha256: Digest.Incremental?
        let md5: Digest.Incremental?
        let reader: BodyReader

        init(_ reader: BodyReader) {
            self.reader = reader
            sha256 = reader.payloadHash == SignatureV4Verifier.unsignedPayload ? nil : Digest.Incremental(.sha256)
            md5 = reader.contentMD5 == nil ? nil : Digest.Incremental(.md5)
        }

        func update(_ raw: UnsafeRawBufferPointer) {
            sha256?.update(raw)
            md5?.update(raw)
        }

        func finish() throws(S3Error) {
            if let sha256, Digest.hex(sha256.finish()) != reader.payloadHash.lowercased() {
                throw S3Error(status: 400, code: "XAmzContentSHA256Mismatch",
                              message: "The provided 'x-amz-content-sha256' header does not match what was computed.")
            }
            if let md5, let claimed = reader.contentMD5, Data(md5.finish()).base64EncodedString() != claimed {
                throw S3Error(status: 400, code: "BadDigest", message: "The Content-MD5 you specified did not match what we received.")
            }
        }
    }
}
