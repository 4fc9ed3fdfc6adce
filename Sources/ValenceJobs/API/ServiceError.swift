/// An error as Comprehend returns it: the error shape's name and its message.
public struct ServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let name: String
        private init(_ name: String) { self.name = name }

        public static let validation = Code("ValidationException")
        public static let textSizeLimitExceeded = Code("TextSizeLimitExceededException")
        public static let batchSizeLimitExceeded = Code("BatchSizeLimitExceededException")
        public static let unsupportedLanguage = Code("UnsupportedLanguageException")
        public static let invalidRequest = Code("InvalidRequestException")
        public static let jobNotFound = Code("JobNotFoundException")
        public static let invalidFilter = Code("InvalidFilterException")
        public static let tooManyRequests = Code("TooManyRequestsException")
        public static let tooManyTags = Code("TooManyTagsException")
        public static let kmsKeyValidation = Code("KmsKeyValidationException")
        public static let internalServer = Code("InternalServerException")
        public static let resourceInUse = Code("ResourceInUseException")
        /// A member of the wrong JSON type (AWS JSON 1.1 framework error, before validation).
        public static let serialization = Code("SerializationException")
        /// An `X-Amz-Target` that names no operation (AWS JSON 1.1 framework error).
        public static let unknownOperation = Code("UnknownOperationException")

        /// The code an endpoint answered (`__type`), whether or not this service has it.
        public static func named(_ name: String) -> Code { Code(name) }

        public var description: String { name }
        /// HTTP status: 500 for `InternalServerException`, 400 for every other.
        public var httpStatus: Int { self == .internalServer ? 500 : 400 }
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.name): \(message)" }
}

/// Collects constraint violations and words them as AWS's validator does:
/// `2 validation errors detected: Value 'x' at 'a.b' failed to satisfy constraint: ...; ...`.
public struct ValidationReport: Sendable {
    public private(set) var items: [String] = []

    public init() {}

    public mutating func null(at path: String) {
        items.append("Value null at '\(path)' failed to satisfy constraint: Member must not be null")
    }

    /// A violation; `value` nil for sensitive members, whose value AWS leaves out of the message.
    public mutating func violation(value: String?, at path: String, _ constraint: String) {
        if let value {
            items.append("Value '\(value)' at '\(path)' failed to satisfy constraint: \(constraint)")
        } else {
            items.append("Value at '\(path)' failed to satisfy constraint: \(constraint)")
        }
    }

    public var isEmpty: Bool { items.isEmpty }

    public var error: ServiceError? {
        guard !items.isEmpty else { return nil }
        let noun = items.count == 1 ? "error" : "errors"
        return ServiceError(.validation, "\(items.count) validation \(noun) detected: " + items.joined(separator: "; "))
    }

    public static func minLength(_ n: Int) -> String { "Member must have length greater than or equal to \(n)" }
    public static func maxLength(_ n: Int) -> String { "Member must have length less than or equal to \(n)" }
    public static func enumSet(_ values: [String]) -> String { "Member must satisfy enum value set: [\(values.joined(separator: ", "))]" }
    public static func pattern(_ source: String) -> String { "Member must satisfy regular expression pattern: \(source)" }
    public static func minValue(_ n: Int) -> String { "Member must have value greater than or equal to \(n)" }
    public static func maxValue(_ n: Int) -> String { "Member must have value less than or equal to \(n)" }
}
