package dev.tollgate.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTests {

    @Test
    void aSocketTimeOutTakenFromItNeverEndsBeforeIt() {
        for (long extraNanos = 1; extraNanos < 1_000_000; extraNanos += 99_991) {
            Deadline deadline = Deadline.after(Duration.ofSeconds(2).plusNanos(extraNanos));

            long millis = deadline.remainingMillis();

            assertThat(millis * 1_000_000)
                    .as("a read waiting %d ms from now ends no earlier than the deadline", millis)
                    .isGreaterThanOrEqualTo(deadline.endNanos() - System.nanoTime());
            assertThat(millis).isLessThanOrEqualTo(2_001);
        }
    }

    @Test
    void aPassedDeadlineLeavesNothing() {
        Deadline deadline = new Deadline(System.nanoTime() - 1, Duration.ofSeconds(2));

        assertThat(deadline.remainingMillis()).isZero();
        assertThat(deadline.passed()).isTrue();
    }
}
