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
        let quote: Unicode.Scalar = text.contains("'") && !text.contains("\"") ? "\"" : "'"
        let named: [Unicode.Scalar: String] = ["\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", quote: "\\" + String(quote)]
        return String(quote) + escaped(text, named: named) { scalar in
            scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) ? "\\x" + hex(scalar.value, 2) : nil
        } + String(quote)
    }

    /// `text` with the scalars of `named` replaced by their escapes, and any other scalar for
    /// which `numeric` has an escape replaced by it (Python's and YAML's quoted strings).
    static func escaped(_ text: String, named: [Unicode.Scalar: String], numeric: (Unicode.Scalar) -> String?) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if let escape = named[scalar] ?? numeric(scalar) { out += escape } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    static func hex(_ value: UInt32, _ width: Int, uppercase: Bool = false) -> String {
        let digits = String(value, radix: 16, uppercase: uppercase)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
