import Foundation
import Testing
import ValenceJobs
@testable import ValenceServer

/// SigV4 verification against the published AWS Signature Version 4 test suite's values
/// (`get-vanilla`, `post-vanilla`, `get-vanilla-query-order-key-case`: key `AKIDEXAMPLE`, scope
/// `20150830/us-east-1/service/aws4_request`), and the refusals a server must make.
@Suite struct SignatureV4Tests {
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let verifier = SignatureV4Verifier(credentials: Credentials(parsing: """
        [default]
        aws_access_key_id = AKIDEXAMPLE
        aws_secret_access_key = \(secret)
        """))
    static let time = SigV4Encoding.parseTime("20150830T123600Z")!
    static let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    static func request(_ method: String, query: String = "", signature: String, key: String = "AKIDEXAMPLE") -> SignableRequest {
        SignableRequest(method: method, path: "/", query: query, headers: [
            ("host", "example.amazonaws.com"), ("x-amz-date", "20150830T123600Z"),
            ("authorization", "AWS4-HMAC-SHA256 Credential=\(key)/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=\(signature)"),
        ])
    }

    @Test func publishedVectorsVerify() throws {
        for (method, query, signature) in [
            ("GET", "", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
            ("POST", "", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
            ("GET", "Param2=value2&Param1=value1", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        ] {
            let verified = try Self.verifier.verify(Self.request(method, query: query, signature: signature),
                                                    payloadHash: Self.emptyHash, doubleEncodesPath: true, now: Self.time)
            #expect(verified.accessKeyId == "AKIDEXAMPLE")
        }
    }

    /// The client's signer makes the published signatures, and what it signs verifies.
    @Test func theSignerMakesThePublishedSignatures() throws {
        let signer = SignatureV4Signer(credentials: AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: Self.secret),
                                       region: "us-east-1", service: "service")
        for (method, query, signature) in [
            ("GET", "", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
            ("POST", "", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"),
            ("GET", "Param2=value2&Param1=value1", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        ] {
            let unsigned = SignableRequest(method: method, path: "/", query: query, headers: [("host", "example.amazonaws.com")])
            let signed = signer.sign(unsigned, payload: [], now: Self.time)
            #expect(signed.header("authorization") == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=\(signature)")
            #expect(try Self.verifier.verify(signed, payloadHash: Self.emptyHash, doubleEncodesPath: true, now: Self.time).accessKeyId == "AKIDEXAMPLE")
        }
        let temporary = SignatureV4Signer(credentials: AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: Self.secret, sessionToken: "tok"),
                                          region: "us-east-1", service: "service")
        let signed = temporary.sign(SignableRequest(method: "POST", path: "/", query: "", headers: [("host", "h")]), payload: Array("{}".utf8))
        #expect(signed.header("x-amz-security-token") == "tok" && signed.header("authorization")?.contains("host;x-amz-date;x-amz-security-token") == true)
    }

    @Test func refusals() {
        let good = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
        func failure(_ request: SignableRequest, now: Date = SignatureV4Tests.time) -> AuthFailure? {
            do {
                _ = try Self.verifier.verify(request, payloadHash: Self.emptyHash, doubleEncodesPath: true, now: now)
                return nil
            } catch { return error }
        }
        // One changed hex digit, another key, no authorization, a clock 16 minutes off either way.
        #expect(failure(Self.request("GET", signature: "6" + good.dropFirst())) == .signatureMismatch)
        #expect(failure(Self.request("POST", signature: good)) == .signatureMismatch)
        #expect(failure(Self.request("GET", signature: good, key: "AKIDOTHER")) == .unknownKey)
        var unsigned = Self.request("GET", signature: good)
        unsigned.headers.removeAll { $0.name == "authorization" }
        #expect(failure(unsigned) == .missing)
        #expect(failure(Self.request("GET", signature: good), now: Self.time + 16 * 60) == .skewed(requestTime: Self.time, serverTime: Self.time + 16 * 60))
        #expect(failure(Self.request("GET", signature: good), now: Self.time - 16 * 60) != nil)
        #expect(failure(Self.request("GET", signature: good), now: Self.time + 14 * 60) == nil)
    }

    @Test func digestsAndEncoding() {
        #expect(Digest.hex(Digest.sha256(Array("".utf8))) == Self.emptyHash)
        // RFC 4231 test case 2.
        #expect(Digest.hex(Digest.hmacSHA256(key: Array("Jefe".utf8), Array("what do ya want for nothing?".utf8)))
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(Digest.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!Digest.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!Digest.constantTimeEqual([1, 2], [1, 2, 3]))
        #expect(SigV4Encoding.encode("a b/c~d+é", keepingSlash: true) == "a%20b/c~d%2B%C3%A9")
        #expect(SigV4Encoding.percentDecoded("%2e%2E/x+y%zz") == "../x+y%zz")
        #expect(SigV4Encoding.formatTime(Self.time) == "20150830T123600Z")
        #expect(SigV4Encoding.parseTime("20150830T123660Z") == nil)
    }

    @Test func credentialsFile() {
        let credentials = Credentials(parsing: "# comment\n[default]\naws_access_key_id=A1\naws_secret_access_key = s1\n\n[other]\naws_access_key_id = A2\nregion = x\n[third]\naws_secret_access_key=s3\naws_access_key_id=A3\n")
        #expect(credentials.accessKeyIds == ["A1", "A3"])
        let pair = Credentials.randomPair()
        #expect(pair.accessKeyId.count == 20 && pair.accessKeyId.hasPrefix("AKIA") && pair.secret.count == 40)
        #expect(Credentials(parsing: Credentials.fileText(pair)).accessKeyIds == [pair.accessKeyId])
    }
}
