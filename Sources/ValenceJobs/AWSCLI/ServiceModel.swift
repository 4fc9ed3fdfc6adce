/// What botocore knows of a service, generated from its model JSON (ComprehendModel.swift, by
/// tools/generate-comprehend-model.py): the operations, their paginators, and every shape they
/// reach, with the constraints botocore checks on the client (required members, minimum lengths
/// and values, JSON types). `max`, `pattern` and `enum` are the service's to check.
public struct ServiceModel: Sendable {
    public indirect enum Shape: Sendable {
        case structure(required: [String], members: [(String, String)])
        case list(min: Int?, member: String)
        case string(min: Int?, enum: [String])
        case integer(min: Int?)
        case float, boolean, timestamp, blob
    }

    /// botocore's paginator of an operation (paginators-1.json).
    public struct Paginator: Sendable {
        public var inputToken, outputToken, limitKey, resultKey: String
    }

    public struct Operation: Sendable {
        public var name: String
        public var input: String
        public var output: String
        public var paginator: Paginator?
    }

    public var botocoreVersion: String
    public var operations: [Operation]
    public var shapes: [String: Shape]

    public func operation(_ name: String) -> Operation {
        guard let operation = operations.first(where: { $0.name == name }) else { preconditionFailure("no operation \(name) in the model") }
        return operation
    }

    public func shape(_ name: String) -> Shape {
        guard let shape = shapes[name] else { preconditionFailure("no shape \(name) in the model") }
        return shape
    }

    /// The shape of member `member` of structure `structure`, nil when it has none.
    public func member(_ member: String, of structure: String) -> String? {
        guard case .structure(_, let members) = shape(structure) else { return nil }
        return members.first { $0.0 == member }?.1
    }
}
