import Foundation
import ValenceCore

/// A Comprehend `Timestamp`: epoch seconds with millisecond precision (spec §1.5).
///
/// On the wire it is a JSON number. Out, Valence writes the shortest decimal with at most three
/// fraction digits and at least one (`1686352575.956`, `1686352575.95`, `1686352575.0`): what
/// Python's `repr` prints for the double the service sends, so `aws` (v1) shows the same text.
/// In, any JSON number is accepted (botocore sends integers, other SDKs fractions or exponents)
/// and truncated toward minus infinity to whole milliseconds, as AWS's validator converts
/// timestamps to "milliseconds since epoch".
public struct EpochTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var milliseconds: Int64

    public init(milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    public init(seconds: Int64) {
        self.milliseconds = seconds * 1000
    }

    /// `date`, truncated to the millisecond.
    public init(_ date: Date) {
        self.milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// The current time, truncated to the millisecond.
    public static func now() -> EpochTime { EpochTime(Date()) }

    public var date: Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    public static func < (lhs: EpochTime, rhs: EpochTime) -> Bool { lhs.milliseconds < rhs.milliseconds }

    /// The epoch-seconds text, e.g. `1686352575.956`.
    public var description: String {
        let negative = milliseconds < 0
        let magnitude = milliseconds.magnitude
        let seconds = magnitude / 1000
        let fraction = magnitude % 1000
        var text = negative ? "-" : ""
        text += String(seconds) + "."
        if fraction == 0 {
            text += "0"
        } else {
            var digits = String(fraction)
            digits = String(repeating: "0", count: 3 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            text += digits
        }
        return text
    }

    /// The JSON number a response carries.
    public var json: JSONValue { .number(description) }

    /// Reads a JSON number literal (`1685577600`, `1686352575.956`, `1.6863525759565E9`) exactly,
    /// flooring to whole milliseconds; values beyond the range of `Int64` milliseconds saturate.
    /// Nil when `literal` is not a JSON number.
    public init?(epochSeconds literal: String) {
        var text = Substring(literal)
        var negative = false
        if text.first == "-" {
            negative = true
            text = text.dropFirst()
        }
        var exponent = 0
        var exponentOverflow = 0  // +1: exponent too large, -1: too small
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            var expText = text[text.index(after: e)...]
            text = text[..<e]
            var expNegative = false
            if expText.first == "+" || expText.first == "-" {
                expNegative = expText.first == "-"
                expText = expText.dropFirst()
            }
            guard !expText.isEmpty, expText.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            if let value = Int(expText), value < 10_000 {
                exponent = expNegative ? -value : value
            } else {
                exponentOverflow = expNegative ? -1 : 1
            }
        }
        let integerPart: Substring
        let fractionPart: Substring
        if let dot = text.firstIndex(of: ".") {
            integerPart = text[..<dot]
            fractionPart = text[text.index(after: dot)...]
            guard !fractionPart.isEmpty else { return nil }
        } else {
            integerPart = text
            fractionPart = ""
        }
        guard !integerPart.isEmpty,
              integerPart.allSatisfy({ $0.isASCII && $0.isNumber }),
              fractionPart.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }

        let digits = Array((integerPart + fractionPart).drop { $0 == "0" })
        guard !digits.isEmpty else {
            milliseconds = 0
            return
        }
        // value * 1000 = digits * 10^scale
        let saturated: Int64 = negative ? Int64.min : Int64.max
        if exponentOverflow > 0 {
            milliseconds = saturated
            return
        }
        if exponentOverflow < 0 {
            milliseconds = negative ? -1 : 0
            return
        }
        let scale = exponent + 3 - fractionPart.count
        var whole: Int64 = 0
        var remainder = false
        let kept: ArraySlice<Character>
        if scale >= 0 {
            kept = digits[...]
        } else if -scale >= digits.count {
            kept = []
            remainder = true
        } else {
            kept = digits[..<(digits.count + scale)]
            remainder = digits[(digits.count + scale)...].contains { $0 != "0" }
        }
        for digit in kept {
            let (times10, o1) = whole.multipliedReportingOverflow(by: 10)
            let (plus, o2) = times10.addingReportingOverflow(Int64(digit.wholeNumberValue!))
            if o1 || o2 {
                milliseconds = saturated
                return
            }
            whole = plus
        }
        if scale > 0 {
            for _ in 0..<scale {
                let (times10, overflow) = whole.multipliedReportingOverflow(by: 10)
                if overflow {
                    milliseconds = saturated
                    return
                }
                whole = times10
            }
        }
        milliseconds = negative ? -whole - (remainder ? 1 : 0) : whole
    }
}
