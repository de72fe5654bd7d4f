package dev.tollgate.provider.channel;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * How a channel has been doing on this instance lately.
 *
 * @param circuit the breaker's state: CLOSED (in use), OPEN (skipped after repeated failures), HALF_OPEN (probing)
 * @param attempts calls in the recent window
 * @param errorRate share of those that failed, 0–1
 * @param medianLatency time to the upstream's first answer, median of the successful calls; null with none
 * @param coolingUntil when a {@code retry-after} the upstream sent runs out, while it has not
 */
@NamedInterface("channel")
public record ChannelHealth(
        Circuit circuit,
        int attempts,
        double errorRate,
        @Nullable Duration medianLatency,
        @Nullable String lastError,
        @Nullable Instant lastErrorAt,
        @Nullable Instant coolingUntil) {

    public enum Circuit {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    public static final ChannelHealth UNUSED = new ChannelHealth(Circuit.CLOSED, 0, 0, null, null, null, null);
}
