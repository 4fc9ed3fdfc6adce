import Testing
import ValenceCore
import ValenceJobs
import ValenceTestSupport

/// `JobId` of Describe / Stop (spec §13 #15) and the List request (spec §13 #16).
@Suite struct JobIdAndListRequestTests {
    typealias F = JobStoreFixtures
    static let jobIdPattern = #"Member must satisfy regular expression pattern: ^([\p{L}\p{Z}\p{N}_.:/=+\-%@]*)$"#

    static func jobIdErrors(_ body: String) -> [ServiceError?] {
        [
            F.error { _ = try DescribeSentimentDetectionJobRequest(json: F.json(body)) },
            F.error { _ = try StopSentimentDetectionJobRequest(json: F.json(body)) },
        ]
    }

    @Test func item15_thirtyThreeCharacterJobIdIsAValidationError() {
        let id = String(repeating: "a", count: 33)
        for error in Self.jobIdErrors(#"{"JobId": "\#(id)"}"#) {
            #expect(error == F.validation("Value '\(id)' at 'jobId' failed to satisfy constraint: Member must have length less than or equal to 32"))
        }
    }

    @Test func item15_jobIdMissingEmptyOrMalformed() {
        for error in Self.jobIdErrors("{}") {
            #expect(error == F.validation("Value null at 'jobId' failed to satisfy constraint: Member must not be null"))
        }
        for error in Self.jobIdErrors(#"{"JobId": ""}"#) {
            #expect(error == F.validation("Value '' at 'jobId' failed to satisfy constraint: Member must have length greater than or equal to 1"))
        }
        for error in Self.jobIdErrors(#"{"JobId": "job#1"}"#) {
            #expect(error == F.validation("Value 'job#1' at 'jobId' failed to satisfy constraint: \(Self.jobIdPattern)"))
        }
        for error in Self.jobIdErrors(#"{"JobId": 12}"#) {
            #expect(error == ServiceError(.serialization, "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String"))
        }
    }

    @Test func item15_wellFormedUnknownJobIdIsJobNotFound() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let store = home.store()
        try store.start(F.startBody())
        for id in ["00000000000000000000000000000000", "../../etc/passwd", "movie reviews", String(repeating: "a", count: 32)] {
            let expected = ServiceError(.jobNotFound, "Could not find specified job: \(id)")
            #expect(F.error { _ = try store.describe(id) } == expected)
            #expect(F.error { _ = try store.stop(id) } == expected)
        }
        #expect(ServiceError.Code.jobNotFound.httpStatus == 400)
    }

    // MARK: #16 List

    static func listError(_ body: String) -> ServiceError? {
        F.error { _ = try ListSentimentDetectionJobsRequest(json: F.json(body)) }
    }

    @Test func item16_maxResultsRange() throws {
        #expect(Self.listError(#"{"MaxResults": 0}"#) == F.validation(
            "Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"))
        #expect(Self.listError(#"{"MaxResults": 501}"#) == F.validation(
            "Value '501' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 500"))
        #expect(Self.listError(#"{"MaxResults": -3}"#) == F.validation(
            "Value '-3' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"))
        #expect(Self.listError(#"{"MaxResults": 1e12}"#) == F.validation(
            "Value '2147483647' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 500"))
        #expect(try ListSentimentDetectionJobsRequest(json: F.json(#"{"MaxResults": 500}"#)).pageSize == 500)
        #expect(try ListSentimentDetectionJobsRequest(json: F.json(#"{"MaxResults": 1}"#)).pageSize == 1)
        #expect(try ListSentimentDetectionJobsRequest(json: F.json(#"{"MaxResults": 10.9}"#)).pageSize == 10)
        #expect(try ListSentimentDetectionJobsRequest(json: F.json("{}")).pageSize == 100)
        #expect(try ListSentimentDetectionJobsRequest(json: .null).pageSize == 100)
        #expect(Self.listError(#"{"MaxResults": "10"}"#) == ServiceError(.serialization, "class java.lang.String can not be converted to an Integer"))
    }

    @Test func item16_nextTokenAndFilterConstraints() {
        #expect(Self.listError(#"{"NextToken": ""}"#) == F.validation(
            "Value '' at 'nextToken' failed to satisfy constraint: Member must have length greater than or equal to 1"))
        #expect(Self.listError(#"{"Filter": {"JobStatus": "RUNNING"}, "MaxResults": 0}"#) == F.validation(
            "Value 'RUNNING' at 'filter.jobStatus' failed to satisfy constraint: Member must satisfy enum value set: [SUBMITTED, IN_PROGRESS, COMPLETED, FAILED, STOP_REQUESTED, STOPPED]",
            "Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1"))
        #expect(Self.listError(#"{"Filter": {"JobName": "a,b"}}"#) == F.validation(
            "Value 'a,b' at 'filter.jobName' failed to satisfy constraint: \(Self.jobIdPattern)"))
        #expect(Self.listError(#"{"Filter": {"SubmitTimeAfter": "2023-06-01T00:00:00Z"}}"#)
            == ServiceError(.serialization, "class java.lang.String can not be converted to milliseconds since epoch"))
    }

    @Test func item16_moreThanOneFilterMemberIsInvalidFilter() throws {
        let expected = ServiceError(.invalidFilter,
            "The filter specified for the operation is invalid. Specify a different filter. You can only set one filter at a time: JobName, JobStatus, SubmitTimeBefore or SubmitTimeAfter.")
        #expect(Self.listError(#"{"Filter": {"JobName": "a", "JobStatus": "FAILED"}}"#) == expected)
        #expect(Self.listError(#"{"Filter": {"SubmitTimeBefore": 1685577600, "SubmitTimeAfter": 1685577000}}"#) == expected)
        // Validation errors come first.
        #expect(Self.listError(#"{"Filter": {"JobName": "a", "JobStatus": "X"}}"#)?.code == .validation)
        #expect(try ListSentimentDetectionJobsRequest(json: F.json(#"{"Filter": {}}"#)).filter == nil)
        #expect(try ListSentimentDetectionJobsRequest(json: F.json(#"{"Filter": {"JobStatus": null, "JobName": "a"}}"#)).filter
            == SentimentDetectionJobFilter(jobName: "a"))
    }

    @Test func item16_timeFiltersAcceptIntegerAndFractionalEpochNumbers() throws {
        let integer = try ListSentimentDetectionJobsRequest(json: F.json(#"{"Filter": {"SubmitTimeAfter": 1685577600}, "MaxResults": 10}"#))
        #expect(integer.filter?.submitTimeAfter == EpochTime(milliseconds: 1_685_577_600_000))
        let fraction = try ListSentimentDetectionJobsRequest(json: F.json(#"{"Filter": {"SubmitTimeBefore": 1686352575.956}}"#))
        #expect(fraction.filter?.submitTimeBefore == EpochTime(milliseconds: 1_686_352_575_956))
        let exponent = try ListSentimentDetectionJobsRequest(json: F.json(#"{"Filter": {"SubmitTimeBefore": 1.6863525759569E9}}"#))
        #expect(exponent.filter?.submitTimeBefore == EpochTime(milliseconds: 1_686_352_575_956))
    }

    @Test func item16_badNextTokenIsInvalidRequest() {
        let expected = ServiceError(.invalidRequest,
            "Invalid NextToken: use the NextToken of the previous ListSentimentDetectionJobs response, with the same Filter.")
        #expect(Self.listError(#"{"NextToken": "not-a-token"}"#) == expected)
        #expect(Self.listError(#"{"NextToken": "djE6eDox"}"#) == expected)
    }
}

/// Epoch-seconds numbers in and out (spec §1.5, §13 #4).
@Suite struct EpochTimeTests {
    @Test(arguments: [
        ("1685577600", 1_685_577_600_000), ("1686352575.956", 1_686_352_575_956), ("1686352575.9569", 1_686_352_575_956),
        ("1686352575.9", 1_686_352_575_900), ("1.6863525759565E9", 1_686_352_575_956), ("1686352575956e-3", 1_686_352_575_956),
        ("0", 0), ("-0.0005", -1), ("-1.5", -1500), ("0.0001", 0), ("1e-400", 0), ("1e400", Int64.max), ("-1e400", Int64.min),
        ("99999999999999999999", Int64.max),
    ] as [(String, Int64)])
    func readsJSONNumbersToTheMillisecond(literal: String, milliseconds: Int64) {
        #expect(EpochTime(epochSeconds: literal)?.milliseconds == milliseconds)
    }

    @Test(arguments: [
        (1_686_352_575_956, "1686352575.956"), (1_686_352_575_950, "1686352575.95"), (1_686_352_575_000, "1686352575.0"),
        (1_686_352_575_001, "1686352575.001"), (5, "0.005"), (-1, "-0.001"), (0, "0.0"),
    ] as [(Int64, String)])
    func writesAtMostThreeDecimals(milliseconds: Int64, text: String) {
        #expect(EpochTime(milliseconds: milliseconds).json == .number(text))
    }
}
