/// How a job's input is split among N shards, so that N workers — on one machine or many — each
/// produce a contiguous run of the records a one-machine job would write, and their outputs put
/// end to end are exactly its `output`.
///
/// The plan is deterministic: the same objects (sorted by key, as ``InputSelector`` returns them),
/// format and shard count always give the same plan.
///
/// - The input is seen as one sequence of bytes (the objects in order) and cut at `k·T/N` for
///   `k = 1 … N−1`, `T` the total size: shards are balanced by bytes, not by objects.
/// - In `ONE_DOC_PER_LINE` a cut inside an object moves forward to the next line end (see
///   ``LinePrefixScanner``), so an object may be split between shards at line boundaries; the part
///   after a cut knows its first `Line` (the terminators before it), so records keep the file's own
///   line numbers. A part whose preceding bytes hold invalid UTF-8 is dropped from the plan: the
///   first invalid byte of a file ends that file (spec §7.4), so it can have no records.
/// - In `ONE_DOC_PER_FILE` a cut inside an object moves to the nearer end of the object: a
///   document is never split.
/// - A shard may be empty (more shards than cut points); its output is empty.
public struct ShardPlan: Sendable, Equatable {
    /// A byte range of one object that one shard reads.
    public struct Piece: Sendable, Equatable {
        public var object: InputObject
        /// Where reading starts: 0, or just after a line terminator.
        public var start: Int64
        /// Where reading stops, or nil to read to the end of the file (the object's last piece).
        public var end: Int64?
        /// The `Line` of the first line at `start`.
        public var firstLine: Int

        public init(object: InputObject, start: Int64 = 0, end: Int64? = nil, firstLine: Int = 0) {
            self.object = object
            self.start = start
            self.end = end
            self.firstLine = firstLine
        }
    }

    public var format: InputFormat
    /// The pieces of each shard, in output order; `shards.count` is the shard count.
    public var shards: [[Piece]]

    public init(format: InputFormat, shards: [[Piece]]) {
        self.format = format
        self.shards = shards
    }

    /// The most shards a job may have.
    public static let maximumShardCount = 10_000

    /// Plans `shardCount` shards over `objects` (sorted by key). Reads the `ONE_DOC_PER_LINE`
    /// objects that a cut falls in, up to the cut, to place it at a line end.
    public static func make(objects: [InputObject], format: InputFormat, shardCount: Int) throws(StorageError) -> ShardPlan {
        precondition((1 ... maximumShardCount).contains(shardCount), "shard count out of range")
        let total = objects.reduce(Int64(0)) { $0 + $1.size }
        // Object start offsets in the concatenated input.
        var starts: [Int64] = []
        starts.reserveCapacity(objects.count)
        var running: Int64 = 0
        for object in objects {
            starts.append(running)
            running += object.size
        }
        // Each target cut, as (object index, offset in that object); offset 0 cuts before it.
        var targets: [(object: Int, offset: Int64)] = []
        for k in 1 ..< shardCount {
            let target = Int64(shardCount).dividingFullWidth(total.multipliedFullWidth(by: Int64(k))).quotient
            targets.append(position(of: target, starts: starts, objects: objects))
        }
        // Resolve the cuts inside objects, one pass per object.
        var cuts: [Position] = []
        var index = 0
        while index < targets.count {
            let object = targets[index].object
            var group: [Int] = []
            while index < targets.count, targets[index].object == object {
                group.append(index)
                index += 1
            }
            let offsets = group.map { targets[$0].offset }
            guard object < objects.count, offsets.contains(where: { $0 > 0 }) else {
                cuts.append(contentsOf: offsets.map { _ in Position(object: object) })
                continue
            }
            switch format {
            case .oneDocPerFile:
                let size = objects[object].size
                cuts.append(contentsOf: offsets.map { $0 * 2 < size ? Position(object: object) : Position(object: object + 1) })
            case .oneDocPerLine:
                let found = try LinePrefixScanner.cuts(in: objects[object].path, fileName: objects[object].fileName, atOrAfter: offsets)
                for cut in found {
                    cuts.append(cut.offset >= objects[object].size && cut.offset > 0
                        ? Position(object: object + 1)
                        : Position(object: object, offset: cut.offset, firstLine: cut.lineCount, prefixIsValid: cut.prefixIsValid))
                }
            }
        }
        // Cuts never move backwards (a long line may push one past the next target).
        for i in cuts.indices.dropFirst() where cuts[i] < cuts[i - 1] { cuts[i] = cuts[i - 1] }

        var shards: [[Piece]] = []
        var from = Position(object: 0)
        for to in cuts + [Position(object: objects.count)] {
            shards.append(pieces(from: from, to: to, objects: objects))
            from = to
        }
        return ShardPlan(format: format, shards: shards)
    }

    /// A point in the concatenated input: before byte `offset` of object `object`.
    private struct Position: Comparable {
        var object: Int
        var offset: Int64 = 0
        var firstLine = 0
        var prefixIsValid = true

        static func < (a: Position, b: Position) -> Bool {
            (a.object, a.offset) < (b.object, b.offset)
        }

        static func == (a: Position, b: Position) -> Bool {
            a.object == b.object && a.offset == b.offset
        }
    }

    private static func position(of target: Int64, starts: [Int64], objects: [InputObject]) -> (object: Int, offset: Int64) {
        // The last object starting at or before `target` that is not empty... or the one after.
        var low = 0
        var high = objects.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] + objects[middle].size <= target { low = middle + 1 } else { high = middle }
        }
        guard low < objects.count else { return (objects.count, 0) }
        return (low, max(0, target - starts[low]))
    }

    private static func pieces(from: Position, to: Position, objects: [InputObject]) -> [Piece] {
        var result: [Piece] = []
        var object = from.object
        while object < objects.count, object <= to.object {
            let start = object == from.object ? from.offset : 0
            let end: Int64? = object == to.object ? to.offset : nil
            if let end, end <= start { break }
            if object == from.object, !from.prefixIsValid {
                // The file ended at an invalid byte before this part: nothing to read here.
            } else {
                result.append(Piece(object: objects[object], start: start, end: end, firstLine: object == from.object ? from.firstLine : 0))
            }
            object += 1
        }
        return result
    }
}
