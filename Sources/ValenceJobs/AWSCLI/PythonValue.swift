import ValenceCore

/// How Python shows a JSON value that `json.loads` produced, for the messages botocore and the aws
/// CLI print: `str()`, `repr()` and `type()`.
public enum PythonValue {
    /// `type(value)`: `<class 'str'>`, `<class 'int'>`, ...
    public static func typeName(_ value: JSONValue) -> String {
        let name: String
        switch value {
        case .null: name = "NoneType"
        case .bool: name = "bool"
        case .number(let text): name = isInteger(text) ? "int" : "float"
        case .string: name = "str"
        case .array: name = "list"
        case .object: name = "dict"
        }
        return "<class '\(name)'>"
    }

    /// The value as a Python `int` (a `bool` is one, as `isinstance` says); nil for anything else.
    static func integer(_ value: JSONValue) -> Int? {
        switch value {
        case .bool(let flag): return flag ? 1 : 0
        case .number(let text) where isInteger(text): return Int(text)
        default: return nil
        }
    }

    static func isInteger(_ literal: String) -> Bool {
        !literal.contains(where: { $0 == "." || $0 == "e" || $0 == "E" })
    }

    /// `str(value)`: a string as it is, anything else as `repr`.
    public static func str(_ value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return repr(value)
    }

    /// `repr(value)`: `{'Key': 'a', 'n': [1, 2.5, True, None]}`.
    public static func repr(_ value: JSONValue) -> String {
        switch value {
        case .null: return "None"
        case .bool(let flag): return flag ? "True" : "False"
        case .number(let text): return isInteger(text) ? text : PythonFloat.repr(Double(text) ?? .nan)
        case .string(let text): return reprString(text)
        case .array(let items): return "[" + items.map(repr).joined(separator: ", ") + "]"
        case .object(let members): return "{" + members.map { reprString($0.0) + ": " + repr($0.1) }.joined(separator: ", ") + "}"
        }
    }

    /// Python's `repr` of a `str`: single quotes unless the text has one and no double quote.
    public static func reprString(_ text: String) -> String {
        let quote: Character = text.contains("'") && !text.contains("\"") ? "\"" : "'"
        var out = String(quote)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if Character(scalar) == quote {
                    out += "\\" + String(quote)
                } else if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                    out += "\\x" + hex(scalar.value, 2)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + String(quote)
    }

    private static func hex(_ value: UInt32, _ width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
