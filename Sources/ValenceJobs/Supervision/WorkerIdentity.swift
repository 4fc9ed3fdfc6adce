import Foundation

/// Who holds a job's lease: a process named so that any other process, on this machine or another
/// sharing the same `VALENCE_HOME`, can tell whether it is the same one: the host name, the
/// kernel's boot id (a rebooted host is another host: its processes are gone), the PID namespace
/// the pid is counted in, and the pid.
///
/// A pid alone names nothing outside its namespace (issue #11 defect 1): a command run in another
/// PID namespace, a container or another machine sees a different process, or none, under the same
/// number. Only an observer in the same host, boot and PID namespace may look the pid up
/// (``isProvablyGone(from:)``); everyone else waits for the lease to expire.
public struct WorkerIdentity: Sendable, Hashable {
    public var host: String
    /// `/proc/sys/kernel/random/boot_id`; empty where there is none.
    public var bootId: String
    /// The target of `/proc/self/ns/pid` (`pid:[4026531836]`); empty where there is none.
    public var pidNamespace: String
    public var pid: Int32

    public init(host: String, bootId: String, pidNamespace: String, pid: Int32) {
        self.host = host
        self.bootId = bootId
        self.pidNamespace = pidNamespace
        self.pid = pid
    }

    /// This process.
    public static func current() -> WorkerIdentity {
        WorkerIdentity(host: hostName, bootId: bootId, pidNamespace: pidNamespace, pid: getpid())
    }

    /// The process `pid` seen from this one's host, boot and namespace (a child it spawned).
    public func sibling(pid: Int32) -> WorkerIdentity {
        var other = self
        other.pid = pid
        return other
    }

    /// Whether `observer` can see this process's pid as it is, and sees no such live process: then
    /// the holder is gone for certain (killed, crashed) and its lease need not run out. A stopped
    /// (SIGSTOP) process is alive; a zombie is not. False whenever the pid cannot be checked.
    public func isProvablyGone(from observer: WorkerIdentity) -> Bool {
        guard !bootId.isEmpty, !pidNamespace.isEmpty, host == observer.host, bootId == observer.bootId,
              pidNamespace == observer.pidNamespace else { return false }
        return !JobStore.isProcessAlive(pid)
    }

    /// `host pid P (boot B, pid:[N])`, for logs.
    public var description: String { "\(host) pid \(pid) (boot \(bootId), \(pidNamespace))" }

    /// `gethostname(2)` (Foundation's `hostName` may ask DNS for a canonical name).
    static let hostName: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    static let bootId: String = {
        guard let text = try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8) else { return "" }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }()

    static let pidNamespace: String = {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/ns/pid")) ?? ""
    }()

    var json: JSONValue {
        .object([("Host", .string(host)), ("BootId", .string(bootId)), ("PidNamespace", .string(pidNamespace)),
                 ("Pid", .int(Int(pid)))])
    }

    init?(json: JSONValue?) {
        guard let json, let host = json["Host"]?.stringValue, let boot = json["BootId"]?.stringValue,
              let namespace = json["PidNamespace"]?.stringValue,
              case .number(let literal)? = json["Pid"], let pid = Int32(literal) else { return nil }
        self.init(host: host, bootId: boot, pidNamespace: namespace, pid: pid)
    }
}
