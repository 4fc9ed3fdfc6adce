import CLibcrypto
import Foundation

/// The hashes SigV4 and S3 need, from OpenSSL's libcrypto: SHA-256 (payload and canonical request
/// hashes), HMAC-SHA256 (the signing key chain), MD5 (S3 ETags), constant-time comparison and
/// random bytes.
enum Digest {
    /// One-shot SHA-256.
    static func sha256<Bytes: ContiguousBytes>(_ bytes: Bytes) -> [UInt8] {
        let hash = Incremental(.sha256)
        hash.update(bytes)
        return hash.finish()
    }

    /// HMAC-SHA256 of `message` under `key`.
    static func hmacSHA256(key: [UInt8], _ message: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 32
        key.withUnsafeBytes { keyBytes in
            message.withUnsafeBytes { messageBytes in
                output.withUnsafeMutableBytes { out in
                    _ = HMAC(EVP_sha256(), keyBytes.baseAddress, Int32(keyBytes.count),
                             messageBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), messageBytes.count,
                             out.baseAddress?.assumingMemoryBound(to: UInt8.self), &length)
                }
            }
        }
        return output
    }

    /// Lowercase hexadecimal.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `a` and `b` are equal, in time that depends on their lengths only.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return a.withUnsafeBytes { x in b.withUnsafeBytes { y in CRYPTO_memcmp(x.baseAddress, y.baseAddress, a.count) == 0 } }
    }

    /// `count` bytes from OpenSSL's CSPRNG.
    static func randomBytes(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let ok = bytes.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32(count)) }
        precondition(ok == 1, "RAND_bytes failed")
        return bytes
    }

    /// A running hash over data that arrives in pieces (an upload's body).
    final class Incremental {
        enum Algorithm { case sha256, md5 }
        private let context: OpaquePointer

        init(_ algorithm: Algorithm) {
            context = EVP_MD_CTX_new()
            EVP_DigestInit_ex(context, algorithm == .sha256 ? EVP_sha256() : EVP_md5(), nil)
        }

        deinit { EVP_MD_CTX_free(context) }

        func update<Bytes: ContiguousBytes>(_ bytes: Bytes) {
            bytes.withUnsafeBytes { raw in
                if raw.count > 0 { EVP_DigestUpdate(context, raw.baseAddress, raw.count) }
            }
        }

        func update(_ raw: UnsafeRawBufferPointer) {
            if raw.count > 0 { EVP_DigestUpdate(context, raw.baseAddress, raw.count) }
        }

        func finish() -> [UInt8] {
            var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
            var length: UInt32 = 0
            output.withUnsafeMutableBufferPointer { _ = EVP_DigestFinal_ex(context, $0.baseAddress, &length) }
            return Array(output.prefix(Int(length)))
        }
    }
}
