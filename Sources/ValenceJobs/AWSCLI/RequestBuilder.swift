import Foundation

/// One parameter of an aws-style command line: its flag (`--input-data-config`), the model
/// member it fills, and the values given (nil when absent; several for a list flag).
public struct CLIArgument: Sendable {
    public var flag: String
    public var member: String
    public var values: [String]?

    public init(_ flag: String, _ member: String, _ values: [String]?) {
        self.flag = flag
        self.member = member
        self.values = values
    }

    public init(_ flag: String, _ member: String, _ value: String?) {
        self.init(flag, member, value.map { [$0] })
    }
}

/// Turns an aws-style command line into a request body as the aws CLI v2 does: `file://` and
/// `fileb://` for any value, JSON or shorthand for structures and lists (shorthand scalars
/// converted by the model), integers as Python's `int()`; `--cli-input-json` members not given as
/// flags added after them; then botocore's validation of the whole body, and timestamps turned
/// into the epoch seconds the CLI sends.
public struct RequestBuilder: Sendable {
    public var model: ServiceModel
    public var operation: String

    public init(operation: String, model: ServiceModel = .comprehend) {
        self.model = model
        self.operation = operation
    }

    var inputShape: String { model.operation(operation).input }

    /// The validated request body.
    public func body(_ arguments: [CLIArgument], cliInputJSON: String?, cliInputYAML: String? = nil) throws(ParameterError) -> JSONValue {
        if cliInputJSON != nil && cliInputYAML != nil {
            throw .usage("argument --cli-input-yaml: not allowed with argument --cli-input-json")
        }
        if cliInputJSON == nil && cliInputYAML == nil {
            let missing = arguments.filter { $0.values == nil && isRequired($0.member) }.map(\.flag)
            if !missing.isEmpty { throw .usage("the following arguments are required: " + missing.joined(separator: ", ")) }
        }
        var members: [(String, JSONValue)] = []
        for argument in arguments {
            guard let values = argument.values, let shape = model.member(argument.member, of: inputShape) else { continue }
            members.append((argument.member, try convert(values, shape: shape, flag: argument.flag)))
        }
        var input: [(String, JSONValue)]?
        if let cliInputJSON { input = try Self.inputJSON(cliInputJSON) }
        if let cliInputYAML { input = try Self.inputYAML(cliInputYAML) }
        if let input {
            for (name, value) in input where !members.contains(where: { $0.0 == name }) {
                members.append((name, value))
            }
        }
        let body = JSONValue.object(members)
        try ParameterValidator(model: model).validate(body, operation: operation)
        return model.sendingTimestamps(body, shape: inputShape)
    }

    func isRequired(_ member: String) -> Bool {
        if case .structure(let required, _) = model.shape(inputShape) { return required.contains(member) }
        return false
    }

    static func inputJSON(_ text: String) throws(ParameterError) -> [(String, JSONValue)] {
        let loaded = try ParameterFile.resolve(text, flag: "cli-input-json")
        let parsed: JSONValue
        do { parsed = try JSONValue.parse(loaded) } catch {
            throw .parsing("cli-input-json", "Invalid JSON: \(PythonJSONError.message(error, in: loaded))\nJSON received: \(loaded)")
        }
        guard case .object(let members) = parsed else {
            throw ParameterError(message: "\nError parsing parameter 'cli-input-json': Invalid JSON received.")
        }
        return members
    }

    static func inputYAML(_ text: String) throws(ParameterError) -> [(String, JSONValue)] {
        let loaded = try ParameterFile.resolve(text, flag: "cli-input-yaml")
        guard case .object(let members)? = try? YAMLInput.parse(loaded) else {
            throw ParameterError(message: "\nError parsing parameter 'cli-input-yaml': Invalid YAML received.")
        }
        return members
    }

    /// One flag's values as the member's shape wants them.
    func convert(_ values: [String], shape: String, flag: String) throws(ParameterError) -> JSONValue {
        var texts: [String] = []
        for value in values { texts.append(try ParameterFile.resolve(value, flag: flag)) }
        switch model.shape(shape) {
        case .list(_, let member):
            if texts.count == 1, texts[0].drop(while: \.isWhitespace).first == "[" { return try Self.json(texts[0], flag: flag) }
            var items: [JSONValue] = []
            for text in texts { items.append(try convertOne(text, shape: member, flag: flag)) }
            return .array(items)
        default:
            return try convertOne(texts[texts.count - 1], shape: shape, flag: flag)
        }
    }

    func convertOne(_ text: String, shape: String, flag: String) throws(ParameterError) -> JSONValue {
        switch model.shape(shape) {
        case .structure where text.drop(while: \.isWhitespace).first == "[":
            throw .parsing(flag, "Invalid JSON:\n\(text)")
        case .structure, .list:
            if let first = text.drop(while: \.isWhitespace).first, first == "{" || first == "[" { return try Self.json(text, flag: flag) }
            let parsed: JSONValue
            do { parsed = try AWSShorthand.parse(text) } catch {
                throw error.isFileError ? ParameterError(message: "\n" + error.message, status: 255) : .parsing(flag, error.message)
            }
            return try model.fromShorthand(parsed, shape: shape)
        default:
            return try model.fromShorthand(.string(text), shape: shape)
        }
    }

    static func json(_ text: String, flag: String) throws(ParameterError) -> JSONValue {
        do { return try JSONValue.parse(text) } catch {
            throw .parsing(flag, "Invalid JSON: \(PythonJSONError.message(error, in: text))\nJSON received: \(text)")
        }
    }
}
