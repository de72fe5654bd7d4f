package dev.tollgate.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.support.MutableClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A figure a scrape reads from the database is read again only once it is older than its age. */
class DatabaseReadingTests {

    final MutableClock clock = new MutableClock();
    final AtomicInteger reads = new AtomicInteger();
    final DatabaseReading<Integer> reading =
            new DatabaseReading<>(reads::incrementAndGet, Duration.ofSeconds(5), clock);

    @Test
    void readingsWithinTheAgeShareOneQuery() {
        int first = reading.current();
        clock.advance(Duration.ofMillis(4_999));
        int second = reading.current();

        assertThat(second).isEqualTo(first);
        assertThat(reads).as("queries made").hasValue(1);
    }

    @Test
    void aReadingAsOldAsTheAgeIsReadAgain() {
        reading.current();
        clock.advance(Duration.ofSeconds(5));

        assertThat(reading.current()).isEqualTo(2);
        assertThat(reads).hasValue(2);
    }
}
