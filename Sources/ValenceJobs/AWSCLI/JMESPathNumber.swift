import ValenceCore

/// A JSON number as Python's `json` module reads it: an `int` when the literal has no fraction or
/// exponent, a `float` otherwise. Integers beyond 64 bits are approximated as floats.
enum JMESPathNumber: Sendable {
    case integer(Int)
    case float(Double)

    init?(_ value: JSONValue) {
        guard case .number(let text) = value else { return nil }
        self.init(literal: text)
    }

    init(literal text: String) {
        if !text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }),
           let integer = Int(text) {
            self = .integer(integer)
        } else {
            self = .float(Double(text) ?? .nan)
        }
    }

    var double: Double {
        switch self {
        case .integer(let value): Double(value)
        case .float(let value): value
        }
    }

    /// The number as JSON, printed as Python prints it (`3`, `2.5`, `1e-05`).
    var json: JSONValue {
        switch self {
        case .integer(let value): .number(String(value))
        case .float(let value): .float(value)
        }
    }

    /// Python's `+` on `int` and `float`.
    static func + (lhs: JMESPathNumber, rhs: JMESPathNumber) -> JMESPathNumber {
        if case .integer(let a) = lhs, case .integer(let b) = rhs {
            let (sum, overflow) = a.addingReportingOverflow(b)
            return overflow ? .float(Double(a) + Double(b)) : .integer(sum)
        }
        return .float(lhs.double + rhs.double)
    }

    /// Python's exact comparison of `int` and `float` values; `nil` when a NaN makes them unordered.
    static func compare(_ lhs: JMESPathNumber, _ rhs: JMESPathNumber) -> Int? {
        switch (lhs, rhs) {
        case let (.integer(a), .integer(b)):
            return a < b ? -1 : (a == b ? 0 : 1)
        case let (.float(a), .float(b)):
            if a.isNaN || b.isNaN { return nil }
            return a < b ? -1 : (a == b ? 0 : 1)
        case let (.integer(a), .float(b)):
            return compare(integer: a, float: b)
        case let (.float(a), .integer(b)):
            return compare(integer: b, float: a).map { -$0 }
        }
    }

    private static func compare(integer: Int, float: Double) -> Int? {
        if float.isNaN { return nil }
        if float >= 9.223372036854775808e18 { return -1 }
        if float < -9.223372036854775808e18 { return 1 }
        let floor = float.rounded(.down)
        let whole = Int(floor)
        if integer < whole { return -1 }
        if integer > whole { return 1 }
        return float == floor ? 0 : -1
    }

    /// The exact decimal digits of an integral double (`1e+20` → `100000000000000000000`), as
    /// Python prints `math.floor(1e20)`.
    static func integerText(_ value: Double) -> String {
        if value.magnitude < 9.2e18 { return String(Int(value)) }
        // value = significand × 2^exponent with a 53-bit integer significand.
        let exponent = Int(value.exponent) - Double.significandBitCount
        var digits: [UInt8] = Array(String(UInt64(value.significandBitPattern) | (1 << 52)).utf8.map { $0 - 0x30 }.reversed())
        for _ in 0..<max(exponent, 0) {
            var carry: UInt8 = 0
            for index in digits.indices {
                let doubled = digits[index] * 2 + carry
                digits[index] = doubled % 10
                carry = doubled / 10
            }
            if carry > 0 { digits.append(carry) }
        }
        let text = String(decoding: digits.reversed().map { $0 + 0x30 }, as: UTF8.self)
        return value < 0 ? "-" + text : text
    }
}
