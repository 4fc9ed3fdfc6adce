import ValenceCore

/// `InputFormat` (spec §3.1).
public enum InputFormat: String, CaseIterable, Sendable, Hashable {
    case oneDocPerFile = "ONE_DOC_PER_FILE"
    case oneDocPerLine = "ONE_DOC_PER_LINE"

    /// The format of a job started without one (spec §12 item 1: undocumented; Valence chooses
    /// ONE_DOC_PER_FILE and echoes it in Describe).
    public static let `default`: InputFormat = .oneDocPerFile
}

/// `InputDataConfig` (spec §3.1): where the documents are and how they are laid out.
public struct InputDataConfig: Sendable, Equatable {
    public var s3Uri: String
    public var inputFormat: InputFormat?
    public var documentReaderConfig: DocumentReaderConfig?

    public init(s3Uri: String, inputFormat: InputFormat? = nil, documentReaderConfig: DocumentReaderConfig? = nil) {
        self.s3Uri = s3Uri
        self.inputFormat = inputFormat
        self.documentReaderConfig = documentReaderConfig
    }

    /// The format the job reads with: the given one, else `InputFormat.default`.
    public var effectiveInputFormat: InputFormat { inputFormat ?? .default }

    /// Model member order; absent members omitted.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [("S3Uri", .string(s3Uri))]
        if let inputFormat { members.append(("InputFormat", .string(inputFormat.rawValue))) }
        if let documentReaderConfig { members.append(("DocumentReaderConfig", documentReaderConfig.json)) }
        return .object(members)
    }

    static func decode(_ shape: ShapeDecoder.Structure, _ decoder: ShapeDecoder) throws(ServiceError) -> InputDataConfig? {
        let mark = decoder.mark
        let s3Uri = try decoder.string(shape, "S3Uri", required: true, ModelShapes.s3Uri)
        let inputFormat = try decoder.enumeration(shape, "InputFormat", InputFormat.self)
        var readerConfig: DocumentReaderConfig?
        if let reader = try decoder.structure(shape, "DocumentReaderConfig") {
            readerConfig = try DocumentReaderConfig.decode(reader, decoder)
        }
        guard decoder.mark == mark, let s3Uri else { return nil }
        return InputDataConfig(s3Uri: s3Uri, inputFormat: inputFormat, documentReaderConfig: readerConfig)
    }
}
