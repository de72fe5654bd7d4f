package dev.tollgate.provider.http;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Headers every request of one upstream attempt carries, whichever adapter sends it: the W3C trace context that places
 * the attempt in its call's trace. Bound for the attempt's extent on the thread that makes it (a scoped value, so a
 * virtual thread's binding ends with the attempt and nothing is left for the next call).
 */
public final class AttemptHeaders {

    private static final ScopedValue<Map<String, String>> CURRENT = ScopedValue.newInstance();

    private AttemptHeaders() {}

    /** Runs {@code attempt} with {@code headers} on each request it sends through {@link UpstreamHttp}. */
    public static <T> T during(Map<String, String> headers, Supplier<T> attempt) {
        if (headers.isEmpty()) {
            return attempt.get();
        }
        return ScopedValue.where(CURRENT, headers).call(attempt::get);
    }

    /** The headers of the attempt running on this thread; none outside one. */
    static Map<String, String> current() {
        return CURRENT.orElse(Map.of());
    }
}
