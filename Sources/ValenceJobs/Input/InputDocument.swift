/// One document read from the input, or the record that stands in for a document that cannot be
/// scored (spec §7.3, §7.4). `line` is the zero-based physical line for `ONE_DOC_PER_LINE`, nil for
/// `ONE_DOC_PER_FILE`.
public enum InputDocument: Sendable, Hashable {
    case text(file: String, line: Int?, text: String)
    case error(file: String, line: Int?, code: DocumentErrorCode, message: String)

    public var file: String {
        switch self {
        case .text(let file, _, _), .error(let file, _, _, _): file
        }
    }

    public var line: Int? {
        switch self {
        case .text(_, let line, _), .error(_, let line, _, _): line
        }
    }

    /// The UTF-8 size of the text; 0 for an error record.
    public var textByteCount: Int {
        if case .text(_, _, let text) = self { return text.utf8.count }
        return 0
    }

    /// `DOCUMENT_SIZE_EXCEEDED` with the one message of spec §13 #29 for both formats (sic):
    /// "Document size is exceeded maximum size limit 5120 bytes." (AWS's per-file example words it
    /// differently, §7.4; the checklist keeps one message, issue #11 defect 9).
    public static func documentSizeExceeded(file: String, line: Int?) -> InputDocument {
        .error(file: file, line: line, code: .documentSizeExceeded,
               message: "Document size is exceeded maximum size limit \(DocumentReader.maxDocumentBytes) bytes.")
    }

    /// `UNSUPPORTED_ENCODING` with the message Comprehend writes for the format:
    /// per line "… all subsequent lines are ignored.", per file "… all subsequent line are ignored." (sic).
    public static func unsupportedEncoding(file: String, line: Int?) -> InputDocument {
        .error(file: file, line: line, code: .unsupportedEncoding, message: line == nil
            ? "Document is not in UTF-8 format and all subsequent line are ignored."
            : "Document is not in UTF-8 format and all subsequent lines are ignored.")
    }
}

/// The `ErrorCode` of an error record.
public struct DocumentErrorCode: Hashable, Sendable, CustomStringConvertible {
    /// The code as written in the record, e.g. `DOCUMENT_SIZE_EXCEEDED`.
    public let name: String
    private init(_ name: String) { self.name = name }

    public static let documentSizeExceeded = DocumentErrorCode("DOCUMENT_SIZE_EXCEEDED")
    public static let unsupportedEncoding = DocumentErrorCode("UNSUPPORTED_ENCODING")

    public var description: String { name }
}
