import ValenceCore

/// The members of a `DetectSentiment` / `BatchDetectSentiment` body as an AWS JSON 1.1 server
/// reads them: types first (`SerializationException`), then ``SentimentService`` validates the
/// values (one `ValidationException`, then the size limits), as for the CLI's flags.
struct DetectSentimentRequest {
    var text: String?
    var textList: [String]?
    var languageCode: String?

    /// `{"Text", "LanguageCode"}` when `batch` is false, `{"TextList", "LanguageCode"}` when true.
    init(json body: JSONValue, batch: Bool) throws(ServiceError) {
        let decoder = ShapeDecoder(checksConstraints: false)
        let root = try decoder.root(body)
        if batch {
            textList = try decoder.stringList(root, "TextList")
        } else {
            text = try decoder.string(root, "Text")
        }
        languageCode = try decoder.string(root, "LanguageCode")
        try decoder.finish()
    }
}

extension JobService {
    /// `DetectSentiment` on a request body (the HTTP face).
    public func detectSentiment(_ body: JSONValue) throws(ServiceError) -> JSONValue {
        let request = try DetectSentimentRequest(json: body, batch: false)
        return try detectSentiment(text: request.text, languageCode: request.languageCode)
    }

    /// `BatchDetectSentiment` on a request body (the HTTP face).
    public func batchDetectSentiment(_ body: JSONValue) throws(ServiceError) -> JSONValue {
        let request = try DetectSentimentRequest(json: body, batch: true)
        return try batchDetectSentiment(textList: request.textList, languageCode: request.languageCode)
    }
}
