package dev.tollgate.fetch;

import java.time.Duration;

/**
 * When a fetch must be over. Measured on {@link System#nanoTime()}: a time-out is elapsed time, which a wall clock
 * that jumps would get wrong.
 */
record Deadline(long endNanos, Duration length) {

    static Deadline after(Duration length) {
        return new Deadline(System.nanoTime() + length.toNanos(), length);
    }

    Duration remaining() {
        return Duration.ofNanos(remainingNanos());
    }

    /**
     * What is left in whole milliseconds, rounded up: a socket's time-out is whole milliseconds, and one rounded down
     * could end a read just before the deadline, which would then be reported as a server that stopped answering.
     */
    long remainingMillis() {
        return (remainingNanos() + 999_999) / 1_000_000;
    }

    private long remainingNanos() {
        return Math.max(0, endNanos - System.nanoTime());
    }

    boolean passed() {
        return endNanos - System.nanoTime() <= 0;
    }
}
