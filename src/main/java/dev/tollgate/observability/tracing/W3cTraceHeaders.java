package dev.tollgate.observability.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A span context as W3C trace-context headers and back, by the API's propagator. */
final class W3cTraceHeaders {

    static final String TRACEPARENT = "traceparent";

    private static final TextMapGetter<String> ONE_TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String traceparent) {
            return List.of(TRACEPARENT);
        }

        @Override
        public @Nullable String get(@Nullable String traceparent, String name) {
            return name.equals(TRACEPARENT) ? traceparent : null;
        }
    };

    private W3cTraceHeaders() {}

    /** {@code traceparent} and, when the context has any, {@code tracestate}. */
    static Map<String, String> of(SpanContext context) {
        Map<String, String> headers = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance()
                .inject(Context.root().with(Span.wrap(context)), headers, (carrier, name, value) -> {
                    if (carrier != null) {
                        carrier.put(name, value);
                    }
                });
        return Map.copyOf(headers);
    }

    /** The context a {@code traceparent} names; invalid for none or one that does not parse. */
    static SpanContext read(@Nullable String traceparent) {
        if (traceparent == null) {
            return SpanContext.getInvalid();
        }
        Context read = W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, ONE_TRACEPARENT);
        return Span.fromContext(read).getSpanContext();
    }
}
