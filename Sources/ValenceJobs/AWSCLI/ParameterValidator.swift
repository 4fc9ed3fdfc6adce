import Foundation

/// botocore's `ParamValidator` on a request body: every problem, in botocore's order (a
/// structure's missing members, then its unknown members, then its known members in the order
/// given), worded as botocore words it. Python's `isinstance` decides types, so `true` passes as
/// an integer and an integer as a float, as in botocore.
public struct ParameterValidator: Sendable {
    public var model: ServiceModel

    public init(model: ServiceModel = .comprehend) {
        self.model = model
    }

    /// Throws `Parameter validation failed:` with every problem of `body` for `operation`.
    public func validate(_ body: JSONValue, operation: String) throws(ParameterError) {
        var problems: [String] = []
        validate(body, shape: model.operation(operation).input, name: "", into: &problems)
        if !problems.isEmpty { throw .validationFailed(problems) }
    }

    func validate(_ value: JSONValue, shape shapeName: String, name: String, into problems: inout [String]) {
        let shown = name.isEmpty ? "input" : name
        func typeError(_ valid: String) {
            problems.append("Invalid type for parameter \(shown), value: \(PythonValue.str(value)), type: \(PythonValue.typeName(value)), valid types: \(valid)")
        }
        func minimum(_ count: Int, _ min: Int?, _ what: String) {
            if let min, count < min {
                problems.append("Invalid \(what) for parameter \(shown), value: \(count), valid min \(what): \(min)")
            }
        }
        switch model.shape(shapeName) {
        case .structure(let required, let members):
            guard case .object(let given) = value else { return typeError("<class 'dict'>") }
            for member in required where !given.contains(where: { $0.0 == member }) {
                problems.append("Missing required parameter in \(shown): \"\(member)\"")
            }
            var known: [(String, JSONValue, String)] = []
            for (member, element) in given {
                if let shape = members.first(where: { $0.0 == member })?.1 {
                    known.append((member, element, shape))
                } else {
                    problems.append("Unknown parameter in \(shown): \"\(member)\", must be one of: \(members.map(\.0).joined(separator: ", "))")
                }
            }
            for (member, element, shape) in known {
                validate(element, shape: shape, name: name.isEmpty ? member : "\(name).\(member)", into: &problems)
            }
        case .list(let min, let member):
            guard case .array(let items) = value else { return typeError("<class 'list'>, <class 'tuple'>") }
            minimum(items.count, min, "length")
            for (index, item) in items.enumerated() { validate(item, shape: member, name: "\(name)[\(index)]", into: &problems) }
        case .string(let min, _):
            guard case .string(let text) = value else { return typeError("<class 'str'>") }
            minimum(text.unicodeScalars.count, min, "length")
        case .integer(let min):
            guard let number = PythonValue.integer(value) else { return typeError("<class 'int'>") }
            if let min, number < min {
                problems.append("Invalid value for parameter \(shown), value: \(number), valid min value: \(min)")
            }
        case .float:
            if case .number = value { return }
            if case .bool = value { return }
            typeError("<class 'float'>, <class 'decimal.Decimal'>, <class 'int'>")
        case .boolean:
            if case .bool = value { return }
            typeError("<class 'bool'>")
        case .timestamp:
            if case .number = value { return }
            if case .string(let text) = value, TimestampInput.epochSeconds(text) != nil { return }
            typeError("<class 'datetime.datetime'>, timestamp-string")
        case .blob:
            if case .string = value { return }
            typeError("<class 'bytes'>, <class 'bytearray'>, file-like object")
        }
    }
}
