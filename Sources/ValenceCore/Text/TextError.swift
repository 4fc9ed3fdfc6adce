/// A failure in text handling: invalid input or an ICU error.
public struct TextError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Value: Hashable, Sendable { case invalidUTF8, icuFailure, tooLarge }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        public static let invalidUTF8 = Code(.invalidUTF8)
        public static let icuFailure = Code(.icuFailure)
        public static let tooLarge = Code(.tooLarge)

        public var description: String {
            switch value {
            case .invalidUTF8: "invalid UTF-8"
            case .icuFailure: "ICU failure"
            case .tooLarge: "too large"
            }
        }
    }

    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
