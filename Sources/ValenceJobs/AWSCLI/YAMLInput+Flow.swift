extension YAMLInput {
    struct FlowParser {
        let scalars: [Unicode.Scalar]
        var index = 0

        mutating func skipSpaces() { while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 } }

        mutating func value(resolving: Bool, inFlow: Bool) throws(Invalid) -> JSONValue {
            skipSpaces()
            guard index < scalars.count else { return .null }
            switch scalars[index] {
            case "[":
                index += 1
                var items: [JSONValue] = []
                skipSpaces()
                while index < scalars.count, scalars[index] != "]" {
                    items.append(try value(resolving: true, inFlow: true))
                    skipSpaces()
                    if index < scalars.count, scalars[index] == "," { index += 1; skipSpaces() } else { break }
                }
                guard index < scalars.count, scalars[index] == "]" else { throw Invalid() }
                index += 1
                return .array(items)
            case "{":
                index += 1
                var members: [(String, JSONValue)] = []
                skipSpaces()
                while index < scalars.count, scalars[index] != "}" {
                    guard case .string(let key) = try value(resolving: false, inFlow: true) else { throw Invalid() }
                    skipSpaces()
                    guard index < scalars.count, scalars[index] == ":" else { throw Invalid() }
                    index += 1
                    members.append((key, try value(resolving: true, inFlow: true)))
                    skipSpaces()
                    if index < scalars.count, scalars[index] == "," { index += 1; skipSpaces() } else { break }
                }
                guard index < scalars.count, scalars[index] == "}" else { throw Invalid() }
                index += 1
                return .object(members)
            case "'": return .string(try singleQuoted())
            case "\"": return .string(try doubleQuoted())
            case "&", "*", "!", "|", ">", "%", "@", "`": throw Invalid()
            default:
                var text = ""
                while index < scalars.count {
                    let c = scalars[index]
                    if inFlow && (c == "," || c == "]" || c == "}") { break }
                    if c == ":", inFlow || index + 1 == scalars.count || scalars[index + 1] == " " { break }
                    text.unicodeScalars.append(c)
                    index += 1
                }
                while text.last == " " || text.last == "\t" { text.removeLast() }
                return resolving ? Self.resolve(text) : .string(text)
            }
        }

        mutating func singleQuoted() throws(Invalid) -> String {
            index += 1
            var text = ""
            while index < scalars.count {
                if scalars[index] == "'" {
                    if index + 1 < scalars.count, scalars[index + 1] == "'" { text += "'"; index += 2; continue }
                    index += 1
                    return text
                }
                text.unicodeScalars.append(scalars[index])
                index += 1
            }
            throw Invalid()
        }

        mutating func doubleQuoted() throws(Invalid) -> String {
            let start = index
            index += 1
            while index < scalars.count, scalars[index] != "\"" { index += scalars[index] == "\\" ? 2 : 1 }
            guard index < scalars.count else { throw Invalid() }
            index += 1
            let literal = String(String.UnicodeScalarView(scalars[start..<index]))
            guard case .string(let text)? = try? JSONValue.parse(literal) else { throw Invalid() }
            return text
        }

        /// YAML 1.2 core schema resolution of a plain scalar.
        static func resolve(_ text: String) -> JSONValue {
            switch text {
            case "", "~", "null", "Null", "NULL": return .null
            case "true", "True", "TRUE": return .bool(true)
            case "false", "False", "FALSE": return .bool(false)
            default: break
            }
            if text.range(of: "^[-+]?[0-9]+$", options: .regularExpression) != nil, let value = Int(text) { return .int(value) }
            if text.range(of: #"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$"#, options: .regularExpression) != nil,
               let value = Double(text) { return .float(value) }
            return .string(text)
        }
    }
}
