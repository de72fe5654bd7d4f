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
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    boolean passed() {
        return endNanos - System.nanoTime() <= 0;
    }
}
