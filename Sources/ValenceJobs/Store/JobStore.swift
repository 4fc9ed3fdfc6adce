import Foundation
import ValenceCore

/// The sentiment jobs of one `VALENCE_HOME`, one manifest file per job (`jobs/<JobId>.json`, see
/// `JobManifest`), safe to use from several processes at once: a CLI starting or stopping jobs and
/// workers updating them.
///
/// * Every read-modify-write (start, stop, every runner transition) holds an exclusive `flock` on
///   `jobs/.lock`, so no update is lost and the active-job count and the idempotency lookup see
///   every job.
/// * Every manifest is replaced by temp file + `fsync` + `rename` + directory `fsync`, so a reader
///   (Describe, List, which take no lock) sees either the old or the new file, never part of one.
///
/// The account is the one in the job's `DataAccessRoleArn`; the region is the configuration's
/// (``ValenceConfiguration/region``); the partition is the role ARN's. Jobs of every region
/// and account in one home are listed together.
public struct JobStore: Sendable {
    /// "Each account can have up to 10 concurrent active jobs of a given job type" (spec §5).
    public static let defaultMaxActiveJobs = 10

    public let home: String
    public let region: String
    public let maxActiveJobs: Int
    /// How long a worker's lease lasts, and how many workers a job gets (``JobLease``).
    public var leases: ValenceConfiguration.Leases
    let now: @Sendable () -> EpochTime
    let makeJobId: @Sendable () -> String

    /// - Parameters:
    ///   - home: the `VALENCE_HOME` directory (``ValenceConfiguration/home``); created on first write.
    ///   - region: the region in job ARNs (``ValenceConfiguration/region``).
    ///   - maxActiveJobs: how many SUBMITTED, IN_PROGRESS or STOP_REQUESTED jobs may exist at once.
    ///   - now: the clock for `SubmitTime`, `EndTime` and heartbeats.
    ///   - makeJobId: new job ids; 32 random lowercase hex digits by default.
    public init(
        home: String,
        region: String,
        maxActiveJobs: Int = JobStore.defaultMaxActiveJobs,
        leases: ValenceConfiguration.Leases = ValenceConfiguration.Leases(),
        now: @escaping @Sendable () -> EpochTime = { EpochTime.now() },
        makeJobId: @escaping @Sendable () -> String = { JobStore.randomJobId() }
    ) {
        self.home = home
        self.region = region
        self.maxActiveJobs = maxActiveJobs
        self.leases = leases
        self.now = now
        self.makeJobId = makeJobId
    }

    /// The store of a configuration's home, with its region.
    public init(configuration: ValenceConfiguration) {
        self.init(home: configuration.home, region: configuration.region, leases: configuration.leases)
    }

    /// 128 random bits as 32 lowercase hex digits, like `uuid4().hex` (spec §2.1).
    public static func randomJobId() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    /// The file names under `home`.
    public var layout: HomeLayout { HomeLayout(home: home) }

    public var jobsDirectory: String { layout.jobsDirectory }

    public func manifestPath(jobId: String) -> String { layout.manifestPath(jobId: jobId) }

    var lock: FileLock { FileLock(path: layout.lockPath) }

    /// Whether `jobId` can name a manifest: 32 lowercase hex digits. Anything else (the model
    /// allows `/`, `.` and more) is an unknown job, and is never turned into a path.
    static func isStoredJobId(_ jobId: String) -> Bool {
        jobId.utf8.count == 32 && jobId.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    // MARK: Reading

    /// The manifest of `jobId`; `JobNotFoundException` ("Could not find specified job: <id>") if
    /// there is no sentiment job with that id.
    public func manifest(jobId: String) throws(ServiceError) -> JobManifest {
        guard Self.isStoredJobId(jobId), let manifest = try readManifest(jobId: jobId),
              manifest.jobType == JobManifest.sentimentJobType else {
            throw ServiceError(.jobNotFound, "Could not find specified job: \(jobId)")
        }
        return manifest
    }

    /// Every sentiment job's manifest, in creation order. Unreadable manifests are skipped.
    public func allManifests() throws(ServiceError) -> [JobManifest] {
        try loadManifests().filter { $0.jobType == JobManifest.sentimentJobType }
    }

    func readManifest(jobId: String) throws(ServiceError) -> JobManifest? {
        let path = manifestPath(jobId: jobId)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            return try JobManifest(json: JSONValue.parse(String(decoding: data, as: UTF8.self)))
        } catch {
            throw ServiceError(.internalServer,
                "An internal server error occurred. Retry your request. (job manifest \(path) is unreadable: \(error))")
        }
    }

    /// All manifests of every job type, sorted by sequence. A manifest that cannot be read is an
    /// error naming it (issue #11 defect 7): a job must not vanish from List, nor its
    /// `ClientRequestToken` be taken again, because its file was truncated or corrupted.
    func loadManifests() throws(ServiceError) -> [JobManifest] {
        let (manifests, unreadable) = scanManifests()
        if let first = unreadable.first { throw first }
        return manifests
    }

    /// The readable manifests, sorted by sequence, and an error for each unreadable one: what the
    /// dead-worker sweeps use, so that one damaged file does not stop them for every other job.
    func scanManifests() -> (manifests: [JobManifest], unreadable: [ServiceError]) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: jobsDirectory)) ?? []
        var manifests: [JobManifest] = []
        var unreadable: [ServiceError] = []
        for name in names.sorted() where name.hasSuffix(HomeLayout.manifestExtension) {
            let jobId = String(name.dropLast(5))
            guard Self.isStoredJobId(jobId) else { continue }
            do {
                if let manifest = try readManifest(jobId: jobId) { manifests.append(manifest) }
            } catch {
                unreadable.append(error)
            }
        }
        return (manifests.sorted { $0.sequence < $1.sequence }, unreadable)
    }

    // MARK: Writing

    func write(_ manifest: JobManifest) throws(ServiceError) {
        try AtomicFile.write(manifest.json.serialized(.cli) + "\n", to: manifestPath(jobId: manifest.jobId))
    }

    /// Runs `body` under the store lock, creating `jobs/` first if needed.
    func withLock<T>(_ body: () throws(ServiceError) -> T) throws(ServiceError) -> T {
        try ensureJobsDirectory()
        return try lock.withExclusiveLock(body)
    }

    func ensureJobsDirectory() throws(ServiceError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: jobsDirectory, isDirectory: &isDirectory), isDirectory.boolValue { return }
        do {
            try FileManager.default.createDirectory(atPath: jobsDirectory, withIntermediateDirectories: true)
        } catch {
            throw ServiceError(.internalServer,
                "An internal server error occurred. Retry your request. (cannot create \(jobsDirectory): \(error))")
        }
    }

    /// Temporary files left by a writer that died between create and rename. Only called under
    /// the lock, when no writer can be between those two steps.
    func removeAbandonedTemporaryFiles() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: jobsDirectory)) ?? []
        for name in names where name.hasPrefix(".") && name.contains(AtomicFile.temporaryMarker) {
            try? FileManager.default.removeItem(atPath: jobsDirectory + "/" + name)
        }
    }

    /// Reads `jobId` under the lock, lets `body` change it, and writes it back if it changed.
    func update(
        jobId: String, _ body: (inout JobManifest) throws(ServiceError) -> Void
    ) throws(ServiceError) -> JobManifest {
        try withLock { () throws(ServiceError) -> JobManifest in
            let original = try manifest(jobId: jobId)
            var updated = original
            try body(&updated)
            if updated != original { try write(updated) }
            return updated
        }
    }
}
