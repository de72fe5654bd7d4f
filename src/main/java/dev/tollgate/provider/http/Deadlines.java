package dev.tollgate.provider.http;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One timer thread for every upstream deadline of the process (an answer's headers, a stream's first event, the last
 * bytes of a body), on a hashed wheel: arming and cancelling one is a lock-free queue operation that never wakes the
 * timer, which ticks every 5 ms whatever the load. A scheduled executor took a lock and often woke
 * its thread for each of a call's three deadlines, about 5 % of the gateway's CPU at 64 connections (decision 0061). A
 * deadline fires up to one tick late, nothing for timeouts of 50 ms and more. What runs on expiry only closes or
 * cancels, so it never holds the timer up.
 */
final class Deadlines {

    private static final String THREAD_NAME = "upstream-deadlines";
    private static final long TICK_MILLIS = 5;
    private static final HashedWheelTimer TIMER = new HashedWheelTimer(
            Thread.ofPlatform().name(THREAD_NAME).daemon().factory(), TICK_MILLIS, TimeUnit.MILLISECONDS, 1024, false);

    /** An armed deadline. */
    interface Deadline {

        /** Disarms the deadline; whether it was still armed (its expiry has not run and now never will). */
        boolean cancel();
    }

    private Deadlines() {}

    static Deadline after(Duration timeout, Runnable onExpiry) {
        Timeout armed = TIMER.newTimeout(expired -> onExpiry.run(), timeout.toNanos(), TimeUnit.NANOSECONDS);
        return armed::cancel;
    }

    /** Whether the caller is the timer itself, which must never wait for anything. */
    static boolean isTimerThread() {
        return Thread.currentThread().getName().equals(THREAD_NAME);
    }
}
