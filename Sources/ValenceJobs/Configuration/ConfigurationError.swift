/// A setting Valence needs and could not resolve. The CLI prints `message` after
/// `valence: error: ` and exits 1.
public struct ConfigurationError: Error, Sendable, Equatable {
    public var message: String

    /// Neither `--lexicons`, `VALENCE_LEXICONS` nor a `Lexicons/` beside the binary.
    public static let lexiconsNotFound = ConfigurationError(
        message: "cannot find the Lexicons directory; set VALENCE_LEXICONS or pass --lexicons DIR")
}
