import ValenceCore

/// Reads a request body as an AWS JSON 1.1 server does (spec §4.3):
///
/// 1. Types first. A member of the wrong JSON type stops the request with a
///    `SerializationException` worded as AWS's Coral framework words it (e.g. a number where a
///    string is expected: `class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be
///    converted to an String`). Members are visited in model order, so the first mistyped member
///    in model order is the one reported.
/// 2. Constraints second. Every violation is collected into one `ValidationReport`, in model member
///    order, depth first; a nested structure's violations sit at its own position.
///
/// A JSON `null` member is the same as an absent one; unknown members are ignored; when a key is
/// repeated, the last occurrence wins (a streaming deserializer overwrites).
final class ShapeDecoder {
    var report = ValidationReport()
    /// False when reading back a stored manifest: types, required members and enums are still
    /// checked, lengths and patterns are not (a rewritten output URI may exceed 1024 characters).
    let checksConstraints: Bool

    init(checksConstraints: Bool = true) {
        self.checksConstraints = checksConstraints
    }

    /// The members of a structure at `path` (`""` for the request itself).
    struct Structure {
        let members: [(String, JSONValue)]
        let path: String

        func path(of name: String) -> String {
            let camel = name.prefix(1).lowercased() + name.dropFirst()
            return path.isEmpty ? camel : path + "." + camel
        }

        func value(_ name: String) -> JSONValue? {
            guard let value = members.last(where: { $0.0 == name })?.1 else { return nil }
            if case .null = value { return nil }
            return value
        }
    }

    // MARK: Types

    enum WireType { case string, integer, timestamp, list, structure }

    static func mismatch(_ value: JSONValue, expected: WireType) -> ServiceError {
        let text: String
        switch (value, expected) {
        case (.object, .list), (.object, .string), (.object, .integer), (.object, .timestamp):
            text = "Start of structure or map found where not expected."
        case (.array, .structure), (.array, .string), (.array, .integer), (.array, .timestamp):
            text = "Start of list found where not expected"
        case (_, .list): text = "Expected list or null"
        case (_, .structure): text = "Expected null"
        case (.number, .string): text = "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String"
        case (.bool, .string): text = "class java.lang.Boolean can not be converted to an String"
        case (.bool, .integer): text = "class java.lang.Boolean can not be converted to an Integer"
        case (_, .integer): text = "class java.lang.String can not be converted to an Integer"
        case (.bool, .timestamp): text = "class java.lang.Boolean can not be converted to milliseconds since epoch"
        case (_, .timestamp): text = "class java.lang.String can not be converted to milliseconds since epoch"
        default: text = "Unexpected token received from parser"
        }
        return ServiceError(.serialization, text)
    }

    /// The request body as a structure. An empty body (`null` here) is `{}` (spec §1.2).
    func root(_ body: JSONValue) throws(ServiceError) -> Structure {
        switch body {
        case .null: return Structure(members: [], path: "")
        case .object(let members): return Structure(members: members, path: "")
        default: throw Self.mismatch(body, expected: .structure)
        }
    }

    func structure(_ parent: Structure, _ name: String, required: Bool = false) throws(ServiceError) -> Structure? {
        guard let value = parent.value(name) else {
            if required { report.null(at: parent.path(of: name)) }
            return nil
        }
        guard case .object(let members) = value else { throw Self.mismatch(value, expected: .structure) }
        return Structure(members: members, path: parent.path(of: name))
    }

    static func string(_ value: JSONValue) throws(ServiceError) -> String {
        guard case .string(let text) = value else { throw mismatch(value, expected: .string) }
        return text
    }

    // MARK: Members

    func string(
        _ parent: Structure, _ name: String, required: Bool = false, _ constraint: StringConstraint? = nil
    ) throws(ServiceError) -> String? {
        guard let value = parent.value(name) else {
            if required { report.null(at: parent.path(of: name)) }
            return nil
        }
        let text = try Self.string(value)
        if checksConstraints, let constraint {
            constraint.check(text, at: parent.path(of: name), into: &report)
        }
        return text
    }

    /// An enum member; nil (and a violation) when the value is not one of the cases.
    /// `order` is the value list as the message prints it (default: model order).
    func enumeration<E: RawRepresentable & CaseIterable>(
        _ parent: Structure, _ name: String, _ type: E.Type, required: Bool = false, order: [String]? = nil
    ) throws(ServiceError) -> E? where E.RawValue == String {
        guard let text = try string(parent, name, required: required) else { return nil }
        return enumValue(text, at: parent.path(of: name), type, order: order)
    }

    func enumValue<E: RawRepresentable & CaseIterable>(
        _ text: String, at path: String, _ type: E.Type, order: [String]? = nil
    ) -> E? where E.RawValue == String {
        if let value = E(rawValue: text) { return value }
        report.violation(value: text, at: path, ValidationReport.enumSet(order ?? E.allCases.map(\.rawValue)))
        return nil
    }

    /// An `Integer` member. Like AWS's deserializer, a fraction is dropped (floor) and values
    /// beyond 32 bits saturate, before the range check sees them.
    func integer(
        _ parent: Structure, _ name: String, min: Int? = nil, max: Int? = nil
    ) throws(ServiceError) -> Int? {
        guard let value = parent.value(name) else { return nil }
        guard case .number(let literal) = value else { throw Self.mismatch(value, expected: .integer) }
        let double = (Double(literal) ?? 0).rounded(.down)
        let integer = double >= Double(Int32.max) ? Int(Int32.max) : double <= Double(Int32.min) ? Int(Int32.min) : Int(double)
        let path = parent.path(of: name)
        if checksConstraints {
            if let min, integer < min { report.violation(value: String(integer), at: path, ValidationReport.minValue(min)) }
            if let max, integer > max { report.violation(value: String(integer), at: path, ValidationReport.maxValue(max)) }
        }
        return integer
    }

    func timestamp(_ parent: Structure, _ name: String) throws(ServiceError) -> EpochTime? {
        guard let value = parent.value(name) else { return nil }
        guard case .number(let literal) = value, let time = EpochTime(epochSeconds: literal) else {
            throw Self.mismatch(value, expected: .timestamp)
        }
        return time
    }

    /// The elements of a list member, type-checked as JSON arrays (element types are the caller's).
    func list(_ parent: Structure, _ name: String, required: Bool = false) throws(ServiceError) -> [JSONValue]? {
        guard let value = parent.value(name) else {
            if required { report.null(at: parent.path(of: name)) }
            return nil
        }
        guard case .array(let elements) = value else { throw Self.mismatch(value, expected: .list) }
        return elements
    }

    /// A list of strings: element types, then the list length (`Value '[a, b]' at ...`), then each
    /// element at `<list>.<n>.member`. A `null` element violates "must not be null".
    func stringList(
        _ parent: Structure, _ name: String, required: Bool = false, count: ClosedRange<Int>? = nil,
        _ constraint: StringConstraint? = nil
    ) throws(ServiceError) -> [String]? {
        guard let elements = try list(parent, name, required: required) else { return nil }
        var strings: [String?] = []
        for element in elements {
            if case .null = element { strings.append(nil) } else { strings.append(try Self.string(element)) }
        }
        let path = parent.path(of: name)
        if checksConstraints, let count {
            let rendered = "[" + strings.map { $0 ?? "null" }.joined(separator: ", ") + "]"
            if strings.count < count.lowerBound {
                report.violation(value: rendered, at: path, ValidationReport.minLength(count.lowerBound))
            }
            if strings.count > count.upperBound {
                report.violation(value: rendered, at: path, ValidationReport.maxLength(count.upperBound))
            }
        }
        for (index, string) in strings.enumerated() {
            let itemPath = "\(path).\(index + 1).member"
            guard let string else {
                report.null(at: itemPath)
                continue
            }
            if checksConstraints, let constraint { constraint.check(string, at: itemPath, into: &report) }
        }
        return strings.compactMap { $0 }
    }

    /// A list of structures; each element is a `Structure` at `<list>.<n>.member`.
    func structureList(_ parent: Structure, _ name: String) throws(ServiceError) -> [Structure]? {
        guard let elements = try list(parent, name) else { return nil }
        var structures: [Structure] = []
        let path = parent.path(of: name)
        for (index, element) in elements.enumerated() {
            let itemPath = "\(path).\(index + 1).member"
            switch element {
            case .null:
                report.null(at: itemPath)
            case .object(let members):
                structures.append(Structure(members: members, path: itemPath))
            default:
                throw Self.mismatch(element, expected: .structure)
            }
        }
        return structures
    }

    /// How many violations have been collected so far: a shape compares it before and after
    /// reading its members and is built only when none was added.
    var mark: Int { report.items.count }

    /// Throws the collected `ValidationException`, if any.
    func finish() throws(ServiceError) {
        if let error = report.error { throw error }
    }
}
