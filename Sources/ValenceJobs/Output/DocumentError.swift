/// A per-document problem, written to the output as an error record (spec §7.4) rather than
/// thrown: the job goes on and ends `COMPLETED`.
public struct DocumentError: Sendable, Hashable {
    /// `ErrorCode`, e.g. `DOCUMENT_SIZE_EXCEEDED`.
    public var code: String
    /// `ErrorMessage`, as Comprehend words it.
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// The largest document an asynchronous sentiment job scores, in UTF-8 bytes (spec §8).
    public static let maximumDocumentBytes = 5120

    /// A document over 5120 UTF-8 bytes (spec §7.4, §13 #29). AWS's own wording, "is exceeded" sic.
    public static let documentSizeExceeded = DocumentError(
        code: "DOCUMENT_SIZE_EXCEEDED",
        message: "Document size is exceeded maximum size limit 5120 bytes.")

    /// A line that is not UTF-8; the rest of its file is skipped (spec §6.2, §13 #30).
    public static let unsupportedEncoding = DocumentError(
        code: "UNSUPPORTED_ENCODING",
        message: "Document is not in UTF-8 format and all subsequent lines are ignored.")

    /// The wording of AWS's `ONE_DOC_PER_FILE` size example (spec §7.4, sic). §13 #29 asks for
    /// ``documentSizeExceeded`` in both formats; this one is here for whoever needs the other text.
    public static let documentSizeExceededPerFileWording = DocumentError(
        code: "DOCUMENT_SIZE_EXCEEDED",
        message: "Document size is exceeds the limit of 5120 bytes.")

    /// The per-file wording of AWS's encoding example (spec §7.4, "line" sic).
    public static let unsupportedEncodingPerFileWording = DocumentError(
        code: "UNSUPPORTED_ENCODING",
        message: "Document is not in UTF-8 format and all subsequent line are ignored.")
}
