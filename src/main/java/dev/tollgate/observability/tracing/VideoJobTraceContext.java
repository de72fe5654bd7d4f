package dev.tollgate.observability.tracing;

import dev.tollgate.video.VideoTraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import org.jspecify.annotations.Nullable;

/**
 * The caller's trace context, kept with a video job as its {@code traceparent} and made current again for the worker
 * that takes the job, so the job's upstream requests carry it whether or not the gateway traces.
 */
final class VideoJobTraceContext implements VideoTraceContext {

    @Override
    public @Nullable String current() {
        SpanContext caller = Span.current().getSpanContext();
        return caller.isValid() ? W3cTraceHeaders.of(caller).get(W3cTraceHeaders.TRACEPARENT) : null;
    }

    @Override
    public VideoTraceContext.Scope open(@Nullable String traceparent) {
        SpanContext kept = W3cTraceHeaders.read(traceparent);
        if (!kept.isValid()) {
            return () -> {};
        }
        io.opentelemetry.context.Scope opened =
                Context.root().with(Span.wrap(kept)).makeCurrent();
        return opened::close;
    }
}
