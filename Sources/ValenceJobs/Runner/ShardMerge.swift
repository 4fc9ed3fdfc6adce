import Dispatch
import Foundation

/// Assembles a sharded job's `output.tar.gz` (or `.tar.zst`) from its finished parts, in shard
/// order, without recompressing (``ArchiveWriter/append(partAt:uncompressedCount:checksum:)``:
/// the parts' bytes copied, the CRC-32s combined), then ends the job (decisions/0004).
///
/// The commit order is a job's: the archive is written and `fsync`ed under a temporary name, then,
/// under the store lock, renamed onto its path and the manifest COMPLETED (STOPPED when a stop cut
/// a shard short); then the parts are removed. Merging is idempotent: of two merges at once (the
/// last shard and `valence merge`) the first commits and the other finds the job ended and drops
/// its copy; a job that ended is returned as it is. An archive that cannot be written fails the
/// job (`NO_WRITE_ACCESS_TO_OUTPUT`, the cause in its log and `Message`), as it fails a job.
struct ShardMerge {
    let store: JobStore
    let objects: ObjectStore

    func merge(jobId: String) throws(ServiceError) -> JobManifest {
        let manifest = try store.manifest(jobId: jobId)
        _ = try JobStore.shardState(manifest, 0)
        if manifest.status == .completed || manifest.status == .stopped { return manifest }
        try JobStore.checkMergeable(manifest)
        let shards = manifest.shards!
        let started = DispatchTime.now().uptimeNanoseconds
        let writer: ArchiveWriter
        do {
            let location = try objects.outputLocation(objectURI: manifest.outputURI)
            try location.createDirectory()
            writer = try ArchiveWriter(path: location.path, compression: ArchiveCompression(codec: manifest.outputCompression),
                                       modificationTime: manifest.properties.submitTime.milliseconds / 1000)
            for (index, state) in shards.states.enumerated() {
                try writer.append(partAt: store.layout.partPath(jobId: jobId, index: index),
                                  uncompressedCount: state.part!.memberBytes, checksum: state.part!.checksum)
            }
            try writer.finish()
        } catch {
            // Another merge may have ended the job, and removed the parts, meanwhile.
            if let ended = try? store.manifest(jobId: jobId), ended.status == .completed || ended.status == .stopped { return ended }
            // As for a job: an output that cannot be written fails it, with the cause in its log.
            let (message, reason) = Self.failure(error)
            JobLog(layout: store.layout, jobId: jobId).append("valence: job \(jobId) FAILED: the merge: \(message)\n  cause: \(reason)")
            let failed = try store.markFailed(jobId: jobId, message: message + " (merging the shards: \(reason))")
            try? FileManager.default.removeItem(atPath: store.layout.shardsDirectory(jobId: jobId))
            return failed
        }
        let ended = try store.finishMerge(jobId: jobId) { () throws(ServiceError) in
            do throws(ArchiveError) { try writer.publish() } catch { throw ServiceError(.internalServer, error.message) }
        }
        writer.discard()
        if ended.status == .completed || ended.status == .stopped {
            try? FileManager.default.removeItem(atPath: store.layout.shardsDirectory(jobId: jobId))
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        JobLog(layout: store.layout, jobId: jobId).append(
            "valence: job \(jobId): \(shards.count) parts merged in \(String(format: "%.2f", seconds)) s "
            + "(\(shards.states.reduce(0) { $0 + ($1.part?.memberBytes ?? 0) }) record bytes): \(ended.status.rawValue), "
            + "\(ended.documentsProcessed) documents")
        return ended
    }

    /// The job's `Message` for a merge that failed, and the cause.
    private static func failure(_ error: any Error) -> (message: String, reason: String) {
        if let error = error as? StorageError { return (error.jobMessage, error.reason) }
        return (StorageError.Code.noWriteAccessToOutput.jobMessage, (error as? ArchiveError)?.message ?? "\(error)")
    }
}
