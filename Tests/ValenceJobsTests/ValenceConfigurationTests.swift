import Testing
import ValenceCore
import ValenceJobs

/// Settings resolve once, flag over environment over default, with the variable names Valence
/// has always read.
@Suite struct ValenceConfigurationTests {
    func configuration(_ environment: [String: String], _ flags: ValenceConfiguration.Flags = .init()) -> ValenceConfiguration {
        ValenceConfiguration(
            environment: environment.merging(["HOME": "/home/u"]) { given, _ in given }, flags: flags,
            currentDirectory: "/nowhere", executablePath: "/nowhere/bin/valence", processorCount: 6)
    }

    @Test func lexiconsComeFromTheFlagThenVALENCE_LEXICONS() {
        let environment = ["VALENCE_LEXICONS": "/env/Lexicons"]
        #expect(configuration(environment, .init(lexicons: "/flag/Lexicons")).lexicons == "/flag/Lexicons")
        #expect(configuration(environment).lexicons == "/env/Lexicons")
        #expect(configuration(["VALENCE_LEXICONS": ""]).lexicons == nil)
    }

    @Test func noLexiconsIsAnErrorNamingBothWaysToGiveThem() {
        #expect(throws: ConfigurationError.lexiconsNotFound) { try configuration([:]).requireLexicons() }
        #expect(ConfigurationError.lexiconsNotFound.message
            == "cannot find the Lexicons directory; set VALENCE_LEXICONS or pass --lexicons DIR")
    }

    /// Lease timing (issue #11): named defaults, shortened by tests through the environment; a
    /// value that is not a usable number of seconds is ignored.
    @Test func leasesComeFromTheirVariablesThenTheDefaults() {
        let defaults = configuration([:]).leases
        #expect(defaults == ValenceConfiguration.Leases(duration: 30, renewalInterval: 0.5, maxAttempts: 3))
        let short = configuration(["VALENCE_LEASE_SECONDS": "2.5", "VALENCE_LEASE_RENEWAL_SECONDS": "0"]).leases
        #expect(short.duration == 2.5 && short.renewalInterval == 0 && short.maxAttempts == 3)
        for bad in ["0", "-1", "soon", "nan", "inf"] {
            #expect(configuration(["VALENCE_LEASE_SECONDS": bad, "VALENCE_LEASE_RENEWAL_SECONDS": bad]).leases.duration == 30)
        }
        #expect(configuration(["VALENCE_LEASE_RENEWAL_SECONDS": "-1"]).leases.renewalInterval == 0.5)
    }

    /// The test-only crash point and batch size: `<point>[:<n>]`, anything else ignored.
    @Test func crashPointAndBatchSizeComeFromTheirVariables() {
        #expect(configuration(["VALENCE_CRASH_AT": "chunk-written:4"]).crashAt == CrashInjection(point: .chunkWritten, occurrence: 4))
        #expect(configuration(["VALENCE_CRASH_AT": "archive-renamed"]).crashAt == CrashInjection(point: .archiveRenamed, occurrence: 1))
        for bad in ["", "nowhere:1", "claimed:0", "claimed:x", "claimed:1:2"] {
            #expect(configuration(["VALENCE_CRASH_AT": bad]).crashAt == nil, "\(bad)")
        }
        #expect(configuration([:]).batchDocuments == 2048)
        #expect(configuration(["VALENCE_BATCH_DOCUMENTS": "64"]).batchDocuments == 64)
        #expect(configuration(["VALENCE_BATCH_DOCUMENTS": "0"]).batchDocuments == 2048)
    }

    @Test func threadsComeFromTheFlagThenVALENCE_THREADSThenTheCores() {
        #expect(configuration(["VALENCE_THREADS": "3"], .init(threads: 2)).threads == 2)
        #expect(configuration(["VALENCE_THREADS": "3"]).threads == 3)
        #expect(configuration(["VALENCE_THREADS": "many"]).threads == 6)
        #expect(configuration([:]).threads == 6)
    }

    @Test(arguments: [
        ([:], "us-east-1"),
        (["AWS_DEFAULT_REGION": "eu-west-1"], "eu-west-1"),
        (["AWS_REGION": "ap-south-1", "AWS_DEFAULT_REGION": "eu-west-1"], "ap-south-1"),
        (["AWS_REGION": "", "AWS_DEFAULT_REGION": "eu-west-1"], "eu-west-1"),
    ] as [([String: String], String)])
    func regionComesFromAWS_REGIONThenAWS_DEFAULT_REGION(environment: [String: String], region: String) {
        #expect(configuration(environment).region == region)
        #expect(JobStore(configuration: configuration(environment)).region == region)
    }

    /// `valence lexicon learn`'s defaults are `LearningSettings`' own, in one place.
    @Test func learningDefaultsAreTheLearnersDefaults() {
        let learning = configuration([:]).learning
        #expect(learning == LearningSettings())
        #expect(learning.minimumCount == 1 && learning.method == .logistic && learning.c == 0.1)
    }

    @Test func homeLayoutNamesTheFilesUnderHome() {
        let layout = JobStore(configuration: configuration(["VALENCE_HOME": "/data/v"])).layout
        #expect(layout.manifestPath(jobId: "ab") == "/data/v/jobs/ab.json")
        #expect(layout.lockPath == "/data/v/jobs/.lock")
        #expect(layout.logPath(jobId: "ab") == "/data/v/logs/ab.log")
    }
}
