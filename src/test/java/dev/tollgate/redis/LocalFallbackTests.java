package dev.tollgate.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lettuce.core.RedisConnectionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LocalFallbackTests {

    private final Logger log = (Logger) LoggerFactory.getLogger(LocalFallbackTests.class.getName() + ".limits");
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final LocalFallback fallback =
            new LocalFallback(log, "request limits are shared by every replica", "each replica limits keys on its own");

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
    void fallingBackAndBeingSharedAgainAreALineEachWhateverTheCommandsThatFailed() {
        fallback.answered();
        for (int command = 0; command < 50; command++) {
            fallback.unreachable(new RedisConnectionException("Connection refused"));
        }
        fallback.answered();
        fallback.answered();

        assertThat(logged.list)
                .extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                .containsExactly(
                        tuple(
                                Level.WARN,
                                "Redis cannot be reached (io.lettuce.core.RedisConnectionException: Connection"
                                        + " refused): each replica limits keys on its own meanwhile"),
                        tuple(Level.INFO, "Redis answers again: request limits are shared by every replica again"));
    }
}
