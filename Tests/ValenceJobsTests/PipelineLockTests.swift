import Foundation
import Testing
@testable import ValenceJobs

/// The pipeline's lock (`PipelineLock`): a deadline on the monotonic clock, and one condition per
/// kind of waiting thread.
@Suite struct PipelineLockTests {
    /// A wait with a deadline sleeps until it: the deadline counts on the clock the condition was
    /// made for (were the condition on the wall clock, a monotonic deadline would lie decades in the
    /// past, every wait would return at once and the writer would spin).
    @Test func aDeadlineIsKeptOnTheMonotonicClock() {
        let lock = PipelineLock()
        lock.lock()
        let start = PipelineLock.uptimeNanoseconds()
        lock.wait(.writer, until: start + 150_000_000)
        let elapsed = PipelineLock.uptimeNanoseconds() - start
        lock.unlock()
        #expect(elapsed >= 140_000_000, "returned after \(elapsed / 1_000_000) ms")
        #expect(elapsed < 10_000_000_000)
    }

    /// Waking the workers does not wake the reader: it sleeps on to its own deadline, while a
    /// worker waiting at the same time is woken at once.
    @Test func aSignalWakesOnlyTheThreadsItIsFor() {
        let lock = PipelineLock()
        let start = PipelineLock.uptimeNanoseconds()
        let woke = Woke()
        let done = DispatchGroup()
        // Two threads of their own (a blocking wait must not hold a thread of Swift's task pool).
        func waiter(_ kind: PipelineLock.Waiter, until deadline: UInt64, _ record: @escaping @Sendable (UInt64) -> Void) {
            done.enter()
            let thread = Thread {
                lock.lock()
                woke.waiting += 1
                lock.wait(kind, until: deadline)
                lock.unlock()
                record(PipelineLock.uptimeNanoseconds() - start)
                done.leave()
            }
            thread.start()
        }
        waiter(.reader, until: start + 600_000_000) { woke.reader = $0 }
        waiter(.workers, until: start + 5_000_000_000) { woke.worker = $0 }
        // Once both sleep (each counted itself under the lock before waiting, which releases it).
        while true {
            lock.lock()
            let sleeping = woke.waiting == 2
            if sleeping { lock.broadcast(.workers) }
            lock.unlock()
            if sleeping { break }
            usleep(1_000)
        }
        done.wait()
        #expect(woke.worker < 500_000_000, "the worker woke after \(woke.worker / 1_000_000) ms")
        #expect(woke.reader >= 590_000_000, "the reader woke after \(woke.reader / 1_000_000) ms")
    }
}

/// What the waiting threads of a test saw (written under the lock or before `done.leave()`).
private final class Woke: @unchecked Sendable {
    var waiting = 0
    var reader: UInt64 = 0
    var worker: UInt64 = 0
}
