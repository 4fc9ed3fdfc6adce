import Foundation
import Testing
import ValenceCore
import ValenceJobs
import ValenceTestSupport

/// `ListSentimentDetectionJobs` (spec §2.3, §13 #23): order, filters, pagination.
@Suite struct JobStoreListTests {
    typealias F = JobStoreFixtures
    static let base: Int64 = 1_686_352_575_956

    /// Five jobs one second apart: names a, b, a, c, a; statuses set per job.
    static func fiveJobs(_ home: StoreTestHome) throws -> (JobStore, [String], StoreTestClock) {
        let clock = StoreTestClock(base)
        let store = home.store(clock: clock)
        var ids: [String] = []
        for name in ["a", "b", "a", "c", "a"] {
            ids.append(try store.start(F.startBody(extra: #""JobName": "\#(name)""#)).jobId)
            clock.advance(1_000)
        }
        _ = try store.markInProgress(jobId: ids[1], pid: 1)
        _ = try store.markInProgress(jobId: ids[3], pid: 1)
        _ = try store.markCompleted(jobId: ids[3])
        return (store, ids, clock)
    }

    static func ids(_ response: ListSentimentDetectionJobsResponse) -> [String] { response.jobs.map(\.jobId) }

    @Test func item23_defaultIsOldestFirstWithoutNextToken() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let (store, ids, _) = try Self.fiveJobs(home)
        let response = try store.list("{}")
        #expect(Self.ids(response) == ids)
        #expect(response.nextToken == nil)
        let json = try store.perform(.listSentimentDetectionJobs, body: .null)
        guard case .object(let members) = json else { Issue.record("not an object"); return }
        #expect(members.map(\.0) == ["SentimentDetectionJobPropertiesList"])
    }

    @Test func item23_emptyStoreListsNothing() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        #expect(try home.store().perform(.listSentimentDetectionJobs, body: F.json("{}")).serialized(.line)
            == #"{"SentimentDetectionJobPropertiesList": []}"#)
    }

    @Test func item23_jobNameAndJobStatusMatchExactly() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let (store, ids, _) = try Self.fiveJobs(home)
        #expect(Self.ids(try store.list(#"{"Filter": {"JobName": "a"}}"#)) == [ids[0], ids[2], ids[4]])
        #expect(Self.ids(try store.list(#"{"Filter": {"JobName": "A"}}"#)) == [])
        #expect(Self.ids(try store.list(#"{"Filter": {"JobStatus": "IN_PROGRESS"}}"#)) == [ids[1]])
        #expect(Self.ids(try store.list(#"{"Filter": {"JobStatus": "COMPLETED"}}"#)) == [ids[3]])
        #expect(Self.ids(try store.list(#"{"Filter": {"JobStatus": "SUBMITTED"}}"#)) == [ids[0], ids[2], ids[4]])
        #expect(Self.ids(try store.list(#"{"Filter": {"JobStatus": "FAILED"}}"#)) == [])
    }

    @Test func item23_jobNameComparesUnicodeScalarsNotCanonicalEquivalence() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let store = home.store()
        // U+00C5 and U+212B (ANGSTROM SIGN) are both letters and canonically equivalent.
        let letterA = try store.start(F.startBody(extra: #""JobName": "\u00c5ngstr\u00f6m""#)).jobId
        let angstromSign = try store.start(F.startBody(extra: #""JobName": "\u212bngstr\u00f6m""#)).jobId
        #expect(Self.ids(try store.list(#"{"Filter": {"JobName": "\u00c5ngstr\u00f6m"}}"#)) == [letterA])
        #expect(Self.ids(try store.list(#"{"Filter": {"JobName": "\u212bngstr\u00f6m"}}"#)) == [angstromSign])
    }

    @Test func item23_submitTimeBeforeIsStrictAndAscending() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let (store, ids, _) = try Self.fiveJobs(home)
        // Job 2 was submitted at base + 2000 ms = 1686352577.956.
        #expect(Self.ids(try store.list(#"{"Filter": {"SubmitTimeBefore": 1686352577.956}}"#)) == [ids[0], ids[1]])
        #expect(Self.ids(try store.list(#"{"Filter": {"SubmitTimeBefore": 1686352577.957}}"#)) == [ids[0], ids[1], ids[2]])
        #expect(Self.ids(try store.list(#"{"Filter": {"SubmitTimeBefore": 1686352578}}"#)) == [ids[0], ids[1], ids[2]])
        #expect(Self.ids(try store.list(#"{"Filter": {"SubmitTimeBefore": 1686352575}}"#)) == [])
    }

    @Test func item23_submitTimeAfterIsStrictAndNewestFirst() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let (store, ids, _) = try Self.fiveJobs(home)
        #expect(Self.ids(try store.list(#"{"Filter": {"SubmitTimeAfter": 1686352577.956}}"#)) == [ids[4], ids[3]])
        #expect(Self.ids(try store.list(#"{"Filter": {"SubmitTimeAfter": 1686352577}}"#)) == [ids[4], ids[3], ids[2]])
        #expect(Self.ids(try store.list(#"{"Filter": {"SubmitTimeAfter": 1685577600}}"#)) == ids.reversed())
        #expect(Self.ids(try store.list(#"{"Filter": {"SubmitTimeAfter": 1686352579.956}}"#)) == [])
    }

    @Test func item23_paginationWithOpaqueNextTokenAbsentOnTheLastPage() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let (store, ids, _) = try Self.fiveJobs(home)
        let page1 = try store.list(#"{"MaxResults": 2}"#)
        #expect(Self.ids(page1) == [ids[0], ids[1]])
        let token1 = try #require(page1.nextToken)
        let page2 = try store.list(#"{"MaxResults": 2, "NextToken": "\#(token1)"}"#)
        #expect(Self.ids(page2) == [ids[2], ids[3]])
        let token2 = try #require(page2.nextToken)
        let page3 = try store.list(#"{"MaxResults": 2, "NextToken": "\#(token2)"}"#)
        #expect(Self.ids(page3) == [ids[4]])
        #expect(page3.nextToken == nil)
        #expect(!page3.json.serialized(.line).contains("NextToken"))
        #expect(page1.json.serialized(.line).hasSuffix(#""NextToken": "\#(token1)"}"#))
        // Exactly full last page: no token.
        let full = try store.list(#"{"MaxResults": 3, "NextToken": "\#(token1)"}"#)
        #expect(Self.ids(full) == [ids[2], ids[3], ids[4]])
        #expect(full.nextToken == nil)
        #expect(try store.list(#"{"MaxResults": 5}"#).nextToken == nil)
    }

    @Test func item23_pagesStayStableWhileJobsAreSubmitted() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let (store, ids, _) = try Self.fiveJobs(home)
        let after = #"{"Filter": {"SubmitTimeAfter": 1685577600}, "MaxResults": 2}"#
        let page1 = try store.list(after)
        #expect(Self.ids(page1) == [ids[4], ids[3]])
        let newer = try store.start(F.startBody()).jobId
        let page2 = try store.list(#"{"Filter": {"SubmitTimeAfter": 1685577600}, "MaxResults": 2, "NextToken": "\#(page1.nextToken!)"}"#)
        #expect(Self.ids(page2) == [ids[2], ids[1]])
        #expect(Self.ids(try store.list(after)) == [newer, ids[4]])
    }

    @Test func item23_nextTokenIsBoundToItsFilter() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let (store, ids, _) = try Self.fiveJobs(home)
        let page1 = try store.list(#"{"Filter": {"JobName": "a"}, "MaxResults": 1}"#)
        let token = try #require(page1.nextToken)
        #expect(Self.ids(try store.list(#"{"Filter": {"JobName": "a"}, "NextToken": "\#(token)"}"#)) == [ids[2], ids[4]])
        for other in [#"{"NextToken": "\#(token)"}"#, #"{"Filter": {"JobName": "b"}, "NextToken": "\#(token)"}"#] {
            #expect(F.error { _ = try store.list(other) }?.code == .invalidRequest)
        }
    }

    @Test func item23_defaultPageSizeIs100() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let clock = StoreTestClock()
        let store = home.store(clock: clock, maxActiveJobs: 1_000)
        for _ in 0..<101 {
            try store.start(F.startBody())
            clock.advance(1)
        }
        let page1 = try store.list("{}")
        #expect(page1.jobs.count == 100)
        let page2 = try store.list(#"{"NextToken": "\#(try #require(page1.nextToken))"}"#)
        #expect(page2.jobs.count == 1)
        #expect(page2.nextToken == nil)
        #expect(Set(page1.jobs.map(\.jobId) + page2.jobs.map(\.jobId)).count == 101)
    }

    @Test func item23_sameSubmitTimeKeepsSubmissionOrder() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let store = home.store(ids: StoreTestJobIds(["ffffffffffffffffffffffffffffffff", "00000000000000000000000000000000", "88888888888888888888888888888888"]))
        for _ in 0..<3 { try store.start(F.startBody()) }
        #expect(Self.ids(try store.list("{}")) == ["ffffffffffffffffffffffffffffffff", "00000000000000000000000000000000", "88888888888888888888888888888888"])
        #expect(Self.ids(try store.list(#"{"Filter": {"SubmitTimeAfter": 0}}"#)) == ["88888888888888888888888888888888", "00000000000000000000000000000000", "ffffffffffffffffffffffffffffffff"])
    }

    @Test func item23_onlySentimentJobsAreListedOrDescribed() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let store = home.store()
        let id = try store.start(F.startBody()).jobId
        // Another job type in the same home (what a future key-phrases store would write).
        let path = store.manifestPath(jobId: id)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let otherId = "abcdefabcdefabcdefabcdefabcdefab"
        let other = text.replacingOccurrences(of: "\"SENTIMENT\"", with: "\"KEY_PHRASES\"").replacingOccurrences(of: id, with: otherId)
        try other.write(toFile: store.manifestPath(jobId: otherId), atomically: true, encoding: .utf8)
        // Files that are not manifests.
        try "{}".write(toFile: home.path + "/jobs/notes.json", atomically: true, encoding: .utf8)
        #expect(Self.ids(try store.list("{}")) == [id])
        #expect(F.error { _ = try store.describe(otherId) } == ServiceError(.jobNotFound, "Could not find specified job: \(otherId)"))
        #expect(F.error { _ = try store.stop(otherId) }?.code == .jobNotFound)
    }
}
