import ValenceCore

/// What the JMESPath interpreter needs from a JSON value, with Python's semantics where
/// jmespath.py relies on them: strings compare by code point (never by canonical equivalence),
/// `==` is Python's (`1 == 1.0`, `[1] == [true]`), objects are unordered for equality.
extension JSONValue {
    /// The JMESPath type name (`type()`, and error messages).
    var jmespathType: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// False for `null`, `false`, `""`, `[]` and `{}`; true for everything else, numbers included.
    var isJMESPathTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let value): value
        case .number: true
        case .string(let text): !text.isEmpty
        case .array(let elements): !elements.isEmpty
        case .object(let members): !members.isEmpty
        }
    }

    /// An object's member by exact key (byte for byte, as a Python dict looks it up).
    func jmespathMember(_ key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0.utf8.elementsEqual(key.utf8) }?.1
    }

    /// The value with each object's repeated keys merged as Python's `json.loads` merges them:
    /// the first position, the last value.
    func deduplicatingMembers() -> JSONValue { deduplicated() ?? self }

    /// `nil` when nothing repeats, so that the common case copies nothing.
    private func deduplicated() -> JSONValue? {
        switch self {
        case .array(let elements):
            var rebuilt: [JSONValue]?
            for (index, element) in elements.enumerated() {
                guard let replacement = element.deduplicated() else { continue }
                var copy = rebuilt ?? elements
                copy[index] = replacement
                rebuilt = copy
            }
            return rebuilt.map(JSONValue.array)
        case .object(let members):
            var rebuilt: [(String, JSONValue)]?
            for (index, member) in members.enumerated() {
                guard let replacement = member.1.deduplicated() else { continue }
                var copy = rebuilt ?? members
                copy[index].1 = replacement
                rebuilt = copy
            }
            let current = rebuilt ?? members
            if JSONValue.hasRepeatedKey(current) {
                var merged = JMESPathObjectBuilder()
                for (key, value) in current { merged[key] = value }
                return merged.value
            }
            return rebuilt.map(JSONValue.object)
        default:
            return nil
        }
    }

    private static func hasRepeatedKey(_ members: [(String, JSONValue)]) -> Bool {
        if members.count <= 8 {
            // Small objects, the common case: comparing pairs beats hashing.
            for i in members.indices.dropFirst() {
                for j in 0..<i where members[i].0.utf8.elementsEqual(members[j].0.utf8) { return true }
            }
            return false
        }
        var seen = Set<JMESPathKey>()
        return !members.allSatisfy { seen.insert(JMESPathKey($0.0)).inserted }
    }

    /// Python's `==` on the values `json.loads` makes: booleans are the integers 0 and 1, `int`
    /// and `float` compare exactly, lists pairwise, dicts as unordered mappings.
    func pythonEquals(_ other: JSONValue) -> Bool {
        switch (self, other) {
        case (.null, .null):
            return true
        case let (.string(a), .string(b)):
            return a.utf8.elementsEqual(b.utf8)
        case let (.bool(a), .bool(b)):
            return a == b
        case (.bool, .number), (.number, .bool), (.number, .number):
            guard let a = pythonNumber, let b = other.pythonNumber else { return false }
            return JMESPathNumber.compare(a, b) == 0
        case let (.array(a), .array(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.pythonEquals($1) }
        case let (.object(a), .object(b)):
            guard a.count == b.count else { return false }
            return a.allSatisfy { key, value in other.jmespathMember(key).map { value.pythonEquals($0) } ?? false }
        default:
            return false
        }
    }

    /// A number, or a boolean as the Python integer it is.
    private var pythonNumber: JMESPathNumber? {
        switch self {
        case .bool(let value): .integer(value ? 1 : 0)
        case .number: JMESPathNumber(self)
        default: nil
        }
    }

    /// Python's `json.dumps(value, separators=(',', ':'))`: ASCII only, numbers as Python prints
    /// them (`1.50` → `1.5`), keys in order. What `to_string()` returns.
    var pythonJSONText: String {
        var output = ""
        appendPythonJSON(to: &output)
        return output
    }

    private func appendPythonJSON(to output: inout String) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let text):
            switch JMESPathNumber(literal: text) {
            case .integer(let value): output += String(value)
            case .float(let value):
                // An integer literal too large for 64 bits keeps its digits, as Python's int would.
                if !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
                    output += text
                } else {
                    output += PythonFloat.repr(value)
                }
            }
        case .string(let text): JSONValue.writeString(text, to: &output, ensureASCII: true)
        case .array(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                element.appendPythonJSON(to: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { output += "," }
                JSONValue.writeString(key, to: &output, ensureASCII: true)
                output += ":"
                value.appendPythonJSON(to: &output)
            }
            output += "}"
        }
    }
}

/// An object under construction with Python dict semantics: assigning an existing key replaces
/// its value in place, a new key goes last.
struct JMESPathObjectBuilder {
    private var members: [(String, JSONValue)] = []
    private var positions: [JMESPathKey: Int] = [:]

    init() {}

    subscript(key: String) -> JSONValue? {
        get { positions[JMESPathKey(key)].map { members[$0].1 } }
        set {
            guard let newValue else { return }
            if let position = positions[JMESPathKey(key)] {
                members[position].1 = newValue
            } else {
                positions[JMESPathKey(key)] = members.count
                members.append((key, newValue))
            }
        }
    }

    var value: JSONValue { .object(members) }
}

/// An object key compared byte for byte (Swift's `String` equality is canonical equivalence,
/// under which a Python dict's distinct keys `"é"` and `"e\u{301}"` would collide).
struct JMESPathKey: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    static func == (lhs: JMESPathKey, rhs: JMESPathKey) -> Bool { lhs.text.utf8.elementsEqual(rhs.text.utf8) }

    func hash(into hasher: inout Hasher) {
        for byte in text.utf8 { hasher.combine(byte) }
    }
}
