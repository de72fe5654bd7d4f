package dev.tollgate.provider;

/** An upstream that can answer chat requests. */
public interface ChatProvider {

    /**
     * Starts a reply. Failures before any output (unreachable upstream, refusal) are thrown as {@link UpstreamException}
     * from here or from the first {@code next()}; after output has begun they end the stream with the same exception.
     */
    ChatStream open(ChatRequest request);

    /** The channel's name as usage rows record it. */
    default String channelName() {
        return getClass().getSimpleName();
    }
}
