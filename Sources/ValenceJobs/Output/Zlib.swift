internal import CZlib

/// zlib's deflate, producing one complete gzip member (RFC 1952) per call. One `z_stream` is
/// allocated once and reset between members; it lives at a fixed address because zlib keeps a
/// pointer back to it.
final class GzipEncoder {
    private let stream: UnsafeMutablePointer<z_stream>

    init(level: Int) throws(ArchiveError) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // deflateInit2 is a macro; windowBits 15 + 16 asks for the gzip wrapper.
        let status = deflateInit2_(
            stream, Int32(level), Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw ArchiveError(.compressionFailed, "deflateInit2 failed: \(Zlib.describe(status))")
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// The most bytes one member holding `count` input bytes can take.
    func bound(_ count: Int) -> Int {
        Int(deflateBound(stream, uLong(count)))
    }

    /// Compresses `input` into one gzip member at the start of `output`, which must hold
    /// ``bound(_:)`` bytes; returns the member's length.
    func compress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(ArchiveError) -> Int {
        var status = deflateReset(stream)
        guard status == Z_OK else {
            throw ArchiveError(.compressionFailed, "deflateReset failed: \(Zlib.describe(status))")
        }
        var consumed = 0
        var produced = 0
        // avail_in and avail_out are 32-bit: feed and drain in pieces.
        while true {
            let inputPiece = min(input.count - consumed, Int(UInt32.max))
            let outputPiece = min(output.count - produced, Int(UInt32.max))
            let isLastPiece = consumed + inputPiece == input.count
            stream.pointee.next_in = input.baseAddress.map {
                UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: Bytef.self) + consumed)
            }
            stream.pointee.avail_in = uInt(inputPiece)
            stream.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self) + produced
            stream.pointee.avail_out = uInt(outputPiece)
            status = deflate(stream, isLastPiece ? Z_FINISH : Z_NO_FLUSH)
            let used = inputPiece - Int(stream.pointee.avail_in)
            let made = outputPiece - Int(stream.pointee.avail_out)
            consumed += used
            produced += made
            if status == Z_STREAM_END { return produced }
            guard status == Z_OK || status == Z_BUF_ERROR else {
                throw ArchiveError(.compressionFailed, "deflate failed: \(Zlib.describe(status))")
            }
            guard used > 0 || made > 0 else {
                throw ArchiveError(.compressionFailed, "deflate made no progress (output buffer of \(output.count) bytes too small)")
            }
        }
    }

    /// A gzip member holding `data` (at most 65535 bytes) in one stored deflate block, so its size
    /// is known before `data` is: 10 header bytes, 5 block-header bytes, `data`, CRC-32 and length.
    static func storedMember(_ data: [UInt8]) -> [UInt8] {
        precondition(data.count <= 0xFFFF)
        let length = UInt16(data.count)
        var member: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]  // no name, mtime 0, Unix
        member.reserveCapacity(storedMemberSize(data.count))
        member += [0x01, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
        member += data
        let crc = data.withUnsafeBufferPointer { UInt32(truncatingIfNeeded: crc32(0, $0.baseAddress, uInt($0.count))) }
        for value in [crc, UInt32(data.count)] {
            member += [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
        }
        return member
    }

    static func storedMemberSize(_ count: Int) -> Int { 10 + 5 + count + 8 }
}

/// zlib's inflate over concatenated gzip members: how tests read archives without a `gzip` binary.
enum GzipDecoder {
    static func decompress(_ input: [UInt8]) throws(ArchiveError) -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        var status = inflateInit2_(stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw ArchiveError(.compressionFailed, "inflateInit2 failed: \(Zlib.describe(status))") }
        defer { inflateEnd(stream) }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var consumed = 0
        var isInsideMember = false
        while consumed < input.count {
            isInsideMember = true
            let (used, made, result) = input.withUnsafeBufferPointer { source in
                buffer.withUnsafeMutableBufferPointer { target in
                    stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress! + consumed)
                    stream.pointee.avail_in = uInt(min(source.count - consumed, Int(UInt32.max)))
                    stream.pointee.next_out = target.baseAddress
                    stream.pointee.avail_out = uInt(target.count)
                    let before = stream.pointee.avail_in
                    let result = inflate(stream, Z_NO_FLUSH)
                    return (Int(before - stream.pointee.avail_in), target.count - Int(stream.pointee.avail_out), result)
                }
            }
            consumed += used
            output += buffer[..<made]
            status = result
            if status == Z_STREAM_END {
                // Another member may follow.
                isInsideMember = false
                status = inflateReset(stream)
                guard status == Z_OK else { throw ArchiveError(.compressionFailed, "inflateReset failed: \(Zlib.describe(status))") }
                continue
            }
            guard status == Z_OK, used > 0 || made > 0 else {
                throw ArchiveError(.compressionFailed, "inflate failed: \(Zlib.describe(status)) at byte \(consumed)")
            }
        }
        guard !isInsideMember else {
            throw ArchiveError(.compressionFailed, "gzip data ends inside a member")
        }
        return output
    }
}

enum Zlib {
    static func describe(_ status: Int32) -> String {
        let name = switch status {
        case Z_STREAM_ERROR: "Z_STREAM_ERROR"
        case Z_DATA_ERROR: "Z_DATA_ERROR"
        case Z_MEM_ERROR: "Z_MEM_ERROR"
        case Z_BUF_ERROR: "Z_BUF_ERROR"
        case Z_VERSION_ERROR: "Z_VERSION_ERROR"
        case Z_NEED_DICT: "Z_NEED_DICT"
        case Z_ERRNO: "Z_ERRNO"
        default: "status"
        }
        return "\(name) (\(status))"
    }
}
