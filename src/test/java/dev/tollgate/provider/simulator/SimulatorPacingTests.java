package dev.tollgate.provider.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.ChatStream;
import dev.tollgate.provider.tokens.JtokkitTokenCounter;
import java.time.Clock;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SimulatorPacingTests {

    static final JtokkitTokenCounter COUNTER = new JtokkitTokenCounter();

    @Test
    void firstEventWaitsForTheFirstTokenDelayAndLaterOnesForTheirTokens() {
        SimulatorChatProvider simulator = simulator(Duration.ofMillis(200), 50);
        long start = System.nanoTime();

        try (ChatStream stream =
                simulator.open(Requests.asking("Why is the sky blue?").build())) {
            stream.next();
            long firstAfter = System.nanoTime() - start;
            for (int i = 0; i < 10; i++) {
                stream.next();
            }
            long tenMoreAfter = System.nanoTime() - start - firstAfter;

            assertThat(Duration.ofNanos(firstAfter)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            assertThat(Duration.ofNanos(tenMoreAfter))
                    .as("ten tokens at 50 per second")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(180));
        }
    }

    @Test
    void zeroTokensPerSecondTurnsPacingOff() {
        SimulatorChatProvider simulator = simulator(Duration.ofSeconds(30), 0);

        Streamed streamed = Streamed.drain(
                simulator.open(Requests.asking("Why is the sky blue?").build()));

        assertThat(streamed.completed()).isNotNull();
    }

    @Test
    void closingMidStreamStopsItAndUsageCountsOnlyDeliveredTokens() {
        SimulatorChatProvider simulator = simulator(Duration.ZERO, 0);
        ChatStream stream =
                simulator.open(Requests.asking("Why is the sky blue?").build());
        StringBuilder delivered = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            delivered.append(((ChatEvent.TextDelta) stream.next()).text());
        }

        stream.close();

        assertThat(stream.hasNext()).isFalse();
        assertThatThrownBy(stream::next).isInstanceOf(NoSuchElementException.class);
        assertThat(stream.usageSoFar().output()).isEqualTo(5).isEqualTo(COUNTER.countText(delivered.toString()));
        assertThat(stream.usageSoFar().prompt())
                .isEqualTo(COUNTER.countPrompt(
                        Requests.asking("Why is the sky blue?").build()));
    }

    @Test
    void closingFromAnotherThreadEndsAWaitEarly() throws InterruptedException {
        SimulatorChatProvider simulator = simulator(Duration.ofSeconds(10), 50);
        ChatStream stream =
                simulator.open(Requests.asking("Why is the sky blue?").build());
        try (ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor()) {
            closer.schedule(stream::close, 100, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();

            assertThatThrownBy(stream::next).isInstanceOf(NoSuchElementException.class);

            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("far less than the ten-second first-token delay")
                    .isLessThan(Duration.ofSeconds(5));
        }
        assertThat(stream.usageSoFar().output()).isZero();
    }

    private static SimulatorChatProvider simulator(Duration firstTokenDelay, int tokensPerSecond) {
        return new SimulatorChatProvider(
                new SimulatorProperties(true, firstTokenDelay, tokensPerSecond, Duration.ZERO, Duration.ZERO),
                COUNTER,
                Clock.systemUTC());
    }
}
