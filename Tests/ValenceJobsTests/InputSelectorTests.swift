#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
import ValenceJobs
import ValenceTestSupport

@Suite struct InputSelectorTests {
    static let noReadAccess =
        "NO_READ_ACCESS_TO_INPUT: The provided data access role does not have proper access to the input data."

    /// The bucket of spec §6.1's example plus near misses.
    static func exampleBucket() throws -> TemporaryDirectory {
        let scratch = try TemporaryDirectory()
        for key in ["data.txt", "data/x.txt", "data/sub/y.txt", "database.csv", "dat", "Data.txt", "other/data.txt", "x/data"] {
            try scratch.write("s3/bkt/\(key)", "content of \(key)\n")
        }
        return scratch
    }

    static func keys(_ scratch: TemporaryDirectory, _ uri: String) throws -> [String] {
        try InputSelector(store: scratch.store()).select(#require(S3URI(uri))).map(\.key)
    }

    /// §6.1, §13 #25: a plain key prefix over the whole bucket, recursive, sorted by key bytes.
    @Test(arguments: [
        ("s3://bkt/data", ["data.txt", "data/sub/y.txt", "data/x.txt", "database.csv"]),
        ("s3://bkt/data/", ["data/sub/y.txt", "data/x.txt"]),
        ("s3://bkt/data/x", ["data/x.txt"]),
        ("s3://bkt/data/x.txt", ["data/x.txt"]),
        ("s3://bkt/data/sub", ["data/sub/y.txt"]),
        ("s3://bkt/d", ["dat", "data.txt", "data/sub/y.txt", "data/x.txt", "database.csv"]),
        ("s3://bkt/D", ["Data.txt"]),
        ("s3://bkt", ["Data.txt", "dat", "data.txt", "data/sub/y.txt", "data/x.txt", "database.csv", "other/data.txt", "x/data"]),
        ("s3://bkt/", ["Data.txt", "dat", "data.txt", "data/sub/y.txt", "data/x.txt", "database.csv", "other/data.txt", "x/data"]),
        ("s3://bkt/data.txt/", []),
        ("s3://bkt/nothing", []),
        ("s3://bkt/data//x.txt", []),
    ])
    func item25_prefixSelectsEveryKeyThatStartsWithIt(_ uri: String, _ expected: [String]) throws {
        let scratch = try Self.exampleBucket()
        #expect(try Self.keys(scratch, uri) == expected)
    }

    @Test func item25_fileIsTheLastPathComponentAndObjectsCarryPathAndSize() throws {
        let scratch = try Self.exampleBucket()
        let objects = try InputSelector(store: scratch.store()).select(#require(S3URI("s3://bkt/data")))
        #expect(objects.map(\.fileName) == ["data.txt", "y.txt", "x.txt", "database.csv"])
        #expect(objects.map(\.size) == [20, 26, 22, 24])  // "content of <key>" plus LF
        let resolvedRoot = URL(fileURLWithPath: scratch.path).resolvingSymlinksInPath().path
        #expect(objects[1].path == resolvedRoot + "/s3/bkt/data/sub/y.txt")
    }

    /// S3 lists keys in UTF-8 byte order: `-` < `.` < `/` < upper case < lower case < non-ASCII, and
    /// canonically equivalent spellings are different keys.
    @Test func item25_sortedByKeyBytesNotByStringComparison() throws {
        let scratch = try TemporaryDirectory()
        let keys = ["é.txt", "e\u{301}.txt", "f.txt", "a/b", "a.txt", "a-b", "B.txt", "ä", "z.txt", "a/B"]
        for key in keys { try scratch.write("s3/bkt/\(key)", "x") }
        #expect(try Self.keys(scratch, "s3://bkt") == ["B.txt", "a-b", "a.txt", "a/B", "a/b", "e\u{301}.txt", "f.txt", "z.txt", "ä", "é.txt"])
    }

    /// §13 #25: directories (`folder/` keys) are never objects; FIFOs are skipped too.
    @Test func item25_directoriesAndSpecialFilesAreNotObjects() throws {
        let scratch = try TemporaryDirectory()
        try scratch.makeDirectory("s3/bkt/data")
        try scratch.makeDirectory("s3/bkt/data/empty")
        try scratch.makeDirectory("s3/bkt/database")
        try scratch.write("s3/bkt/data/deep/only.txt", "x")
        #expect(mkfifo(scratch.path("s3/bkt/data/fifo"), 0o600) == 0)
        #expect(try Self.keys(scratch, "s3://bkt/data") == ["data/deep/only.txt"])
        #expect(try Self.keys(scratch, "s3://bkt/data/empty") == [])
    }

    /// No matching object is not a failure: the job completes with no records.
    @Test func zeroMatchingObjectsIsAnEmptySelection() throws {
        let scratch = try TemporaryDirectory()
        try scratch.makeDirectory("s3/bkt")
        #expect(try Self.keys(scratch, "s3://bkt") == [])
        #expect(try Self.keys(scratch, "s3://bkt/prefix/") == [])
    }

    /// §13 #31: a bucket that is missing, or is not a directory, fails the job.
    @Test(arguments: ["s3://missing-bucket/data", "s3://a-file/x", "s3://no-root/x"])
    func item31_unreadableBucketIsAJobFailure(_ uri: String) throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("s3/a-file", "a file, not a bucket")
        let store = uri.contains("no-root") ? scratch.store("not-there") : scratch.store()
        let error = #expect(throws: StorageError.self) {
            try InputSelector(store: store).select(#require(S3URI(uri)))
        }
        #expect(error?.code == .noReadAccessToInput)
        #expect(error?.code.name == "NO_READ_ACCESS_TO_INPUT")
        #expect(error?.jobMessage == Self.noReadAccess)
    }

    @Test(arguments: ["s3://bkt/../other/", "s3://bkt/data/../../x", "s3://bkt/./data", "s3://bkt/data/.."])
    func dotDotPrefixIsRefused(_ uri: String) throws {
        let scratch = try Self.exampleBucket()
        try scratch.write("s3/other/secret.txt", "x")
        let error = #expect(throws: StorageError.self) { try Self.keys(scratch, uri) }
        #expect(error?.jobMessage == Self.noReadAccess)
    }

    @Test func symlinkedFilesAndFoldersInsideTheRootAreObjects() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("s3/bkt/real/r.txt", "real")
        try scratch.write("s3/shared/corpus/c.txt", "corpus")
        try scratch.symlink("s3/bkt/data/alias.txt", to: "../real/r.txt")
        try scratch.symlink("s3/bkt/data/corpus", to: scratch.path("s3/shared/corpus"))
        let objects = try InputSelector(store: scratch.store()).select(#require(S3URI("s3://bkt/data")))
        #expect(objects.map(\.key) == ["data/alias.txt", "data/corpus/c.txt"])
        #expect(objects.map(\.fileName) == ["alias.txt", "c.txt"])
        #expect(objects.map(\.size) == [4, 6])
    }

    @Test func aSymlinkToAnAncestorIsNotWalkedTwice() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("s3/bkt/data/a.txt", "x")
        try scratch.symlink("s3/bkt/data/loop", to: "..")
        try scratch.symlink("s3/bkt/data/self", to: ".")
        try scratch.write("s3/bkt/p/p.txt", "x")
        try scratch.write("s3/bkt/q/q.txt", "x")
        try scratch.symlink("s3/bkt/p/to-q", to: "../q")
        try scratch.symlink("s3/bkt/q/to-p", to: "../p")
        #expect(try Self.keys(scratch, "s3://bkt") == [
            "data/a.txt", "p/p.txt", "p/to-q/q.txt", "q/q.txt", "q/to-p/p.txt",
        ])
    }

    @Test(arguments: ["file", "folder", "bucket"])
    func aSymlinkThatLeavesTheRootFailsTheJob(_ kind: String) throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("outside/secret.txt", "secret")
        try scratch.write("s3/bkt/data/fine.txt", "x")
        switch kind {
        case "file": try scratch.symlink("s3/bkt/data/evil.txt", to: scratch.path("outside/secret.txt"))
        case "folder": try scratch.symlink("s3/bkt/data/evil", to: "../../../outside")
        default: try scratch.symlink("s3/evil", to: scratch.path("outside"))
        }
        let uri = kind == "bucket" ? "s3://evil" : "s3://bkt/data"
        let error = #expect(throws: StorageError.self) { try Self.keys(scratch, uri) }
        #expect(error?.jobMessage == Self.noReadAccess)
        // A link outside the prefix is not looked at.
        if kind != "bucket" { #expect(try Self.keys(scratch, "s3://bkt/data/fine") == ["data/fine.txt"]) }
    }

    @Test func aDanglingSymlinkUnderThePrefixFailsTheJob() throws {
        let scratch = try TemporaryDirectory()
        try scratch.symlink("s3/bkt/data/gone.txt", to: "nothing-here.txt")
        let error = #expect(throws: StorageError.self) { try Self.keys(scratch, "s3://bkt/data") }
        #expect(error?.code == .noReadAccessToInput)
    }

    /// Issue #11 defect 2: a job whose output prefix lies inside another job's input. While the
    /// first job writes, its temporary archive is not an object (S3 lists no unfinished upload);
    /// once committed, `output.tar.gz` is.
    @Test func defect2_anArchiveBeingWrittenIsNotAnObjectUntilItIsCommitted() throws {
        let scratch = try Self.exampleBucket()
        let folder = scratch.path("s3/bkt/in/zout/acct-SENTIMENT-job/output")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let writer = try ArchiveWriter(path: folder + "/output.tar.gz", modificationTime: 0)
        try writer.write(Array("{\"File\": \"a\"}\n".utf8))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(names.count == 1 && ArchiveWriter.isTemporaryFileName(names[0]), "\(names)")
        #expect(try Self.keys(scratch, "s3://bkt/in/") == [])
        #expect(try InputSelector.select(localPath: scratch.path("s3/bkt/in")).isEmpty)
        try writer.commit()
        #expect(try Self.keys(scratch, "s3://bkt/in/") == ["in/zout/acct-SENTIMENT-job/output/output.tar.gz"])
    }

    @Test func namesThatAreNotUTF8AreNotKeys() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("s3/bkt/ok.txt", "x")
        var name = Array(scratch.path("s3/bkt/bad-").utf8) + [0xFF, 0]
        let fd = name.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
        }
        #expect(fd >= 0)
        close(fd)
        #expect(try Self.keys(scratch, "s3://bkt") == ["ok.txt"])
    }

    @Test(.enabled(if: geteuid() != 0, "root reads every directory"))
    func anUnlistableFolderUnderThePrefixFailsTheJob() throws {
        let scratch = try TemporaryDirectory()
        try scratch.write("s3/bkt/data/locked/a.txt", "x")
        #expect(chmod(scratch.path("s3/bkt/data/locked"), 0) == 0)
        defer { chmod(scratch.path("s3/bkt/data/locked"), 0o755) }
        let error = #expect(throws: StorageError.self) { try Self.keys(scratch, "s3://bkt/data") }
        #expect(error?.code == .noReadAccessToInput)
    }
}
