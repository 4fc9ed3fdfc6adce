import Foundation
import Synchronization
import Testing
import ValenceCore
import ValenceJobs
import ValenceTestSupport

/// Shared helpers of the request and job-store suites.
enum JobStoreFixtures {
    static let account = "111122223333"
    static let role = "arn:aws:iam::111122223333:role/service-role/AmazonComprehendServiceRole-example-role"
    static let inputURI = "s3://amzn-s3-demo-bucket/MovieData/"
    static let outputPrefix = "s3://amzn-s3-demo-destination-bucket/testfolder/"
    static let environment = ["AWS_REGION": "us-west-2"]
    static let region = "us-west-2"

    /// The region a configuration resolves from `environment` (AWS_REGION, AWS_DEFAULT_REGION, us-east-1).
    static func region(_ environment: [String: String]) -> String {
        ValenceConfiguration(environment: environment, currentDirectory: "/", executablePath: "", processorCount: 1).region
    }

    /// A Start body as aws-cli sends it; pass nil to leave a required member out, `extra` for
    /// further members (`"JobName": "x"`), already JSON text.
    static func startBody(
        input: String? = #"{"S3Uri": "s3://amzn-s3-demo-bucket/MovieData/"}"#,
        output: String? = #"{"S3Uri": "s3://amzn-s3-demo-destination-bucket/testfolder/"}"#,
        role: String? = #""arn:aws:iam::111122223333:role/service-role/AmazonComprehendServiceRole-example-role""#,
        language: String? = #""en""#,
        extra: String = ""
    ) -> JSONValue {
        var members: [String] = []
        if let input { members.append(#""InputDataConfig": "# + input) }
        if let output { members.append(#""OutputDataConfig": "# + output) }
        if let role { members.append(#""DataAccessRoleArn": "# + role) }
        if let language { members.append(#""LanguageCode": "# + language) }
        if !extra.isEmpty { members.append(extra) }
        return json("{" + members.joined(separator: ", ") + "}")
    }

    static func json(_ text: String) -> JSONValue {
        do { return try JSONValue.parse(text) } catch { fatalError("bad test JSON \(text): \(error)") }
    }

    /// A JSON string literal for `text`.
    static func quoted(_ text: String) -> String { JSONValue.string(text).serialized(.line) }

    /// The `ServiceError` `body` throws, or nil (any other error is recorded as a test issue).
    static func error(_ body: () throws -> Void) -> ServiceError? {
        do {
            try body()
            return nil
        } catch let error as ServiceError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    static func validation(_ items: String...) -> ServiceError {
        let noun = items.count == 1 ? "error" : "errors"
        return ServiceError(.validation, "\(items.count) validation \(noun) detected: " + items.joined(separator: "; "))
    }

    static func startError(_ body: JSONValue) -> ServiceError? {
        error { _ = try StartSentimentDetectionJobRequest(json: body) }
    }
}

/// A clock the test moves by hand.
final class StoreTestClock: Sendable {
    private let current: Mutex<Int64>

    init(_ milliseconds: Int64 = 1_686_352_575_956) {
        current = Mutex(milliseconds)
    }

    var now: @Sendable () -> EpochTime {
        { [self] in EpochTime(milliseconds: current.withLock { $0 }) }
    }

    func set(_ milliseconds: Int64) { current.withLock { $0 = milliseconds } }
    func advance(_ milliseconds: Int64) { current.withLock { $0 += milliseconds } }
}

/// Job ids handed out in order (`0000...0001`, ...), or from a fixed list first.
final class StoreTestJobIds: Sendable {
    private let state: Mutex<(fixed: [String], next: Int)>

    init(_ fixed: [String] = []) {
        state = Mutex((fixed, 1))
    }

    var make: @Sendable () -> String {
        { [self] in
            state.withLock { state in
                if !state.fixed.isEmpty { return state.fixed.removeFirst() }
                defer { state.next += 1 }
                let hex = String(state.next, radix: 16)
                return String(repeating: "0", count: 32 - hex.count) + hex
            }
        }
    }
}

/// A fresh `VALENCE_HOME` (a ``TemporaryDirectory``) and the job store on it.
struct StoreTestHome {
    let directory: TemporaryDirectory
    var path: String { directory.path }

    init() {
        directory = try! TemporaryDirectory("store")
    }

    func remove() { directory.remove() }

    func store(
        clock: StoreTestClock = StoreTestClock(), ids: StoreTestJobIds = StoreTestJobIds(),
        environment: [String: String] = JobStoreFixtures.environment, maxActiveJobs: Int = 10
    ) -> JobStore {
        JobStore(home: path, region: JobStoreFixtures.region(environment), maxActiveJobs: maxActiveJobs, now: clock.now, makeJobId: ids.make)
    }

    /// The names in `jobs/`.
    var jobFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path + "/jobs")) ?? []).sorted()
    }
}

extension JobStore {
    /// Starts a job from a JSON body (test shorthand).
    @discardableResult
    func start(_ body: JSONValue) throws(ServiceError) -> StartSentimentDetectionJobResponse {
        try start(StartSentimentDetectionJobRequest(json: body))
    }

    func describe(_ jobId: String) throws(ServiceError) -> SentimentDetectionJobProperties {
        try describe(DescribeSentimentDetectionJobRequest(json: .object([("JobId", .string(jobId))]))).properties
    }

    func stop(_ jobId: String) throws(ServiceError) -> StopSentimentDetectionJobResponse {
        try stop(StopSentimentDetectionJobRequest(json: .object([("JobId", .string(jobId))])))
    }

    func list(_ body: String) throws(ServiceError) -> ListSentimentDetectionJobsResponse {
        try list(ListSentimentDetectionJobsRequest(json: JobStoreFixtures.json(body)))
    }
}
