import ValenceCore

/// The aws CLI's shorthand syntax for structure parameters:
/// `S3Uri=s3://bucket/in/,InputFormat=ONE_DOC_PER_LINE`, `Key=a,Value=b`,
/// `SecurityGroupIds=sg-1,sg-2,Subnets=subnet-1` (a bare item after a key continues that key's list),
/// `Key=[a,b]`, `Key={Inner=x}`, and quoted values (`Key="a,b"`). A value that starts with `{` or `[`
/// is JSON, as in the aws CLI. Every scalar comes out as a JSON string; callers convert members
/// whose shape is a number or a timestamp.
public enum AWSShorthand {
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Parses one parameter value: JSON when it starts with `{` or `[`, shorthand otherwise.
    public static func parse(_ text: String) throws(ParseError) -> JSONValue {
        let trimmed = text.drop(while: { $0 == " " })
        if trimmed.first == "{" || trimmed.first == "[" {
            do { return try JSONValue.parse(text) } catch {
                throw ParseError(message: "Error parsing parameter: Invalid JSON: \(error)\nJSON received: \(text)")
            }
        }
        var parser = Parser(scalars: Array(text.unicodeScalars), text: text)
        let value = try parser.structure(closing: nil)
        guard parser.index == parser.scalars.count else { throw parser.error("unexpected '\(parser.scalars[parser.index])'") }
        return value
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        let text: String
        var index = 0

        func error(_ what: String) -> ParseError {
            ParseError(message: "Error parsing parameter: Expected: '=', received: \(what) for input:\n\(text)")
        }

        mutating func structure(closing: Unicode.Scalar?) throws(ParseError) -> JSONValue {
            var members: [(String, JSONValue)] = []
            while index < scalars.count {
                if let closing, scalars[index] == closing { break }
                let key = readKey()
                guard index < scalars.count, scalars[index] == "=" else {
                    // A bare item continues the previous key's value as a list.
                    guard let last = members.popLast() else { throw error(key.isEmpty ? "end of input" : "'\(key)'") }
                    let item = JSONValue.string(key)
                    switch last.1 {
                    case .array(let items): members.append((last.0, .array(items + [item])))
                    default: members.append((last.0, .array([last.1, item])))
                    }
                    if index < scalars.count, scalars[index] == "," {
                        index += 1
                    } else if index < scalars.count, scalars[index] != closing {
                        // A stray `}` or `]`: no progress is possible (found by fuzzing: `a=b,c}` looped).
                        throw error("'\(scalars[index])'")
                    }
                    continue
                }
                index += 1
                let value = try readValue(closing: closing)
                members.append((key.trimmingSpaces, value))
                if index < scalars.count, scalars[index] == "," { index += 1 }
            }
            return .object(members)
        }

        mutating func readKey() -> String {
            var key = ""
            while index < scalars.count, !["=", ",", "}", "]"].contains(scalars[index]) {
                key.unicodeScalars.append(scalars[index])
                index += 1
            }
            return key
        }

        mutating func readValue(closing: Unicode.Scalar?) throws(ParseError) -> JSONValue {
            guard index < scalars.count else { return .string("") }
            switch scalars[index] {
            case "{":
                index += 1
                let value = try structure(closing: "}")
                guard index < scalars.count, scalars[index] == "}" else { throw error("end of input (missing '}')") }
                index += 1
                return value
            case "[":
                index += 1
                var items: [JSONValue] = []
                while index < scalars.count, scalars[index] != "]" {
                    items.append(try readValue(closing: "]"))
                    if index < scalars.count, scalars[index] == "," { index += 1 }
                }
                guard index < scalars.count else { throw error("end of input (missing ']')") }
                index += 1
                return .array(items)
            case "\"", "'":
                let quote = scalars[index]
                index += 1
                var value = ""
                while index < scalars.count, scalars[index] != quote {
                    if scalars[index] == "\\", index + 1 < scalars.count { index += 1 }
                    value.unicodeScalars.append(scalars[index])
                    index += 1
                }
                guard index < scalars.count else { throw error("end of input (unterminated quote)") }
                index += 1
                return .string(value)
            default:
                var value = ""
                while index < scalars.count, scalars[index] != ",", scalars[index] != closing {
                    value.unicodeScalars.append(scalars[index])
                    index += 1
                }
                return .string(value.trimmingSpaces)
            }
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
