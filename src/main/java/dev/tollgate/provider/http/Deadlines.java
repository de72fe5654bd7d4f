package dev.tollgate.provider.http;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One timer thread for every upstream deadline of the process (an answer's headers, a stream's first event): arming
 * and cancelling one is a queue operation, where a sleeping thread per call cost a thread start and an interrupt.
 * What runs on expiry only closes or cancels, so it never holds the timer up.
 */
final class Deadlines {

    private static final String THREAD_NAME = "upstream-deadlines";
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private Deadlines() {}

    static ScheduledFuture<?> after(Duration timeout, Runnable onExpiry) {
        return TIMER.schedule(onExpiry, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Whether the caller is the timer itself, which must never wait for anything. */
    static boolean isTimerThread() {
        return Thread.currentThread().getName().equals(THREAD_NAME);
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().name(THREAD_NAME).daemon().factory());
        // cancelled deadlines (nearly all of them) leave the queue at once instead of waiting out their delay
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
