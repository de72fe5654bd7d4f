package dev.tollgate.provider.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.provider.UpstreamException;
import dev.tollgate.redis.SharedRedis;
import dev.tollgate.support.ConnectionGate;
import dev.tollgate.support.RedisPerClass;
import dev.tollgate.support.RedisServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A {@code retry-after} one replica's channel got keeps the channel out on another replica too, for as long. */
class SharedCooldownTests {

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    final Clock clock = Clock.systemUTC();
    final ChannelId channel = new ChannelId(UUID.randomUUID());
    SharedRedis connectionA;
    SharedRedis connectionB;
    ChannelGuard guardA;
    ChannelGuard guardB;

    @BeforeEach
    void twoReplicas() {
        connectionA = redis.replica();
        connectionB = redis.replica();
        guardA = guard(connectionA);
        guardB = guard(connectionB);
    }

    @Test
    void aCooldownOneReplicaLearntKeepsTheChannelOutOnTheOther() {
        assertThat(guardB.coolingUntil()).isNull();

        guardA.failed(Duration.ofMillis(5), tooManyRequests(Duration.ofSeconds(30)));

        await("replica B hears of the cooldown", () -> guardB.coolingUntil() != null);
        assertThat(guardB.coolingUntil().toEpochMilli())
                .as("the same end, to the millisecond")
                .isEqualTo(guardA.coolingUntil().toEpochMilli());
        assertThat(guardB.health().coolingUntil())
                .as("the admin view shows it on B")
                .isNotNull();
        assertThat(guardB.tryAcquire())
                .as("B's circuit stays its own: closed, it would let a call through once the cooldown ends")
                .isTrue();
        guardB.released();
    }

    @Test
    void aCooldownEndsWithItsTimeOnEveryReplicaAndLeavesNothingInRedis() {
        guardA.failed(Duration.ofMillis(5), tooManyRequests(Duration.ofMillis(1500)));
        await("replica B hears of the cooldown", () -> guardB.coolingUntil() != null);
        String ttl = redis.command("PTTL", ChannelCooldowns.KEY_PREFIX + channel);
        assertThat(Long.parseLong(ttl.substring(1).strip()))
                .as("kept in Redis only as long as it lasts")
                .isBetween(1L, 1500L);

        await("the cooldown ends on both", () -> guardA.coolingUntil() == null && guardB.coolingUntil() == null);

        // the key's time runs from when the SET reached Redis, a moment after the cooldown began
        await(
                "Redis dropped it with its time",
                Duration.ofMillis(500),
                () -> redis.command("EXISTS", ChannelCooldowns.KEY_PREFIX + channel)
                        .equals(":0\r\n"));
    }

    @Test
    void aReplicaStartingLaterReadsTheCooldownsStillRunning() {
        guardA.failed(Duration.ofMillis(5), tooManyRequests(Duration.ofSeconds(30)));
        await(
                "the cooldown is in Redis",
                () -> redis.command("EXISTS", ChannelCooldowns.KEY_PREFIX + channel)
                        .equals(":1\r\n"));

        try (SharedRedis late = SharedRedis.connect(redis.url(), Duration.ofSeconds(1))) {
            ChannelGuard guardC = guard(late);

            assertThat(guardC.coolingUntil())
                    .as("read at start, not waiting for the next message")
                    .isNotNull()
                    .isAfter(Instant.now().plusSeconds(25));
        }
    }

    @Test
    void afterRedisComesBackAReplicaReadsTheCooldownsItMissedAndHearsNewOnes() {
        try (RedisServer flaky = RedisServer.start();
                ConnectionGate gate = ConnectionGate.to(flaky.port());
                SharedRedis connectionC = SharedRedis.connect(gate.url(), Duration.ofSeconds(1))) {
            ChannelCooldowns cooldownsC = new ChannelCooldowns(Optional.of(connectionC), clock);
            ChannelId missed = new ChannelId(UUID.randomUUID());
            // C stays away until the gate opens, however soon it tries to reconnect: the cooldown below is surely
            // set, and its message sent, while C is not listening
            gate.shut();
            flaky.close();

            try (RedisServer restarted = RedisServer.start(flaky.port());
                    SharedRedis connectionD = SharedRedis.connect(restarted.url(), Duration.ofSeconds(1))) {
                ChannelCooldowns cooldownsD = new ChannelCooldowns(Optional.of(connectionD), clock);
                cooldownsD.coolUntil(missed, Instant.now().plusSeconds(30));
                await(
                        "the missed cooldown is in Redis",
                        () -> restarted
                                .command("EXISTS", ChannelCooldowns.KEY_PREFIX + missed)
                                .equals(":1\r\n"));
                assertThat(cooldownsC.coolingUntil(missed))
                        .as("C, away, has not heard")
                        .isNull();

                gate.open();

                await(
                        "C, back, reads the cooldown set while it was away",
                        () -> cooldownsC.coolingUntil(missed) != null);

                cooldownsD.coolUntil(channel, Instant.now().plusSeconds(30));

                await("C hears new cooldowns again", () -> cooldownsC.coolingUntil(channel) != null);
            }
        }
    }

    @Test
    void withoutRedisACooldownStaysWithItsInstance() {
        ChannelGuard alone = new ChannelGuard(
                channel, "alone", RoutePlanTests.ROUTING, new ChannelCooldowns(Optional.empty(), clock), clock);

        alone.failed(Duration.ofMillis(5), tooManyRequests(Duration.ofSeconds(30)));

        assertThat(alone.coolingUntil()).isNotNull();
        assertThat(guardA.coolingUntil()).as("nothing was shared").isNull();
        assertThat(redis.command("EXISTS", ChannelCooldowns.KEY_PREFIX + channel))
                .isEqualTo(":0\r\n");
    }

    private ChannelGuard guard(SharedRedis connection) {
        return new ChannelGuard(
                channel, "shared", RoutePlanTests.ROUTING, new ChannelCooldowns(Optional.of(connection), clock), clock);
    }

    private static UpstreamException tooManyRequests(Duration retryAfter) {
        return new UpstreamException("429 from upstream", true, 429, retryAfter);
    }

    private static void await(String what, BooleanSupplier condition) {
        await(what, Duration.ofSeconds(15), condition);
    }

    private static void await(String what, Duration atMost, BooleanSupplier condition) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
