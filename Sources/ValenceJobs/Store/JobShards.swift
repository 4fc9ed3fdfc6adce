/// The shards of a job started with `--shards N` (issue #14, decisions/0004): the manifest's
/// `"Shards"` member, in place of the job-level lease and checkpoint.
///
/// The plan (``ShardRange`` per shard) is made once, by the first shard worker, from the input
/// selected at run time, and stored here with the selection's digest: every shard, on any machine,
/// reads the same ranges, and a shard that finds the input changed fails the job rather than
/// produce records of another input. Each shard holds its own lease and checkpoint and writes its
/// own part (`<home>/shards/<JobId>/part-<index>`); a finished part's record count, size and
/// CRC-32 are what the merge needs.
public struct JobShards: Sendable, Equatable {
    /// The selection the plan was made from (``JobCheckpoint/selectionDigest(_:)``), once planned.
    public var selection: String?
    /// Each shard's range of the selected objects, once planned.
    public var plan: [ShardRange]?
    /// The selected input bytes, once planned.
    public var totalBytes: Int64
    public var states: [ShardState]
    /// `start` launched the shards' workers on this machine (not `--no-worker`): the sweep then
    /// launches the worker that resumes a dead shard too. Otherwise the engine's re-run of the
    /// index (or `valence worker --shard-index`) does, and the sweep only fails a shard with no
    /// attempts left.
    public var isLocal: Bool

    public init(count: Int, isLocal: Bool) {
        self.isLocal = isLocal
        selection = nil
        plan = nil
        totalBytes = 0
        states = Array(repeating: ShardState(), count: count)
    }

    public var count: Int { states.count }
    /// The shards whose part is not finished.
    public var unfinished: [Int] { states.indices.filter { states[$0].part == nil } }

    /// One shard's pieces, in the compact form the manifest keeps: objects `first ..< first+count`
    /// of the selection, the first read from `start` (line `firstLine`), the last up to `end`.
    public struct ShardRange: Sendable, Equatable {
        public var first: Int
        public var count: Int
        public var start: Int64
        public var end: Int64?
        public var firstLine: Int

        /// The compact form of a shard's pieces (contiguous objects, whole but for the first's start
        /// and the last's end, as ``ShardPlan`` makes them).
        public init(pieces: [ShardPlan.Piece], objects: [InputObject]) {
            first = pieces.first.flatMap { piece in objects.firstIndex(of: piece.object) } ?? 0
            count = pieces.count
            start = pieces.first?.start ?? 0
            end = pieces.last?.end
            firstLine = pieces.first?.firstLine ?? 0
        }

        /// The pieces again, over the same `objects`; nil when they do not fit.
        public func pieces(of objects: [InputObject]) -> [ShardPlan.Piece]? {
            guard first >= 0, count >= 0, first + count <= objects.count else { return nil }
            return (0..<count).map { i in
                ShardPlan.Piece(object: objects[first + i], start: i == 0 ? start : 0,
                                end: i == count - 1 ? end : nil, firstLine: i == 0 ? firstLine : 0)
            }
        }

        var json: JSONValue {
            .object([("First", .int(first)), ("Count", .int(count)), ("Start", .int(Int(start))),
                     ("End", end.map { .int(Int($0)) } ?? .null), ("FirstLine", .int(firstLine))])
        }

        init?(json: JSONValue) {
            guard let first = Self.integer(json["First"]), let count = Self.integer(json["Count"]),
                  let start = Self.integer(json["Start"]), let firstLine = Self.integer(json["FirstLine"]) else { return nil }
            self.first = first
            self.count = count
            self.start = Int64(start)
            self.end = Self.integer(json["End"]).map(Int64.init)
            self.firstLine = firstLine
        }

        static func integer(_ value: JSONValue?) -> Int? {
            guard case .number(let literal)? = value else { return nil }
            return Int(literal)
        }
    }

    /// A finished part: what the merge appends.
    public struct Part: Sendable, Equatable {
        public var documents: Int
        /// The records' bytes (the part's share of `output`).
        public var memberBytes: Int
        /// The records' CRC-32 (gzip; 0 for zstd).
        public var checksum: UInt32
        /// A stop cut the shard short.
        public var stopped: Bool

        public init(documents: Int, memberBytes: Int, checksum: UInt32, stopped: Bool) {
            self.documents = documents
            self.memberBytes = memberBytes
            self.checksum = checksum
            self.stopped = stopped
        }
    }

    /// One shard's worker state, as a job's is without shards.
    public struct ShardState: Sendable, Equatable {
        public var attempt = 0
        public var lease: JobLease?
        public var checkpoint: JobCheckpoint?
        /// Documents in the shard's records so far (progress).
        public var documents = 0
        public var inputBytes: Int64 = 0
        /// Set once the shard's part is finished and in place.
        public var part: Part?

        var json: JSONValue {
            var members: [(String, JSONValue)] = [("Attempt", .int(attempt)), ("Documents", .int(documents)),
                                                  ("InputBytes", .int(Int(inputBytes)))]
            if let lease { members.append(("Lease", lease.json)) }
            if let checkpoint { members.append(("Checkpoint", checkpoint.json)) }
            if let part {
                members.append(("Part", .object([("MemberBytes", .int(part.memberBytes)), ("Crc32", .int(Int(part.checksum))),
                                                 ("Stopped", .bool(part.stopped))])))
            }
            return .object(members)
        }

        init() {}

        init?(json: JSONValue) {
            guard let attempt = ShardRange.integer(json["Attempt"]), let documents = ShardRange.integer(json["Documents"]),
                  let inputBytes = ShardRange.integer(json["InputBytes"]) else { return nil }
            self.attempt = attempt
            self.documents = documents
            self.inputBytes = Int64(inputBytes)
            if let value = json["Lease"] { guard let lease = JobLease(json: value) else { return nil }; self.lease = lease }
            if let value = json["Checkpoint"] {
                guard let checkpoint = JobCheckpoint(json: value) else { return nil }
                self.checkpoint = checkpoint
            }
            if let value = json["Part"] {
                guard let bytes = ShardRange.integer(value["MemberBytes"]),
                      let crc = ShardRange.integer(value["Crc32"]).flatMap(UInt32.init(exactly:)) else { return nil }
                part = Part(documents: documents, memberBytes: bytes, checksum: crc, stopped: value["Stopped"] == .bool(true))
            }
        }
    }

    var json: JSONValue {
        var members: [(String, JSONValue)] = [("Count", .int(count)), ("Local", .bool(isLocal))]
        if let selection { members.append(("Selection", .string(selection))) }
        if let plan { members.append(("Plan", .array(plan.map(\.json)))) }
        members.append(("TotalBytes", .int(Int(totalBytes))))
        members.append(("States", .array(states.map(\.json))))
        return .object(members)
    }

    init?(json: JSONValue?) {
        guard let json, case .array(let states)? = json["States"], let total = ShardRange.integer(json["TotalBytes"]),
              ShardRange.integer(json["Count"]) == states.count, !states.isEmpty else { return nil }
        self.states = []
        for state in states {
            guard let decoded = ShardState(json: state) else { return nil }
            self.states.append(decoded)
        }
        totalBytes = Int64(total)
        isLocal = json["Local"] == .bool(true)
        selection = json["Selection"]?.stringValue
        if let value = json["Plan"] {
            guard case .array(let ranges) = value else { return nil }
            let decoded = ranges.compactMap(ShardRange.init(json:))
            guard decoded.count == states.count else { return nil }
            plan = decoded
        }
    }
}
