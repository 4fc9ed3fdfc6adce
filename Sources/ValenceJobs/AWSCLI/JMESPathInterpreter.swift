import ValenceCore

/// Walks a compiled expression over a JSON value, with jmespath.py's results: projections drop
/// `null`s, a multi-select over `null` is `null`, `==` never equates a number with a boolean,
/// `<` orders numbers and strings (a number against a string is an invalid-type error, where
/// Python raises `TypeError`) and is `null` for anything else.
enum JMESPathInterpreter {
    static func evaluate(_ node: JMESPathNode, on value: JSONValue) throws(JMESPathError) -> JSONValue {
        switch node {
        case .current:
            return value
        case .field(let name):
            return value.jmespathMember(name) ?? .null
        case .subexpression(let left, let right), .indexExpression(let left, let right), .pipe(let left, let right):
            return try evaluate(right, on: try evaluate(left, on: value))
        case .index(let index):
            guard case .array(let elements) = value else { return .null }
            let position = index < 0 ? index + elements.count : index
            return elements.indices.contains(position) ? elements[position] : .null
        case .slice(let start, let stop, let step):
            guard case .array(let elements) = value else { return .null }
            return .array(try slice(elements, start: start, stop: stop, step: step))
        case .projection(let left, let right):
            guard case .array(let elements) = try evaluate(left, on: value) else { return .null }
            return try project(elements, right)
        case .valueProjection(let left, let right):
            guard case .object(let members) = try evaluate(left, on: value) else { return .null }
            return try project(members.map(\.1), right)
        case .filterProjection(let left, let right, let condition):
            guard case .array(let elements) = try evaluate(left, on: value) else { return .null }
            var kept: [JSONValue] = []
            for element in elements where try evaluate(condition, on: element).isJMESPathTruthy {
                let result = try evaluate(right, on: element)
                if result != .null { kept.append(result) }
            }
            return .array(kept)
        case .flatten(let inner):
            guard case .array(let elements) = try evaluate(inner, on: value) else { return .null }
            var flattened: [JSONValue] = []
            for element in elements {
                if case .array(let nested) = element {
                    flattened.append(contentsOf: nested)
                } else {
                    flattened.append(element)
                }
            }
            return .array(flattened)
        case .literal(let literal):
            return literal
        case .multiSelectList(let elements):
            if value == .null { return .null }
            var results: [JSONValue] = []
            results.reserveCapacity(elements.count)
            for element in elements { results.append(try evaluate(element, on: value)) }
            return .array(results)
        case .multiSelectHash(let pairs):
            if value == .null { return .null }
            var object = JMESPathObjectBuilder()
            for (key, expression) in pairs { object[key] = try evaluate(expression, on: value) }
            return object.value
        case .or(let left, let right):
            let result = try evaluate(left, on: value)
            return result.isJMESPathTruthy ? result : try evaluate(right, on: value)
        case .and(let left, let right):
            let result = try evaluate(left, on: value)
            return result.isJMESPathTruthy ? try evaluate(right, on: value) : result
        case .not(let inner):
            let result = try evaluate(inner, on: value)
            if case .number = result { return .bool(false) }
            return .bool(!result.isJMESPathTruthy)
        case .comparison(let comparator, let left, let right):
            return try compare(comparator, try evaluate(left, on: value), try evaluate(right, on: value))
        case .function(let name, let argumentNodes):
            var arguments: [JMESPathFunction.Argument] = []
            arguments.reserveCapacity(argumentNodes.count)
            for argument in argumentNodes {
                if case .expressionReference(let expression) = argument {
                    arguments.append(.expression(expression))
                } else {
                    arguments.append(.value(try evaluate(argument, on: value)))
                }
            }
            guard let function = JMESPathFunction(rawValue: name) else {
                throw JMESPathError(.unknownFunction, "Unknown function: \(name)()")
            }
            return try function.call(arguments)
        case .expressionReference:
            throw JMESPathError(.invalidType, "An expression reference (&...) is only valid as a function argument")
        }
    }

    private static func project(_ elements: [JSONValue], _ right: JMESPathNode) throws(JMESPathError) -> JSONValue {
        var results: [JSONValue] = []
        results.reserveCapacity(elements.count)
        for element in elements {
            let result = try evaluate(right, on: element)
            if result != .null { results.append(result) }
        }
        return .array(results)
    }

    private static func compare(_ comparator: JMESPathNode.Comparator, _ lhs: JSONValue, _ rhs: JSONValue) throws(JMESPathError) -> JSONValue {
        switch comparator {
        case .equal: return .bool(equals(lhs, rhs))
        case .notEqual: return .bool(!equals(lhs, rhs))
        default: break
        }
        switch (lhs, rhs) {
        case (.number, .number), (.string, .string), (.number, .string), (.string, .number): break
        default: return .null
        }
        let order = try JMESPathFunction.order(lhs, rhs, function: "comparison")
        switch comparator {
        case .less: return .bool(order < 0)
        case .lessOrEqual: return .bool(order <= 0)
        case .greater: return .bool(order > 0)
        default: return .bool(order >= 0)
        }
    }

    /// JMESPath's `==`: Python's, except that a number never equals a boolean (`0 == false` is
    /// false at the top level, though `[0] == [false]` is Python's true).
    private static func equals(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.number, .bool), (.bool, .number): false
        default: lhs.pythonEquals(rhs)
        }
    }

    /// Python's `list[start:stop:step]`.
    private static func slice(_ elements: [JSONValue], start: Int?, stop: Int?, step: Int?) throws(JMESPathError) -> [JSONValue] {
        let step = step ?? 1
        guard step != 0 else { throw JMESPathError(.invalidValue, "A slice step cannot be 0") }
        let count = elements.count
        let lower = step < 0 ? -1 : 0
        let upper = step < 0 ? count - 1 : count
        func bound(_ value: Int?, default fallback: Int) -> Int {
            guard var value else { return fallback }
            if value < 0 {
                value += count
                return Swift.max(value, lower)
            }
            return Swift.min(value, upper)
        }
        let first = bound(start, default: step < 0 ? upper : lower)
        let end = bound(stop, default: step < 0 ? lower : upper)
        var result: [JSONValue] = []
        var index = first
        while step > 0 ? index < end : index > end {
            result.append(elements[index])
            index += step
        }
        return result
    }
}
