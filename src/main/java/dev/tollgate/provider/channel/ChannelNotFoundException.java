package dev.tollgate.provider.channel;

import org.springframework.modulith.NamedInterface;

/** No channel has the id asked for (it may have been deleted meanwhile). */
@NamedInterface("channel")
public class ChannelNotFoundException extends RuntimeException {

    public ChannelNotFoundException(String id) {
        super("No channel has the id '" + id + "'");
    }
}
