package dev.tollgate.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.support.RedisServer;
import io.lettuce.core.RedisException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * After its subscription breaks, a replica catches up on what it may have missed once Redis confirms the subscription
 * again, and keeps trying while its command connection, which reconnects on its own schedule, is still away.
 */
class SubscriptionCatchUpTests {

    static final String TOPIC = "tollgate:catch-up-test";

    RedisServer redis;
    SharedRedis shared;

    @BeforeEach
    void connect() {
        redis = RedisServer.start();
        shared = SharedRedis.connect(redis.url(), Duration.ofSeconds(1));
    }

    @AfterEach
    void disconnect() {
        shared.close();
        redis.close();
    }

    @Test
    void aCatchUpRunsWhenTheSubscriptionIsConfirmedAgainAfterABreak() {
        List<String> subscribersWhenCaughtUp = new CopyOnWriteArrayList<>();
        shared.subscribe(
                TOPIC, message -> {}, () -> subscribersWhenCaughtUp.add(redis.command("PUBSUB", "NUMSUB", TOPIC)));
        assertThat(subscribersWhenCaughtUp).as("subscribing is no break").isEmpty();

        redis.command("CLIENT", "KILL", "TYPE", "pubsub");

        await("the replica caught up", () -> !subscribersWhenCaughtUp.isEmpty());
        assertThat(subscribersWhenCaughtUp.getFirst())
                .as("Redis had the subscription back before the catch-up read anything")
                .endsWith(":1\r\n");
    }

    @Test
    void aCatchUpThatFailsIsTriedAgainUntilItGoesThrough() {
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        shared.subscribe(TOPIC, message -> {}, () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new RedisException("Currently not connected. Commands are rejected.");
            }
            done.incrementAndGet();
        });

        redis.command("CLIENT", "KILL", "TYPE", "pubsub");

        await("the catch-up went through", () -> done.get() == 1);
        assertThat(attempts).as("twice refused, then through, then left alone").hasValue(3);
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
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
