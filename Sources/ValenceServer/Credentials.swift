import Foundation
import ValenceJobs

/// The key pairs a server accepts, read from a file in the AWS shared-credentials format:
///
/// ```
/// [default]
/// aws_access_key_id = AKIA...
/// aws_secret_access_key = ...
/// ```
///
/// Every section with both keys is one pair; other keys (`aws_session_token`, `region`) are ignored.
public struct Credentials: Sendable {
    /// Secret keys by access key id.
    let secrets: [String: [UInt8]]

    public var accessKeyIds: [String] { secrets.keys.sorted() }

    init(pairs: [(accessKeyId: String, secret: String)]) {
        var secrets: [String: [UInt8]] = [:]
        for pair in pairs { secrets[pair.accessKeyId] = Array(pair.secret.utf8) }
        self.secrets = secrets
    }

    /// The pairs of a credentials file's text.
    public init(parsing text: String) {
        var pairs: [(String, String)] = []
        var id: String?
        var secret: String?
        func flush() {
            if let id, let secret { pairs.append((id, secret)) }
            id = nil
            secret = nil
        }
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("[") {
                flush()
                continue
            }
            guard !line.hasPrefix("#"), !line.hasPrefix(";"), let equals = line.firstIndex(of: "=") else { continue }
            let name = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if name == "aws_access_key_id" { id = value }
            if name == "aws_secret_access_key" { secret = value }
        }
        flush()
        self.init(pairs: pairs.map { (accessKeyId: $0.0, secret: $0.1) })
    }

    /// The secret of `accessKeyId`, nil for an unknown key.
    func secret(for accessKeyId: String) -> [UInt8]? { secrets[accessKeyId] }

    /// A new random pair: a 20-character id starting `AKIA`, a 40-character secret.
    static func randomPair() -> (accessKeyId: String, secret: String) {
        let upper = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)
        let any = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        let id = "AKIA" + String(decoding: Digest.randomBytes(16).map { upper[Int($0) % upper.count] }, as: UTF8.self)
        let secret = String(decoding: Digest.randomBytes(40).map { any[Int($0) % any.count] }, as: UTF8.self)
        return (id, secret)
    }

    /// The text of a credentials file holding one pair.
    static func fileText(_ pair: (accessKeyId: String, secret: String)) -> String {
        "[default]\naws_access_key_id = \(pair.accessKeyId)\naws_secret_access_key = \(pair.secret)\n"
    }
}

/// Why the credentials file cannot be used.
public struct CredentialsError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

extension Credentials {
    /// The credentials at `path`; when there is no such file, one is created (mode 0600) with a
    /// new random pair, which is returned as `created` so the caller can show it once.
    public static func loadOrCreate(path: String) throws(CredentialsError) -> (credentials: Credentials, created: String?) {
        if FileManager.default.fileExists(atPath: path) {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CredentialsError(description: "cannot read the credentials file \(path)")
            }
            let credentials = Credentials(parsing: String(decoding: data, as: UTF8.self))
            guard !credentials.secrets.isEmpty else {
                throw CredentialsError(description: "\(path) holds no key pair (aws_access_key_id and aws_secret_access_key in one section)")
            }
            return (credentials, nil)
        }
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory.isEmpty ? "." : directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            let text = fileText(randomPair())
            try AtomicFile.write(text, to: path, permissions: 0o600)
            return (Credentials(parsing: text), text)
        } catch {
            throw CredentialsError(description: "cannot create the credentials file \(path): \(error)")
        }
    }
}
