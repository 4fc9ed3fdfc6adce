/// An access key pair (and a session token with temporary credentials), as the aws CLI finds it.
public struct AWSCredentials: Sendable, Equatable {
    public var accessKeyId: String
    public var secretAccessKey: String
    public var sessionToken: String?

    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }
}

extension ValenceConfiguration {
    /// Where the aws-style commands send their requests instead of answering them here: a
    /// `valence serve` endpoint (`--endpoint-url`, else `AWS_ENDPOINT_URL_COMPREHEND`), with the
    /// credentials that sign them and the aws CLI's timeouts.
    public struct Endpoint: Sendable, Equatable {
        /// The URL as given; the client checks its form.
        public var url: String
        /// The key pair that signs requests; nil when none was found (the client refuses to send
        /// a signed request without one, as the aws CLI does).
        public var credentials: AWSCredentials?
        /// False with `--no-sign-request`: requests go unsigned (the endpoint refuses them).
        public var signsRequests: Bool
        /// `--cli-connect-timeout` and `--cli-read-timeout` in seconds (60 each by default; 0 is none).
        public var connectTimeout: Int
        public var readTimeout: Int
        /// Attempts per request, the first included (`AWS_MAX_ATTEMPTS`, else the profile's
        /// `max_attempts`; 3, the aws CLI's standard retry mode).
        public var maxAttempts: Int

        public static let defaultTimeout = 60
        public static let defaultMaxAttempts = 3
    }

    /// The credentials the aws CLI would sign with: `AWS_ACCESS_KEY_ID` and
    /// `AWS_SECRET_ACCESS_KEY` (with `AWS_SESSION_TOKEN`) unless `--profile` names a profile; then
    /// the profile's keys in the credentials file, then in the config file.
    static func credentials(environment variable: (String) -> String?, explicitProfile: Bool, profile: String,
                            files: AWSConfigFiles) -> AWSCredentials? {
        if !explicitProfile, let id = variable("AWS_ACCESS_KEY_ID"), let secret = variable("AWS_SECRET_ACCESS_KEY") {
            return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: variable("AWS_SESSION_TOKEN"))
        }
        for section in [files.credentials[profile], files.config[profile]] {
            if let id = section?["aws_access_key_id"], let secret = section?["aws_secret_access_key"], !id.isEmpty, !secret.isEmpty {
                return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: section?["aws_session_token"])
            }
        }
        return nil
    }
}
