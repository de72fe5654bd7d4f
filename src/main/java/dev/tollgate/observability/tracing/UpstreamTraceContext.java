package dev.tollgate.observability.tracing;

import dev.tollgate.catalog.ModelKind;
import dev.tollgate.provider.channel.AttemptTraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The W3C trace context an upstream attempt carries. With tracing on, each attempt of a chat or image call is told the
 * span it will be exported as (a child of the call's span, in the caller's trace or the call's own), so an upstream
 * that traces puts its spans beneath it; {@link AttemptSpanIds} gives those spans the ids sent. With tracing off, or
 * for a video job (whose attempts make no span), a caller's context goes on unchanged, as a hop that does not trace
 * passes it, and a call without one sends none.
 */
final class UpstreamTraceContext implements AttemptTraceContext {

    private static final RoutedCall UNTRACED = Map::of;

    private final @Nullable AttemptSpanIds ids;

    /** {@code ids} null when tracing is off. */
    UpstreamTraceContext(@Nullable AttemptSpanIds ids) {
        this.ids = ids;
    }

    @Override
    public RoutedCall route(ModelKind kind) {
        SpanContext caller = Span.current().getSpanContext();
        if (ids == null || kind == ModelKind.VIDEO) {
            if (!caller.isValid()) {
                return UNTRACED;
            }
            Map<String, String> passedOn = W3cTraceHeaders.of(caller);
            return () -> passedOn;
        }
        // every attempt of one call is in one trace: the caller's, or the one the call's span will start
        String traceId = caller.isValid() ? caller.getTraceId() : ids.newTraceId();
        return () -> W3cTraceHeaders.of(
                SpanContext.create(traceId, ids.newSpanId(), TraceFlags.getSampled(), caller.getTraceState()));
    }
}
