/// An `s3://bucket[/key]` location: a bucket and a key (or key prefix) inside it.
///
/// Requests are validated against `s3://[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9](/.*)?` before they get
/// here (spec §3.1, §4.2); parsing still checks the bucket on its own, because the bucket becomes a
/// directory name. The key is kept byte for byte: S3 keys are plain strings, so `a//b` and `a/b/`
/// are keys too (the object store decides what it can map to a path).
public struct S3URI: Hashable, Sendable, CustomStringConvertible {
    public static let scheme = "s3://"

    public var bucket: String
    /// Everything after the first `/` that follows the bucket; empty for `s3://bucket` and `s3://bucket/`.
    public var key: String

    public init(bucket: String, key: String = "") {
        self.bucket = bucket
        self.key = key
    }

    /// Parses `s3://bucket`, `s3://bucket/` or `s3://bucket/key`; nil unless the scheme is exactly
    /// `s3://` (case-sensitive) and the bucket is 3–63 characters of `a-z 0-9 . -` that start and
    /// end with a letter or digit.
    public init?(_ string: String) {
        let utf8 = string.utf8
        guard utf8.starts(with: Self.scheme.utf8) else { return nil }
        let rest = utf8.dropFirst(Self.scheme.utf8.count)
        let slash = rest.firstIndex(of: UInt8(ascii: "/"))
        let bucketBytes = rest[..<(slash ?? rest.endIndex)]
        guard Self.isValidBucketName(bucketBytes) else { return nil }
        bucket = String(Substring(bucketBytes))
        if let slash {
            key = String(Substring(rest[rest.index(after: slash)...]))
        } else {
            key = ""
        }
    }

    /// `s3://bucket/key`, or `s3://bucket` when the key is empty.
    public var description: String {
        key.isEmpty ? "\(Self.scheme)\(bucket)" : "\(Self.scheme)\(bucket)/\(key)"
    }

    /// The last `/`-separated component of the key: the output's `File` for an input object
    /// (spec §6.1: `s3://b/data/sub/y.txt` → `y.txt`).
    public var lastPathComponent: String {
        Self.lastPathComponent(ofKey: key)
    }

    static func lastPathComponent(ofKey key: String) -> String {
        guard let slash = key.utf8.lastIndex(of: UInt8(ascii: "/")) else { return key }
        return String(Substring(key.utf8[key.utf8.index(after: slash)...]))
    }

    static func isValidBucketName<Bytes: Collection>(_ bytes: Bytes) -> Bool where Bytes.Element == UInt8 {
        guard (3...63).contains(bytes.count), let first = bytes.first else { return false }
        func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        var last = first
        for byte in bytes {
            guard isLowerAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") else { return false }
            last = byte
        }
        return isLowerAlphanumeric(first) && isLowerAlphanumeric(last)
    }
}
