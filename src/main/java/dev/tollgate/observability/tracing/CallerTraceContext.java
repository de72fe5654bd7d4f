package dev.tollgate.observability.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Continues the caller's trace: a request carrying a W3C {@code traceparent} (and {@code tracestate}) runs with that
 * context current, so the span of the model call it makes, started on the request's thread, is a child of the
 * caller's span in the caller's trace. A request without one, or with one that does not parse, starts a trace of its
 * own, as before.
 */
final class CallerTraceContext extends OncePerRequestFilter {

    private static final TextMapGetter<HttpServletRequest> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpServletRequest request) {
            return Collections.list(request.getHeaderNames());
        }

        @Override
        public @Nullable String get(@Nullable HttpServletRequest request, String name) {
            return request == null ? null : request.getHeader(name);
        }
    };

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getHeader("traceparent") == null) {
            chain.doFilter(request, response);
            return;
        }
        Context caller = W3CTraceContextPropagator.getInstance().extract(Context.root(), request, HEADERS);
        if (!Span.fromContext(caller).getSpanContext().isValid()) {
            chain.doFilter(request, response);
            return;
        }
        try (Scope ignored = caller.makeCurrent()) {
            chain.doFilter(request, response);
        }
    }
}
