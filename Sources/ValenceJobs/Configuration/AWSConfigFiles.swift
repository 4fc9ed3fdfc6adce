import Foundation

/// The aws CLI's shared files, read as it reads them for `--profile` and the region: the config
/// file (`AWS_CONFIG_FILE`, else `~/.aws/config`; sections `[default]` and `[profile NAME]`) and the
/// credentials file (`AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`; sections `[NAME]`).
struct AWSConfigFiles {
    var config: [String: [String: String]]
    var credentials: [String: [String: String]]

    init(configPath: String, credentialsPath: String) {
        config = [:]
        for (section, values) in Self.read(configPath) {
            let name = section == "default" ? "default" : section.hasPrefix("profile ") ? String(section.dropFirst(8)).trimmingCharacters(in: .whitespaces) : nil
            if let name { config[name, default: [:]].merge(values) { $1 } }
        }
        credentials = Self.read(credentialsPath)
    }

    func hasProfile(_ name: String) -> Bool { config[name] != nil || credentials[name] != nil }

    /// An INI file's sections and their `key = value` lines; nested (indented) lines are skipped.
    static func read(_ path: String) -> [String: [String: String]] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else { return [:] }
        var sections: [String: [String: String]] = [:]
        var current: String?
        for line in text.split(whereSeparator: \.isNewline) {
            if line.first == " " || line.first == "\t" { continue }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            if trimmed.hasPrefix("["), trimmed.hasSuffix("]") {
                current = String(trimmed.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                if let current, sections[current] == nil { sections[current] = [:] }
            } else if let current, let equals = trimmed.firstIndex(of: "=") {
                let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
                sections[current]?[key] = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return sections
    }
}
