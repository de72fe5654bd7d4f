package dev.tollgate.provider.channel;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A stored channel, its secret still sealed. */
record ChannelRow(
        ChannelId id,
        String name,
        ChannelKind kind,
        URI baseUrl,
        @Nullable String region,
        byte @Nullable [] secretSealed,
        Map<String, String> models,
        int priority,
        int weight,
        Duration connectTimeout,
        Duration timeout,
        boolean enabled,
        boolean fromConfig,
        Instant updatedAt) {

    ChannelView view() {
        return new ChannelView(
                id,
                name,
                kind,
                baseUrl,
                region,
                secretSealed != null,
                models,
                priority,
                weight,
                connectTimeout,
                timeout,
                enabled,
                fromConfig,
                updatedAt);
    }

    /** Whether calling the upstream would differ: anything but the on/off switch. */
    boolean sameConnection(ChannelRow other) {
        return name.equals(other.name)
                && kind == other.kind
                && baseUrl.equals(other.baseUrl)
                && java.util.Objects.equals(region, other.region)
                && java.util.Arrays.equals(secretSealed, other.secretSealed)
                && models.equals(other.models)
                && connectTimeout.equals(other.connectTimeout)
                && timeout.equals(other.timeout);
    }
}
