/// Labelled documents, as the train and dev sets hold them (`{"text", "label"}` a line): what
/// learning, calibration and evaluation read. The core takes them as values; reading the file is
/// the jobs library's (`LabelledDocuments.read(path:)`).
public struct LabelledDocuments: Sendable {
    /// The file's name (not its path), as provenance lines cite it.
    public var name: String
    public var texts: [String]
    public var labels: [Sentiment]
    /// FNV-1a 64 of the file's bytes (``LexiconLearner/fingerprint(_:)``): a pack's learned
    /// table records it, so calibration knows when it sees the units' own training data.
    public var fingerprint: String

    public init(name: String, texts: [String], labels: [Sentiment], fingerprint: String) {
        self.name = name
        self.texts = texts
        self.labels = labels
        self.fingerprint = fingerprint
    }
}
