/// The right to run a job (issue #11 defect 1, ARCHITECTURE.md "Liveness is a lease"): one worker
/// holds it until `expires`, and renews it with every checkpoint. Only an expired lease makes a
/// job's worker dead (or a holder that is provably gone, ``WorkerIdentity/isProvablyGone(from:)``);
/// then a new worker resumes the job from its last checkpoint, and the old holder, should it wake
/// up (SIGCONT), finds the lease taken at its next renewal and stops without writing anything.
///
/// In the manifest: `"Lease": {"Host", "BootId", "PidNamespace", "Pid", "Expires"}`, `Expires` in
/// epoch milliseconds. A launcher (``WorkerLauncher``) holds the lease while it spawns a worker and
/// hands it to the child's pid at once.
public struct JobLease: Sendable, Hashable {
    public var holder: WorkerIdentity
    public var expires: EpochTime

    public init(holder: WorkerIdentity, expires: EpochTime) {
        self.holder = holder
        self.expires = expires
    }

    /// Whether another process (`observer`, at `time`) may take the job over.
    public func isDead(at time: EpochTime, seenFrom observer: WorkerIdentity) -> Bool {
        time >= expires || holder.isProvablyGone(from: observer)
    }

    var json: JSONValue {
        guard case .object(var members) = holder.json else { return .null }
        members.append(("Expires", .int(Int(expires.milliseconds))))
        return .object(members)
    }

    init?(json: JSONValue?) {
        guard let holder = WorkerIdentity(json: json), case .number(let literal)? = json?["Expires"],
              let milliseconds = Int64(literal) else { return nil }
        self.init(holder: holder, expires: EpochTime(milliseconds: milliseconds))
    }
}
