import ValenceCore

/// One lexeme of a JMESPath expression and where it starts (in Unicode scalars).
struct JMESPathToken: Sendable {
    enum Kind: Sendable, Equatable {
        case dot, star, comma, colon, current
        case leftBracket, rightBracket, leftParen, rightParen, leftBrace, rightBrace
        /// `[]`
        case flatten
        /// `[?`
        case filter
        case pipe, or, and, not
        /// `&`
        case expressionReference
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
        case unquotedIdentifier(String)
        case quotedIdentifier(String)
        /// A signed integer inside brackets; saturated, since any index that large is out of range anyway.
        case number(Int)
        /// A backtick JSON literal or a raw string.
        case literal(JSONValue)
        case end
    }

    var kind: Kind
    var offset: Int

    /// How tightly the token binds as an infix operator.
    var bindingPower: Int { kind.bindingPower }

    /// The token as a person would point at it in a message.
    var display: String {
        switch kind {
        case .dot: "'.'"
        case .star: "'*'"
        case .comma: "','"
        case .colon: "':'"
        case .current: "'@'"
        case .leftBracket: "'['"
        case .rightBracket: "']'"
        case .leftParen: "'('"
        case .rightParen: "')'"
        case .leftBrace: "'{'"
        case .rightBrace: "'}'"
        case .flatten: "'[]'"
        case .filter: "'[?'"
        case .pipe: "'|'"
        case .or: "'||'"
        case .and: "'&&'"
        case .not: "'!'"
        case .expressionReference: "'&'"
        case .equal: "'=='"
        case .notEqual: "'!='"
        case .less: "'<'"
        case .lessOrEqual: "'<='"
        case .greater: "'>'"
        case .greaterOrEqual: "'>='"
        case .unquotedIdentifier(let name): "identifier '\(name)'"
        case .quotedIdentifier(let name): "quoted identifier \"\(name)\""
        case .number(let value): "number \(value)"
        case .literal: "literal"
        case .end: "end of expression"
        }
    }
}

extension JMESPathToken.Kind {
    /// How tightly the token binds as an infix operator (Pratt parsing), as in jmespath.py.
    /// Everything below `JMESPathParser.projectionStop` ends the right-hand side of a projection.
    var bindingPower: Int {
        switch self {
        case .pipe: 1
        case .or: 2
        case .and: 3
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: 5
        case .flatten: 9
        case .star: 20
        case .filter: 21
        case .dot: 40
        case .not: 45
        case .leftBrace: 50
        case .leftBracket: 55
        case .leftParen: 60
        default: 0
        }
    }
}
