package dev.tollgate.provider.channel;

import java.util.Objects;
import org.springframework.modulith.NamedInterface;

/** What a routed call produced, and the channel that produced it (for usage rows and follow-up calls). */
@NamedInterface("channel")
public record Routed<T>(String channel, T value) {

    public Routed {
        Objects.requireNonNull(channel);
        Objects.requireNonNull(value);
    }
}
