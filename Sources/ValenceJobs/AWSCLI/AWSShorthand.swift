/// The aws CLI's shorthand syntax (awscli/shorthand.py's grammar, without the model):
/// `S3Uri=s3://b/in/,InputFormat=ONE_DOC_PER_LINE`, `Key=a,b` (a list), `Key=[a,b]`,
/// `Key={Inner=x}`, quoted values, `\,` for a comma in a value, `Key@=file://path` for a value read
/// from a file. Every scalar is a string; the
/// model converts them afterwards (``RequestBuilder``). Errors carry the CLI v2 wording with a
/// caret under the position.
public enum AWSShorthand {
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        /// A `key@=file://` that cannot be read: the aws CLI fails outside its parameter errors
        /// (exit 255, the message alone).
        public var isFileError = false
        public var description: String { message }
    }

    public static func parse(_ text: String) throws(ParseError) -> JSONValue {
        var parser = Parser(input: Array(text.unicodeScalars))
        return try parser.parameter()
    }

    struct Parser {
        let input: [Unicode.Scalar]
        var index = 0
        /// After `key@=`: values naming `file://` or `fileb://` are replaced by the file's text.
        var resolvesFiles = false

        var atEnd: Bool { index >= input.count }
        var current: Unicode.Scalar? { atEnd ? nil : input[index] }

        func location(_ at: Int) -> String {
            let consumedEnd = input[at...].firstIndex(of: "\n") ?? input.count
            let lastNewline = input[..<at].lastIndex(of: "\n")
            let spaces = lastNewline.map { at - $0 - 1 } ?? at
            return String(String.UnicodeScalarView(input[..<consumedEnd])) + "\n" + String(repeating: " ", count: spaces) + "^"
                + String(String.UnicodeScalarView(input[consumedEnd...]))
        }

        func syntaxError(_ expected: String, _ actual: String) -> ParseError {
            ParseError(message: "Expected: '\(expected)', received: '\(actual)' for input:\n\(location(index))")
        }

        static func isWhitespace(_ s: Unicode.Scalar) -> Bool { [" ", "\t", "\n", "\r", "\u{B}", "\u{C}"].contains(s) }

        mutating func skipWhitespace() { while let c = current, Self.isWhitespace(c) { index += 1 } }

        mutating func expect(_ char: Unicode.Scalar, skipping: Bool = false) throws(ParseError) {
            if skipping { skipWhitespace() }
            guard let c = current else { throw syntaxError(String(char), "EOF") }
            guard c == char else { throw syntaxError(String(char), String(c)) }
            index += 1
            if skipping { skipWhitespace() }
        }

        mutating func parameter() throws(ParseError) -> JSONValue {
            var members: [(String, JSONValue)] = []
            var (key, value) = try keyValue()
            members.append((key, value))
            var lastIndex = index
            while !atEnd {
                try expect(",", skipping: true)
                (key, value) = try keyValue()
                if members.contains(where: { $0.0 == key }) {
                    throw ParseError(message: "Second instance of key \"\(key)\" encountered for input:\n\(location(lastIndex + 1))\n"
                        + "This is often because there is a preceding \",\" instead of a space.")
                }
                members.append((key, value))
                lastIndex = index
            }
            return .object(members)
        }

        mutating func keyValue() throws(ParseError) -> (String, JSONValue) {
            let key = readKey()
            try expectAssignment()
            return (key, try values())
        }

        /// `=`, or `@=` (the value may name a file).
        mutating func expectAssignment() throws(ParseError) {
            skipWhitespace()
            resolvesFiles = current == "@"
            if resolvesFiles { index += 1 }
            try expect("=", skipping: true)
        }

        func resolved(_ value: String) throws(ParseError) -> String {
            guard resolvesFiles, value.hasPrefix("file://") || value.hasPrefix("fileb://") else { return value }
            do { return try ParameterFile.resolve(value, flag: "") } catch {
                throw ParseError(message: String(error.message.drop(while: { $0 != ":" }).dropFirst(2)), isFileError: true)
            }
        }

        mutating func readKey() -> String {
            let start = index
            while let c = current, c.isASCII, (c.properties.isAlphabetic || ("0"..."9").contains(c) || "-_.#/:".unicodeScalars.contains(c)) { index += 1 }
            return String(String.UnicodeScalarView(input[start..<index]))
        }

        mutating func values() throws(ParseError) -> JSONValue {
            switch current {
            case nil: return .string("")
            case "[": return try explicitList()
            case "{": return try hashLiteral()
            default: return try csvValue()
            }
        }

        mutating func csvValue() throws(ParseError) -> JSONValue {
            let first = try firstValue()
            skipWhitespace()
            guard current == "," else { return first }
            try expect(",", skipping: true)
            var list = [first]
            while true {
                do {
                    let value = try secondValue()
                    skipWhitespace()
                    if atEnd { list.append(value); break }
                    try expect(",", skipping: true)
                    list.append(value)
                } catch {
                    if atEnd { throw error }
                    while index >= 0, input[index] != "," { index -= 1 }
                    break
                }
            }
            return list.count == 1 ? first : .array(list)
        }

        mutating func explicitList() throws(ParseError) -> JSONValue {
            try expect("[", skipping: true)
            var items: [JSONValue] = []
            while current != "]" {
                if atEnd { try expect("]") }
                items.append(try explicitValue())
                skipWhitespace()
                if current != "]" {
                    try expect(",")
                    skipWhitespace()
                }
            }
            try expect("]")
            return .array(items)
        }

        mutating func hashLiteral() throws(ParseError) -> JSONValue {
            try expect("{", skipping: true)
            var members: [(String, JSONValue)] = []
            while current != "}" {
                let key = readKey()
                try expectAssignment()
                let value = try explicitValue()
                skipWhitespace()
                if current != "}" {
                    try expect(",")
                    skipWhitespace()
                }
                members.removeAll { $0.0 == key }
                members.append((key, value))
            }
            try expect("}")
            return .object(members)
        }

        mutating func explicitValue() throws(ParseError) -> JSONValue {
            switch current {
            case "[": return try explicitList()
            case "{": return try hashLiteral()
            default: return try firstValue()
            }
        }

        mutating func firstValue() throws(ParseError) -> JSONValue {
            if current == "'" || current == "\"" { return try quoted() }
            return .string(try resolved(word(follow: Self.firstFollow) ?? ""))
        }

        mutating func secondValue() throws(ParseError) -> JSONValue {
            if current == "'" || current == "\"" { return try quoted() }
            guard let value = word(follow: Self.secondFollow) else { throw syntaxError("<second>", "<none>") }
            return .string(try resolved(value))
        }

        /// A start character then follow characters, `\,` standing for a comma; trailing
        /// whitespace dropped. Nil when no start character is here.
        mutating func word(follow: (Unicode.Scalar) -> Bool) -> String? {
            var value = ""
            var first = true
            while let c = current {
                if c == "\\", index + 1 < input.count, input[index + 1] == "," {
                    value += "\\,"
                    index += 2
                } else if first ? Self.startWord(c) : follow(c) {
                    value.unicodeScalars.append(c)
                    index += 1
                } else {
                    break
                }
                first = false
            }
            if first { return nil }
            var result = value.replacingOccurrences(of: "\\,", with: ",")
            while let last = result.unicodeScalars.last, Self.isWhitespace(last) { result.unicodeScalars.removeLast() }
            return result
        }

        mutating func quoted() throws(ParseError) -> JSONValue {
            let quote = current!
            let start = index
            var end = index + 1
            while end < input.count {
                if input[end] == "\\", end + 1 < input.count, input[end + 1] == quote { end += 2; continue }
                if input[end] == quote { break }
                end += 1
            }
            guard end < input.count else {
                throw syntaxError(quote == "'" ? "<singled quoted>" : "<double quoted>", "<none>")
            }
            index = end + 1
            let body = String(String.UnicodeScalarView(input[(start + 1)..<end]))
            return .string(try resolved(body.replacingOccurrences(of: "\\" + String(quote), with: String(quote)).replacingOccurrences(of: "\\\\", with: "\\")))
        }

        static func inRanges(_ c: Unicode.Scalar, _ ranges: [ClosedRange<UInt32>]) -> Bool { ranges.contains { $0.contains(c.value) } }
        static func startWord(_ c: Unicode.Scalar) -> Bool {
            inRanges(c, [0x21...0x21, 0x23...0x26, 0x28...0x2B, 0x2D...0x3C, 0x3E...0x5A, 0x5C...0x7A, 0x7C...0xFFFF])
        }
        static func firstFollow(_ c: Unicode.Scalar) -> Bool {
            isWhitespace(c) || inRanges(c, [0x21...0x21, 0x23...0x26, 0x28...0x2B, 0x2D...0x5C, 0x5E...0x7C, 0x7E...0xFFFF])
        }
        static func secondFollow(_ c: Unicode.Scalar) -> Bool {
            isWhitespace(c) || inRanges(c, [0x21...0x21, 0x23...0x26, 0x28...0x2B, 0x2D...0x3C, 0x3E...0xFFFF])
        }
    }
}
