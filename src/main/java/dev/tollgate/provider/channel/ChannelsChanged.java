package dev.tollgate.provider.channel;

/** Channels were added, changed or removed on this instance; routing reloads them. */
record ChannelsChanged() {}
