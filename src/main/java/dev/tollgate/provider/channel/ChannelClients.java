package dev.tollgate.provider.channel;

import dev.tollgate.provider.ChatProvider;
import dev.tollgate.provider.ImageProvider;
import dev.tollgate.provider.VideoProvider;
import org.jspecify.annotations.Nullable;

/** One channel's adapter for each kind of model its kind serves, and what to close when the channel goes. */
public record ChannelClients(
        @Nullable ChatProvider chat,
        @Nullable ImageProvider images,
        @Nullable VideoProvider videos,
        AutoCloseable resources) {}
