/// Why a JMESPath expression could not be compiled or evaluated.
///
/// The codes are the error kinds of the JMESPath compliance suite: a `syntax` error is found when
/// the expression is compiled; the others are found while it runs, and only on a path the data
/// actually takes (`foo[*].nope(@)` over an empty `foo` is `[]`, as in jmespath.py).
public struct JMESPathError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Wrapped: Hashable, Sendable {
            case syntax
            case invalidType
            case invalidValue
            case invalidArity
            case unknownFunction
        }

        private let wrapped: Wrapped
        private init(_ wrapped: Wrapped) { self.wrapped = wrapped }

        /// The expression is not JMESPath (lexer or parser).
        public static let syntax = Code(.syntax)
        /// A function got an argument of the wrong type, or an ordering compared a number with a string.
        public static let invalidType = Code(.invalidType)
        /// A value is out of its domain (a slice step of 0).
        public static let invalidValue = Code(.invalidValue)
        /// A function got the wrong number of arguments.
        public static let invalidArity = Code(.invalidArity)
        /// A function that does not exist was called.
        public static let unknownFunction = Code(.unknownFunction)

        /// The kind as the compliance suite spells it (`syntax`, `invalid-type`, …).
        public var name: String {
            switch wrapped {
            case .syntax: "syntax"
            case .invalidType: "invalid-type"
            case .invalidValue: "invalid-value"
            case .invalidArity: "invalid-arity"
            case .unknownFunction: "unknown-function"
            }
        }

        public var description: String { name }
    }

    public var code: Code
    /// A sentence for a person, e.g. `Unknown function: nope()`.
    public var message: String
    /// For a syntax error, the position in the expression (in Unicode scalars) where it was found.
    public var offset: Int?
    public var underlying: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, offset: Int? = nil, underlying: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.offset = offset
        self.underlying = underlying
    }

    public var description: String {
        if let offset { return "\(message) (at column \(offset))" }
        return message
    }
}
