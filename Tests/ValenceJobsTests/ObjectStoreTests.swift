import Foundation
import Testing
import ValenceJobs
import ValenceTestSupport

@Suite struct ObjectStoreTests {
    @Test func mapsBucketAndKeyUnderTheRoot() throws {
        let scratch = try TemporaryDirectory()
        let store = scratch.store()
        #expect(try store.localPath(for: S3URI(bucket: "bucket", key: "in/a.txt"), access: .read)
            == scratch.path("s3/bucket/in/a.txt"))
        #expect(try store.localPath(for: S3URI(bucket: "bucket"), access: .read) == scratch.path("s3/bucket"))
        // Dots inside a name are not `..` segments.
        #expect(try store.localPath(for: S3URI(bucket: "bucket", key: "a..b/.../.hidden"), access: .write)
            == scratch.path("s3/bucket/a..b/.../.hidden"))
    }

    @Test(arguments: ["..", "../x", "a/../../x", "a/..", "./a", "a/./b", ".", "a/b/../../../etc/passwd"])
    func dotSegmentsAreRefused(_ key: String) throws {
        let scratch = try TemporaryDirectory()
        let store = scratch.store()
        let uri = S3URI(bucket: "bucket", key: key)
        let read = #expect(throws: StorageError.self) { try store.localPath(for: uri, access: .read) }
        #expect(read?.code == .noReadAccessToInput)
        let write = #expect(throws: StorageError.self) { try store.localPath(for: uri, access: .write) }
        #expect(write?.code == .noWriteAccessToOutput)
    }

    @Test func aSymlinkThatLeavesTheRootIsRefused() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("outside/secret.txt", "secret")
        try scratch.symlink("s3/bucket/link", to: scratch.path("outside"))
        let store = scratch.store()
        let error = #expect(throws: StorageError.self) {
            try store.localPath(for: S3URI(bucket: "bucket", key: "link/secret.txt"), access: .read)
        }
        #expect(error?.code == .noReadAccessToInput)
        #expect(error?.jobMessage
            == "NO_READ_ACCESS_TO_INPUT: The provided data access role does not have proper access to the input data.")
        // Not-yet-existing paths below the escaping link are refused too.
        #expect(throws: StorageError.self) {
            try store.localPath(for: S3URI(bucket: "bucket", key: "link/new/file"), access: .write)
        }
    }

    @Test func aSymlinkThatStaysInsideTheRootIsAllowed() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("s3/other/real.txt", "x")
        try scratch.symlink("s3/bucket/alias", to: "../other")
        let path = try scratch.store().localPath(for: S3URI(bucket: "bucket", key: "alias/real.txt"), access: .read)
        #expect(path == scratch.path("s3/bucket/alias/real.txt"))
    }

    @Test func aRootBehindASymlinkIsComparedResolved() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("real-root/bucket/a.txt", "x")
        try scratch.symlink("linked-root", to: scratch.path("real-root"))
        let store = scratch.store("linked-root")
        #expect(try store.localPath(for: S3URI(bucket: "bucket", key: "a.txt"), access: .read)
            == scratch.path("linked-root/bucket/a.txt"))
    }

    @Test func aDanglingSymlinkIsRefused() throws {
        let scratch = try TemporaryDirectory()
        try scratch.symlink("s3/bucket/out", to: scratch.path("nowhere/at/all"))
        let error = #expect(throws: StorageError.self) {
            try scratch.store().localPath(for: S3URI(bucket: "bucket", key: "out/x"), access: .write)
        }
        #expect(error?.code == .noWriteAccessToOutput)
    }
}

@Suite struct OutputLocationTests {
    static let account = "111122223333"
    static let jobId = "0b5001e25f62ebb40631a9a1a7fde7b3"

    /// §7.1, §13 #20: the prefix is taken as a folder; a missing `/` is inserted.
    @Test(arguments: [
        ("s3://amzn-s3-demo-destination-bucket/testfolder/",
         "s3://amzn-s3-demo-destination-bucket/testfolder/111122223333-SENTIMENT-0b5001e25f62ebb40631a9a1a7fde7b3/output/output.tar.gz"),
        ("s3://bucket/testfolder",
         "s3://bucket/testfolder/111122223333-SENTIMENT-0b5001e25f62ebb40631a9a1a7fde7b3/output/output.tar.gz"),
        ("s3://bucket",
         "s3://bucket/111122223333-SENTIMENT-0b5001e25f62ebb40631a9a1a7fde7b3/output/output.tar.gz"),
        ("s3://bucket/",
         "s3://bucket/111122223333-SENTIMENT-0b5001e25f62ebb40631a9a1a7fde7b3/output/output.tar.gz"),
    ])
    func item20_objectURIJoinsThePrefixAsAFolder(_ prefix: String, _ expected: String) {
        #expect(OutputLocation.sentimentObjectURI(outputPrefix: prefix, accountId: Self.account, jobId: Self.jobId) == expected)
    }

    @Test func mapsTheObjectAndCreatesItsDirectory() throws {
        let scratch = try TemporaryDirectory()
        // The root does not exist yet: creating the output directory creates it.
        let store = scratch.store("home/s3")
        let location = try store.sentimentOutputLocation(
            outputPrefix: "s3://out-bucket/results", accountId: Self.account, jobId: Self.jobId)
        let folder = scratch.path("home/s3/out-bucket/results/111122223333-SENTIMENT-0b5001e25f62ebb40631a9a1a7fde7b3/output")
        #expect(location.uri == "s3://out-bucket/results/111122223333-SENTIMENT-0b5001e25f62ebb40631a9a1a7fde7b3/output/output.tar.gz")
        #expect(location.object.bucket == "out-bucket")
        #expect(location.object.key == "results/111122223333-SENTIMENT-0b5001e25f62ebb40631a9a1a7fde7b3/output/output.tar.gz")
        #expect(location.path == folder + "/output.tar.gz")
        #expect(location.directory == folder)
        #expect(!FileManager.default.fileExists(atPath: folder))

        try location.createDirectory()
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) && isDirectory.boolValue)
        // Again: existing directories are fine.
        try location.createDirectory()
        #expect(try store.outputLocation(objectURI: location.uri) == location)
    }

    @Test func aPrefixWithDotDotIsRefused() throws {
        let scratch = try TemporaryDirectory()
        let error = #expect(throws: StorageError.self) {
            try scratch.store().sentimentOutputLocation(outputPrefix: "s3://bucket/../escape/", accountId: Self.account, jobId: Self.jobId)
        }
        #expect(error?.code == .noWriteAccessToOutput)
        #expect(error?.jobMessage
            == "NO_WRITE_ACCESS_TO_OUTPUT: The provided data access role does not have write access to the output S3 URI.")
    }

    @Test func creatingThroughAnEscapingSymlinkIsRefusedAndCreatesNothingOutside() throws {
        let scratch = try TemporaryDirectory()
        try scratch.makeDirectory("outside")
        try scratch.symlink("s3/bucket/results", to: scratch.path("outside"))
        // Mapping already refuses a location behind the link.
        let mapped = #expect(throws: StorageError.self) {
            try scratch.store().outputLocation(objectURI: "s3://bucket/results/x/output.tar.gz")
        }
        #expect(mapped?.code == .noWriteAccessToOutput)

        // A link that appears after the mapping is caught while creating the folders.
        let location = try scratch.store().sentimentOutputLocation(
            outputPrefix: "s3://bucket/later/", accountId: Self.account, jobId: Self.jobId)
        try scratch.symlink("s3/bucket/later", to: scratch.path("outside"))
        let error = #expect(throws: StorageError.self) { try location.createDirectory() }
        #expect(error?.code == .noWriteAccessToOutput)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path("outside")) == [])
    }

    @Test func aFileWhereAFolderShouldBeIsAWriteFailure() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("s3/bucket/results", "not a folder")
        let location = try scratch.store().sentimentOutputLocation(
            outputPrefix: "s3://bucket/results/", accountId: Self.account, jobId: Self.jobId)
        let error = #expect(throws: StorageError.self) { try location.createDirectory() }
        #expect(error?.code == .noWriteAccessToOutput)
    }
}
