import Foundation

/// How far a job has read its input and, at that pace, how long the rest will take: the figures
/// of `valence run`'s progress line and of `start --wait`'s.
public struct ProgressEstimate: Sendable, Equatable {
    /// The fraction of the input bytes read, 0...1.
    public var fraction: Double
    /// The seconds left at the pace so far; nil while nothing is read.
    public var secondsLeft: Double?

    /// The fraction of the input read, and the seconds left if the rest goes at the pace of the
    /// first `elapsed` seconds (nil while nothing is read). Nil when there is no input to measure.
    public static func estimate(bytesProcessed: Int64, totalBytes: Int64, elapsed: TimeInterval) -> ProgressEstimate? {
        guard totalBytes > 0 else { return nil }
        let fraction = min(Double(max(bytesProcessed, 0)) / Double(totalBytes), 1)
        return ProgressEstimate(fraction: fraction, secondsLeft: fraction > 0 ? elapsed * (1 - fraction) / fraction : nil)
    }
}
