package dev.tollgate.observability.tracing;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.trace.IdGenerator;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The tracer's ids: random, as the SDK's own, except for a span started through {@link #startAs}, which takes the ids
 * an upstream was already told. Spans are made once a call has ended, but its attempts' {@code traceparent} went out
 * while it ran; this is how the exported spans and the ones the upstream names as parents agree.
 */
final class AttemptSpanIds implements IdGenerator {

    private static final IdGenerator RANDOM = IdGenerator.random();

    /** The ids the next span started on this thread takes, set only for the extent of {@link #startAs}. */
    private final ThreadLocal<@Nullable SpanContext> next = new ThreadLocal<>();

    String newTraceId() {
        return RANDOM.generateTraceId();
    }

    String newSpanId() {
        return RANDOM.generateSpanId();
    }

    /** Ids in the trace of {@code sent} for a span of their own: a random span id. */
    SpanContext inTraceOf(SpanContext sent) {
        return sent.isValid()
                ? SpanContext.create(sent.getTraceId(), newSpanId(), TraceFlags.getSampled(), TraceState.getDefault())
                : sent;
    }

    /**
     * Starts a span with the ids of {@code sent} (its span id, and its trace id when the span has no parent to take
     * one from); with none, as any other span.
     */
    <T> T startAs(@Nullable SpanContext sent, Supplier<T> start) {
        if (sent == null || !sent.isValid()) {
            return start.get();
        }
        next.set(sent);
        try {
            return start.get();
        } finally {
            next.remove();
        }
    }

    @Override
    public String generateSpanId() {
        SpanContext sent = next.get();
        return sent == null ? RANDOM.generateSpanId() : sent.getSpanId();
    }

    @Override
    public String generateTraceId() {
        SpanContext sent = next.get();
        return sent == null ? RANDOM.generateTraceId() : sent.getTraceId();
    }
}
