package dev.tollgate.provider.channel;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code tollgate.channels}: upstream channels defined in configuration, kept in step with it at every start. */
@ConfigurationProperties("tollgate")
record ChannelsProperties(@Nullable List<ConfiguredChannel> channels) {

    List<ConfiguredChannel> configured() {
        return channels == null ? List.of() : channels;
    }
}
