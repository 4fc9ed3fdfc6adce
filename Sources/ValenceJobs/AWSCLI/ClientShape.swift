/// What botocore knows of a request shape for its client-side checks (spec §4.5): required
/// members and minimum lengths; everything else is left to the service.
public indirect enum ClientShape: Sendable {
    case string(min: Int)
    case list(min: Int, of: ClientShape)
    case structure(required: [String], members: [String: ClientShape])

    public static let startRequest = ClientShape.structure(
        required: ["InputDataConfig", "OutputDataConfig", "DataAccessRoleArn", "LanguageCode"],
        members: [
            "InputDataConfig": .structure(required: ["S3Uri"], members: [
                "DocumentReaderConfig": .structure(required: ["DocumentReadAction"], members: [
                    "FeatureTypes": .list(min: 1, of: .string(min: 0)),
                ]),
            ]),
            "OutputDataConfig": .structure(required: ["S3Uri"], members: [:]),
            "DataAccessRoleArn": .string(min: 20),
            "JobName": .string(min: 1),
            "ClientRequestToken": .string(min: 1),
            "VpcConfig": .structure(required: ["SecurityGroupIds", "Subnets"], members: [
                "SecurityGroupIds": .list(min: 1, of: .string(min: 1)),
                "Subnets": .list(min: 1, of: .string(min: 1)),
            ]),
            "Tags": .list(min: 0, of: .structure(required: ["Key"], members: ["Key": .string(min: 1)])),
        ])

    /// botocore's client-side checks of a `StartSentimentDetectionJob` body (spec §4.5):
    /// `required` members, at every level, and `min` lengths of strings and lists. The aws CLI
    /// refuses to send such a request and lists every problem, in botocore's order: a
    /// structure's missing members first, then its members as given. `max`, `pattern` and `enum`
    /// are the service's (ValidationException).
    public static func checkStartRequest(_ body: JSONValue) throws(ParameterError) {
        var problems: [String] = []
        startRequest.check(body, name: "", into: &problems)
        if !problems.isEmpty { throw .validationFailed(problems) }
    }

    /// botocore's checks of `JobId` (Describe, Stop): required, min length 1.
    public static func checkJobId(_ body: JSONValue) throws(ParameterError) {
        guard let value = body["JobId"] else { throw .validationFailed(["Missing required parameter in input: \"JobId\""]) }
        if case .string(let id) = value, id.isEmpty { throw .minLength("JobId", value: 0) }
    }

    /// botocore's checks of List's flags: `MaxResults` at least 1, `NextToken` at least one character.
    public static func checkList(maxResults: Int?, nextToken: String?) throws(ParameterError) {
        if let maxResults, maxResults < 1 {
            throw .validationFailed(["Invalid value for parameter MaxResults, value: \(maxResults), valid min value: 1"])
        }
        if let nextToken, nextToken.isEmpty { throw .minLength("NextToken", value: 0) }
    }

    /// botocore's check of `DetectSentiment`'s `Text`: min length 1.
    public static func checkDetect(text: String) throws(ParameterError) {
        if text.isEmpty { throw .minLength("Text", value: 0) }
    }

    /// botocore's checks of `BatchDetectSentiment`'s `TextList`: at least one text, none empty.
    public static func checkBatch(textList: [String]) throws(ParameterError) {
        if textList.isEmpty { throw .minLength("TextList", value: 0) }
        for (index, text) in textList.enumerated() where text.isEmpty {
            throw .minLength("TextList[\(index)]", value: 0)
        }
    }

    /// Appends botocore's messages for `value` (at `name`, e.g. `VpcConfig.Subnets[0]`) to `problems`.
    /// Values of the wrong JSON type are left to the service.
    public func check(_ value: JSONValue, name: String, into problems: inout [String]) {
        let shown = name.isEmpty ? "input" : name
        switch (self, value) {
        case (.string(let min), .string(let text)) where text.unicodeScalars.count < min:
            problems.append("Invalid length for parameter \(shown), value: \(text.unicodeScalars.count), valid min length: \(min)")
        case (.list(let min, let item), .array(let items)):
            if items.count < min {
                problems.append("Invalid length for parameter \(shown), value: \(items.count), valid min length: \(min)")
            }
            for (index, element) in items.enumerated() { item.check(element, name: "\(name)[\(index)]", into: &problems) }
        case (.structure(let required, let members), .object(let given)):
            for member in required where !given.contains(where: { $0.0 == member }) {
                problems.append("Missing required parameter in \(shown): \"\(member)\"")
            }
            for (member, element) in given {
                members[member]?.check(element, name: name.isEmpty ? member : "\(name).\(member)", into: &problems)
            }
        default:
            break
        }
    }

    /// The list members of a structure written in shorthand (`SecurityGroupIds=sg-1`): the aws CLI
    /// knows from the model that they are lists and sends `["sg-1"]`; the model-free parser gives a
    /// string. JSON input (`{...}`) is left as written.
    public static func shorthandLists(_ value: JSONValue?, text: String?) -> JSONValue? {
        guard let value, let text, let first = text.first(where: { $0 != " " }), first != "{", first != "[" else { return value }
        func convert(_ value: JSONValue) -> JSONValue {
            guard case .object(let members) = value else { return value }
            return .object(members.map { name, member in
                if ["SecurityGroupIds", "Subnets", "FeatureTypes"].contains(name), case .string = member { return (name, .array([member])) }
                return (name, convert(member))
            })
        }
        return convert(value)
    }
}
