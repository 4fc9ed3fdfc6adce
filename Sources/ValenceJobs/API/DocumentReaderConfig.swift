import ValenceCore

/// `DocumentReaderConfig` (spec §3.1). It applies to non-text inputs of custom models only, so a
/// sentiment job validates and echoes it and otherwise ignores it.
public struct DocumentReaderConfig: Sendable, Equatable {
    public enum ReadAction: String, CaseIterable, Sendable {
        case textractDetectDocumentText = "TEXTRACT_DETECT_DOCUMENT_TEXT"
        case textractAnalyzeDocument = "TEXTRACT_ANALYZE_DOCUMENT"
    }

    public enum ReadMode: String, CaseIterable, Sendable {
        case serviceDefault = "SERVICE_DEFAULT"
        case forceDocumentReadAction = "FORCE_DOCUMENT_READ_ACTION"
    }

    public enum FeatureType: String, CaseIterable, Sendable {
        case tables = "TABLES"
        case forms = "FORMS"
    }

    public var documentReadAction: ReadAction
    public var documentReadMode: ReadMode?
    public var featureTypes: [FeatureType]?

    public init(documentReadAction: ReadAction, documentReadMode: ReadMode? = nil, featureTypes: [FeatureType]? = nil) {
        self.documentReadAction = documentReadAction
        self.documentReadMode = documentReadMode
        self.featureTypes = featureTypes
    }

    public var json: JSONValue {
        var members: [(String, JSONValue)] = [("DocumentReadAction", .string(documentReadAction.rawValue))]
        if let documentReadMode { members.append(("DocumentReadMode", .string(documentReadMode.rawValue))) }
        if let featureTypes { members.append(("FeatureTypes", .array(featureTypes.map { .string($0.rawValue) }))) }
        return .object(members)
    }

    static func decode(_ shape: ShapeDecoder.Structure, _ decoder: ShapeDecoder) throws(ServiceError) -> DocumentReaderConfig? {
        let mark = decoder.mark
        let action = try decoder.enumeration(shape, "DocumentReadAction", ReadAction.self, required: true)
        let mode = try decoder.enumeration(shape, "DocumentReadMode", ReadMode.self)
        var features: [FeatureType]?
        if let names = try decoder.stringList(shape, "FeatureTypes", count: 1...2) {
            let path = shape.path(of: "FeatureTypes")
            features = names.enumerated().compactMap { index, name in
                decoder.enumValue(name, at: "\(path).\(index + 1).member", FeatureType.self)
            }
        }
        guard decoder.mark == mark, let action else { return nil }
        return DocumentReaderConfig(documentReadAction: action, documentReadMode: mode, featureTypes: features)
    }
}
