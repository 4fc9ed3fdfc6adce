extension JSONValue {
    /// How Python's `json.dumps` lays a value out.
    public struct Style: Sendable {
        /// `indent=4` (the aws CLI's output) when set; one line with `", "` and `": "` otherwise.
        public var indent: Int?
        /// `ensure_ascii=True`: escape every non-ASCII character as `\uXXXX`.
        public var ensureASCII: Bool

        /// One line, Python's default separators, non-ASCII escaped: Comprehend's output records.
        public static let record = Style(indent: nil, ensureASCII: true)
        /// One line, UTF-8 kept: `valence analyze` output.
        public static let line = Style(indent: nil, ensureASCII: false)
        /// Four-space indent, UTF-8 kept: what `aws comprehend` prints.
        public static let cli = Style(indent: 4, ensureASCII: false)
    }

    /// The JSON text of this value in `style`.
    public func serialized(_ style: Style) -> String {
        var out = ""
        write(to: &out, style: style, level: 0)
        return out
    }

    func write(to out: inout String, style: Style, level: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n
        case .string(let s): Self.writeString(s, to: &out, ensureASCII: style.ensureASCII)
        case .array(let elements):
            if elements.isEmpty { out += "[]"; return }
            out += "["
            for (i, element) in elements.enumerated() {
                if i > 0 { out += style.indent == nil ? ", " : "," }
                Self.newline(&out, style, level + 1)
                element.write(to: &out, style: style, level: level + 1)
            }
            Self.newline(&out, style, level)
            out += "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{"
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out += style.indent == nil ? ", " : "," }
                Self.newline(&out, style, level + 1)
                Self.writeString(key, to: &out, ensureASCII: style.ensureASCII)
                out += ": "
                value.write(to: &out, style: style, level: level + 1)
            }
            Self.newline(&out, style, level)
            out += "}"
        }
    }

    private static func newline(_ out: inout String, _ style: Style, _ level: Int) {
        guard let indent = style.indent else { return }
        out += "\n" + String(repeating: " ", count: indent * level)
    }

    /// Python's `json` string escaping.
    static func writeString(_ s: String, to out: inout String, ensureASCII: Bool) {
        out += "\""
        var isPlain = true
        for byte in s.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C || (ensureASCII && byte >= 0x7F) {
            isPlain = false
            break
        }
        if isPlain {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || (ensureASCII && scalar.value > 0x7E) {
                    if scalar.value > 0xFFFF {
                        let v = scalar.value - 0x10000
                        out += hex4(0xD800 + (v >> 10)) + hex4(0xDC00 + (v & 0x3FF))
                    } else {
                        out += hex4(scalar.value)
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
    }
}
