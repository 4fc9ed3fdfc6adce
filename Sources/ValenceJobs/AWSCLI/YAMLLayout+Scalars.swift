import ValenceCore

extension YAMLLayout {
    enum Style { case plain, single, double }

    /// ruamel's float: Python's `repr`, lower case, `.0` before an exponent that has no point.
    static func number(_ literal: String) -> String {
        guard !PythonValue.isInteger(literal) else { return literal }
        let value = Double(literal) ?? .nan
        if value.isNaN { return ".nan" }
        if value.isInfinite { return value < 0 ? "-.inf" : ".inf" }
        var text = PythonFloat.repr(value).lowercased()
        if !text.contains("."), let e = text.firstIndex(of: "e") { text.insert(contentsOf: ".0", at: e) }
        return text
    }

    /// How ruamel writes `text` in block context (its emitter's `analyze_scalar` and
    /// `choose_scalar_style`).
    static func style(_ text: String) -> Style {
        if text.isEmpty { return .single }
        let scalars = Array(text.unicodeScalars)
        let breaks: Set<Unicode.Scalar> = ["\n", "\u{85}", "\u{2028}", "\u{2029}"]
        var plain = true
        for (i, scalar) in scalars.enumerated() {
            let next = i + 1 < scalars.count ? scalars[i + 1] : nil
            let followedBySpace = next == nil || next == " " || next.map(breaks.contains) == true
            if !breaks.contains(scalar) && !(0x20...0x7E).contains(scalar.value) && (scalar.value < 0xA0 || scalar == "\u{FEFF}" || (0xD800...0xDFFF).contains(scalar.value)) {
                return .double
            }
            if breaks.contains(scalar) {
                plain = false
                if i > 0 && scalars[i - 1] == " " { return .double }
                if next == " " { return .double }
            }
            if i == 0 {
                if "#,[]{}&*!|>'\"%@`".unicodeScalars.contains(scalar) { plain = false }
                if (scalar == "?" || scalar == ":" || scalar == "-") && followedBySpace { plain = false }
            } else {
                if scalar == ":" && followedBySpace { plain = false }
                if scalar == "#" && scalars[i - 1] == " " { plain = false }
            }
        }
        if scalars.first == " " || scalars.last == " " { plain = false }
        if text.hasPrefix("---") || text.hasPrefix("...") { plain = false }
        if plain && resolvesAsNonString(text) { plain = false }
        return plain ? .plain : .single
    }

    /// Whether YAML 1.2 (ruamel's resolver) reads the plain text as a bool, null, number,
    /// timestamp, merge key or value key.
    static func resolvesAsNonString(_ text: String) -> Bool {
        let patterns = [
            "^(?:true|True|TRUE|false|False|FALSE)$",
            "^(?:~|null|Null|NULL)$",
            "^[-+]?[0-9_]+$", "^0o[0-7_]+$", "^0x[0-9a-fA-F_]+$",
            "^[-+]?(?:\\.[0-9_]+|[0-9_]+(?:\\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$",
            "^[-+]?\\.(?:inf|Inf|INF)$", "^\\.(?:nan|NaN|NAN)$",
            "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?$",
            "^<<$", "^=$",
        ]
        return patterns.contains { text.range(of: $0, options: .regularExpression) != nil }
    }

    static func doubleQuoted(_ text: String) -> String {
        let named: [Unicode.Scalar: String] = [
            "\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\u{0}": "\\0", "\u{7}": "\\a", "\u{8}": "\\b",
            "\u{B}": "\\v", "\u{C}": "\\f", "\u{1B}": "\\e", "\u{85}": "\\N", "\u{A0}": "\\_", "\u{2028}": "\\L", "\u{2029}": "\\P",
        ]
        return "\"" + PythonValue.escaped(text, named: named) { scalar in
            guard scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) || scalar == "\u{FEFF}" else { return nil }
            return scalar.value <= 0xFF ? "\\x" + PythonValue.hex(scalar.value, 2, uppercase: true) : "\\u" + PythonValue.hex(scalar.value, 4, uppercase: true)
        } + "\""
    }
}
