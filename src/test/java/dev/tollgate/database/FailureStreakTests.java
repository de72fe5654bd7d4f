package dev.tollgate.database;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.tollgate.support.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;

class FailureStreakTests {

    private final Logger log = (Logger) LoggerFactory.getLogger(FailureStreakTests.class.getName() + ".task");
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final MutableClock clock = new MutableClock();
    private final FailureStreak streak = new FailureStreak(log, "Rolling up usage", clock);

    @BeforeEach
    void listen() {
        logged.start();
        log.addAppender(logged);
        log.setLevel(Level.INFO);
    }

    @AfterEach
    void stopListening() {
        log.detachAppender(logged);
    }

    @Test
    void aStreakOfFailuresIsLoggedWithOneStackThenALineAMinuteAndItsEnd() {
        for (int second = 0; second < 150; second++) {
            streak.failed(new DataAccessResourceFailureException("Connection refused " + second));
            clock.advance(Duration.ofSeconds(1));
        }
        streak.succeeded();
        streak.succeeded();

        List<ILoggingEvent> events = logged.list;
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

        assertThat(logged.list)
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

        assertThat(logged.list).isEmpty();
    }
}
