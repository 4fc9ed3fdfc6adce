import Foundation

extension ServiceModel {
    /// `value` (of shape `shape`) with every timestamp, an epoch number on the wire, as CLI v2
    /// shows it: Python's `datetime.isoformat()` in `zone` (`2026-12-06T02:35:50.472000+00:00`;
    /// no fraction when it is zero).
    public func showingTimestamps(_ value: JSONValue, shape name: String, in zone: TimeZone) -> JSONValue {
        switch (shape(name), value) {
        case (.timestamp, .number(let literal)):
            guard let time = EpochTime(epochSeconds: literal) else { return value }
            return .string(Self.isoformat(time, in: zone))
        case (.structure(_, let members), .object(let given)):
            return .object(given.map { key, member in
                guard let memberShape = members.first(where: { $0.0 == key })?.1 else { return (key, member) }
                return (key, showingTimestamps(member, shape: memberShape, in: zone))
            })
        case (.list(_, let member), .array(let items)):
            return .array(items.map { showingTimestamps($0, shape: member, in: zone) })
        default:
            return value
        }
    }

    /// Python's `datetime.fromtimestamp(t, zone).isoformat()`.
    public static func isoformat(_ time: EpochTime, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let date = time.date
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let offset = zone.secondsFromGMT(for: date)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var text = String(format: "%04d", parts.year ?? 0) + "-" + two(parts.month ?? 0) + "-" + two(parts.day ?? 0)
            + "T" + two(parts.hour ?? 0) + ":" + two(parts.minute ?? 0) + ":" + two(parts.second ?? 0)
        let millis = Int(((time.milliseconds % 1000) + 1000) % 1000)
        if millis != 0 { text += "." + String(format: "%06d", millis * 1000) }
        let sign = offset < 0 ? "-" : "+"
        let magnitude = abs(offset)
        text += sign + two(magnitude / 3600) + ":" + two(magnitude % 3600 / 60)
        if magnitude % 60 != 0 { text += ":" + two(magnitude % 60) }
        return text
    }
}
