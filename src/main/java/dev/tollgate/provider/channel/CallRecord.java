package dev.tollgate.provider.channel;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One call to a channel, as its health remembers it. */
record CallRecord(
        Instant at,
        boolean failed,
        Duration latency,
        @Nullable String error) {}
