import ValenceCore

/// `VpcConfig` (spec §3.4). Validated and echoed; there is no network to configure offline.
public struct VpcConfig: Sendable, Equatable {
    public var securityGroupIds: [String]
    public var subnets: [String]

    public init(securityGroupIds: [String], subnets: [String]) {
        self.securityGroupIds = securityGroupIds
        self.subnets = subnets
    }

    public var json: JSONValue {
        .object([
            ("SecurityGroupIds", .array(securityGroupIds.map(JSONValue.string))),
            ("Subnets", .array(subnets.map(JSONValue.string))),
        ])
    }

    static func decode(_ shape: ShapeDecoder.Structure, _ decoder: ShapeDecoder) throws(ServiceError) -> VpcConfig? {
        let mark = decoder.mark
        let groups = try decoder.stringList(shape, "SecurityGroupIds", required: true, count: 1...5, ModelShapes.securityGroupId)
        let subnets = try decoder.stringList(shape, "Subnets", required: true, count: 1...16, ModelShapes.subnetId)
        guard decoder.mark == mark, let groups, let subnets else { return nil }
        return VpcConfig(securityGroupIds: groups, subnets: subnets)
    }
}
