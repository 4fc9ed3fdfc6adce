#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One mutex and a condition variable per kind of thread that waits on it: the pipeline's reader
/// (room for another batch), its scoring workers (a batch to score) and its writer (the next batch
/// to write is done). With one condition for all of them, every change woke every waiting thread,
/// and each needless wake-up preempted a scoring worker (``PipelineState``).
final class PipelineLock: @unchecked Sendable {
    enum Waiter: Int, CaseIterable {
        case reader, workers, writer
    }

    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let conditions = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: Waiter.allCases.count)

    init() {
        pthread_mutex_init(mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        // Deadlines are on the monotonic clock (``uptimeNanoseconds()``), not the wall clock.
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        for waiter in Waiter.allCases { pthread_cond_init(conditions + waiter.rawValue, &attributes) }
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        for waiter in Waiter.allCases { pthread_cond_destroy(conditions + waiter.rawValue) }
        pthread_mutex_destroy(mutex)
        conditions.deallocate()
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }

    /// Waits (the lock held) until `waiter`'s condition is signalled; callers recheck what they wait for.
    func wait(_ waiter: Waiter) {
        pthread_cond_wait(conditions + waiter.rawValue, mutex)
    }

    /// Waits as ``wait(_:)`` but no later than `deadline` (``uptimeNanoseconds()``).
    func wait(_ waiter: Waiter, until deadline: UInt64) {
        var time = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        _ = pthread_cond_timedwait(conditions + waiter.rawValue, mutex, &time)
    }

    /// Wakes one thread waiting as `waiter`.
    func signal(_ waiter: Waiter) { pthread_cond_signal(conditions + waiter.rawValue) }

    /// Wakes every thread waiting as `waiter`.
    func broadcast(_ waiter: Waiter) { pthread_cond_broadcast(conditions + waiter.rawValue) }

    /// Wakes every waiting thread (a failure or a stop).
    func broadcastAll() { for waiter in Waiter.allCases { broadcast(waiter) } }

    /// The monotonic clock in nanoseconds, as the deadlines of ``wait(_:until:)`` count it.
    static func uptimeNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }
}
