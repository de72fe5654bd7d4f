package dev.tollgate.provider;

import java.util.Iterator;

/**
 * A reply being generated, pulled event by event. Closing it early (the client went away) stops the upstream;
 * {@link #usageSoFar()} then tells what was generated and must be paid for.
 */
public interface ChatStream extends Iterator<ChatEvent>, AutoCloseable {

    /** Usage up to now: the prompt and the output tokens already produced. */
    dev.tollgate.catalog.TokenCounts usageSoFar();

    @Override
    void close();
}
