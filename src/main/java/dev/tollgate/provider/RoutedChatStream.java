package dev.tollgate.provider;

import dev.tollgate.catalog.TokenCounts;

/** A reply stream and the channel it comes from. */
public final class RoutedChatStream implements ChatStream {

    private final String channel;
    private final ChatStream stream;

    public RoutedChatStream(String channel, ChatStream stream) {
        this.channel = channel;
        this.stream = stream;
    }

    /** The channel's name as usage rows record it. */
    public String channel() {
        return channel;
    }

    @Override
    public boolean hasNext() {
        return stream.hasNext();
    }

    @Override
    public boolean nextEventReady() {
        return stream.nextEventReady();
    }

    @Override
    public ChatEvent next() {
        return stream.next();
    }

    @Override
    public TokenCounts usageSoFar() {
        return stream.usageSoFar();
    }

    @Override
    public void close() {
        stream.close();
    }
}
