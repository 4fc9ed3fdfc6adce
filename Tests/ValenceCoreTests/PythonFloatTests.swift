import Testing
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
