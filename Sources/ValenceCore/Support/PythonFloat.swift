import Foundation

/// Python's float behaviour where Valence must match it digit for digit.
public enum PythonFloat {
    /// Python's `round(x, digits)`: the decimal nearest to the exact binary value, ties to even.
    /// glibc's `%.*f` rounds the exact binary value the same way.
    public static func round(_ value: Double, digits: Int) -> Double {
        guard value.isFinite else { return value }
        // Fast path: scale, round, divide. Python returns the double nearest to the rounded
        // decimal, and r / 10^d (both exact in binary) is exactly that; the scaling error only
        // matters when the scaled value sits next to a tie, which goes to the exact path.
        if digits >= 0 && digits <= 8 && value.magnitude < 1e6 {
            let scale = [1.0, 10.0, 100.0, 1000.0, 10000.0, 1e5, 1e6, 1e7, 1e8][digits]
            let scaled = value * scale
            let fraction = scaled.magnitude - scaled.magnitude.rounded(.down)
            if abs(fraction - 0.5) > 1e-6 {
                return scaled.rounded(.toNearestOrAwayFromZero) / scale
            }
        }
        let text = String(format: "%.\(digits)f", value)
        return Double(text) ?? value
    }

    /// Python's `repr(float)`: the shortest string that round-trips, in positional notation for
    /// decimal exponents -4 ..< 16 and in `1e-05` style otherwise (`9.653854067437351e-05`).
    public static func repr(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        // Swift's description is Python's repr below 1e15 (shortest digits, exponent form below
        // 1e-4 with a two-digit exponent); PythonFloatTests checks the two agree.
        if value.magnitude < 1e15 { return value.description }
        // Swift's description is also the shortest round-trip digit string; take its digits
        // and exponent and lay them out as Python does.
        var text = "\(value.magnitude)"
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...])!
            text = String(text[..<e])
        }
        var digits: String
        var pointPosition: Int
        if let dot = text.firstIndex(of: ".") {
            let integerPart = String(text[..<dot])
            let fraction = String(text[text.index(after: dot)...])
            digits = integerPart + fraction
            pointPosition = integerPart.count + exponent
        } else {
            digits = text
            pointPosition = text.count + exponent
        }
        // Strip leading zeros (moving the point) and trailing zeros.
        while digits.count > 1, digits.first == "0" {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        let decimalExponent = pointPosition - 1  // exponent of the first digit
        var result: String
        if decimalExponent < -4 || decimalExponent >= 16 {
            result = String(digits.first!)
            if digits.count > 1 { result += "." + digits.dropFirst() }
            let sign = decimalExponent < 0 ? "-" : "+"
            let magnitude = abs(decimalExponent)
            result += "e" + sign + (magnitude < 10 ? "0" : "") + String(magnitude)
        } else if pointPosition <= 0 {
            result = "0." + String(repeating: "0", count: -pointPosition) + digits
        } else if pointPosition >= digits.count {
            result = digits + String(repeating: "0", count: pointPosition - digits.count) + ".0"
        } else {
            let index = digits.index(digits.startIndex, offsetBy: pointPosition)
            result = digits[..<index] + "." + digits[index...]
        }
        return value < 0 ? "-" + result : result
    }
}
