import Foundation

/// Where Valence keeps its state, resolved once from an environment dictionary (ARCHITECTURE.md,
/// "Local storage and state"):
///
/// - `home`: `$VALENCE_HOME`, default `~/.valence` (job manifests live here);
/// - `s3Root`: `$VALENCE_S3_ROOT`, default `$VALENCE_HOME/s3`: `s3://bucket/key` is `<s3Root>/bucket/key`.
///
/// An empty variable counts as unset. A leading `~` or `~/` is expanded with `$HOME`, a relative
/// path is taken relative to `currentDirectory`, and trailing slashes are dropped, so both paths are
/// absolute. Tests pass their own dictionary instead of the process environment.
public struct ValenceEnvironment: Sendable, Hashable {
    public var home: String
    public var s3Root: String

    public init(home: String, s3Root: String) {
        self.home = home
        self.s3Root = s3Root
    }

    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) {
        let userHome = Self.nonEmpty(environment["HOME"]) ?? NSHomeDirectory()
        func resolve(_ path: String) -> String {
            Self.absolutePath(path, userHome: userHome, currentDirectory: currentDirectory)
        }
        let home = resolve(Self.nonEmpty(environment["VALENCE_HOME"]) ?? "~/.valence")
        self.home = home
        self.s3Root = Self.nonEmpty(environment["VALENCE_S3_ROOT"]).map(resolve) ?? home + "/s3"
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    static func absolutePath(_ path: String, userHome: String, currentDirectory: String) -> String {
        var path = path
        if path == "~" {
            path = userHome
        } else if path.hasPrefix("~/") {
            path = joined(userHome, String(path.dropFirst(2)))
        }
        if !path.hasPrefix("/") {
            path = joined(currentDirectory, path)
        }
        while path.count > 1, path.hasSuffix("/") {
            path.removeLast()
        }
        return path
    }

    private static func joined(_ directory: String, _ relative: String) -> String {
        directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }
}
