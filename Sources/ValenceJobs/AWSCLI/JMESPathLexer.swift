import ValenceCore

/// Splits a JMESPath expression into tokens, as jmespath.py's lexer does: the whole expression is
/// tokenized before parsing starts, positions count Unicode scalars (Python code points), and a
/// backtick literal that is not JSON is read as a JSON string (the JEP-12 deprecated form).
struct JMESPathLexer {
    private let scalars: [Unicode.Scalar]
    private var position = 0

    private init(_ expression: String) {
        scalars = Array(expression.unicodeScalars)
    }

    static func tokenize(_ expression: String) throws(JMESPathError) -> [JMESPathToken] {
        var lexer = JMESPathLexer(expression)
        return try lexer.tokenize()
    }

    private var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    private mutating func tokenize() throws(JMESPathError) -> [JMESPathToken] {
        guard !scalars.isEmpty else {
            throw JMESPathError(.syntax, "Invalid JMESPath expression: cannot be empty.", offset: 0)
        }
        var tokens: [JMESPathToken] = []
        while let scalar = current {
            let start = position
            func token(_ kind: JMESPathToken.Kind) -> JMESPathToken { JMESPathToken(kind: kind, offset: start) }
            switch scalar {
            case " ", "\t", "\n", "\r":
                position += 1
            case ".": position += 1; tokens.append(token(.dot))
            case "*": position += 1; tokens.append(token(.star))
            case "]": position += 1; tokens.append(token(.rightBracket))
            case ",": position += 1; tokens.append(token(.comma))
            case ":": position += 1; tokens.append(token(.colon))
            case "@": position += 1; tokens.append(token(.current))
            case "(": position += 1; tokens.append(token(.leftParen))
            case ")": position += 1; tokens.append(token(.rightParen))
            case "{": position += 1; tokens.append(token(.leftBrace))
            case "}": position += 1; tokens.append(token(.rightBrace))
            case "[":
                position += 1
                switch current {
                case "]": position += 1; tokens.append(token(.flatten))
                case "?": position += 1; tokens.append(token(.filter))
                default: tokens.append(token(.leftBracket))
                }
            case "|": tokens.append(token(matchOrElse("|", .or, .pipe)))
            case "&": tokens.append(token(matchOrElse("&", .and, .expressionReference)))
            case "<": tokens.append(token(matchOrElse("=", .lessOrEqual, .less)))
            case ">": tokens.append(token(matchOrElse("=", .greaterOrEqual, .greater)))
            case "!": tokens.append(token(matchOrElse("=", .notEqual, .not)))
            case "=":
                position += 1
                guard current == "=" else { throw syntaxError("Unknown token '='", at: start) }
                position += 1
                tokens.append(token(.equal))
            case "'":
                let text = try consume(until: "'").pythonReplacing([#"\"#, "'"], with: ["'"])
                tokens.append(token(.literal(.string(String(String.UnicodeScalarView(text))))))
            case "`":
                tokens.append(token(.literal(try literal(start: start))))
            case "\"":
                tokens.append(token(.quotedIdentifier(try quotedIdentifier(start: start))))
            case "-":
                position += 1
                guard let digit = current, Self.isDigit(digit) else { throw syntaxError("Unknown token '-'", at: start) }
                tokens.append(token(.number(-number())))
            default:
                if Self.isDigit(scalar) {
                    tokens.append(token(.number(number())))
                } else if Self.isIdentifierStart(scalar) {
                    position += 1
                    while let next = current, Self.isIdentifierStart(next) || Self.isDigit(next) { position += 1 }
                    let name = String(String.UnicodeScalarView(scalars[start..<position]))
                    tokens.append(token(.unquotedIdentifier(name)))
                } else {
                    throw syntaxError("Unknown token '\(scalar.escaped(asASCII: false))'", at: start)
                }
            }
        }
        tokens.append(JMESPathToken(kind: .end, offset: scalars.count))
        return tokens
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private static func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }

    private func syntaxError(_ message: String, at offset: Int) -> JMESPathError {
        JMESPathError(.syntax, message, offset: offset)
    }

    /// The two-character token if the next scalar is `second`, else the one-character one.
    private mutating func matchOrElse(
        _ second: Unicode.Scalar, _ pair: JMESPathToken.Kind, _ single: JMESPathToken.Kind
    ) -> JMESPathToken.Kind {
        position += 1
        guard current == second else { return single }
        position += 1
        return pair
    }

    /// Decimal digits, saturating: an index beyond ±10^15 is out of range of any array.
    private mutating func number() -> Int {
        var value = 0
        while let digit = current, Self.isDigit(digit) {
            value = min(value * 10 + Int(digit.value - 0x30), 1_000_000_000_000_000)
            position += 1
        }
        return value
    }

    /// The scalars between the delimiter under the cursor and the next unescaped one. A backslash
    /// keeps itself and the scalar after it; unescaping is the caller's business.
    private mutating func consume(until delimiter: Unicode.Scalar) throws(JMESPathError) -> [Unicode.Scalar] {
        let start = position
        position += 1
        var buffer: [Unicode.Scalar] = []
        while current != delimiter {
            if current == "\\" {
                buffer.append("\\")
                position += 1
            }
            guard let scalar = current else {
                throw syntaxError("Unclosed \(delimiter) delimiter", at: start)
            }
            buffer.append(scalar)
            position += 1
        }
        position += 1
        return buffer
    }

    private mutating func quotedIdentifier(start: Int) throws(JMESPathError) -> String {
        let body = try consume(until: "\"")
        let json = "\"" + String(String.UnicodeScalarView(body)) + "\""
        do {
            if case .string(let name) = try JSONValue.parse(json) { return name }
        } catch {
            throw JMESPathError(.syntax, "Invalid quoted identifier: \(error.message)", offset: start, underlying: error)
        }
        throw syntaxError("Invalid quoted identifier", at: start)
    }

    private mutating func literal(start: Int) throws(JMESPathError) -> JSONValue {
        let body = try consume(until: "`").pythonReplacing([#"\"#, "`"], with: ["`"])
        if let value = try? JSONValue.parse(String(String.UnicodeScalarView(body))) {
            return value.deduplicatingMembers()
        }
        // Not JSON: jmespath.py reads it as the contents of a JSON string, leading space dropped.
        let trimmed = body.drop { JMESPathLexer.isPythonWhitespace($0) }
        let quoted = "\"" + String(String.UnicodeScalarView(trimmed)) + "\""
        guard let value = try? JSONValue.parse(quoted) else {
            throw syntaxError("Bad literal `\(String(String.UnicodeScalarView(body)))`", at: start)
        }
        return value
    }

    /// Python's `str.isspace()`, which `str.lstrip()` uses.
    static func isPythonWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            true
        default:
            false
        }
    }
}

extension Array where Element == Unicode.Scalar {
    /// Python's `str.replace`: non-overlapping occurrences, left to right.
    fileprivate func pythonReplacing(_ target: [Unicode.Scalar], with replacement: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(count)
        var index = 0
        while index < count {
            if index + target.count <= count, self[index..<index + target.count].elementsEqual(target) {
                result.append(contentsOf: replacement)
                index += target.count
            } else {
                result.append(self[index])
                index += 1
            }
        }
        return result
    }
}
