import Testing
import Foundation
@testable import ValenceCore

@Suite struct PythonFloatTests {
    // Spec §1.6: scores print as Python's repr of the float32 value widened to double.
    @Test(arguments: [
        (Double(Float(9.653854067437351e-05)), "9.653854067437351e-05"),
        (Double(Float(0.9976957440376282)), "0.9976957440376282"),
        (0.0001, "0.0001"),
        (0.00001, "1e-05"),
        (1.0, "1.0"),
        (0.0, "0.0"),
        (-0.74, "-0.74"),
        (123456.0, "123456.0"),
        (1e16, "1e+16"),
        (1.5e-10, "1.5e-10"),
    ])
    func repr(value: Double, expected: String) {
        #expect(PythonFloat.repr(value) == expected)
    }

    @Test func roundMatchesPython() {
        // Python: round(0.4404499999, 4) == 0.4404; round(2.675, 2) == 2.67 (binary value below the tie)
        #expect(PythonFloat.round(0.44044999, digits: 4) == 0.4404)
        #expect(PythonFloat.round(2.675, digits: 2) == 2.67)
        #expect(PythonFloat.round(0.0005, digits: 3) == 0.001)
        #expect(PythonFloat.round(-0.7042, digits: 4) == -0.7042)
    }
}

@Suite struct PythonFloatAgreementTests {
    /// The slow, digit-by-digit layout of Python's repr, to check the fast path against.
    static func slowRepr(_ value: Double) -> String {
        var text = "\(value.magnitude)"
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" }) {
            exponent = Int(text[text.index(after: e)...])!
            text = String(text[..<e])
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        var digits = String(parts[0]) + (parts.count > 1 ? String(parts[1]) : "")
        var point = parts[0].count + exponent
        while digits.count > 1, digits.first == "0" { digits.removeFirst(); point -= 1 }
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        let e = point - 1
        var result: String
        if e < -4 || e >= 16 {
            result = String(digits.first!) + (digits.count > 1 ? "." + digits.dropFirst() : "")
            result += "e" + (e < 0 ? "-" : "+") + (abs(e) < 10 ? "0" : "") + String(abs(e))
        } else if point <= 0 {
            result = "0." + String(repeating: "0", count: -point) + digits
        } else if point >= digits.count {
            result = digits + String(repeating: "0", count: point - digits.count) + ".0"
        } else {
            let i = digits.index(digits.startIndex, offsetBy: point)
            result = digits[..<i] + "." + digits[i...]
        }
        return value < 0 ? "-" + result : result
    }

    @Test func fastReprAgreesWithTheLayoutRules() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20000 {
            let magnitude = Double.random(in: -30...14, using: &generator)
            let value = Double(Float(pow(10, magnitude) * (Bool.random(using: &generator) ? 1 : -1)))
            #expect(PythonFloat.repr(value) == Self.slowRepr(value), "\(value)")
        }
        for value in [1.0, 0.5, 0.0001, 0.00009999, 123456789012345.0, 1e14, 2.5e-7, Double(Float(1e-30))] {
            #expect(PythonFloat.repr(value) == Self.slowRepr(value))
        }
    }

    @Test func fastRoundAgreesWithPrintfRounding() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50000 {
            let value = Double.random(in: -1...1, using: &generator)
            for digits in [3, 4] {
                let exact = Double(String(format: "%.\(digits)f", value))!
                #expect(PythonFloat.round(value, digits: digits) == exact, "\(value) \(digits)")
            }
        }
        // Values whose scaled form is a near-tie take the exact path.
        #expect(PythonFloat.round(0.0005, digits: 3) == 0.001)
        #expect(PythonFloat.round(0.0015, digits: 3) == 0.002)  // 0.00150000000000000003 > tie
        #expect(PythonFloat.round(0.0025, digits: 3) == 0.003)  // 0.00250000000000000005 > tie
        #expect(PythonFloat.round(0.1235, digits: 3) == 0.123)  // 0.12349999999999999867 < tie
    }
}
