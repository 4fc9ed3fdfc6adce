internal import CZstd

/// zstd's one-shot compressor, producing one complete frame (with content size and checksum) per
/// call from one reused `ZSTD_CCtx`.
final class ZstdEncoder {
    private let context: OpaquePointer

    /// A compressor at `level`, with ``hashLog(level:)``.
    convenience init(level: Int) throws(ArchiveError) {
        try self.init(level: level, hashLog: Self.hashLog(level: level))
    }

    /// A compressor at `level`, whose match finder hashes into a table of 2^`hashLog` entries
    /// (nil: what zstd picks for the level and each frame's size).
    init(level: Int, hashLog: Int?) throws(ArchiveError) {
        guard let context = ZSTD_createCCtx() else {
            throw ArchiveError(.compressionFailed, "ZSTD_createCCtx failed: out of memory")
        }
        self.context = context
        try Zstd.check(ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, Int32(level)), "setting the level to \(level)")
        try Zstd.check(ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1), "enabling the checksum")
        if let hashLog {
            try Zstd.check(ZSTD_CCtx_setParameter(context, ZSTD_c_hashLog, Int32(hashLog)), "setting the hash log to \(hashLog)")
        }
    }

    /// The hash table of level 1 (the default, zstd's fast strategy) at 2^11 entries, 8 KiB, not
    /// zstd's 2^14 for frames of a batch's size: job records repeat their shape every ~200 bytes,
    /// so the latest position of a hash is the match worth having, and the table stays in L1.
    /// Measured on the records of 60 MB en and 20 MB de jobs in 430 KB frames (libzstd 1.5.4):
    /// 25 % faster and 4–5 % smaller (en 568 → 712 MB/s, ratio 5.19 → 5.46); docs/decisions/0002.
    /// Other levels keep zstd's choice.
    static func hashLog(level: Int) -> Int? {
        level == 1 ? 11 : nil
    }

    deinit {
        ZSTD_freeCCtx(context)
    }

    /// The most bytes one frame holding `count` input bytes can take.
    func bound(_ count: Int) -> Int {
        Int(ZSTD_compressBound(count))
    }

    /// Compresses `input` into one frame at the start of `output`, which must hold ``bound(_:)``
    /// bytes; returns the frame's length.
    func compress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(ArchiveError) -> Int {
        let result = ZSTD_compress2(context, output.baseAddress, output.count, input.baseAddress, input.count)
        try Zstd.check(result, "compressing \(input.count) bytes")
        return result
    }

    /// A zstd frame holding `data` (256 ... 65535 bytes) in one raw block, so its size is known
    /// before `data` is: magic, a single-segment header with a 2-byte content size, a block header.
    static func rawFrame(_ data: [UInt8]) -> [UInt8] {
        precondition(data.count >= 256 && data.count <= 0xFFFF)
        var frame: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]      // magic 0xFD2FB528, little-endian
        frame.reserveCapacity(rawFrameSize(data.count))
        frame.append(0x60)                                  // content size in 2 bytes, single segment
        let contentSize = UInt16(data.count - 256)          // the 2-byte form stores size - 256
        frame += [UInt8(contentSize & 0xFF), UInt8(contentSize >> 8)]
        let blockHeader = UInt32(1) | UInt32(data.count) << 3  // last block, raw, size
        frame += [UInt8(blockHeader & 0xFF), UInt8(blockHeader >> 8 & 0xFF), UInt8(blockHeader >> 16 & 0xFF)]
        frame += data
        return frame
    }

    static func rawFrameSize(_ count: Int) -> Int { 4 + 1 + 2 + 3 + count }
}

/// zstd's streaming decompressor over concatenated frames: how tests read `.tar.zst` archives
/// without a `zstd` binary.
enum ZstdDecoder {
    static func decompress(_ input: [UInt8]) throws(ArchiveError) -> [UInt8] {
        guard let context = ZSTD_createDStream() else {
            throw ArchiveError(.compressionFailed, "ZSTD_createDStream failed: out of memory")
        }
        defer { ZSTD_freeDStream(context) }
        try Zstd.check(ZSTD_initDStream(context), "initialising the decompressor")
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: Int(ZSTD_DStreamOutSize()))
        var position = 0
        var hint = 0
        while position < input.count {
            let (result, made, newPosition) = input.withUnsafeBytes { source in
                buffer.withUnsafeMutableBytes { target in
                    var inBuffer = ZSTD_inBuffer(src: source.baseAddress, size: source.count, pos: position)
                    var outBuffer = ZSTD_outBuffer(dst: target.baseAddress, size: target.count, pos: 0)
                    let result = ZSTD_decompressStream(context, &outBuffer, &inBuffer)
                    return (result, outBuffer.pos, inBuffer.pos)
                }
            }
            try Zstd.check(result, "decompressing at byte \(position)")
            guard newPosition > position || made > 0 else {
                throw ArchiveError(.compressionFailed, "zstd made no progress at byte \(position)")
            }
            output += buffer[..<made]
            position = newPosition
            hint = result
        }
        // Drain what the decoder still holds once all input is in.
        while hint != 0 {
            let (result, made) = buffer.withUnsafeMutableBytes { target in
                var inBuffer = ZSTD_inBuffer(src: nil, size: 0, pos: 0)
                var outBuffer = ZSTD_outBuffer(dst: target.baseAddress, size: target.count, pos: 0)
                let result = ZSTD_decompressStream(context, &outBuffer, &inBuffer)
                return (result, outBuffer.pos)
            }
            try Zstd.check(result, "finishing")
            if made == 0 {
                throw ArchiveError(.compressionFailed, "zstd data ends inside a frame")
            }
            output += buffer[..<made]
            hint = result
        }
        return output
    }
}

enum Zstd {
    static func check(_ result: Int, _ doing: String) throws(ArchiveError) {
        guard ZSTD_isError(result) != 0 else { return }
        throw ArchiveError(.compressionFailed, "zstd failed \(doing): \(String(cString: ZSTD_getErrorName(result)))")
    }
}
