/// A top-down operator-precedence (Pratt) parser for JMESPath, with the binding powers of the
/// reference implementation, so that the same texts are accepted and bind the same way
/// (`a[0][1:]` is one index chain, not a projection; `{a: b c: d}` is a two-key hash).
struct JMESPathParser {
    /// Tokens binding less tightly than this end the right-hand side of a projection.
    static let projectionStop = 10
    /// Deeper nesting is refused rather than risk the stack: the parser's recursion, and the
    /// height of the tree (which the interpreter recurses over, and which a long chain such as
    /// `a.b.c…` or `a || b || …` grows without any parser recursion).
    static let maximumDepth = 256
    static let maximumHeight = 1024

    private let tokens: [JMESPathToken]
    private var position = 0
    private var depth = 0
    /// A bound on the height of the trees returned by `expression` since the caller last reset it.
    private var nestedHeight = 0

    private init(tokens: [JMESPathToken]) {
        self.tokens = tokens
    }

    static func parse(_ expression: String) throws(JMESPathError) -> JMESPathNode {
        var parser = JMESPathParser(tokens: try JMESPathLexer.tokenize(expression))
        let node = try parser.expression(0)
        guard parser.current.kind == .end else {
            throw parser.error("Unexpected token \(parser.current.display)", at: parser.current)
        }
        return node
    }

    // MARK: Cursor

    private var current: JMESPathToken { tokens[position] }

    private func peek(_ distance: Int) -> JMESPathToken.Kind {
        tokens[min(position + distance, tokens.count - 1)].kind
    }

    private mutating func advance() {
        if position < tokens.count - 1 { position += 1 }
    }

    private func error(_ message: String, at token: JMESPathToken) -> JMESPathError {
        if token.kind == .end {
            return JMESPathError(.syntax, "Incomplete expression: \(message)", offset: token.offset)
        }
        return JMESPathError(.syntax, message, offset: token.offset)
    }

    private mutating func expect(_ kind: JMESPathToken.Kind, _ what: String) throws(JMESPathError) {
        guard current.kind == kind else {
            throw error("Expected \(what), found \(current.display)", at: current)
        }
        advance()
    }

    // MARK: Pratt loop

    private mutating func expression(_ bindingPower: Int) throws(JMESPathError) -> JMESPathNode {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw error("Expression nested more than \(Self.maximumDepth) levels deep", at: current)
        }
        // Each prefix or infix step puts at most two levels of nodes above the trees it parsed
        // (`projection(flatten(left), right)`), so this bounds the height without walking the tree.
        let outerHeight = nestedHeight
        nestedHeight = 0
        let token = current
        advance()
        var left = try prefix(token)
        var height = nestedHeight + 2
        while bindingPower < current.bindingPower {
            let token = current
            advance()
            nestedHeight = 0
            left = try infix(token, left: left)
            height = Swift.max(height, nestedHeight) + 2
            guard height <= Self.maximumHeight else {
                throw error("Expression nested too deeply (a chain of more than \(Self.maximumHeight / 2) operators)", at: token)
            }
        }
        nestedHeight = Swift.max(outerHeight, height)
        return left
    }

    /// A token at the start of an expression ("nud").
    private mutating func prefix(_ token: JMESPathToken) throws(JMESPathError) -> JMESPathNode {
        switch token.kind {
        case .literal(let value):
            return .literal(value)
        case .unquotedIdentifier(let name):
            return .field(name)
        case .quotedIdentifier(let name):
            if current.kind == .leftParen {
                throw error("A quoted identifier cannot name a function", at: current)
            }
            return .field(name)
        case .current:
            return .current
        case .star:
            if current.kind == .rightBracket { return .valueProjection(.current, .current) }
            return .valueProjection(.current, try projectionRight(JMESPathToken.Kind.star.bindingPower))
        case .filter:
            return try filter(left: .current)
        case .leftBrace:
            return try multiSelectHash()
        case .leftParen:
            let inner = try expression(0)
            try expect(.rightParen, "')'")
            return inner
        case .flatten:
            return .projection(.flatten(.current), try projectionRight(token.bindingPower))
        case .not:
            return .not(try expression(token.bindingPower))
        case .expressionReference:
            return .expressionReference(try expression(0))
        case .leftBracket:
            switch current.kind {
            case .number, .colon:
                return try projectIfSlice(left: .current, right: try indexOrSlice())
            case .star where peek(1) == .rightBracket:
                advance()
                advance()
                return .projection(.current, try projectionRight(JMESPathToken.Kind.star.bindingPower))
            default:
                return try multiSelectList()
            }
        default:
            throw error("Unexpected \(token.display)", at: token)
        }
    }

    /// A token after a complete left operand ("led").
    private mutating func infix(_ token: JMESPathToken, left: JMESPathNode) throws(JMESPathError) -> JMESPathNode {
        switch token.kind {
        case .dot:
            if current.kind == .star {
                advance()
                return .valueProjection(left, try projectionRight(token.bindingPower))
            }
            return .subexpression(left, try dotRight(token.bindingPower))
        case .pipe:
            return .pipe(left, try expression(token.bindingPower))
        case .or:
            return .or(left, try expression(token.bindingPower))
        case .and:
            return .and(left, try expression(token.bindingPower))
        case .equal: return .comparison(.equal, left, try expression(token.bindingPower))
        case .notEqual: return .comparison(.notEqual, left, try expression(token.bindingPower))
        case .less: return .comparison(.less, left, try expression(token.bindingPower))
        case .lessOrEqual: return .comparison(.lessOrEqual, left, try expression(token.bindingPower))
        case .greater: return .comparison(.greater, left, try expression(token.bindingPower))
        case .greaterOrEqual: return .comparison(.greaterOrEqual, left, try expression(token.bindingPower))
        case .leftParen:
            guard case .field(let name) = left else {
                throw error("Only a name can be called as a function", at: token)
            }
            var arguments: [JMESPathNode] = []
            while current.kind != .rightParen {
                let argument = try expression(0)
                if current.kind == .comma { advance() }
                arguments.append(argument)
            }
            advance()
            return .function(name, arguments)
        case .filter:
            return try filter(left: left)
        case .flatten:
            return .projection(.flatten(left), try projectionRight(token.bindingPower))
        case .leftBracket:
            switch current.kind {
            case .number, .colon:
                let right = try indexOrSlice()
                // An index chain stays a chain, even when a slice follows (jmespath.py does the same).
                if case .indexExpression = left { return .indexExpression(left, right) }
                return try projectIfSlice(left: left, right: right)
            default:
                try expect(.star, "a number, ':' or '*' after '['")
                try expect(.rightBracket, "']'")
                return .projection(left, try projectionRight(JMESPathToken.Kind.star.bindingPower))
            }
        default:
            throw error("Unexpected \(token.display)", at: token)
        }
    }

    // MARK: Pieces

    private mutating func filter(left: JMESPathNode) throws(JMESPathError) -> JMESPathNode {
        let condition = try expression(0)
        try expect(.rightBracket, "']' after the filter condition")
        let right: JMESPathNode
        if current.kind == .flatten {
            right = .current
        } else {
            right = try projectionRight(JMESPathToken.Kind.filter.bindingPower)
        }
        return .filterProjection(left, right, condition: condition)
    }

    private mutating func projectIfSlice(left: JMESPathNode, right: JMESPathNode) throws(JMESPathError) -> JMESPathNode {
        let indexed = JMESPathNode.indexExpression(left, right)
        guard case .slice = right else { return indexed }
        return .projection(indexed, try projectionRight(JMESPathToken.Kind.star.bindingPower))
    }

    /// `[2]` or `[start:stop:step]`, the cursor just after `[`.
    private mutating func indexOrSlice() throws(JMESPathError) -> JMESPathNode {
        if current.kind == .colon || peek(1) == .colon {
            var parts: [Int?] = [nil, nil, nil]
            var part = 0
            while current.kind != .rightBracket {
                switch current.kind {
                case .colon:
                    part += 1
                    if part == 3 { throw error("A slice has at most three parts", at: current) }
                case .number(let value):
                    parts[part] = value
                default:
                    throw error("Unexpected \(current.display) in a slice", at: current)
                }
                advance()
            }
            advance()
            return .slice(start: parts[0], stop: parts[1], step: parts[2])
        }
        guard case .number(let value) = current.kind else {
            throw error("Expected a number, found \(current.display)", at: current)
        }
        advance()
        try expect(.rightBracket, "']'")
        return .index(value)
    }

    /// What a projection applies to each element: nothing, or brackets, a filter or a dotted path.
    private mutating func projectionRight(_ bindingPower: Int) throws(JMESPathError) -> JMESPathNode {
        if current.bindingPower < Self.projectionStop { return .current }
        switch current.kind {
        case .leftBracket, .filter:
            return try expression(bindingPower)
        case .dot:
            advance()
            return try dotRight(bindingPower)
        default:
            throw error("Unexpected \(current.display) after a projection", at: current)
        }
    }

    /// What may follow a dot: a name, `*`, a multi-select list or hash (or a function call).
    private mutating func dotRight(_ bindingPower: Int) throws(JMESPathError) -> JMESPathNode {
        switch current.kind {
        case .unquotedIdentifier, .quotedIdentifier, .star:
            return try expression(bindingPower)
        case .leftBracket:
            advance()
            return try multiSelectList()
        case .leftBrace:
            advance()
            return try multiSelectHash()
        default:
            throw error("Expected an identifier, '[' or '{' after '.', found \(current.display)", at: current)
        }
    }

    private mutating func multiSelectList() throws(JMESPathError) -> JMESPathNode {
        var elements: [JMESPathNode] = []
        while true {
            elements.append(try expression(0))
            if current.kind == .rightBracket { break }
            try expect(.comma, "',' or ']'")
        }
        advance()
        return .multiSelectList(elements)
    }

    private mutating func multiSelectHash() throws(JMESPathError) -> JMESPathNode {
        var pairs: [(key: String, value: JMESPathNode)] = []
        while true {
            let key: String
            switch current.kind {
            case .unquotedIdentifier(let name), .quotedIdentifier(let name): key = name
            default: throw error("Expected a key name, found \(current.display)", at: current)
            }
            advance()
            try expect(.colon, "':'")
            pairs.append((key, try expression(0)))
            if current.kind == .comma {
                advance()
            } else if current.kind == .rightBrace {
                advance()
                break
            }
        }
        return .multiSelectHash(pairs)
    }
}
