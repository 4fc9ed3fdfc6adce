extension ServiceModel {
    /// awscli's `BackCompatVisitor` on a shorthand value: a scalar where the model has a list
    /// becomes a list of one, integers and floats are converted with Python's `int()` and
    /// `float()`, `true`/`false` become booleans; anything else is left for the validator.
    func fromShorthand(_ value: JSONValue, shape name: String) throws(ParameterError) -> JSONValue {
        switch (shape(name), value) {
        case (.structure(_, let members), .object(let given)):
            var result: [(String, JSONValue)] = []
            for (key, member) in given {
                guard let memberShape = members.first(where: { $0.0 == key })?.1 else { result.append((key, member)); continue }
                result.append((key, try fromShorthand(member, shape: memberShape)))
            }
            return .object(result)
        case (.list(_, let member), .array(let items)):
            var result: [JSONValue] = []
            for item in items { result.append(try fromShorthand(item, shape: member)) }
            return .array(result)
        case (.list, _):
            return .array([value])
        case (.integer, .string(let text)):
            guard let number = Int(text.trimmingCharacters(in: .whitespaces)) else {
                throw ParameterError(message: "\ninvalid literal for int() with base 10: \(PythonValue.reprString(text))", status: 255)
            }
            return .int(number)
        case (.float, .string(let text)):
            guard let number = Double(text.trimmingCharacters(in: .whitespaces)) else {
                throw ParameterError(message: "\ncould not convert string to float: \(PythonValue.reprString(text))", status: 255)
            }
            return .float(number)
        case (.boolean, .string(let text)) where ["true", "false"].contains(text.lowercased()):
            return .bool(text.lowercased() == "true")
        default:
            return value
        }
    }

    /// `value` with its timestamp strings as the epoch seconds the aws CLI sends.
    func sendingTimestamps(_ value: JSONValue, shape name: String) -> JSONValue {
        switch (shape(name), value) {
        case (.timestamp, .string(let text)):
            return TimestampInput.epochSeconds(text).map { .number(String($0)) } ?? value
        case (.structure(_, let members), .object(let given)):
            return .object(given.map { key, member in
                (key, members.first(where: { $0.0 == key }).map { sendingTimestamps(member, shape: $0.1) } ?? member)
            })
        case (.list(_, let member), .array(let items)):
            return .array(items.map { sendingTimestamps($0, shape: member) })
        default:
            return value
        }
    }
}
