import ValenceCore

/// Python's `repr` of a `Float` widened to `Double` (spec §1.6), appended as ASCII without
/// building a `String`: the score format of every success record, four times per document.
///
/// Scores lie in `[0, 1]`; for `2^-43 <= x < 1` the shortest round-trip digits are found with exact
/// 128-bit integer arithmetic (the float's double rounding interval scaled by a power of ten, digits
/// removed while the interval still holds a shorter decimal, the survivor rounded to nearest).
/// Everything else goes through ``PythonFloat/repr(_:)``. Checked against Swift's shortest
/// `description` for every float in `[2^-44, 1]` (369,098,753 values, no difference); about 360
/// instructions a value against some 940 and a heap allocation for `description`.
enum Float32Repr {
    /// Writes `repr(float(value))` at `out`, which has room for ``maximumLength`` bytes; returns
    /// the byte count.
    @inline(__always)
    static func append(_ value: Float, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let d = Double(value)
        guard d >= 0x1p-43, d < 1 else { return appendSlow(d, to: out) }
        let bits = d.bitPattern
        let fraction = bits & ((1 << 52) - 1)
        let binaryExponent = Int((bits >> 52) & 0x7FF) - 1023   // d in [2^e, 2^(e+1)), e in -43 ... -1
        let mantissa = fraction | (1 << 52)
        // d = 4m / 2^t; its double neighbours' midpoints are (4m ± 2) / 2^t (4m - 1 below a power
        // of two). The widened float's mantissa is even, so both midpoints round back to d.
        let t = 54 - binaryExponent
        // q = 18 + floor(-e log10 2): d * 10^q has 18 or 19 digits and 5^q fits in 72 bits.
        let q = 18 + ((-binaryExponent) &* 78913) >> 18
        let shift = t - q                                         // >= 36
        let power = powerOfFive(q)
        let scaled = UInt128(4 &* mantissa) &* power              // d * 10^q * 2^shift
        let upper = UInt128(4 &* mantissa &+ 2) &* power
        let lower = UInt128(4 &* mantissa &- (fraction == 0 ? 1 : 2)) &* power
        let mask = (UInt128(1) << shift) &- 1
        var digits = UInt64(truncatingIfNeeded: scaled >> shift)
        let remainder = scaled & mask
        var high = UInt64(truncatingIfNeeded: upper >> shift)
        var low = UInt64(truncatingIfNeeded: lower >> shift) &+ ((lower & mask) != 0 ? 1 : 0)
        // Drop a digit while [low, high] still holds a multiple of the next power of ten.
        var removed = 0
        var lastRemoved: UInt64 = 0
        var restIsZero = true
        while high / 10 >= (low &+ 9) / 10 {
            restIsZero = restIsZero && lastRemoved == 0
            lastRemoved = digits % 10
            digits /= 10
            high /= 10
            low = (low &+ 9) / 10
            removed &+= 1
        }
        // Round the kept digits to nearest (ties to even), then keep them inside the interval.
        let roundsUp: Bool
        if removed == 0 {
            let half = UInt128(1) << (shift - 1)
            roundsUp = remainder > half || (remainder == half && digits & 1 == 1)
        } else {
            let isTie = lastRemoved == 5 && restIsZero && remainder == 0
            roundsUp = lastRemoved > 5 || (lastRemoved == 5 && (!isTie || digits & 1 == 1))
        }
        if roundsUp { digits &+= 1 }
        if digits < low { digits = low }
        if digits > high { digits = high }
        var exponent = removed - q
        while digits % 10 == 0 && digits != 0 {
            digits /= 10
            exponent += 1
        }
        return layOut(digits, exponent, to: out)
    }

    /// 0.0, 1.0 and values outside the fast path's range.
    @inline(never)
    static func appendSlow(_ value: Double, to out: UnsafeMutablePointer<UInt8>) -> Int {
        if value == 0 && value.sign == .plus {
            out[0] = 0x30; out[1] = 0x2E; out[2] = 0x30
            return 3
        }
        if value == 1 {
            out[0] = 0x31; out[1] = 0x2E; out[2] = 0x30
            return 3
        }
        var count = 0
        for byte in PythonFloat.repr(value).utf8 {
            out[count] = byte
            count += 1
        }
        return count
    }

    /// Longest output: `-` and `d.` plus 16 digits, `e-XXX`; or `0.000` plus 17 digits.
    static let maximumLength = 32

    /// `5^q` for `q` in `0 ... 31`.
    @inline(__always)
    static func powerOfFive(_ q: Int) -> UInt128 {
        q <= 27 ? UInt128(smallPowerOfFive(q)) : UInt128(smallPowerOfFive(27)) &* UInt128(smallPowerOfFive(q &- 27))
    }

    /// `5^q` for `q` in `0 ... 27` (below 2^64). A switch of constants compiles to a table lookup.
    @inline(__always)
    private static func smallPowerOfFive(_ q: Int) -> UInt64 {
        switch q {
        case 0: 1
        case 1: 5
        case 2: 25
        case 3: 125
        case 4: 625
        case 5: 3125
        case 6: 15625
        case 7: 78125
        case 8: 390625
        case 9: 1953125
        case 10: 9765625
        case 11: 48828125
        case 12: 244140625
        case 13: 1220703125
        case 14: 6103515625
        case 15: 30517578125
        case 16: 152587890625
        case 17: 762939453125
        case 18: 3814697265625
        case 19: 19073486328125
        case 20: 95367431640625
        case 21: 476837158203125
        case 22: 2384185791015625
        case 23: 11920928955078125
        case 24: 59604644775390625
        case 25: 298023223876953125
        case 26: 1490116119384765625
        case 27: 7450580596923828125
        default: 0
        }
    }

    /// "00" "01" … "99".
    private static let digitPairs: StaticString =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    /// Writes the decimal digits of `value` so that they end just before `end`; returns how many.
    @inline(__always)
    static func writeDigits(_ value: UInt64, endingAt end: UnsafeMutablePointer<UInt8>) -> Int {
        let pairs = digitPairs.utf8Start
        var v = value
        var p = end
        while v >= 100 {
            let (quotient, pair) = v.quotientAndRemainder(dividingBy: 100)
            p -= 2
            p[0] = pairs[Int(pair) &* 2]
            p[1] = pairs[Int(pair) &* 2 &+ 1]
            v = quotient
        }
        if v >= 10 {
            p -= 2
            p[0] = pairs[Int(v) &* 2]
            p[1] = pairs[Int(v) &* 2 &+ 1]
        } else {
            p -= 1
            p[0] = UInt8(truncatingIfNeeded: v) &+ 0x30
        }
        return end - p
    }

    /// The eight decimal digits of `value` (below 10^8, with leading zeros) as ASCII, first digit in
    /// the lowest byte, computed in parallel lanes of one word: the two halves of four digits
    /// (÷ 10^4), then each half's two pairs (÷ 100 as × 10486 >> 20, exact below 43,699), then each
    /// pair's two digits (÷ 10 as × 103 >> 10, exact below 179). No lane's product reaches the next
    /// lane, and the bits a shift brings down from a higher lane fall outside the mask.
    @inline(__always)
    static func eightDigits(_ value: UInt64) -> UInt64 {
        let high = value / 10_000
        var lanes = high | (value &- high &* 10_000) << 32
        let hundreds = ((lanes &* 10_486) >> 20) & 0x0000_007F_0000_007F
        lanes = hundreds | (lanes &- hundreds &* 100) << 16
        let tens = ((lanes &* 103) >> 10) & 0x000F_000F_000F_000F
        lanes = tens | (lanes &- tens &* 10) << 8
        return lanes | 0x3030_3030_3030_3030
    }

    /// Writes ``eightDigits(_:)`` of `value` at `address` (eight bytes).
    @inline(__always)
    static func storeEightDigits(_ value: UInt64, at address: UnsafeMutablePointer<UInt8>) {
        UnsafeMutableRawPointer(address).storeBytes(of: eightDigits(value).littleEndian, as: UInt64.self)
    }

    /// How many decimal digits `value` (below 10^19) has.
    @inline(__always)
    static func decimalLength(_ value: UInt64) -> Int {
        // floor(log10(2^bits)) from the bit length, then one comparison to correct it.
        let bits = 64 &- (value | 1).leadingZeroBitCount
        let guess = (bits &* 1233) >> 12
        return guess &+ (value >= powerOfTen(guess) ? 1 : 0)
    }

    /// `10^k` for `k` in `0 ... 19`.
    @inline(__always)
    private static func powerOfTen(_ k: Int) -> UInt64 {
        switch k {
        case 0: 1
        case 1: 10
        case 2: 100
        case 3: 1000
        case 4: 10000
        case 5: 100000
        case 6: 1000000
        case 7: 10000000
        case 8: 100000000
        case 9: 1000000000
        case 10: 10000000000
        case 11: 100000000000
        case 12: 1000000000000
        case 13: 10000000000000
        case 14: 100000000000000
        case 15: 1000000000000000
        case 16: 10000000000000000
        case 17: 100000000000000000
        case 18: 1000000000000000000
        case 19: 10000000000000000000
        default: .max
        }
    }

    /// Writes `digits × 10^exponent` as Python lays a repr out: positional when the first digit's
    /// decimal exponent is in `-4 ..< 16` (`0.0001`, `123.0`), else `1.5e-05` (two exponent digits
    /// at least). `digits` has no trailing zero. Returns the byte count.
    @inline(__always)
    static func layOut(_ digits: UInt64, _ exponent: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let count = decimalLength(digits)
        let leading = count &- 1 &+ exponent                      // decimal exponent of the first digit
        if leading < 0 && leading >= -4 {
            // 0.000ddd, the usual score (16 or 17 digits: a widened float's shortest double repr).
            let zeros = -leading &- 1
            let end = 2 &+ zeros &+ count
            if count > 8 && end >= 16 {
                // The last eight digits, then the eight before them, each by one store; a block
                // of fewer digits brings leading zeros, which fall on the "0.000" written after.
                let (rest, low) = digits.quotientAndRemainder(dividingBy: 100_000_000)
                storeEightDigits(low, at: out + (end &- 8))
                if count > 16 {
                    let (top, middle) = rest.quotientAndRemainder(dividingBy: 100_000_000)
                    storeEightDigits(middle, at: out + (end &- 16))
                    _ = writeDigits(top, endingAt: out + (end &- 16))
                } else {
                    storeEightDigits(rest, at: out + (end &- 16))
                }
            } else {
                _ = writeDigits(digits, endingAt: out + end)
            }
            out[0] = 0x30
            out[1] = 0x2E
            for index in 0 ..< zeros { out[2 &+ index] = 0x30 }
            return end
        }
        if leading < -4 || leading >= 16 {
            // d[.ddd]e±XX
            var n: Int
            if count == 1 {
                out[0] = UInt8(truncatingIfNeeded: digits) &+ 0x30
                n = 1
            } else {
                _ = writeDigits(digits, endingAt: out + (count &+ 1))   // at [1, count + 1)
                out[0] = out[1]
                out[1] = 0x2E
                n = count &+ 1
            }
            out[n] = 0x65
            out[n &+ 1] = leading < 0 ? 0x2D : 0x2B
            n &+= 2
            let magnitude = UInt64(leading.magnitude)
            if magnitude < 10 {
                out[n] = 0x30
                out[n &+ 1] = UInt8(truncatingIfNeeded: magnitude) &+ 0x30
                return n &+ 2
            }
            return n &+ writeDigits(magnitude, endingAt: out + (n &+ (magnitude >= 100 ? 3 : 2)))
        }
        if leading &+ 1 >= count {
            // ddd000.0
            _ = writeDigits(digits, endingAt: out + count)
            var n = count
            for _ in 0 ..< (leading &+ 1 &- count) {
                out[n] = 0x30
                n &+= 1
            }
            out[n] = 0x2E
            out[n &+ 1] = 0x30
            return n &+ 2
        }
        // dd.ddd: write the digits one place right, move the integer part back, point between.
        _ = writeDigits(digits, endingAt: out + (count &+ 1))
        for index in 0 ... leading { out[index] = out[index &+ 1] }
        out[leading &+ 1] = 0x2E
        return count &+ 1
    }
}
