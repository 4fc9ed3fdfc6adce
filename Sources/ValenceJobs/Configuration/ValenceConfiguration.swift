import Foundation
import ValenceCore

/// Everything Valence takes from its surroundings, resolved once from the environment and the
/// command line's flags and then passed down (ARCHITECTURE.md, "Local storage and state"). No
/// other code reads an environment variable: a worker process is handed `environment` as it was
/// captured here, with `home` and `s3Root` pinned, so it resolves to the same places.
///
/// | setting    | flag          | environment                          | default                                   |
/// |------------|---------------|--------------------------------------|-------------------------------------------|
/// | `home`     |               | `VALENCE_HOME`                       | `~/.valence`                              |
/// | `s3Root`   |               | `VALENCE_S3_ROOT`                    | `<home>/s3`                               |
/// | `region`   | `--region`    | `AWS_REGION`, `AWS_DEFAULT_REGION`, then the profile's `region` in `AWS_CONFIG_FILE` (`~/.aws/config`) | `us-east-1` |
/// | `profile`  | `--profile`   | `AWS_PROFILE`, `AWS_DEFAULT_PROFILE` | `default`                                 |
/// | `output`   | (`--output`)  | `AWS_DEFAULT_OUTPUT`, then the profile's `output` | json                         |
/// | `lexicons` | `--lexicons`  | `VALENCE_LEXICONS`                   | the packs installed or built beside the binary |
/// | `threads`  | `--threads`   | `VALENCE_THREADS`                    | the number of cores                       |
/// | `learning` | `lexicon learn`'s flags |                            | ``LearningSettings``' defaults            |
/// | `leases`   |               | `VALENCE_LEASE_SECONDS`, `VALENCE_LEASE_RENEWAL_SECONDS` | ``Leases``' defaults (30 s, 0.5 s) |
/// | `crashAt`  |               | `VALENCE_CRASH_AT` (tests only)      | none                                      |
/// | `batchDocuments` | (`run`, `worker`) | `VALENCE_BATCH_DOCUMENTS` (tests, measurements) | ``JobRunner/defaultBatchDocuments`` (2,048) |
/// | `endpoint` | `--endpoint-url`, `--no-sign-request`, `--cli-connect-timeout`, `--cli-read-timeout` | `AWS_ENDPOINT_URL_COMPREHEND`, `AWS_MAX_ATTEMPTS` (or the profile's `max_attempts`); credentials: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, then the profile's keys in `AWS_SHARED_CREDENTIALS_FILE` (`~/.aws/credentials`) and the config file | none: answered here |
/// | `shardIndex` | `worker --shard-index` | `SLURM_ARRAY_TASK_ID`, `JOB_COMPLETION_INDEX` (Kubernetes Indexed Job), `AWS_BATCH_JOB_ARRAY_INDEX` | none |
///
/// An empty variable counts as unset. A leading `~` or `~/` is expanded with `$HOME`, a relative
/// path is taken relative to the current directory, and trailing slashes are dropped, so `home`
/// and `s3Root` are absolute.
public struct ValenceConfiguration: Sendable {
    /// `VALENCE_HOME`: job manifests, locks and worker logs.
    public var home: String
    /// `VALENCE_S3_ROOT`: `s3://bucket/key` is `<s3Root>/bucket/key`.
    public var s3Root: String
    /// The region in job ARNs, resolved as the aws CLI resolves it.
    public var region: String
    /// The aws CLI profile whose `region` applies.
    public var profile: String
    /// Whether `profile` was asked for by name and is in neither the config nor the credentials
    /// file (the aws CLI refuses to run then).
    public var profileNotFound: Bool
    /// The aws CLI's default `--output`: `AWS_DEFAULT_OUTPUT`, else the profile's `output`.
    public var output: String?
    /// The profile's `cli_timestamp_format` (`iso8601`, CLI v2's default, or `wire`).
    public var timestampFormat: String?
    /// The directory of lexicon packs; nil when none was given or found (see ``requireLexicons()``).
    public var lexicons: String?
    /// Scoring threads of a worker or of `valence run`.
    public var threads: Int
    /// The defaults of unit learning (`valence lexicon learn`), the one place they are set.
    public var learning: LearningSettings
    /// How long a worker's lease on its job lasts and how often it is renewed (with a checkpoint).
    public var leases: Leases
    /// A test's request to kill the worker at one step of a job (``CrashInjection``).
    public var crashAt: CrashInjection?
    /// Documents per batch (and per compressed chunk) of a job: the archive's bytes depend on it,
    /// so it changes only for tests that want many chunks from a small input.
    public var batchDocuments: Int
    /// The shard a `valence worker` runs when `--shard-index` is not given: the array index an
    /// engine sets (the first of Slurm's, Kubernetes', AWS Batch's variables that is set).
    public var shardIndex: Int?
    /// The `valence serve` endpoint the aws-style commands are clients of; nil when they answer here.
    public var endpoint: Endpoint?
    /// The process environment the settings were resolved from, to hand on to worker processes.
    public var environment: [String: String]

    /// The timing of job leases (``JobLease``). Tests shorten them through the environment; the
    /// defaults suit one machine or a shared file system alike.
    public struct Leases: Sendable, Hashable {
        /// A lease lasts 30 s past its last renewal: a worker stalled that long (SIGSTOP, a hung
        /// disk) is replaced, one that is merely slow never is.
        public static let defaultDuration = 30.0
        /// A worker renews its lease, with a checkpoint (an `fsync` of its archive), twice a second.
        public static let defaultRenewalInterval = 0.5
        /// A job is run by at most three workers (the first and two resumes), then FAILED.
        public static let defaultMaxAttempts = 3

        /// Seconds a lease lasts after each renewal.
        public var duration: Double
        /// Seconds between renewals; 0 renews (and checkpoints) after every chunk.
        public var renewalInterval: Double
        public var maxAttempts: Int

        public init(
            duration: Double = Leases.defaultDuration, renewalInterval: Double = Leases.defaultRenewalInterval,
            maxAttempts: Int = Leases.defaultMaxAttempts
        ) {
            self.duration = duration
            self.renewalInterval = renewalInterval
            self.maxAttempts = maxAttempts
        }

        /// The duration in milliseconds.
        var durationMilliseconds: Int64 { Int64((duration * 1000).rounded(.up)) }
    }

    /// What the command line says; a flag wins over the environment.
    public struct Flags: Sendable {
        public var lexicons: String?
        public var threads: Int?
        public var region: String?
        public var profile: String?
        /// `--endpoint-url`, `--no-sign-request` (false), `--cli-connect-timeout`, `--cli-read-timeout`.
        public var endpointURL: String?
        public var signsRequests = true
        public var connectTimeout: Int?
        public var readTimeout: Int?

        public init(lexicons: String? = nil, threads: Int? = nil, region: String? = nil, profile: String? = nil) {
            self.lexicons = lexicons
            self.threads = threads
            self.region = region
            self.profile = profile
        }
    }

    /// Resolves the settings from `environment` and `flags`. Tests pass their own dictionary,
    /// directory and core count instead of the process's.
    public init(
        environment: [String: String], flags: Flags = Flags(), currentDirectory: String,
        executablePath: String, processorCount: Int
    ) {
        func variable(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        let userHome = variable("HOME") ?? NSHomeDirectory()
        func resolve(_ path: String) -> String {
            Self.absolutePath(path, userHome: userHome, currentDirectory: currentDirectory)
        }
        home = resolve(variable("VALENCE_HOME") ?? "~/.valence")
        s3Root = variable("VALENCE_S3_ROOT").map(resolve) ?? home + "/s3"
        let named = flags.profile ?? variable("AWS_PROFILE") ?? variable("AWS_DEFAULT_PROFILE")
        let files = AWSConfigFiles(configPath: resolve(variable("AWS_CONFIG_FILE") ?? "~/.aws/config"),
                                   credentialsPath: resolve(variable("AWS_SHARED_CREDENTIALS_FILE") ?? "~/.aws/credentials"))
        profile = named ?? "default"
        profileNotFound = named != nil && !files.hasProfile(profile)
        output = variable("AWS_DEFAULT_OUTPUT") ?? files.config[profile]?["output"].flatMap { $0.isEmpty ? nil : $0 }
        timestampFormat = files.config[profile]?["cli_timestamp_format"]
        region = flags.region ?? variable("AWS_REGION") ?? variable("AWS_DEFAULT_REGION")
            ?? files.config[profile]?["region"].flatMap { $0.isEmpty ? nil : $0 } ?? "us-east-1"
        lexicons = flags.lexicons ?? variable("VALENCE_LEXICONS")
            ?? LexiconsLocator(executablePath: executablePath, currentDirectory: currentDirectory).find()
        threads = flags.threads ?? variable("VALENCE_THREADS").flatMap { Int($0) } ?? processorCount
        learning = LearningSettings()
        let seconds = { (name: String) in variable(name).flatMap(Double.init).flatMap { $0.isFinite && $0 >= 0 ? $0 : nil } }
        leases = Leases(duration: seconds("VALENCE_LEASE_SECONDS").flatMap { $0 > 0 ? $0 : nil } ?? Leases.defaultDuration,
                        renewalInterval: seconds("VALENCE_LEASE_RENEWAL_SECONDS") ?? Leases.defaultRenewalInterval)
        crashAt = variable("VALENCE_CRASH_AT").flatMap(CrashInjection.init)
        batchDocuments = variable("VALENCE_BATCH_DOCUMENTS").flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } ?? JobRunner.defaultBatchDocuments
        shardIndex = ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX"].lazy
            .compactMap { variable($0).flatMap { Int($0) } }.first
        let credentials = Self.credentials(environment: variable, explicitProfile: flags.profile != nil, profile: named ?? "default", files: files)
        endpoint = (flags.endpointURL ?? variable("AWS_ENDPOINT_URL_COMPREHEND")).map { url in
            Endpoint(url: url, credentials: credentials,
                     signsRequests: flags.signsRequests, connectTimeout: flags.connectTimeout ?? Endpoint.defaultTimeout,
                     readTimeout: flags.readTimeout ?? Endpoint.defaultTimeout,
                     maxAttempts: (variable("AWS_MAX_ATTEMPTS") ?? files.config[named ?? "default"]?["max_attempts"])
                        .flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } ?? Endpoint.defaultMaxAttempts)
        }
        self.environment = environment
    }

    /// The configuration of this process: its environment, working directory, executable and
    /// cores, read here and nowhere else.
    public static func current(flags: Flags = Flags()) -> ValenceConfiguration {
        ValenceConfiguration(
            environment: ProcessInfo.processInfo.environment, flags: flags,
            currentDirectory: FileManager.default.currentDirectoryPath,
            // argv[0] is a bare name when the binary was found through PATH: use the running executable.
            executablePath: (CommandLine.arguments.first ?? "").contains("/")
                ? CommandLine.arguments[0] : (Bundle.main.executablePath ?? CommandLine.arguments.first ?? ""),
            processorCount: ProcessInfo.processInfo.activeProcessorCount)
    }

    /// The lexicon pack directory, or an error naming the two ways to give one.
    public func requireLexicons() throws(ConfigurationError) -> String {
        guard let lexicons else { throw ConfigurationError.lexiconsNotFound }
        return lexicons
    }

    /// The environment of a worker process: this one's, with the resolved `home` and `s3Root`
    /// pinned so that a relative or `~` path cannot resolve differently in the worker.
    var workerEnvironment: [String: String] {
        var result = environment
        result["VALENCE_HOME"] = home
        result["VALENCE_S3_ROOT"] = s3Root
        return result
    }

    static func absolutePath(_ path: String, userHome: String, currentDirectory: String) -> String {
        var path = path
        if path == "~" {
            path = userHome
        } else if path.hasPrefix("~/") {
            path = joined(userHome, String(path.dropFirst(2)))
        }
        if !path.hasPrefix("/") {
            path = joined(currentDirectory, path)
        }
        while path.count > 1, path.hasSuffix("/") {
            path.removeLast()
        }
        return path
    }

    private static func joined(_ directory: String, _ relative: String) -> String {
        directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }
}
