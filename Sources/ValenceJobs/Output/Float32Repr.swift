import ValenceCore

/// Python's `repr` of a `Float` widened to `Double` (spec §1.6), appended as ASCII without
/// building a `String`: the score format of every success record, four times per document.
///
/// Scores lie in `[0, 1]`; for `2^-43 <= x < 1` the shortest round-trip digits are found with exact
/// 128-bit integer arithmetic (the float's double rounding interval scaled by a power of ten, digits
/// removed while the interval still holds a shorter decimal, the survivor rounded to nearest).
/// Everything else goes through ``PythonFloat/repr(_:)``.
enum Float32Repr {
    /// Appends `repr(float(value))`.
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
        while digits % 10 == 0 {
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
        withUnsafeBytes(of: powersOfFive) { table in
            if q <= 27 { return UInt128(table.load(fromByteOffset: q &* 8, as: UInt64.self)) }
            return UInt128(table.load(fromByteOffset: 27 &* 8, as: UInt64.self))
                &* UInt128(table.load(fromByteOffset: (q &- 27) &* 8, as: UInt64.self))
        }
    }

    /// `5^0 ... 5^27`, every one below 2^64; a tuple of literals is laid out at compile time.
    private static let powersOfFive: (
        UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
        UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64
    ) = (
        1, 5, 25, 125,
        625, 3125, 15625, 78125,
        390625, 1953125, 9765625, 48828125,
        244140625, 1220703125, 6103515625, 30517578125,
        152587890625, 762939453125, 3814697265625, 19073486328125,
        95367431640625, 476837158203125, 2384185791015625, 11920928955078125,
        59604644775390625, 298023223876953125, 1490116119384765625, 7450580596923828125
    )

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

    /// Writes `digits × 10^exponent` as Python lays a repr out: positional when the first digit's
    /// decimal exponent is in `-4 ..< 16` (`0.0001`, `123.0`), else `1.5e-05` (two exponent digits
    /// at least). `digits` has no trailing zero. Returns the byte count.
    @inline(__always)
    static func layOut(_ digits: UInt64, _ exponent: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
        return withUnsafeMutableBytes(of: &scratch) { raw in
            let end = raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + 24
            let count = writeDigits(digits, endingAt: end)
            let first = end - count
            let leading = count - 1 + exponent                    // decimal exponent of the first digit
            var n = 0
            if leading < -4 || leading >= 16 {
                out[0] = first[0]
                n = 1
                if count > 1 {
                    out[1] = 0x2E
                    (out + 2).update(from: first + 1, count: count - 1)
                    n = count + 1
                }
                out[n] = 0x65
                out[n + 1] = leading < 0 ? 0x2D : 0x2B
                n += 2
                let magnitude = UInt64(leading.magnitude)
                if magnitude < 10 {
                    out[n] = 0x30
                    out[n + 1] = UInt8(truncatingIfNeeded: magnitude) &+ 0x30
                    n += 2
                } else {
                    n += writeDigits(magnitude, endingAt: out + n + (magnitude >= 100 ? 3 : 2))
                }
            } else if leading < 0 {
                out[0] = 0x30
                out[1] = 0x2E
                n = 2
                for _ in 0 ..< (-leading - 1) {
                    out[n] = 0x30
                    n += 1
                }
                (out + n).update(from: first, count: count)
                n += count
            } else if leading + 1 >= count {
                out.update(from: first, count: count)
                n = count
                for _ in 0 ..< (leading + 1 - count) {
                    out[n] = 0x30
                    n += 1
                }
                out[n] = 0x2E
                out[n + 1] = 0x30
                n += 2
            } else {
                out.update(from: first, count: leading + 1)
                out[leading + 1] = 0x2E
                (out + leading + 2).update(from: first + leading + 1, count: count - leading - 1)
                n = count + 1
            }
            return n
        }
    }
}
