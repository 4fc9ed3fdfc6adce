import Foundation
import Testing
import ValenceJobs
@testable import ValenceServer

/// How a request path becomes a bucket and a key, and the keys the object store refuses: the
/// mapping under the endpoint's path-escape guarantees (the live sweep is Tests/parity/test_serve_s3.py).
@Suite struct S3TargetTests {
    @Test func pathsSplitIntoBucketAndKey() throws {
        let cases: [(String, String?, String)] = [
            ("/", nil, ""), ("/bucket", "bucket", ""), ("/bucket/", "bucket", ""), ("/bucket/a/b.txt", "bucket", "a/b.txt"),
            ("/bucket/a%20b%2Bc", "bucket", "a b+c"), ("/bucket/%E6%97%A5/x", "bucket", "日/x"), ("/bucket/a%2Fb", "bucket", "a/b"),
            ("/bucket/%2e%2e/x", "bucket", "../x"), ("/bucket//lead", "bucket", "/lead"), ("/bucket/a%5Cb", "bucket", "a\\b"),
        ]
        for (path, bucket, key) in cases {
            let target = try S3Endpoint.target(path: path)
            #expect(target.bucket == bucket && target.key == key, "\(path)")
        }
    }

    @Test func badBucketsAndKeysAreRefused() {
        for path in ["/%2e%2e/x", "/../x", "/Bucket/x", "/b/x", "/bucket%2F../x", "/bucket/a%00b", "/bucket/%ff"] {
            #expect(throws: S3Error.self, "\(path)") { try S3Endpoint.target(path: path) }
        }
    }

    @Test func keysThatWouldLeaveTheRootCannotBeUploaded() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("s3target-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/bucket", withIntermediateDirectories: true)
        let store = ObjectStore(root: root)
        for key in ["../x", "a/../../x", "./x", "a/.", "", "dir/", "a\u{0}b"] {
            #expect(throws: StorageError.self, "\(key)") { try ObjectUpload(store: store, object: S3URI(bucket: "bucket", key: key)) }
        }
        let upload = try ObjectUpload(store: store, object: S3URI(bucket: "bucket", key: "a\\..\\x"))
        try Array("ok".utf8).withUnsafeBytes { try upload.append($0) }
        // Not visible before the commit, complete after it.
        #expect(try InputSelector(store: store).select(S3URI(bucket: "bucket")).isEmpty)
        try upload.commit()
        #expect(try InputSelector(store: store).select(S3URI(bucket: "bucket")).map(\.key) == ["a\\..\\x"])
    }

    @Test func byteRanges() throws {
        #expect(try S3Endpoint.byteRange("bytes=0-9", size: 100) == 0...9)
        #expect(try S3Endpoint.byteRange("bytes=90-", size: 100) == 90...99)
        #expect(try S3Endpoint.byteRange("bytes=-10", size: 100) == 90...99)
        #expect(try S3Endpoint.byteRange("bytes=50-1000", size: 100) == 50...99)
        #expect(throws: S3Error.self) { try S3Endpoint.byteRange("bytes=100-", size: 100) }
    }
}
