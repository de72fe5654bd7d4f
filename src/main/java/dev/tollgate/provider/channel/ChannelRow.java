package dev.tollgate.provider.channel;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A stored channel, its secret still sealed; the simulator's has no base URL. */
record ChannelRow(
        ChannelId id,
        String name,
        ChannelKind kind,
        @Nullable URI baseUrl,
        @Nullable String region,
        byte @Nullable [] secretSealed,
        Map<String, String> models,
        int priority,
        int weight,
        Duration connectTimeout,
        Duration timeout,
        boolean enabled,
        boolean speaksResponses,
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
                speaksResponses,
                fromConfig,
                updatedAt);
    }

    /** Whether calling the upstream would be the same: everything but routing weights and the on/off switch. */
    boolean sameConnection(ChannelRow other) {
        return sameAddressAndModels(other) && Arrays.equals(secretSealed, other.secretSealed);
    }

    /** Whether every setting but the secret is the same (a secret sealed twice differs byte for byte). */
    boolean sameSettingsButSecret(ChannelRow other) {
        return sameAddressAndModels(other)
                && priority == other.priority
                && weight == other.weight
                && enabled == other.enabled
                && fromConfig == other.fromConfig;
    }

    private boolean sameAddressAndModels(ChannelRow other) {
        return name.equals(other.name)
                && kind == other.kind
                && Objects.equals(baseUrl, other.baseUrl)
                && Objects.equals(region, other.region)
                && models.equals(other.models)
                && connectTimeout.equals(other.connectTimeout)
                && timeout.equals(other.timeout)
                && speaksResponses == other.speaksResponses;
    }
}
