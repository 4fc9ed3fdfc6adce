/// A training file, or a pack file to write, that `valence lexicon` and `valence evaluate`
/// cannot use. The CLI prints `valence: error: <message>` and exits 1.
public struct PackFileError: Error, Sendable, Equatable {
    public var message: String

    public init(message: String) {
        self.message = message
    }
}
