import Testing
import ValenceJobs

@Suite struct S3URITests {
    struct ParseCase: Sendable, CustomTestStringConvertible {
        var string: String
        var bucket: String
        var key: String
        var testDescription: String { string }
    }

    @Test(arguments: [
        ParseCase(string: "s3://bucket", bucket: "bucket", key: ""),
        ParseCase(string: "s3://bucket/", bucket: "bucket", key: ""),
        ParseCase(string: "s3://abc/prefix", bucket: "abc", key: "prefix"),
        ParseCase(string: "s3://my.bucket-1/a/b", bucket: "my.bucket-1", key: "a/b"),
        ParseCase(string: "s3://b-1/a//b/", bucket: "b-1", key: "a//b/"),
        ParseCase(string: "s3://abc/日本/x y.txt", bucket: "abc", key: "日本/x y.txt"),
        ParseCase(string: "s3://abc//lead", bucket: "abc", key: "/lead"),
    ])
    func parsesBucketAndKey(_ test: ParseCase) throws {
        let uri = try #require(S3URI(test.string))
        #expect(uri.bucket == test.bucket)
        #expect(uri.key == test.key)
    }

    /// §4.2: the scheme is case-sensitive and the bucket follows the pattern's bucket part.
    @Test(arguments: [
        "S3://bucket/x", "s3://ab", "s3://Bucket/x", "https://bucket/x", "s3:///x", "s3://", "s3:/bucket",
        "s3://-abc/x", "s3://abc-/x", "s3://a_b/x", "s3://..", "s3://../x", "s3://abc\u{0}/x",
        "s3://" + String(repeating: "a", count: 64),
    ])
    func item6_rejectsWhatThePatternRejects(_ string: String) {
        #expect(S3URI(string) == nil)
    }

    @Test(arguments: [
        ("s3://bkt/data/sub/y.txt", "y.txt"),
        ("s3://bkt/data.txt", "data.txt"),
        ("s3://bkt/a/", ""),
        ("s3://bkt", ""),
    ])
    func lastPathComponentIsTheFileName(_ string: String, _ expected: String) throws {
        #expect(try #require(S3URI(string)).lastPathComponent == expected)
    }

    @Test func descriptionRebuildsTheURI() {
        #expect(S3URI(bucket: "abc", key: "a/b").description == "s3://abc/a/b")
        #expect(S3URI(bucket: "abc").description == "s3://abc")
    }
}

@Suite struct ValenceEnvironmentTests {
    struct EnvironmentCase: Sendable, CustomTestStringConvertible {
        var name: String
        var variables: [String: String]
        var home: String
        var s3Root: String
        var testDescription: String { name }
    }

    @Test(arguments: [
        EnvironmentCase(name: "defaults", variables: [:],
            home: "/home/u/.valence", s3Root: "/home/u/.valence/s3"),
        EnvironmentCase(name: "VALENCE_HOME", variables: ["VALENCE_HOME": "/data/v"],
            home: "/data/v", s3Root: "/data/v/s3"),
        EnvironmentCase(name: "VALENCE_S3_ROOT", variables: ["VALENCE_S3_ROOT": "/mnt/objects"],
            home: "/home/u/.valence", s3Root: "/mnt/objects"),
        EnvironmentCase(name: "both", variables: ["VALENCE_HOME": "/data/v", "VALENCE_S3_ROOT": "/mnt/objects/"],
            home: "/data/v", s3Root: "/mnt/objects"),
        EnvironmentCase(name: "empty counts as unset", variables: ["VALENCE_HOME": "", "VALENCE_S3_ROOT": ""],
            home: "/home/u/.valence", s3Root: "/home/u/.valence/s3"),
        EnvironmentCase(name: "tilde", variables: ["VALENCE_HOME": "~/v"],
            home: "/home/u/v", s3Root: "/home/u/v/s3"),
        EnvironmentCase(name: "relative", variables: ["VALENCE_HOME": "state", "VALENCE_S3_ROOT": "objects/s3"],
            home: "/work/dir/state", s3Root: "/work/dir/objects/s3"),
        EnvironmentCase(name: "trailing slashes", variables: ["VALENCE_HOME": "/data/v//"],
            home: "/data/v", s3Root: "/data/v/s3"),
    ])
    func resolvesPathsFromTheGivenEnvironment(_ test: EnvironmentCase) {
        var variables = test.variables
        variables["HOME"] = "/home/u"
        let configuration = ValenceConfiguration(
            environment: variables, currentDirectory: "/work/dir", executablePath: "", processorCount: 1)
        #expect(configuration.home == test.home)
        #expect(configuration.s3Root == test.s3Root)
        #expect(ObjectStore(configuration: configuration).root == test.s3Root)
    }
}
