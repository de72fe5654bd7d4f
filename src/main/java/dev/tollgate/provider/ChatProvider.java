package dev.tollgate.provider;

/** An upstream that can answer chat requests. */
public interface ChatProvider {

    /**
     * Starts a reply. Failures before any output (unreachable upstream, refusal) are thrown as {@link UpstreamException}
     * from here or from the first {@code next()}; after output has begun they end the stream with the same exception.
     */
    ChatStream open(ChatRequest request);

    /**
     * Checks, before any credit is held or anything is sent, that this channel can honour what the request carries
     * beyond the canonical fields ({@link ChatRequest#extras()}). A channel that cannot ignore them without changing the
     * reply overrides this; the default accepts everything, as a stand-in that honours none of them does.
     *
     * @throws UnsupportedFieldException naming the first field the channel cannot honour
     */
    default void admit(ChatRequest request) {}

    /** The channel's name as usage rows record it. */
    default String channelName() {
        return getClass().getSimpleName();
    }
}
