package dev.tollgate.database;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.tollgate.support.CapturedLog;
import dev.tollgate.support.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

class FailureStreakTests {

    private final CapturedLog logged = CapturedLog.of(FailureStreakTests.class.getName() + ".task");
    private final MutableClock clock = new MutableClock();
    private final FailureStreak streak = new FailureStreak(logged.logger(), "Rolling up usage", clock);

    @AfterEach
    void stopListening() {
        logged.close();
    }

    @Test
    void aStreakOfFailuresIsLoggedWithOneStackThenALineAMinuteAndItsEnd() {
        for (int second = 0; second < 150; second++) {
            streak.failed(new DataAccessResourceFailureException("Connection refused " + second));
            clock.advance(Duration.ofSeconds(1));
        }
        streak.succeeded();
        streak.succeeded();

        List<ILoggingEvent> events = logged.events();
        assertThat(events).hasSize(4);
        assertThat(events.getFirst().getLevel()).isEqualTo(Level.WARN);
        assertThat(events.getFirst().getFormattedMessage())
                .isEqualTo("Rolling up usage failed; it is tried again on the next run");
        assertThat(events.getFirst().getThrowableProxy().getMessage()).isEqualTo("Connection refused 0");
        assertThat(events.subList(1, 3))
                .extracting(ILoggingEvent::getFormattedMessage)
                .satisfiesExactly(
                        first -> assertThat(first)
                                .startsWith("Rolling up usage has failed 61 times in a row since ")
                                .endsWith(": Connection refused 60"),
                        second -> assertThat(second)
                                .startsWith("Rolling up usage has failed 121 times in a row since ")
                                .endsWith(": Connection refused 120"));
        assertThat(events.subList(1, 3))
                .allSatisfy(line -> assertThat(line.getThrowableProxy()).isNull());
        assertThat(events.getLast().getLevel()).isEqualTo(Level.INFO);
        assertThat(events.getLast().getFormattedMessage())
                .isEqualTo("Rolling up usage works again, after 150 failed runs over 150 s");
    }

    @Test
    void aFailureAfterTheTaskWorkedAgainStartsANewStreakWithItsStack() {
        streak.failed(new DataAccessResourceFailureException("first outage"));
        streak.succeeded();
        clock.advance(Duration.ofSeconds(5));
        streak.failed(new DataAccessResourceFailureException("second outage"));

        assertThat(logged.events())
                .extracting(event -> event.getThrowableProxy() == null
                        ? null
                        : event.getThrowableProxy().getMessage())
                .containsExactly("first outage", null, "second outage");
    }

    @Test
    void runsThatWorkLogNothing() {
        for (int run = 0; run < 10; run++) {
            streak.succeeded();
        }

        assertThat(logged.events()).isEmpty();
    }
}
