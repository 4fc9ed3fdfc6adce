import Foundation
import ValenceCore

/// The opaque `NextToken` of `ListSentimentDetectionJobs`: where the previous page ended (the last
/// job's `SubmitTime` and store sequence number) and a digest of the filter it was issued for.
///
/// Paging by position rather than by offset keeps pages stable while jobs are being submitted:
/// a job started between two pages never shifts another job onto a second page or off both.
/// The text is base64 of `v1:<filter digest>:<submit ms>:<sequence>`; clients must not rely on it.
struct ListPageToken: Sendable, Equatable {
    var submitTime: EpochTime
    var sequence: Int
    var filterDigest: String

    init(after manifest: JobManifest, filter: SentimentDetectionJobFilter?) {
        submitTime = manifest.properties.submitTime
        sequence = manifest.sequence
        filterDigest = Self.digest(filter)
    }

    /// Decodes `token`; nil unless it is a token Valence issued for `filter`.
    init?(_ token: String, filter: SentimentDetectionJobFilter?) {
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8) else { return nil }
        let fields = text.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 4, fields[0] == "v1",
              let millis = Int64(fields[2]), let sequence = Int(fields[3]),
              String(fields[1]) == Self.digest(filter) else { return nil }
        self.submitTime = EpochTime(milliseconds: millis)
        self.sequence = sequence
        self.filterDigest = String(fields[1])
    }

    var token: String {
        Data("v1:\(filterDigest):\(submitTime.milliseconds):\(sequence)".utf8).base64EncodedString()
    }

    /// Whether `manifest` comes after this position in the listing order.
    func precedes(_ manifest: JobManifest, descending: Bool) -> Bool {
        let key = (manifest.properties.submitTime.milliseconds, manifest.sequence)
        let mine = (submitTime.milliseconds, sequence)
        return descending ? key < mine : key > mine
    }

    /// FNV-1a (64-bit) of the filter's canonical JSON: stable across processes, unlike `Hasher`.
    static func digest(_ filter: SentimentDetectionJobFilter?) -> String {
        JobCheckpoint.fnv1a((filter?.json ?? .object([])).serialized(.line).utf8)
    }
}
