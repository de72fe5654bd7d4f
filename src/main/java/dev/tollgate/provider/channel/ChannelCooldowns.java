package dev.tollgate.provider.channel;

import dev.tollgate.redis.SharedRedis;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Until when each channel waits out a {@code retry-after} its upstream sent, read from memory on every routing
 * decision. With Redis configured, a cooldown one replica learns reaches the others: it is kept in Redis for as long
 * as it lasts ({@code SET … PX}) and published on a channel every replica subscribes to; a replica that starts, or
 * gets its subscription back after a break, reads the cooldowns still running. Without Redis, each instance learns
 * its own.
 */
@Component
class ChannelCooldowns {

    static final String TOPIC = "tollgate:channel-cooldowns";
    static final String KEY_PREFIX = "tollgate:channel-cooldown:";

    private static final Logger log = LoggerFactory.getLogger(ChannelCooldowns.class);

    private final Map<ChannelId, Instant> until = new ConcurrentHashMap<>();
    private final @Nullable SharedRedis redis;
    private final Clock clock;

    ChannelCooldowns(Optional<SharedRedis> redis, Clock clock) {
        this.redis = redis.orElse(null);
        this.clock = clock;
        if (this.redis != null) {
            this.redis.subscribe(TOPIC, this::heard, this::readRunning);
            try {
                readRunning();
            } catch (RuntimeException e) {
                log.warn("Could not read the channel cooldowns other replicas set: {}", e.toString());
            }
        }
    }

    /** When the channel's cooldown ends, while it has not. */
    @Nullable
    Instant coolingUntil(ChannelId channel) {
        Instant end = until.get(channel);
        if (end == null) {
            return null;
        }
        if (!end.isAfter(clock.instant())) {
            until.remove(channel, end);
            return null;
        }
        return end;
    }

    /** Keeps the channel out until {@code end}, on every replica; never shortens a cooldown already running. */
    void coolUntil(ChannelId channel, Instant end) {
        apply(channel, end);
        SharedRedis shared = redis;
        Duration left = Duration.between(clock.instant(), end);
        if (shared == null || !left.isPositive()) {
            return;
        }
        // sent without waiting: the request that learnt the cooldown goes on to the next channel meanwhile
        String message = channel + " " + end.toEpochMilli();
        shared.commands()
                .async()
                .set(KEY_PREFIX + channel, bytes(String.valueOf(end.toEpochMilli())), SetArgs.Builder.px(left))
                .thenCompose(ok -> shared.commands().async().publish(TOPIC, bytes(message)))
                .exceptionally(failure -> {
                    log.warn("Channel {}'s cooldown stays with this replica: {}", channel, failure.toString());
                    return 0L;
                });
    }

    private void heard(String message) {
        String[] parts = message.split(" ", 2);
        try {
            apply(new ChannelId(UUID.fromString(parts[0])), Instant.ofEpochMilli(Long.parseLong(parts[1])));
        } catch (RuntimeException e) {
            log.warn("Ignoring a malformed channel cooldown message: {}", e.getMessage());
        }
    }

    /** The cooldowns other replicas set while this one was not listening; throws when Redis cannot be read. */
    private void readRunning() {
        SharedRedis shared = redis;
        if (shared == null) {
            return;
        }
        RedisCommands<String, byte[]> commands = shared.commands().sync();
        ScanArgs matching = ScanArgs.Builder.matches(KEY_PREFIX + "*").limit(500);
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = commands.scan(cursor, matching);
            List<String> keys = page.getKeys();
            if (!keys.isEmpty()) {
                commands.mget(keys.toArray(String[]::new)).forEach(entry -> {
                    if (entry.hasValue()) {
                        heard(entry.getKey().substring(KEY_PREFIX.length()) + " "
                                + new String(entry.getValue(), StandardCharsets.UTF_8));
                    }
                });
            }
            cursor = page;
        } while (!cursor.isFinished());
    }

    private void apply(ChannelId channel, Instant end) {
        until.merge(channel, end, (known, heard) -> heard.isAfter(known) ? heard : known);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
