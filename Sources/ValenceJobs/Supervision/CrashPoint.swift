#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The steps of a job at which a test may kill its worker (``CrashInjection``), in the order a
/// job passes them. Every step that makes something durable has one right after it, so the
/// crash tests can check that status and archive agree whatever the step a worker dies at.
public enum CrashPoint: String, Sendable, CaseIterable {
    /// The lease is taken: the manifest says IN_PROGRESS (or the next attempt) for this worker.
    case claimed = "claimed"
    /// The worker's temporary archive exists (a resumed one holds the copied chunks); no manifest
    /// names it yet.
    case archiveCreated = "archive-created"
    /// The manifest's checkpoint names the new temporary archive; older ones are not removed yet.
    case archiveRecorded = "archive-recorded"
    /// A chunk was written to the temporary archive (not yet durable).
    case chunkWritten = "chunk-written"
    /// The temporary archive was `fsync`ed for a checkpoint; the manifest does not know yet.
    case archiveSynced = "archive-synced"
    /// A checkpoint (and lease renewal) is in the manifest.
    case checkpointRecorded = "checkpoint-recorded"
    /// A manifest's new version is written and `fsync`ed under its temporary name, not renamed.
    case manifestWritten = "manifest-written"
    /// A manifest's new version was renamed into place; its directory is not `fsync`ed yet.
    case manifestRenamed = "manifest-renamed"
    /// The archive's last chunk, trailer and header are written; nothing is `fsync`ed.
    case archiveFinished = "archive-finished"
    /// The finished temporary archive is `fsync`ed, not renamed.
    case archiveFlushed = "archive-flushed"
    /// The archive was renamed to `output.tar.gz`; the directory is not `fsync`ed.
    case archiveRenamed = "archive-renamed"
    /// The archive's rename is durable; the manifest still says IN_PROGRESS.
    case archivePublished = "archive-published"
    /// The manifest says COMPLETED (or STOPPED).
    case ended = "ended"
}

/// A test-only hook: `VALENCE_CRASH_AT=<point>:<n>` (read once, by ``ValenceConfiguration``) makes
/// a worker kill itself with SIGKILL the `n`th time it reaches `point`, after saying so on its
/// log. Only ``JobService/runJob(jobId:)`` arms it, so the other commands of a test that share
/// the environment (and launch resumed workers with it) never crash themselves.
public struct CrashInjection: Sendable, Hashable {
    public var point: CrashPoint
    public var occurrence: Int

    public init(point: CrashPoint, occurrence: Int) {
        self.point = point
        self.occurrence = occurrence
    }

    /// `<point>:<n>` (`n` ≥ 1; `:1` may be left out); nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let point = CrashPoint(rawValue: String(parts[0])) else { return nil }
        let occurrence = parts.count == 2 ? Int(parts[1]) : 1
        guard let occurrence, occurrence >= 1 else { return nil }
        self.init(point: point, occurrence: occurrence)
    }

    /// The armed injection and how often its point was reached so far.
    private static let armed = Mutex<(injection: CrashInjection, count: Int)?>(nil)

    /// Arms `injection` for this process (nil disarms).
    static func arm(_ injection: CrashInjection?) {
        armed.withLock { $0 = injection.map { ($0, 0) } }
    }

    /// Called at every ``CrashPoint``: kills this process if it is the armed one's `n`th time.
    static func reach(_ point: CrashPoint) {
        let fires = armed.withLock { state -> Bool in
            guard var current = state, current.injection.point == point else { return false }
            current.count += 1
            state = current
            return current.count == current.injection.occurrence
        }
        guard fires else { return }
        let text = "valence worker: crash point \(point.rawValue) reached (VALENCE_CRASH_AT): SIGKILL\n"
        _ = text.withCString { write(2, $0, strlen($0)) }
        kill(getpid(), SIGKILL)
    }
}
