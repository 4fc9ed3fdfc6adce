import Foundation

/// Starts a detached `valence worker --job-id <id>` process for a queued job: in a session of its
/// own, stdin on `/dev/null`, stdout and stderr appended to `<home>/logs/<JobId>.log`, nothing else
/// inherited, and the configuration's environment with `home` and `s3Root` pinned.
struct WorkerLauncher: Sendable {
    let configuration: ValenceConfiguration
    let store: JobStore
    /// The lexicon packs the worker scores with (passed as `--lexicons`).
    let lexicons: String
    /// The binary to start: this process's own, so the worker is the same build as its launcher.
    let executable: String

    /// The running executable, with symlinks resolved.
    static var currentExecutable: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
    }

    /// Starts the worker and records its pid in the manifest at once, not only when the worker
    /// claims the job, so that a worker that dies before its first step is swept too. A worker
    /// that cannot start fails the job (`INTERNAL_SERVER_ERROR`) and throws.
    /// With `shardIndex`, the worker runs that shard of a sharded job (`--shard-index`), and the
    /// shard's lease goes to it (``JobStore/recordShardLaunch(jobId:index:pid:)``).
    func launch(jobId: String, shardIndex: Int? = nil) throws(WorkerLaunchError) {
        try? FileManager.default.createDirectory(atPath: store.layout.logsDirectory, withIntermediateDirectories: true)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The worker starts with no blocked signals and default handlers for the ones that stop
        // it (a launcher such as Foundation's Process may block nearly everything).
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE] { sigaddset(&defaultSignals, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawnattr_setflags(&attributes, SpawnFlags.detachedWorker)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, store.layout.logPath(jobId: jobId), O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Nothing else the launcher inherited goes to the worker: a pipe's write end held by the
        // detached worker would keep whoever reads `start`'s output waiting until the job ends.
        #if os(Linux)
        // (glibc's addclosefrom_np is not imported into Swift; a close of a descriptor that is no
        // longer open at spawn time, such as the one that listed the directory, is ignored.)
        let inherited = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd"))?.compactMap { Int32($0) }
            ?? Array(3..<Int32(min(sysconf(Int32(_SC_OPEN_MAX)), SpawnFlags.maximumDescriptorsToClose)))
        for descriptor in inherited where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        #endif
        let arguments = [executable, "worker", "--job-id", jobId, "--lexicons", lexicons] + (shardIndex.map { ["--shard-index", "\($0)"] } ?? [])
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let envp: [UnsafeMutablePointer<CChar>?] = configuration.workerEnvironment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in envp { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard status == 0 else {
            let reason = String(cString: strerror(status))
            _ = try? store.markFailed(jobId: jobId, message: "INTERNAL_SERVER_ERROR: could not start a worker process (\(reason))")
            throw WorkerLaunchError(message: "could not start a worker process: \(reason)")
        }
        if let shardIndex {
            try? store.recordShardLaunch(jobId: jobId, index: shardIndex, pid: pid)
        } else {
            _ = try? store.recordWorkerLaunch(jobId: jobId, pid: pid)
        }
    }
}

/// `posix_spawnattr_setflags` values for a detached worker.
private enum SpawnFlags {
    #if os(Linux)
    // glibc's values; Swift does not import these macros.
    static let setSignalDefaults: Int16 = 0x04  // POSIX_SPAWN_SETSIGDEF
    static let setSignalMask: Int16 = 0x08  // POSIX_SPAWN_SETSIGMASK
    static let setSession: Int16 = 0x80  // POSIX_SPAWN_SETSID
    static let detachedWorker = setSession | setSignalMask | setSignalDefaults
    /// When `/proc/self/fd` cannot be listed: close every descriptor below this (or `_SC_OPEN_MAX`).
    static let maximumDescriptorsToClose = 4096
    #else
    // Darwin closes every inherited descriptor itself with CLOEXEC_DEFAULT.
    static let detachedWorker = Int16(POSIX_SPAWN_SETSID | POSIX_SPAWN_CLOEXEC_DEFAULT | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
    #endif
}
