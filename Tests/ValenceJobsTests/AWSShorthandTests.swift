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
        ("Key = a , Other=' quoted, \\' '", #"{"Key": "a", "Other": " quoted, ' "}"#),
        (#"Text=a\,b"#, #"{"Text": "a,b"}"#),
        ("K=", #"{"K": ""}"#),
        ("a=b,,c=d", #"{"a": "b", "c": "d"}"#),
        ("a=b c=d", #"{"a": "b c=d"}"#),
        ("a=1\n,b", #"{"a": ["1", "b"]}"#),
        ("Uri=s3://b/k=v", #"{"Uri": "s3://b/k=v"}"#),
    ])
    func parses(input: String, json: String) throws {
        #expect(try AWSShorthand.parse(input).serialized(.line) == json)
    }

    /// CLI v2's wording: what was expected and received, then the input with a caret under the position.
    @Test(arguments: [
        ("justaword", "Expected: '=', received: 'EOF' for input:\njustaword\n         ^"),
        (",a=1", "Expected: '=', received: ',' for input:\n,a=1\n^"),
        ("a=\"x", "Expected: '<double quoted>', received: '<none>' for input:\na=\"x\n  ^"),
        ("a={b=1", "Expected: ',', received: 'EOF' for input:\na={b=1\n      ^"),
        ("a=[1,2]x", "Expected: ',', received: 'x' for input:\na=[1,2]x\n       ^"),
        ("a=[x,y", "Expected: ',', received: 'EOF' for input:\na=[x,y\n      ^"),
        ("a=1,a=2", "Second instance of key \"a\" encountered for input:\na=1,a=2\n    ^\nThis is often because there is a preceding \",\" instead of a space."),
    ])
    func errorsPointAtThePosition(input: String, message: String) {
        #expect(throws: AWSShorthand.ParseError(message: message)) { try AWSShorthand.parse(input) }
    }
}

extension AWSShorthandTests {
    /// Found by the shorthand fuzz target (issue #11): a stray closing bracket after a bare list
    /// item made the first parser loop for ever. Now each ends as awscli's ShorthandParser ends it
    /// (checked with awscli 1.45.11): a list item keeps the bracket, a second `}` is an error.
    @Test(arguments: [("a=b,c}", #"{"a": ["b", "c}"]}"#), ("a=b,c]", #"{"a": ["b", "c]"]}"#), ("a={b=c}}", nil)])
    func aStrayClosingBracketEndsAsInTheAWSCLI(_ input: String, _ json: String?) throws {
        if let json {
            #expect(try AWSShorthand.parse(input).serialized(.line) == json)
        } else {
            #expect(throws: AWSShorthand.ParseError.self) { try AWSShorthand.parse(input) }
        }
    }
}
