package dev.tollgate.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This replica's connections to Redis (Lettuce): one for commands, shared by every caller (Lettuce multiplexes it),
 * and one for subscriptions. Both reconnect by themselves; while Redis is away, commands fail at once rather than
 * queue, so a caller falls back to what it can do alone instead of waiting.
 */
public final class SharedRedis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SharedRedis.class);

    /** The pause before a failed catch-up is tried again, doubling from the first to the longest. */
    private static final Duration CATCH_UP_FIRST_PAUSE = Duration.ofMillis(50);

    private static final Duration CATCH_UP_LONGEST_PAUSE = Duration.ofSeconds(2);

    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> commands;
    private final StatefulRedisPubSubConnection<String, String> subscriptions;
    private final Duration timeout;
    private volatile boolean closed;

    private SharedRedis(
            RedisClient client,
            StatefulRedisConnection<String, byte[]> commands,
            StatefulRedisPubSubConnection<String, String> subscriptions,
            Duration timeout) {
        this.client = client;
        this.commands = commands;
        this.subscriptions = subscriptions;
        this.timeout = timeout;
    }

    /**
     * Connects to the Redis at {@code url}; fails when it cannot be reached, so a mistyped address stops the start
     * rather than leaving replicas silently apart.
     */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public static SharedRedis connect(String url, Duration timeout) {
        RedisURI uri = RedisURI.create(url);
        // connecting (and the handshake) may take longer than a command on a machine busy starting several replicas;
        // commands keep their own, short timeout below
        uri.setTimeout(timeout.compareTo(CONNECT_TIMEOUT) > 0 ? timeout : CONNECT_TIMEOUT);
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        try {
            StatefulRedisConnection<String, byte[]> commands =
                    client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            StatefulRedisPubSubConnection<String, String> subscriptions = client.connectPubSub();
            log.info("Connected to Redis at {}:{}", uri.getHost(), uri.getPort());
            return new SharedRedis(client, commands, subscriptions, timeout);
        } catch (RedisConnectionException e) {
            client.shutdown();
            throw new IllegalStateException(
                    "Redis at " + uri.getHost() + ":" + uri.getPort() + " (TOLLGATE_REDIS_URL) cannot be reached: "
                            + e.getMessage(),
                    e);
        }
    }

    /** The shared command connection, string keys and byte values; thread-safe. */
    public StatefulRedisConnection<String, byte[]> commands() {
        return commands;
    }

    /** How long a command may take before its caller gives up on it. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Delivers every message published on {@code channel} to {@code onMessage} (on Lettuce's I/O thread: keep it
     * short), and runs {@code catchUp} (on a thread of its own) each time Redis confirms the subscription again after a
     * break, when messages may have been missed: from that moment every message is heard, so what {@code catchUp}
     * reads then misses nothing. A catch-up that throws is tried again, after a pause, until it goes through.
     */
    public void subscribe(String channel, Consumer<String> onMessage, Runnable catchUp) {
        AtomicBoolean initial = new AtomicBoolean(true);
        subscriptions.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String message) {
                if (from.equals(channel)) {
                    onMessage.accept(message);
                }
            }

            @Override
            public void subscribed(String to, long count) {
                // the first confirmation answers the subscribe below; later ones answer Lettuce's own resubscribe
                // once the connection is back. Being connected is not enough: a message sent before Redis confirms
                // the subscription is lost
                if (to.equals(channel) && !initial.getAndSet(false)) {
                    Thread.ofVirtual().name("redis-catch-up").start(() -> catchUpUntilDone(channel, catchUp));
                }
            }
        });
        subscriptions.sync().subscribe(channel);
    }

    /**
     * The subscription and the command connection reconnect each on its own back-off, so when the subscription is
     * back the commands may still be refused for a while (up to Lettuce's longest back-off, 30 s): a catch-up read
     * then fails, and is tried again rather than dropped.
     */
    private void catchUpUntilDone(String channel, Runnable catchUp) {
        Duration pause = CATCH_UP_FIRST_PAUSE;
        for (int attempt = 1; !closed; attempt++) {
            try {
                catchUp.run();
                return;
            } catch (RuntimeException notYet) {
                if (attempt == 1) {
                    log.info("Catching up on {} once Redis takes commands again: {}", channel, notYet.toString());
                } else {
                    log.debug("Catch-up on {} failed again: {}", channel, notYet.toString());
                }
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Duration doubled = pause.multipliedBy(2);
            pause = doubled.compareTo(CATCH_UP_LONGEST_PAUSE) < 0 ? doubled : CATCH_UP_LONGEST_PAUSE;
        }
    }

    @Override
    public void close() {
        closed = true;
        subscriptions.close();
        commands.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
