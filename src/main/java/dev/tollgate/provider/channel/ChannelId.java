package dev.tollgate.provider.channel;

import java.util.Objects;
import java.util.UUID;
import org.springframework.modulith.NamedInterface;

@NamedInterface("channel")
public record ChannelId(UUID value) {

    public ChannelId {
        Objects.requireNonNull(value);
    }

    /** What the channel's sealed secret is bound to: a sealed value copied to another channel's row does not open. */
    String secretOwner() {
        return "channel:" + value;
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
