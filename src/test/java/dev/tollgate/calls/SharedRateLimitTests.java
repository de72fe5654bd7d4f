package dev.tollgate.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tollgate.account.TeamId;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.apikey.AuthenticatedKey;
import dev.tollgate.redis.SharedRedis;
import dev.tollgate.support.RedisPerClass;
import dev.tollgate.support.RedisServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two replicas' limiters, each with its own connection to one real Redis, share each key's requests-per-minute limit.
 */
class SharedRateLimitTests {

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    SharedRedis replicaA;
    SharedRedis replicaB;
    KeyRateLimiter limiterA;
    KeyRateLimiter limiterB;

    @BeforeEach
    void twoReplicas() {
        replicaA = redis.replica();
        replicaB = redis.replica();
        limiterA = new KeyRateLimiter(Optional.of(replicaA));
        limiterB = new KeyRateLimiter(Optional.of(replicaB));
    }

    @Test
    void limitHoldsInTotalOverTwoReplicasAndRefusalsSayWhenToRetry() {
        AuthenticatedKey key = key(6);

        List<Boolean> admitted = IntStream.range(0, 12)
                .mapToObj(i -> admits(i % 2 == 0 ? limiterA : limiterB, key))
                .toList();

        assertThat(admitted.stream().filter(yes -> yes).count())
                .as("six requests a minute in all, whichever replica took them")
                .isEqualTo(6);
        assertThat(admitted.subList(0, 6)).as("the first six go through").containsOnly(true);
        CallRefusedException refused = catchThrowableOfType(CallRefusedException.class, () -> limiterB.acquire(key));
        assertThat(refused.refusal())
                .as("a refusal names the limit and when a request fits again (one every ten seconds)")
                .isInstanceOfSatisfying(Refusal.RateLimited.class, limited -> {
                    assertThat(limited.requestsPerMinute()).isEqualTo(6);
                    assertThat(limited.retryAfter()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(10));
                });
    }

    @Test
    void parallelRequestsOverBothReplicasNeverExceedTheLimit() throws Exception {
        AuthenticatedKey key = key(25);
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<Boolean>> results = IntStream.range(0, 80)
                    .mapToObj(i -> pool.submit(() -> admits(i % 2 == 0 ? limiterA : limiterB, key)))
                    .toList();
            long admitted = 0;
            for (Future<Boolean> result : results) {
                admitted += result.get() ? 1 : 0;
            }
            assertThat(admitted)
                    .as("80 requests at once on two replicas against 25 a minute")
                    .isEqualTo(25);
        }
    }

    @Test
    void aChangedLimitTakesEffectOnEveryReplica() {
        UUID id = UUID.randomUUID();
        AuthenticatedKey before = key(id, 2);
        assertThat(admits(limiterA, before)).isTrue();
        assertThat(admits(limiterB, before)).isTrue();
        assertThat(admits(limiterA, before)).as("the old limit is spent").isFalse();

        AuthenticatedKey raised = key(id, 4);
        List<Boolean> admitted = IntStream.range(0, 6)
                .mapToObj(i -> admits(i % 2 == 0 ? limiterB : limiterA, raised))
                .toList();

        assertThat(admitted)
                .as("the new limit of four counts on both replicas")
                .containsExactly(true, true, true, true, false, false);
    }

    @Test
    void aLimitedRequestCostsTwoRoundTripsAndAnUnlimitedKeyNone() {
        AuthenticatedKey limited = key(100);
        limiterA.acquire(limited);
        Map<String, Long> before = redisCalls();

        limiterA.acquire(limited);
        Map<String, Long> afterLimited = redisCalls();
        limiterA.acquire(key(UUID.randomUUID(), null));
        Map<String, Long> afterUnlimited = redisCalls();

        // Redis counts the commands a script runs too: the compare-and-swap script reads and writes the bucket itself
        assertThat(delta(before, afterLimited))
                .as("Bucket4j's Redis backend reads the bucket (GET), then swaps it in one script (EVAL)")
                .containsOnly(Map.entry("get", 2L), Map.entry("eval", 1L), Map.entry("psetex", 1L));
        assertThat(delta(afterLimited, afterUnlimited))
                .as("a key without a limit never reaches Redis")
                .isEmpty();
    }

    @Test
    void withRedisGoneEachReplicaLimitsOnItsOwn() {
        onARedisOfItsOwn((doomed, limiter) -> {
            AuthenticatedKey key = key(3);
            assertThat(admits(limiter, key)).isTrue();
            doomed.close();

            List<Boolean> admitted =
                    IntStream.range(0, 4).mapToObj(i -> admits(limiter, key)).toList();

            assertThat(admitted)
                    .as("callers are served, within the key's limit counted on this replica alone")
                    .containsExactly(true, true, true, false);
        });
    }

    @Test
    void aRedisThatStopsAnsweringMidRequestDelaysACallerNoLongerThanItsTimeOut() {
        onARedisOfItsOwn((stalled, limiter) -> {
            AuthenticatedKey key = key(3);
            assertThat(admits(limiter, key)).isTrue();
            // every command from now on waits three seconds for an answer, as from a Redis that hangs
            assertThat(stalled.command("CLIENT", "PAUSE", "3000", "ALL")).isEqualTo("+OK\r\n");

            long started = System.nanoTime();
            boolean admitted = admits(limiter, key);
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            assertThat(admitted).as("served, limited on this replica meanwhile").isTrue();
            assertThat(waited)
                    .as("the request waited for Redis as long as its time-out, not for Redis to answer")
                    .isBetween(Duration.ofMillis(250), Duration.ofMillis(2_000));
        });
    }

    /** A limiter on a Redis of the test's own, which it may stop or stall, with a short time-out for its commands. */
    private static void onARedisOfItsOwn(BiConsumer<RedisServer, KeyRateLimiter> test) {
        try (RedisServer server = RedisServer.start()) {
            SharedRedis replica = SharedRedis.connect(server.url(), Duration.ofMillis(300));
            try {
                test.accept(server, new KeyRateLimiter(Optional.of(replica)));
            } finally {
                replica.close();
            }
        }
    }

    @Test
    void withoutRedisTheLimitIsThisInstancesOwn() {
        KeyRateLimiter alone = new KeyRateLimiter(Optional.empty());
        AuthenticatedKey key = key(2);

        assertThat(List.of(admits(alone, key), admits(alone, key), admits(alone, key)))
                .containsExactly(true, true, false);
        assertThat(redis.command("KEYS", "tollgate:rpm:" + key.id() + "*"))
                .as("nothing written to Redis")
                .isEqualTo("*0\r\n");
    }

    private static boolean admits(KeyRateLimiter limiter, AuthenticatedKey key) {
        try {
            limiter.acquire(key);
            return true;
        } catch (CallRefusedException refused) {
            assertThat(refused.refusal()).isInstanceOf(Refusal.RateLimited.class);
            return false;
        }
    }

    private static AuthenticatedKey key(int rpm) {
        return key(UUID.randomUUID(), rpm);
    }

    private static AuthenticatedKey key(UUID id, @Nullable Integer rpm) {
        return new AuthenticatedKey(new ApiKeyId(id), new TeamId(UUID.randomUUID()), "limited", Set.of(), rpm, 0);
    }

    /** How often Redis has run each command, INFO excluded. */
    private static Map<String, Long> redisCalls() {
        Matcher calls = Pattern.compile("cmdstat_(\\w+):calls=(\\d+)").matcher(redis.command("INFO", "commandstats"));
        Map<String, Long> counts = new HashMap<>();
        while (calls.find()) {
            if (!calls.group(1).equals("info")) {
                counts.put(calls.group(1), Long.parseLong(calls.group(2)));
            }
        }
        return counts;
    }

    private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> delta = new HashMap<>();
        after.forEach((command, calls) -> {
            long more = calls - before.getOrDefault(command, 0L);
            if (more != 0) {
                delta.put(command, more);
            }
        });
        return delta;
    }
}
