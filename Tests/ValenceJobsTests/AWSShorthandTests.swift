import Testing
@testable import ValenceJobs
import ValenceCore

@Suite struct AWSShorthandTests {
    @Test(arguments: [
        ("S3Uri=s3://amzn-s3-demo-bucket/MovieData/,InputFormat=ONE_DOC_PER_LINE",
         #"{"S3Uri": "s3://amzn-s3-demo-bucket/MovieData/", "InputFormat": "ONE_DOC_PER_LINE"}"#),
        ("S3Uri=s3://b/out/", #"{"S3Uri": "s3://b/out/"}"#),
        ("SecurityGroupIds=sg-1,sg-2,Subnets=subnet-1", #"{"SecurityGroupIds": ["sg-1", "sg-2"], "Subnets": "subnet-1"}"#),
        ("Key=a,Value=b", #"{"Key": "a", "Value": "b"}"#),
        ("Key=[a,b],Other={Inner=x,More=y}", #"{"Key": ["a", "b"], "Other": {"Inner": "x", "More": "y"}}"#),
        (#"JobName="a,b""#, #"{"JobName": "a,b"}"#),
        ("SubmitTimeAfter=2023-06-01T00:00:00Z", #"{"SubmitTimeAfter": "2023-06-01T00:00:00Z"}"#),
        (#"{"S3Uri": "s3://b/x", "InputFormat": "ONE_DOC_PER_FILE"}"#, #"{"S3Uri": "s3://b/x", "InputFormat": "ONE_DOC_PER_FILE"}"#),
        ("Uri=s3://b/k=v", #"{"Uri": "s3://b/k=v"}"#),
    ])
    func parses(input: String, json: String) throws {
        #expect(try AWSShorthand.parse(input).serialized(.line) == json)
    }

    @Test func bareWordWithoutKeyIsAnError() {
        #expect(throws: AWSShorthand.ParseError.self) { try AWSShorthand.parse("justaword") }
    }
}

extension AWSShorthandTests {
    /// Found by the shorthand fuzz target (issue #11): a stray closing bracket after a bare list
    /// item made the parser loop for ever, appending empty items.
    @Test(arguments: ["a=b,c}", "a=b,c]", "a={b=c}}", "S3UrS3Uri=sb3Z//:/,utForm\u{FFFD}}\0+//bxt/,In\u{FFFD}"])
    func aStrayClosingBracketIsAnErrorNotALoop(_ input: String) {
        #expect(throws: AWSShorthand.ParseError.self) { try AWSShorthand.parse(input) }
    }
}
