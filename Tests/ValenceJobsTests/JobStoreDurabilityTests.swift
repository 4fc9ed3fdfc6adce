import Foundation
import Synchronization
import Testing
import ValenceCore
import ValenceJobs
import ValenceTestSupport

/// Manifests on disk: atomic replacement, the file format, and several store instances (as
/// several processes would) sharing one `VALENCE_HOME` under the lock.
@Suite struct JobStoreDurabilityTests {
    typealias F = JobStoreFixtures

    @Test func manifestFileFormat() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let clock = StoreTestClock(1_686_352_575_956)
        let store = home.store(clock: clock, ids: StoreTestJobIds(["0b5001e25f62ebb40631a9a1a7fde7b3"]))
        try store.start(F.startBody(extra: #""JobName": "movie-reviews", "ClientRequestToken": "tok", "Tags": [{"Key": "team", "Value": "nlp"}]"#))
        clock.advance(44)
        let worker = WorkerIdentity(host: "node-7", bootId: "28abc162-1aa4-4751-89c9-4a71f752166e", pidNamespace: "pid:[4026531836]", pid: 4242)
        _ = try store.markInProgress(jobId: "0b5001e25f62ebb40631a9a1a7fde7b3", worker: worker)
        clock.advance(456)
        let checkpoint = JobCheckpoint(
            archive: ArchiveCheckpoint(fileName: ".output.tar.gz.valence-00000000deadbeef.tmp", bytes: 9_000, memberBytes: 40_000, checksum: 3_735_928_559),
            input: InputPosition(object: 1, offset: 2_048, line: 17, afterCarriageReturn: true),
            selection: "0123456789abcdef", documents: 12, inputBytes: 5_000)
        _ = try store.renewLease(jobId: "0b5001e25f62ebb40631a9a1a7fde7b3", holder: worker, checkpoint: checkpoint, inputBytes: nil)
        let text = try String(contentsOfFile: home.path + "/jobs/0b5001e25f62ebb40631a9a1a7fde7b3.json", encoding: .utf8)
        #expect(text == """
            {
                "ManifestVersion": 1,
                "JobType": "SENTIMENT",
                "Sequence": 1,
                "SentimentDetectionJobProperties": {
                    "JobId": "0b5001e25f62ebb40631a9a1a7fde7b3",
                    "JobArn": "arn:aws:comprehend:us-west-2:111122223333:sentiment-detection-job/0b5001e25f62ebb40631a9a1a7fde7b3",
                    "JobName": "movie-reviews",
                    "JobStatus": "IN_PROGRESS",
                    "SubmitTime": 1686352575.956,
                    "InputDataConfig": {
                        "S3Uri": "s3://amzn-s3-demo-bucket/MovieData/",
                        "InputFormat": "ONE_DOC_PER_FILE"
                    },
                    "OutputDataConfig": {
                        "S3Uri": "s3://amzn-s3-demo-destination-bucket/testfolder/111122223333-SENTIMENT-0b5001e25f62ebb40631a9a1a7fde7b3/output/output.tar.gz"
                    },
                    "LanguageCode": "en",
                    "DataAccessRoleArn": "arn:aws:iam::111122223333:role/service-role/AmazonComprehendServiceRole-example-role"
                },
                "ClientRequestToken": "tok",
                "Tags": [
                    {
                        "Key": "team",
                        "Value": "nlp"
                    }
                ],
                "RequestFingerprint": {
                    "InputDataConfig": {
                        "S3Uri": "s3://amzn-s3-demo-bucket/MovieData/",
                        "InputFormat": "ONE_DOC_PER_FILE"
                    },
                    "OutputDataConfig": {
                        "S3Uri": "s3://amzn-s3-demo-destination-bucket/testfolder/"
                    },
                    "DataAccessRoleArn": "arn:aws:iam::111122223333:role/service-role/AmazonComprehendServiceRole-example-role",
                    "JobName": "movie-reviews",
                    "LanguageCode": "en",
                    "Tags": [
                        {
                            "Key": "team",
                            "Value": "nlp"
                        }
                    ]
                },
                "WorkerPid": 4242,
                "HeartbeatTime": 1686352576.456,
                "DocumentsProcessed": 12,
                "StopRequested": false,
                "Attempt": 1,
                "Lease": {
                    "Host": "node-7",
                    "BootId": "28abc162-1aa4-4751-89c9-4a71f752166e",
                    "PidNamespace": "pid:[4026531836]",
                    "Pid": 4242,
                    "Expires": 1686352606456
                },
                "Checkpoint": {
                    "ArchiveFile": ".output.tar.gz.valence-00000000deadbeef.tmp",
                    "ArchiveBytes": 9000,
                    "MemberBytes": 40000,
                    "Crc32": 3735928559,
                    "Selection": "0123456789abcdef",
                    "Object": 1,
                    "Offset": 2048,
                    "Line": 17,
                    "AfterCR": true,
                    "Documents": 12,
                    "InputBytes": 5000
                }
            }

            """)
        #expect(try JobManifest(json: JSONValue.parse(text)) == store.manifest(jobId: "0b5001e25f62ebb40631a9a1a7fde7b3"))
        #expect(home.jobFiles == [".lock", "0b5001e25f62ebb40631a9a1a7fde7b3.json"])
    }

    /// A manifest written before `OutputCompression` and the input byte progress existed: gzip,
    /// no byte progress, and a retry with its token (gzip, as then) is still the same request.
    @Test func aManifestWithoutTheValenceExtensionsLoadsAsGzipWithoutByteProgress() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let store = home.store()
        let id = "0b5001e25f62ebb40631a9a1a7fde7b3"
        try FileManager.default.createDirectory(atPath: store.jobsDirectory, withIntermediateDirectories: true)
        try """
            {
                "ManifestVersion": 1,
                "JobType": "SENTIMENT",
                "Sequence": 1,
                "SentimentDetectionJobProperties": {
                    "JobId": "\(id)",
                    "JobArn": "arn:aws:comprehend:us-west-2:111122223333:sentiment-detection-job/\(id)",
                    "JobStatus": "IN_PROGRESS",
                    "SubmitTime": 1686352575.956,
                    "InputDataConfig": {
                        "S3Uri": "s3://amzn-s3-demo-bucket/MovieData/",
                        "InputFormat": "ONE_DOC_PER_FILE"
                    },
                    "OutputDataConfig": {
                        "S3Uri": "s3://amzn-s3-demo-destination-bucket/testfolder/111122223333-SENTIMENT-\(id)/output/output.tar.gz"
                    },
                    "LanguageCode": "en",
                    "DataAccessRoleArn": "arn:aws:iam::111122223333:role/service-role/AmazonComprehendServiceRole-example-role"
                },
                "ClientRequestToken": "tok",
                "Tags": [],
                "RequestFingerprint": {
                    "InputDataConfig": {
                        "S3Uri": "s3://amzn-s3-demo-bucket/MovieData/",
                        "InputFormat": "ONE_DOC_PER_FILE"
                    },
                    "OutputDataConfig": {
                        "S3Uri": "s3://amzn-s3-demo-destination-bucket/testfolder/"
                    },
                    "DataAccessRoleArn": "arn:aws:iam::111122223333:role/service-role/AmazonComprehendServiceRole-example-role",
                    "LanguageCode": "en"
                },
                "WorkerPid": 4242,
                "HeartbeatTime": 1686352576.0,
                "DocumentsProcessed": 12,
                "StopRequested": false
            }

            """.write(toFile: store.manifestPath(jobId: id), atomically: true, encoding: .utf8)
        let manifest = try store.manifest(jobId: id)
        #expect(manifest.outputCompression == .gzip)
        #expect(manifest.inputBytes == nil)
        #expect(manifest.documentsProcessed == 12)
        #expect(manifest.outputURI.hasSuffix("/output/output.tar.gz"))
        let retry = F.startBody(extra: #""ClientRequestToken": "tok""#)
        #expect(try store.start(retry) == StartSentimentDetectionJobResponse(
            jobId: id, jobArn: "arn:aws:comprehend:us-west-2:111122223333:sentiment-detection-job/\(id)", jobStatus: .inProgress))
        #expect(F.error { _ = try store.start(StartSentimentDetectionJobRequest(json: retry), compression: .zstd) }?.code == .invalidRequest)
        // The next heartbeat adds the byte progress; the compression stays gzip.
        _ = try store.recordHeartbeat(jobId: id, documentsProcessed: 13, inputBytes: JobManifest.ByteProgress(processed: 600, total: 2400))
        let updated = try store.manifest(jobId: id)
        #expect(updated.inputBytes == JobManifest.ByteProgress(processed: 600, total: 2400))
        #expect(updated.outputCompression == .gzip)
        // A completed job has read all its input, whatever the last heartbeat said.
        let completed = try store.markCompleted(jobId: id, documentsProcessed: 40)
        #expect(completed.inputBytes == JobManifest.ByteProgress(processed: 2400, total: 2400))
        #expect(try store.manifest(jobId: id).inputBytes == JobManifest.ByteProgress(processed: 2400, total: 2400))
    }

    /// A zstd job: its manifest says so (after the fingerprint), heartbeats record the input bytes
    /// (after the document count), and Describe shows `output.tar.zst` and no other new member.
    @Test func zstdCompressionAndInputBytesAreKeptInTheManifestOnly() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let store = home.store(ids: StoreTestJobIds(["0b5001e25f62ebb40631a9a1a7fde7b3", "0b5001e25f62ebb40631a9a1a7fde7b4"]))
        let zstd = try store.start(StartSentimentDetectionJobRequest(json: F.startBody()), compression: .zstd).jobId
        let gzip = try store.start(F.startBody()).jobId
        _ = try store.markInProgress(jobId: zstd, pid: 4242)
        _ = try store.recordHeartbeat(jobId: zstd, documentsProcessed: 12, inputBytes: JobManifest.ByteProgress(processed: 600, total: 2400))
        let text = try String(contentsOfFile: store.manifestPath(jobId: zstd), encoding: .utf8)
        #expect(text.contains("""
                "LanguageCode": "en"
                },
                "OutputCompression": "zstd",
                "WorkerPid": 4242,
            """))
        #expect(text.contains("""
                "DocumentsProcessed": 12,
                "InputBytesProcessed": 600,
                "InputBytesTotal": 2400,
                "StopRequested": false,
                "Attempt": 1,
                "Lease": {
            """))
        let manifest = try store.manifest(jobId: zstd)
        #expect(try JobManifest(json: JSONValue.parse(text)) == manifest)
        #expect(manifest.outputCompression == .zstd)
        #expect(manifest.inputBytes == JobManifest.ByteProgress(processed: 600, total: 2400))
        #expect(manifest.outputURI
            == "s3://amzn-s3-demo-destination-bucket/testfolder/111122223333-SENTIMENT-\(zstd)/output/output.tar.zst")
        // Describe: the same members as for a gzip job; only the archive's name differs.
        var zstdProperties = try store.describe(zstd)
        let gzipProperties = try store.describe(gzip)
        #expect(gzipProperties.outputDataConfig.s3Uri.hasSuffix("-SENTIMENT-\(gzip)/output/output.tar.gz"))
        zstdProperties.jobId = gzip
        zstdProperties.jobArn = gzipProperties.jobArn
        zstdProperties.jobStatus = .submitted
        zstdProperties.outputDataConfig.s3Uri = gzipProperties.outputDataConfig.s3Uri
        #expect(zstdProperties.json.serialized(.cli) == gzipProperties.json.serialized(.cli))
    }

    @Test func aLongOutputPrefixStillReadsBack() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let store = home.store()
        let prefix = "s3://abc/" + String(repeating: "p", count: 1015)
        let id = try store.start(F.startBody(output: #"{"S3Uri": "\#(prefix)"}"#)).jobId
        #expect(try store.describe(id).outputDataConfig.s3Uri.count > 1024)
    }

    /// A corrupt manifest is an internal error naming it, for Describe and for List (issue #11
    /// defect 7: List used to skip it, so the job vanished); the other jobs stay readable.
    @Test func defect7_aCorruptManifestIsAnInternalErrorForDescribeAndList() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let store = home.store()
        let good = try store.start(F.startBody()).jobId
        let bad = try store.start(F.startBody()).jobId
        try "{\"ManifestVersion\": 1, ".write(toFile: store.manifestPath(jobId: bad), atomically: false, encoding: .utf8)
        #expect(F.error { _ = try store.describe(bad) }?.code == .internalServer)
        let listed = F.error { _ = try store.list("{}") }
        #expect(listed?.code == .internalServer)
        #expect(listed?.message.contains(store.manifestPath(jobId: bad)) == true)
        #expect(try store.describe(good).jobStatus == .submitted)
    }

    @Test func writesLeaveNoTemporaryFilesAndAbandonedOnesAreCleanedUp() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let store = home.store()
        let id = try store.start(F.startBody()).jobId
        _ = try store.markInProgress(jobId: id, pid: 1)
        for n in 0..<20 { _ = try store.recordHeartbeat(jobId: id, documentsProcessed: n) }
        _ = try store.stop(id)
        _ = try store.markStopped(jobId: id)
        #expect(home.jobFiles == [".lock", "\(id).json"])
        // A writer that died between create and rename leaves `.<name>.tmp-<pid>-<n>`: invisible to
        // List and removed by the next Start, which holds the lock.
        let leftover = home.path + "/jobs/.\(id).json.tmp-99999-1"
        try "{\"partial".write(toFile: leftover, atomically: false, encoding: .utf8)
        #expect(try store.list("{}").jobs.map(\.jobId) == [id])
        let second = try store.start(F.startBody()).jobId
        #expect(home.jobFiles == [".lock", "\(id).json", "\(second).json"].sorted())
    }

    @Test func readersAlwaysSeeACompleteManifestWhileAWriterRewritesIt() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let store = home.store()
        let id = try store.start(F.startBody()).jobId
        _ = try store.markInProgress(jobId: id, pid: 1)
        let path = store.manifestPath(jobId: id)
        let failures = Mutex<[String]>([])
        let reads = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            if worker == 0 {
                for n in 1...150 { _ = try? store.recordHeartbeat(jobId: id, documentsProcessed: n) }
            } else {
                let reader = JobStore(home: home.path, region: F.region)
                for _ in 0..<400 {
                    guard let data = FileManager.default.contents(atPath: path) else {
                        failures.withLock { $0.append("missing") }
                        continue
                    }
                    do {
                        _ = try JobManifest(json: JSONValue.parse(String(decoding: data, as: UTF8.self)))
                        _ = try reader.describe(id)
                        reads.withLock { $0 += 1 }
                    } catch {
                        failures.withLock { $0.append("\(error)") }
                    }
                }
            }
        }
        #expect(failures.withLock { $0 } == [])
        #expect(reads.withLock { $0 } == 400)
        #expect(try store.manifest(jobId: id).documentsProcessed == 150)
    }

    /// Two stores (as a CLI and a worker process would be) starting jobs at once: the lock makes
    /// the active-job count exact, so exactly ten jobs exist afterwards, with distinct sequences.
    @Test func twoStoresStartingAtOnceNeverExceedTheLimit() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let stores = [JobStore(home: home.path, region: F.region), JobStore(home: home.path, region: F.region)]
        let outcomes = Mutex<(started: [String], refused: Int, other: [String])>(([], 0, []))
        DispatchQueue.concurrentPerform(iterations: 16) { n in
            do {
                let response = try stores[n % 2].start(F.startBody())
                outcomes.withLock { $0.started.append(response.jobId) }
            } catch let error as ServiceError where error.code == .tooManyRequests {
                outcomes.withLock { $0.refused += 1 }
            } catch {
                outcomes.withLock { $0.other.append("\(error)") }
            }
        }
        let result = outcomes.withLock { $0 }
        #expect(result.other == [])
        #expect(result.started.count == 10)
        #expect(result.refused == 6)
        let manifests = try stores[0].allManifests()
        #expect(Set(manifests.map(\.jobId)) == Set(result.started))
        #expect(manifests.map(\.sequence) == Array(1...10))
    }

    /// A worker heartbeating while another process stops the job: no update is lost, the stop
    /// survives every later heartbeat, and every heartbeat's progress is kept. Twenty rounds, the
    /// stop landing at a different moment of the worker's run each time.
    @Test func aStopFromAnotherStoreIsNeverOverwrittenByTheWorkersUpdates() throws {
        let home = StoreTestHome()
        defer { home.remove() }
        let cli = JobStore(home: home.path, region: F.region, maxActiveJobs: 100)
        let worker = JobStore(home: home.path, region: F.region, maxActiveJobs: 100)
        for round in 0..<20 {
            let id = try cli.start(F.startBody()).jobId
            _ = try worker.markInProgress(jobId: id, pid: getpid())
            let stopResponse = Mutex<JobStatus?>(nil)
            DispatchQueue.concurrentPerform(iterations: 2) { role in
                if role == 0 {
                    for n in 1...40 { _ = try? worker.recordHeartbeat(jobId: id, documentsProcessed: n) }
                } else {
                    usleep(UInt32(round % 5) * 500)
                    let response = try? cli.stop(id)
                    stopResponse.withLock { $0 = response?.jobStatus }
                }
            }
            let final = try cli.manifest(jobId: id)
            #expect(final.status == .stopRequested, "round \(round)")
            #expect(final.isStopRequested, "round \(round)")
            #expect(final.documentsProcessed == 40, "round \(round)")
            #expect(stopResponse.withLock { $0 } == .stopRequested)
            #expect(try worker.markStopped(jobId: id).status == .stopped)
        }
    }
}
