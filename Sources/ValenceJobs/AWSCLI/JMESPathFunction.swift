import ValenceCore

/// The built-in functions of JMESPath, with the signatures and type errors of the specification
/// and jmespath.py's results (Python's `sum`, `max`, stable `sorted`, `json.dumps`, `int()`/`float()`).
enum JMESPathFunction: String, CaseIterable, Sendable {
    case abs, avg, ceil, contains, floor, join, keys, length, map, max, merge, min, reverse, sort, sum, type, values
    case endsWith = "ends_with"
    case maxBy = "max_by"
    case minBy = "min_by"
    case notNull = "not_null"
    case sortBy = "sort_by"
    case startsWith = "starts_with"
    case toArray = "to_array"
    case toString = "to_string"
    case toNumber = "to_number"

    /// An evaluated argument, or an unevaluated `&expression`.
    enum Argument {
        case value(JSONValue)
        case expression(JMESPathNode)
    }

    /// What one parameter accepts; an empty list accepts any JSON value.
    enum ParameterType: String {
        case number, string, array, object
        case expression = "expref"
        case arrayOfNumbers = "array-number"
        case arrayOfStrings = "array-string"

        var topLevel: String {
            switch self {
            case .arrayOfNumbers, .arrayOfStrings: "array"
            default: rawValue
            }
        }

        var elementType: String? {
            switch self {
            case .arrayOfNumbers: "number"
            case .arrayOfStrings: "string"
            default: nil
            }
        }
    }

    /// The parameters, and whether the last one repeats.
    private var signature: (parameters: [[ParameterType]], isVariadic: Bool) {
        switch self {
        case .abs, .ceil, .floor: ([[.number]], false)
        case .avg, .sum: ([[.arrayOfNumbers]], false)
        case .contains: ([[.array, .string], []], false)
        case .endsWith, .startsWith: ([[.string], [.string]], false)
        case .join: ([[.string], [.arrayOfStrings]], false)
        case .keys, .values: ([[.object]], false)
        case .length: ([[.string, .array, .object]], false)
        case .map: ([[.expression], [.array]], false)
        case .max, .min, .sort: ([[.arrayOfNumbers, .arrayOfStrings]], false)
        case .maxBy, .minBy, .sortBy: ([[.array], [.expression]], false)
        case .merge: ([[.object]], true)
        case .notNull: ([[]], true)
        case .reverse: ([[.array, .string]], false)
        case .toArray, .toString, .toNumber, .type: ([[]], false)
        }
    }

    func call(_ arguments: [Argument]) throws(JMESPathError) -> JSONValue {
        try validate(arguments)
        var values: [JSONValue] = []
        var expressions: [JMESPathNode] = []
        for argument in arguments {
            switch argument {
            case .value(let value): values.append(value)
            case .expression(let node): expressions.append(node)
            }
        }
        switch self {
        case .abs:
            switch JMESPathNumber(values[0]) {
            case .integer(let value)?: return value == .min ? .float(-Double(value)) : .int(Swift.abs(value))
            case .float(let value)?: return .float(Swift.abs(value))
            case nil: return .null
            }
        case .avg:
            let numbers = values[0].arrayElements.compactMap(JMESPathNumber.init)
            guard !numbers.isEmpty else { return .null }
            return .float(Self.pythonSum(numbers).double / Double(numbers.count))
        case .ceil, .floor:
            switch JMESPathNumber(values[0]) {
            case .integer(let value)?: return .int(value)
            case .float(let value)?:
                let rounded = value.rounded(self == .ceil ? .up : .down)
                guard rounded.isFinite else {
                    throw JMESPathError(.invalidValue, "In function \(rawValue)(), cannot convert \(PythonFloat.repr(value)) to an integer")
                }
                return .number(JMESPathNumber.integerText(rounded))
            case nil: return .null
            }
        case .contains:
            switch values[0] {
            case .string(let subject):
                guard case .string(let search) = values[1] else {
                    throw JMESPathError(.invalidType, "In function contains(), a string can only contain a string, received: \"\(values[1].jmespathType)\"")
                }
                return .bool(Self.utf8(subject, contains: search))
            default:
                return .bool(values[0].arrayElements.contains { $0.pythonEquals(values[1]) })
            }
        case .endsWith, .startsWith:
            guard case .string(let subject) = values[0], case .string(let affix) = values[1] else { return .null }
            let subjectBytes = Array(subject.utf8), affixBytes = Array(affix.utf8)
            guard affixBytes.count <= subjectBytes.count else { return .bool(false) }
            return .bool(self == .startsWith
                ? subjectBytes.prefix(affixBytes.count).elementsEqual(affixBytes)
                : subjectBytes.suffix(affixBytes.count).elementsEqual(affixBytes))
        case .join:
            let separator = values[0].stringValue ?? ""
            return .string(values[1].arrayElements.compactMap(\.stringValue).joined(separator: separator))
        case .keys:
            guard case .object(let members) = values[0] else { return .null }
            return .array(members.map { .string($0.0) })
        case .values:
            guard case .object(let members) = values[0] else { return .null }
            return .array(members.map(\.1))
        case .length:
            switch values[0] {
            case .string(let text): return .int(text.unicodeScalars.count)
            case .array(let elements): return .int(elements.count)
            case .object(let members): return .int(members.count)
            default: return .null
            }
        case .map:
            var results: [JSONValue] = []
            for element in values[0].arrayElements {
                results.append(try JMESPathInterpreter.evaluate(expressions[0], on: element))
            }
            return .array(results)
        case .max, .min:
            return try Self.extreme(values[0].arrayElements, keys: values[0].arrayElements, greatest: self == .max, function: self)
        case .maxBy, .minBy:
            let elements = values[0].arrayElements
            var keys: [JSONValue] = []
            for element in elements {
                let key = try JMESPathInterpreter.evaluate(expressions[0], on: element)
                guard key.jmespathType == "number" || key.jmespathType == "string" else {
                    throw typeError(key, expected: "['number', 'string']", received: key.jmespathType)
                }
                keys.append(key)
            }
            return try Self.extreme(elements, keys: keys, greatest: self == .maxBy, function: self)
        case .merge:
            var merged = JMESPathObjectBuilder()
            for value in values {
                guard case .object(let members) = value else { continue }
                for (key, member) in members { merged[key] = member }
            }
            return merged.value
        case .notNull:
            return values.first { $0 != .null } ?? .null
        case .reverse:
            switch values[0] {
            case .string(let text): return .string(String(String.UnicodeScalarView(text.unicodeScalars.reversed())))
            case .array(let elements): return .array(elements.reversed())
            default: return .null
            }
        case .sort:
            let elements = values[0].arrayElements
            return .array(Self.stableSorted(elements, keys: elements))
        case .sortBy:
            let elements = values[0].arrayElements
            guard let first = elements.first else { return values[0] }
            let required = try JMESPathInterpreter.evaluate(expressions[0], on: first).jmespathType
            guard required == "number" || required == "string" else {
                throw typeError(first, expected: "['string', 'number']", received: required)
            }
            var keys: [JSONValue] = []
            for element in elements {
                let key = try JMESPathInterpreter.evaluate(expressions[0], on: element)
                guard key.jmespathType == required else {
                    throw typeError(key, expected: "['\(required)']", received: key.jmespathType)
                }
                keys.append(key)
            }
            return .array(Self.stableSorted(elements, keys: keys))
        case .sum:
            return Self.pythonSum(values[0].arrayElements.compactMap(JMESPathNumber.init)).json
        case .toArray:
            if case .array = values[0] { return values[0] }
            return .array([values[0]])
        case .toString:
            if case .string = values[0] { return values[0] }
            return .string(values[0].pythonJSONText)
        case .toNumber:
            switch values[0] {
            case .number: return values[0]
            case .string(let text): return Self.pythonNumber(parsing: text) ?? .null
            default: return .null
            }
        case .type:
            return .string(values[0].jmespathType)
        }
    }

    // MARK: Validation

    private func validate(_ arguments: [Argument]) throws(JMESPathError) {
        let (parameters, isVariadic) = signature
        if isVariadic ? arguments.count < parameters.count : arguments.count != parameters.count {
            let noun = parameters.count == 1 ? "argument" : "arguments"
            throw JMESPathError(
                .invalidArity,
                "Expected \(isVariadic ? "at least " : "")\(parameters.count) \(noun) for function \(rawValue)(), received \(arguments.count)")
        }
        for (index, argument) in arguments.enumerated() {
            try check(argument, against: parameters[Swift.min(index, parameters.count - 1)])
        }
    }

    private func check(_ argument: Argument, against types: [ParameterType]) throws(JMESPathError) {
        let expected = "[" + types.map { "'\($0.rawValue)'" }.joined(separator: ", ") + "]"
        switch argument {
        case .expression:
            guard types.contains(.expression) else {
                throw JMESPathError(.invalidType, "In function \(rawValue)(), an expression reference (&...) is not a valid argument"
                    + (types.isEmpty ? "" : ", expected one of: \(expected)"))
            }
        case .value(let value):
            guard !types.isEmpty else { return }
            guard types.contains(where: { $0.topLevel == value.jmespathType }) else {
                throw typeError(value, expected: expected, received: value.jmespathType)
            }
            let elementTypes = types.compactMap(\.elementType)
            guard case .array(let elements) = value, let firstElement = elements.first, !elementTypes.isEmpty else { return }
            // With a choice (`array-number` or `array-string`), the first element decides.
            let required = elementTypes.count == 1 ? elementTypes[0] : firstElement.jmespathType
            guard elementTypes.contains(required) else {
                throw typeError(firstElement, expected: expected, received: required)
            }
            if let wrong = elements.first(where: { $0.jmespathType != required }) {
                throw typeError(wrong, expected: expected, received: wrong.jmespathType)
            }
        }
    }

    private func typeError(_ value: JSONValue, expected: String, received: String) -> JMESPathError {
        var shown = value.pythonJSONText
        if shown.unicodeScalars.count > 60 { shown = String(String.UnicodeScalarView(shown.unicodeScalars.prefix(57))) + "..." }
        return JMESPathError(
            .invalidType,
            "In function \(rawValue)(), invalid type for value: \(shown), expected one of: \(expected), received: \"\(received)\"")
    }

    // MARK: Python's arithmetic and ordering

    /// Python's `sum()`: an `int` while every term is one, a `float` from the first `float` on.
    private static func pythonSum(_ numbers: [JMESPathNumber]) -> JMESPathNumber {
        numbers.reduce(JMESPathNumber.integer(0), +)
    }

    /// Python's `<` between two numbers or two strings; a number against a string is Python's
    /// `TypeError`, reported as invalid-type.
    static func order(_ lhs: JSONValue, _ rhs: JSONValue, function: String) throws(JMESPathError) -> Int {
        switch (lhs, rhs) {
        case let (.string(a), .string(b)):
            if a.utf8.elementsEqual(b.utf8) { return 0 }
            return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
        case (.number, .number):
            guard let a = JMESPathNumber(lhs), let b = JMESPathNumber(rhs) else { return 0 }
            return JMESPathNumber.compare(a, b) ?? 0
        default:
            throw JMESPathError(
                .invalidType,
                "\(function): cannot order \(lhs.jmespathType) and \(rhs.jmespathType)")
        }
    }

    /// Python's `max`/`min`: the first element whose key no later key beats.
    private static func extreme(_ elements: [JSONValue], keys: [JSONValue], greatest: Bool, function: JMESPathFunction) throws(JMESPathError) -> JSONValue {
        guard var best = elements.indices.first else { return .null }
        for index in elements.indices.dropFirst() {
            let order = try order(keys[index], keys[best], function: function.rawValue + "()")
            if greatest ? order > 0 : order < 0 { best = index }
        }
        return elements[best]
    }

    /// Python's `sorted` (stable) by the given keys.
    private static func stableSorted(_ elements: [JSONValue], keys: [JSONValue]) -> [JSONValue] {
        // Keys are all numbers or all strings (checked), so ordering them cannot fail; a merge
        // sort keeps equal keys in their original order.
        var indices = Array(elements.indices)
        var scratch = indices
        func merge(_ low: Int, _ middle: Int, _ high: Int) {
            var left = low, right = middle, out = low
            while left < middle && right < high {
                let rightFirst = ((try? order(keys[indices[right]], keys[indices[left]], function: "")) ?? 0) < 0
                if rightFirst { scratch[out] = indices[right]; right += 1 } else { scratch[out] = indices[left]; left += 1 }
                out += 1
            }
            while left < middle { scratch[out] = indices[left]; left += 1; out += 1 }
            while right < high { scratch[out] = indices[right]; right += 1; out += 1 }
            for position in low..<high { indices[position] = scratch[position] }
        }
        var width = 1
        while width < indices.count {
            var low = 0
            while low < indices.count - width {
                merge(low, low + width, Swift.min(low + 2 * width, indices.count))
                low += 2 * width
            }
            width *= 2
        }
        return indices.map { elements[$0] }
    }

    private static func utf8(_ subject: String, contains search: String) -> Bool {
        let haystack = Array(subject.utf8), needle = Array(search.utf8)
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start..<start + needle.count].elementsEqual(needle) {
            return true
        }
        return false
    }

    // MARK: to_number

    /// Python's `int(text)`, else `float(text)`, else `nil`: surrounding white space, a sign,
    /// `_` between digits, any Unicode decimal digits, and `inf`/`nan` for the float.
    static func pythonNumber(parsing text: String) -> JSONValue? {
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                bytes.append(UInt8(scalar.value))
            } else if JMESPathLexer.isPythonWhitespace(scalar) {
                bytes.append(0x20)
            } else if scalar.properties.numericType == .decimal, let digit = scalar.properties.numericValue {
                bytes.append(0x30 + UInt8(digit))
            } else {
                return nil
            }
        }
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || (0x09...0x0D).contains($0) }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else {
            return nil
        }
        var body = Array(bytes[first...last])
        var negative = false
        var signText = ""
        if body.first == UInt8(ascii: "+") || body.first == UInt8(ascii: "-") {
            negative = body.first == UInt8(ascii: "-")
            signText = negative ? "-" : ""
            body.removeFirst()
        }
        if let digits = Self.digitsWithUnderscores(body[...]) {
            var trimmed = digits.drop { $0 == UInt8(ascii: "0") }
            if trimmed.isEmpty { trimmed = [UInt8(ascii: "0")] }
            let magnitude = String(decoding: trimmed, as: UTF8.self)
            return .number(magnitude == "0" ? "0" : signText + magnitude)
        }
        let lowered = String(decoding: body, as: UTF8.self).lowercased()
        switch lowered {
        case "inf", "infinity": return .float(negative ? -.infinity : .infinity)
        case "nan": return .float(.nan)
        default: break
        }
        // digits [. digits] or . digits, then an optional exponent.
        var index = body.startIndex
        func run() -> [UInt8]? {
            var end = index
            while end < body.endIndex, body[end] == UInt8(ascii: "_") || (0x30...0x39).contains(body[end]) { end += 1 }
            guard end > index else { return [] }
            guard let digits = Self.digitsWithUnderscores(body[index..<end]) else { return nil }
            index = end
            return digits
        }
        guard let integerPart = run() else { return nil }
        var fractionPart: [UInt8] = []
        if index < body.endIndex, body[index] == UInt8(ascii: ".") {
            index += 1
            guard let fraction = run() else { return nil }
            fractionPart = fraction
        }
        guard !integerPart.isEmpty || !fractionPart.isEmpty else { return nil }
        var exponentText = ""
        if index < body.endIndex, body[index] == UInt8(ascii: "e") || body[index] == UInt8(ascii: "E") {
            index += 1
            var exponentSign = ""
            if index < body.endIndex, body[index] == UInt8(ascii: "+") || body[index] == UInt8(ascii: "-") {
                exponentSign = body[index] == UInt8(ascii: "-") ? "-" : ""
                index += 1
            }
            guard let exponent = run(), !exponent.isEmpty else { return nil }
            exponentText = "e" + exponentSign + String(decoding: exponent, as: UTF8.self)
        }
        guard index == body.endIndex else { return nil }
        let literal = signText + (integerPart.isEmpty ? "0" : String(decoding: integerPart, as: UTF8.self))
            + "." + (fractionPart.isEmpty ? "0" : String(decoding: fractionPart, as: UTF8.self)) + exponentText
        guard let value = Double(literal) else { return nil }
        return .float(value)
    }

    /// ASCII digits with single underscores between them, the underscores removed.
    private static func digitsWithUnderscores(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
        guard let first = bytes.first, let last = bytes.last,
              (0x30...0x39).contains(first), (0x30...0x39).contains(last) else { return nil }
        var digits: [UInt8] = []
        var previousWasUnderscore = false
        for byte in bytes {
            if byte == UInt8(ascii: "_") {
                if previousWasUnderscore { return nil }
                previousWasUnderscore = true
            } else if (0x30...0x39).contains(byte) {
                digits.append(byte)
                previousWasUnderscore = false
            } else {
                return nil
            }
        }
        return digits
    }
}

extension JSONValue {
    /// An array's elements; nothing for any other value.
    fileprivate var arrayElements: [JSONValue] {
        if case .array(let elements) = self { return elements }
        return []
    }
}
