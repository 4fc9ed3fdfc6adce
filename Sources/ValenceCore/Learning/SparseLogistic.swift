import Foundation

/// Binary logistic regression on sparse unit counts, L2-regularised, fitted by L-BFGS:
///
///     minimise  C · Σᵢ sᵢ · [log(1 + e^zᵢ) − yᵢ zᵢ] + ½ ‖w‖²,   zᵢ = b + Σⱼ wⱼ xᵢⱼ
///
/// with the intercept b unpenalised and class-balanced sample weights sᵢ = N / (2 Nᵧᵢ).
/// Deterministic: a fixed iteration order and no randomness, so the same data gives the same
/// weights bit for bit.
struct SparseLogistic {
    /// Per document, a range into `ids` / `values`.
    var rows: [Range<Int>] = []
    var ids: [Int32] = []
    var values: [Double] = []
    var labels: [Bool] = []
    let dimension: Int

    init(dimension: Int) { self.dimension = dimension }

    mutating func addRow(_ entries: some Sequence<(Int32, Double)>, label: Bool) {
        let start = ids.count
        for (id, value) in entries {
            ids.append(id)
            values.append(value)
        }
        rows.append(start..<ids.count)
        labels.append(label)
    }

    /// The weights (one per dimension) and the intercept.
    func fit(c: Double, maxIterations: Int = 200, tolerance: Double = 1e-5) -> (weights: [Double], intercept: Double) {
        let n = rows.count
        let positives = labels.filter { $0 }.count
        guard positives > 0 && positives < n else { return ([Double](repeating: 0, count: dimension), 0) }
        let sampleWeight = labels.map { Double(n) / (2 * Double($0 ? positives : n - positives)) }
        let size = dimension + 1  // the last coordinate is the intercept

        func evaluate(_ theta: [Double], _ gradient: inout [Double]) -> Double {
            for j in 0..<dimension { gradient[j] = theta[j] }
            gradient[dimension] = 0
            var loss = 0.0
            for j in 0..<dimension { loss += 0.5 * theta[j] * theta[j] }
            for i in 0..<n {
                var z = theta[dimension]
                for k in rows[i] { z += theta[Int(ids[k])] * values[k] }
                let y = labels[i] ? 1.0 : 0.0
                // log(1 + e^z) computed without overflow.
                let softplus = z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))
                loss += c * sampleWeight[i] * (softplus - y * z)
                let p = 1 / (1 + exp(-z))
                let g = c * sampleWeight[i] * (p - y)
                for k in rows[i] { gradient[Int(ids[k])] += g * values[k] }
                gradient[dimension] += g
            }
            return loss
        }

        var theta = [Double](repeating: 0, count: size)
        var gradient = [Double](repeating: 0, count: size)
        var loss = evaluate(theta, &gradient)
        let memory = 8
        var sHistory: [[Double]] = []
        var yHistory: [[Double]] = []
        var rhoHistory: [Double] = []
        var direction = [Double](repeating: 0, count: size)
        var nextTheta = theta
        var nextGradient = gradient
        let initialNorm = gradient.reduce(0) { max($0, abs($1)) }

        for _ in 0..<maxIterations {
            let norm = gradient.reduce(0) { max($0, abs($1)) }
            if norm <= tolerance * max(1, initialNorm) { break }
            // Two-loop recursion: direction = −H·gradient.
            for j in 0..<size { direction[j] = -gradient[j] }
            var alphas = [Double](repeating: 0, count: sHistory.count)
            for m in stride(from: sHistory.count - 1, through: 0, by: -1) {
                var dot = 0.0
                for j in 0..<size { dot += sHistory[m][j] * direction[j] }
                alphas[m] = rhoHistory[m] * dot
                for j in 0..<size { direction[j] -= alphas[m] * yHistory[m][j] }
            }
            if let s = sHistory.last, let y = yHistory.last {
                var sy = 0.0, yy = 0.0
                for j in 0..<size { sy += s[j] * y[j]; yy += y[j] * y[j] }
                let gamma = yy > 0 ? sy / yy : 1
                for j in 0..<size { direction[j] *= gamma }
            } else {
                // First step: a gradient step scaled to a unit move.
                let scale = 1 / max(norm, 1)
                for j in 0..<size { direction[j] *= scale }
            }
            for m in 0..<sHistory.count {
                var dot = 0.0
                for j in 0..<size { dot += yHistory[m][j] * direction[j] }
                let beta = rhoHistory[m] * dot
                for j in 0..<size { direction[j] += (alphas[m] - beta) * sHistory[m][j] }
            }
            var slope = 0.0
            for j in 0..<size { slope += gradient[j] * direction[j] }
            if slope >= 0 {
                // Not a descent direction: restart from steepest descent.
                sHistory.removeAll(); yHistory.removeAll(); rhoHistory.removeAll()
                for j in 0..<size { direction[j] = -gradient[j] / max(norm, 1) }
                slope = 0
                for j in 0..<size { slope += gradient[j] * direction[j] }
            }
            // Backtracking line search (Armijo).
            var step = 1.0
            var nextLoss = 0.0
            var accepted = false
            for _ in 0..<40 {
                for j in 0..<size { nextTheta[j] = theta[j] + step * direction[j] }
                nextLoss = evaluate(nextTheta, &nextGradient)
                if nextLoss <= loss + 1e-4 * step * slope { accepted = true; break }
                step *= 0.5
            }
            if !accepted { break }
            var s = [Double](repeating: 0, count: size)
            var y = [Double](repeating: 0, count: size)
            var sy = 0.0
            for j in 0..<size {
                s[j] = nextTheta[j] - theta[j]
                y[j] = nextGradient[j] - gradient[j]
                sy += s[j] * y[j]
            }
            let improvement = loss - nextLoss
            swap(&theta, &nextTheta)
            swap(&gradient, &nextGradient)
            loss = nextLoss
            if sy > 1e-12 {
                sHistory.append(s); yHistory.append(y); rhoHistory.append(1 / sy)
                if sHistory.count > memory { sHistory.removeFirst(); yHistory.removeFirst(); rhoHistory.removeFirst() }
            }
            if improvement <= 1e-10 * max(1, abs(loss)) { break }
        }
        return (Array(theta[0..<dimension]), theta[dimension])
    }
}
