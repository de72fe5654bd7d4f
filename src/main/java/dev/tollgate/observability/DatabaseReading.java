package dev.tollgate.observability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A figure read from the database at most once per {@code age}: every gauge of a scrape, and every scrape within that
 * time, gets the same reading.
 */
final class DatabaseReading<T> {

    private final Supplier<T> read;
    private final Duration age;
    private final Clock clock;
    private @Nullable T last;
    private Instant readAt = Instant.MIN;

    DatabaseReading(Supplier<T> read, Duration age, Clock clock) {
        this.read = read;
        this.age = age;
        this.clock = clock;
    }

    synchronized T current() {
        Instant now = clock.instant();
        T reading = last;
        if (reading == null || !now.isBefore(readAt.plus(age))) {
            reading = read.get();
            last = reading;
            readAt = now;
        }
        return reading;
    }
}
