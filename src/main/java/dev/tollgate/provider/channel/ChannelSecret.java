package dev.tollgate.provider.channel;

import java.util.Objects;

/**
 * A channel's credential in clear, held in memory only while the channel is in use. It never prints: logs, error
 * messages and debuggers showing {@code toString} see a mask.
 */
public record ChannelSecret(String value) {

    public ChannelSecret {
        Objects.requireNonNull(value);
        if (value.isBlank()) {
            throw new IllegalArgumentException("A secret is not blank");
        }
    }

    @Override
    public String toString() {
        return "ChannelSecret[******]";
    }
}
