/// The 512-byte ustar header of the archive's single regular file (POSIX.1-1988 / `pax` ustar):
/// mode 0644, uid and gid 0 (`root`), the job's time as mtime. A size of 8 GiB or more does not
/// fit the 11 octal digits and is written in GNU's base-256 form (first byte 0x80, then the size
/// big-endian), which GNU tar, bsdtar and Python's `tarfile` read.
enum TarHeader {
    static let blockSize = 512
    /// The largest size the octal field holds: 8^11 - 1.
    static let largestOctal = (1 << 33) - 1

    static func make(name: String, size: Int, modificationTime: Int64) -> [UInt8] {
        precondition(size >= 0)
        var header = [UInt8](repeating: 0, count: blockSize)
        let nameBytes = Array(name.utf8)
        precondition(nameBytes.count <= 100)
        header.replaceSubrange(0 ..< nameBytes.count, with: nameBytes)
        putOctal(0o644, at: 100, width: 8, into: &header)           // mode
        putOctal(0, at: 108, width: 8, into: &header)               // uid
        putOctal(0, at: 116, width: 8, into: &header)               // gid
        if size <= largestOctal {
            putOctal(size, at: 124, width: 12, into: &header)
        } else {
            header[124] = 0x80
            var value = size
            for index in stride(from: 135, through: 125, by: -1) {
                header[index] = UInt8(truncatingIfNeeded: value)
                value >>= 8
            }
        }
        let mtime = Int(min(max(modificationTime, 0), Int64(largestOctal)))
        putOctal(mtime, at: 136, width: 12, into: &header)
        header[156] = UInt8(ascii: "0")                             // regular file
        put("ustar\0", at: 257, into: &header)                      // magic
        put("00", at: 263, into: &header)                           // version
        put("root", at: 265, into: &header)                         // uname
        put("root", at: 297, into: &header)                         // gname
        putOctal(0, at: 329, width: 8, into: &header)               // devmajor
        putOctal(0, at: 337, width: 8, into: &header)               // devminor
        // The checksum counts its own field as eight spaces; it is written as six octal digits,
        // NUL, space.
        header.replaceSubrange(148 ..< 156, with: repeatElement(UInt8(ascii: " "), count: 8))
        let checksum = header.reduce(0) { $0 + Int($1) }
        putOctal(checksum, at: 148, width: 7, into: &header)
        header[155] = UInt8(ascii: " ")
        return header
    }

    /// The bytes after the member's data: zeros up to the next 512-byte boundary, then the two
    /// zero blocks that end the archive.
    static func trailerCount(afterMemberOf size: Int) -> Int {
        (blockSize - size % blockSize) % blockSize + 2 * blockSize
    }

    /// `width - 1` octal digits, zero-padded, then NUL.
    private static func putOctal(_ value: Int, at offset: Int, width: Int, into header: inout [UInt8]) {
        var value = value
        for index in stride(from: offset + width - 2, through: offset, by: -1) {
            header[index] = UInt8(ascii: "0") + UInt8(value & 7)
            value >>= 3
        }
        precondition(value == 0, "value does not fit the octal field")
        header[offset + width - 1] = 0
    }

    private static func put(_ text: String, at offset: Int, into header: inout [UInt8]) {
        for (index, byte) in text.utf8.enumerated() { header[offset + index] = byte }
    }
}
