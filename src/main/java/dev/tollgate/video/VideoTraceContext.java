package dev.tollgate.video;

import org.jspecify.annotations.Nullable;

/**
 * The W3C trace context a video job keeps from the request that queued it and works in later, on whichever worker
 * takes it. Implemented where tracing is; without an implementation jobs keep none.
 */
public interface VideoTraceContext {

    /** The current request's {@code traceparent}, to keep with a job; null when it has none. */
    @Nullable
    String current();

    /** Makes a kept {@code traceparent} current on this thread until the scope is closed; none does nothing. */
    Scope open(@Nullable String traceparent);

    /** The extent of an opened context. */
    @FunctionalInterface
    interface Scope extends AutoCloseable {

        @Override
        void close();
    }
}
