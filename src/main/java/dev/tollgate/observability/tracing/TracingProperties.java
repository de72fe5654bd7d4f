package dev.tollgate.observability.tracing;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where traces go ({@code tollgate.tracing.*}).
 *
 * @param otlpEndpoint the OTLP/HTTP collector's base address (e.g. {@code http://collector:4318}), to which
 *     {@code /v1/traces} is added, or the full traces address; unset, no traces are made
 * @param serviceName the {@code service.name} spans are exported under
 */
@ConfigurationProperties("tollgate.tracing")
public record TracingProperties(
        @Nullable String otlpEndpoint,
        @DefaultValue("tollgate") String serviceName) {

    static final String TRACES_PATH = "/v1/traces";

    /** The address spans are posted to. */
    String tracesUrl() {
        String base = otlpEndpoint == null ? "" : otlpEndpoint.strip();
        if (base.endsWith(TRACES_PATH)) {
            return base;
        }
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + TRACES_PATH;
    }
}
