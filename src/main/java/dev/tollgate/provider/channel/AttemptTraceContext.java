package dev.tollgate.provider.channel;

import dev.tollgate.catalog.ModelKind;
import java.util.Map;
import org.springframework.modulith.NamedInterface;

/**
 * The W3C trace context ({@code traceparent}, {@code tracestate}) an upstream attempt's requests carry, so an upstream
 * that traces joins the call's trace. Asked for on the thread that routes the call, before its first attempt; what the
 * attempt sent is repeated in its {@link UpstreamAttempted}.
 */
@NamedInterface("channel")
public interface AttemptTraceContext {

    /** The context of one routed call. */
    RoutedCall route(ModelKind kind);

    /** One call's attempts, each asked for its headers as it begins. */
    @FunctionalInterface
    interface RoutedCall {

        /** The headers of the next attempt; empty for none. */
        Map<String, String> nextAttempt();
    }
}
