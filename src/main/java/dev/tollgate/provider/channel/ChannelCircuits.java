package dev.tollgate.provider.channel;

import java.util.Map;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;

/** The circuit breakers of this instance's channels, read from memory, for monitoring. */
@Component
@NamedInterface("channel")
public class ChannelCircuits {

    private final ChannelDirectory directory;

    ChannelCircuits(ChannelDirectory directory) {
        this.directory = directory;
    }

    /** Each channel's circuit by the channel's name, disabled channels included. */
    public Map<String, ChannelHealth.Circuit> byChannel() {
        return directory.circuits();
    }
}
