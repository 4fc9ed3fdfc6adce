import ValenceCore

/// Comprehend's synchronous sentiment operations, `DetectSentiment` and `BatchDetectSentiment`,
/// with their limits and error texts (spec §2.5, §2.6, §13 #32–33).
public struct SentimentService: Sendable {
    /// The synchronous per-document limit in UTF-8 bytes.
    public static let maxTextBytes = 5000
    public static let maxBatchDocuments = 25

    private let analyzers: AnalyzerCatalog

    public init(analyzers: AnalyzerCatalog) {
        self.analyzers = analyzers
    }

    /// One result of `BatchDetectSentiment`'s `ResultList`.
    public struct BatchResult: Sendable {
        public var index: Int
        public var analysis: DocumentAnalysis
    }

    /// `BatchDetectSentiment`'s `ErrorList` entry.
    public struct BatchItemError: Sendable, Equatable {
        public var index: Int
        public var errorCode: String
        public var errorMessage: String
    }

    public func detectSentiment(text: String?, languageCode: String?) throws(ServiceError) -> DocumentAnalysis {
        var report = ValidationReport()
        if let text {
            if text.unicodeScalars.isEmpty { report.violation(value: nil, at: "text", ValidationReport.minLength(1)) }
        } else {
            report.null(at: "text")
        }
        let language = Self.checkLanguage(languageCode, &report)
        if let error = report.error { throw error }
        let text = text!
        try Self.checkSize(text)
        let session = try analyzers.session(for: language!)
        return session.analyze(text)
    }

    public func batchDetectSentiment(
        textList: [String]?, languageCode: String?
    ) throws(ServiceError) -> (results: [BatchResult], errors: [BatchItemError]) {
        var report = ValidationReport()
        if let textList {
            if textList.isEmpty { report.violation(value: nil, at: "textList", ValidationReport.minLength(1)) }
            for (i, text) in textList.enumerated() where text.unicodeScalars.isEmpty {
                report.violation(value: nil, at: "textList.\(i + 1).member", ValidationReport.minLength(1))
            }
        } else {
            report.null(at: "textList")
        }
        let language = Self.checkLanguage(languageCode, &report)
        if let error = report.error { throw error }
        let texts = textList!
        guard texts.count <= Self.maxBatchDocuments else {
            throw ServiceError(.batchSizeLimitExceeded,
                "The number of documents in the request exceeds the limit of 25. Try your request again with fewer documents.")
        }
        for text in texts { try Self.checkSize(text) }
        let session = try analyzers.session(for: language!)
        let results = texts.enumerated().map { BatchResult(index: $0.offset, analysis: session.analyze($0.element)) }
        return (results, [])
    }

    static func checkLanguage(_ code: String?, _ report: inout ValidationReport) -> LanguageCode? {
        guard let code else {
            report.null(at: "languageCode")
            return nil
        }
        guard let language = LanguageCode(rawValue: code) else {
            report.violation(value: code, at: "languageCode", ValidationReport.enumSet(LanguageCode.awsEnumOrder))
            return nil
        }
        return language
    }

    static func checkSize(_ text: String) throws(ServiceError) {
        let size = text.utf8.count
        guard size <= maxTextBytes else {
            throw ServiceError(.textSizeLimitExceeded,
                "Input text size exceeds limit. Max length of request text allowed is 5000 bytes while in this request the text size is \(size) bytes")
        }
    }
}
