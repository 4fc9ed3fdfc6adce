internal import CLibdeflate
internal import CZlib

/// Raw deflate (RFC 1951) by ``DeflateEncoder``, one chunk at a time, for a gzip file (RFC 1952)
/// that is a **single member** however it was produced: readers that stop after the first member
/// (Python's streaming `tarfile.open(mode="r|gz")`, some Java and JavaScript readers) see the whole
/// archive.
///
/// The file is `head`, chunks, `finish`, `tail`:
/// - ``head(holding:)``: the 10-byte gzip header and a non-final stored deflate block holding the
///   tar header. Its size does not depend on its contents, so it is written last, at offset 0.
/// - each chunk: a non-final, byte-aligned piece of the stream (what zlib's `Z_SYNC_FLUSH` gives),
///   so that chunks concatenate into one deflate stream; the same chunk boundaries give the same
///   bytes on any thread.
/// - the last chunk (the tar padding and end blocks) ends with the final block.
/// - ``tail(checksum:count:)``: CRC-32 and length of everything, the CRC put together from the
///   chunks' CRCs with zlib's `crc32_combine`.
final class GzipEncoder {
    private let encoder: DeflateEncoder

    init(level: Int) {
        encoder = DeflateEncoder(level: level)
    }

    /// The most bytes one chunk of `count` input bytes can take.
    func bound(_ count: Int) -> Int {
        encoder.bound(count)
    }

    /// Compresses `input` as a piece of one deflate stream into the start of `output` (which
    /// holds ``bound(_:)`` bytes): byte-aligned and not final, or, when `isLast`, ending with the
    /// final block. Returns the byte count and the CRC-32 of `input`.
    func compress(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, isLast: Bool
    ) -> (count: Int, checksum: UInt32) {
        (encoder.compress(input, into: output, isLast: isLast), Zlib.checksum(input))
    }

    /// The gzip header and a non-final stored block holding `block` (at most 65535 bytes).
    static func head(holding block: [UInt8]) -> [UInt8] {
        precondition(block.count <= 0xFFFF)
        let length = UInt16(block.count)
        var head: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]  // deflate, no name, mtime 0, Unix
        head.reserveCapacity(headSize(holding: block.count))
        // BFINAL 0, BTYPE 00 (stored), padding to the byte; LEN and its complement, little-endian.
        head += [0x00, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
        head += block
        return head
    }

    static func headSize(holding count: Int) -> Int { 10 + 5 + count }

    /// The gzip trailer: CRC-32 and length (mod 2^32) of all uncompressed bytes.
    static func tail(checksum: UInt32, count: Int) -> [UInt8] {
        let size = UInt32(truncatingIfNeeded: count)
        return [UInt8(checksum & 0xFF), UInt8(checksum >> 8 & 0xFF), UInt8(checksum >> 16 & 0xFF), UInt8(checksum >> 24),
                UInt8(size & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size >> 16 & 0xFF), UInt8(size >> 24)]
    }
}

/// zlib's inflate over concatenated gzip members, or over the raw deflate pieces a
/// ``ChunkCompressor`` makes: how tests and the fuzz targets read archives without a `gzip` binary.
public enum GzipDecoder {
    /// The bytes of `input`: gzip members one after another, or with `rawPieces` a raw deflate
    /// stream (RFC 1951) that may end without its final block, as concatenated gzip chunks do.
    /// Throws ``ArchiveError/Code-swift.struct/compressionFailed`` for data zlib rejects, a member
    /// cut short, or bytes after a raw stream's final block.
    public static func decompress(_ input: [UInt8], rawPieces: Bool = false) throws(ArchiveError) -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        var status = inflateInit2_(stream, rawPieces ? -15 : 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw ArchiveError(.compressionFailed, "inflateInit2 failed: \(Zlib.describe(status))") }
        defer { inflateEnd(stream) }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var consumed = 0
        var made = 0
        var isInsideMember = false
        // Until the input is used up and zlib has nothing more to give (a full buffer may leave
        // output pending).
        while consumed < input.count || made == buffer.count {
            if consumed < input.count { isInsideMember = true }
            let (used, produced, result) = input.withUnsafeBufferPointer { source in
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
            made = produced
            output += buffer[..<made]
            status = result
            if status == Z_STREAM_END {
                isInsideMember = false
                if rawPieces {
                    guard consumed == input.count else {
                        throw ArchiveError(.compressionFailed, "\(input.count - consumed) bytes after the deflate stream's final block")
                    }
                    break
                }
                // Another member may follow.
                status = inflateReset(stream)
                guard status == Z_OK else { throw ArchiveError(.compressionFailed, "inflateReset failed: \(Zlib.describe(status))") }
                continue
            }
            // Everything given and taken: nothing more is pending.
            if status == Z_BUF_ERROR && used == 0 && made == 0 && consumed == input.count { break }
            guard status == Z_OK, used > 0 || made > 0 else {
                throw ArchiveError(.compressionFailed, "inflate failed: \(Zlib.describe(status)) at byte \(consumed)")
            }
        }
        guard rawPieces || !isInsideMember else {
            throw ArchiveError(.compressionFailed, "gzip data ends inside a member")
        }
        return output
    }
}

enum Zlib {
    /// CRC-32 (the gzip one) of `bytes`, by libdeflate (the same function as zlib's `crc32`, with
    /// a faster, carry-less-multiply implementation).
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress else { return 0 }
        return libdeflate_crc32(0, base, bytes.count)
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }

    /// The CRC-32 of A followed by B, from the CRC of A, the CRC of B and B's length.
    static func combine(_ first: UInt32, _ second: UInt32, secondCount: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: crc32_combine(uLong(first), uLong(second), secondCount))
    }

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
