/// An input line or file `valence analyze` cannot use, or an output it cannot write. The CLI
/// prints `valence: error: <message>` and exits 1.
public struct AnalysisError: Error, Sendable, Equatable {
    public var message: String

    public init(message: String) {
        self.message = message
    }
}
