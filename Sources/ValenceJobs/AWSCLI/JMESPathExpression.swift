import ValenceCore

extension JMESPath {
    /// A compiled JMESPath expression; compile once, evaluate on any number of documents.
    public struct Expression: Sendable, CustomStringConvertible {
        /// The expression as written.
        public let text: String
        private let root: JMESPathNode

        /// Compiles `text`; a text that is not JMESPath throws a `.syntax` error.
        public init(parsing text: String) throws(JMESPathError) {
            self.text = text
            root = try JMESPathParser.parse(text)
        }

        /// The result of the expression on `document`. Errors other than syntax errors
        /// (`.invalidType`, `.invalidArity`, `.unknownFunction`, `.invalidValue`) are found here,
        /// and only where the evaluation reaches them.
        public func evaluate(on document: JSONValue) throws(JMESPathError) -> JSONValue {
            try JMESPathInterpreter.evaluate(root, on: document.deduplicatingMembers())
        }

        public var description: String { text }
    }
}
