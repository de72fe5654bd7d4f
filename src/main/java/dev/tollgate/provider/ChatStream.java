package dev.tollgate.provider;

import java.util.Iterator;

/**
 * A reply being generated, pulled event by event. Closing it early (the client went away) stops the upstream;
 * {@link #usageSoFar()} then tells what was generated and must be paid for.
 */
public interface ChatStream extends Iterator<ChatEvent>, AutoCloseable {

    /** Usage up to now: the prompt and the output tokens already produced. */
    dev.tollgate.catalog.TokenCounts usageSoFar();

    /**
     * Whether {@link #hasNext()} would answer without waiting for the upstream, because the next event (or the
     * failure) has already arrived. The reader then writes it out together with the event in hand instead of sending
     * each on its own. False when the stream cannot tell: every event is then sent on its own, which is never late.
     * May read what has arrived, and fails as {@code hasNext()} would.
     */
    default boolean nextEventReady() {
        return false;
    }

    @Override
    void close();
}
