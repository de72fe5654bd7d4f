package dev.tollgate.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.tollgate.support.CapturedLog;
import io.lettuce.core.RedisConnectionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalFallbackTests {

    private final CapturedLog logged = CapturedLog.of(LocalFallbackTests.class.getName() + ".limits");
    private final LocalFallback fallback = new LocalFallback(
            logged.logger(), "request limits are shared by every replica", "each replica limits keys on its own");

    @AfterEach
    void stopListening() {
        logged.close();
    }

    @Test
    void fallingBackAndBeingSharedAgainAreALineEachWhateverTheCommandsThatFailed() {
        fallback.answered();
        for (int command = 0; command < 50; command++) {
            fallback.unreachable(new RedisConnectionException("Connection refused"));
        }
        fallback.answered();
        fallback.answered();

        assertThat(logged.events())
                .extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                .containsExactly(
                        tuple(
                                Level.WARN,
                                "Redis cannot be reached (io.lettuce.core.RedisConnectionException: Connection"
                                        + " refused): each replica limits keys on its own meanwhile"),
                        tuple(Level.INFO, "Redis answers again: request limits are shared by every replica again"));
    }
}
