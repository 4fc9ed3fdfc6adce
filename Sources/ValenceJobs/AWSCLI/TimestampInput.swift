import Foundation

/// botocore's timestamp parameters (`SubmitTimeBefore`, `SubmitTimeAfter` of List's filter), which
/// the aws CLI turns into epoch seconds before sending.
public enum TimestampInput {
    /// ISO 8601 (fraction truncated), a bare date, or epoch seconds, as whole seconds; nil when
    /// the text is none of these.
    public static func epochSeconds(_ text: String) -> Int64? {
        if let number = Double(text) { return Int64(number.rounded(.down)) }
        let formatter = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime],
                                                     [.withFullDate, .withTime, .withColonSeparatorInTime]] {
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return Int64(date.timeIntervalSince1970.rounded(.down)) }
        }
        if text.count == 10 {
            formatter.formatOptions = [.withFullDate]
            if let date = formatter.date(from: text) { return Int64(date.timeIntervalSince1970) }
        }
        return nil
    }

    /// A List filter with its timestamp members given as text turned into epoch seconds, as the
    /// aws CLI sends them; other members and other JSON types are left as they are.
    public static func convertingFilter(_ filter: JSONValue?) throws(ParameterError) -> JSONValue? {
        guard case .object(let members)? = filter else { return filter }
        var converted: [(String, JSONValue)] = []
        for (name, value) in members {
            guard name == "SubmitTimeBefore" || name == "SubmitTimeAfter", case .string(let text) = value else {
                converted.append((name, value))
                continue
            }
            guard let seconds = epochSeconds(text) else { throw ParameterError(message: "\nInvalid timestamp value: \(text)") }
            converted.append((name, .number(String(seconds))))
        }
        return .object(converted)
    }
}
