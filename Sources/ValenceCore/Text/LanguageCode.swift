/// The twelve languages Amazon Comprehend scores for sentiment.
public enum LanguageCode: String, CaseIterable, Sendable, Hashable {
    case en, es, fr, de, it, pt, ar, hi, ja, ko, zh
    case zhTW = "zh-TW"

    /// The ICU locale whose word-break rules and dictionaries fit this language.
    public var icuLocale: String {
        switch self {
        case .zh: "zh_Hans"
        case .zhTW: "zh_Hant"
        default: rawValue
        }
    }

    /// The enum set in the order AWS prints it in `ValidationException` messages.
    public static let awsEnumOrder: [String] = ["ar", "hi", "ko", "zh-TW", "ja", "zh", "de", "pt", "en", "it", "fr", "es"]
}
