package dev.tollgate.provider;

import java.time.Duration;
import java.util.Optional;

/**
 * How long a prompt-cache entry written at a breakpoint lasts ({@code cache_control.ttl}). The two lengths are priced
 * apart: an hour's entry costs more to write than five minutes'.
 */
public enum CacheTtl {
    FIVE_MINUTES("5m", Duration.ofMinutes(5)),
    ONE_HOUR("1h", Duration.ofHours(1));

    private final String wireName;
    private final Duration lifetime;

    CacheTtl(String wireName, Duration lifetime) {
        this.wireName = wireName;
        this.lifetime = lifetime;
    }

    /** The value of {@code cache_control.ttl} on Anthropic's and Bedrock's wires. */
    public String wireName() {
        return wireName;
    }

    public Duration lifetime() {
        return lifetime;
    }

    public static Optional<CacheTtl> ofWireName(String name) {
        for (CacheTtl ttl : values()) {
            if (ttl.wireName.equals(name)) {
                return Optional.of(ttl);
            }
        }
        return Optional.empty();
    }
}
