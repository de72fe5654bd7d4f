package dev.tollgate.observability;

import dev.tollgate.web.BearerToken;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may scrape the metrics, and how fresh the figures read from the database are ({@code tollgate.metrics.*}).
 *
 * @param token the bearer token {@code /actuator/prometheus} asks for; unset, the endpoint refuses everyone
 * @param databaseReadingAge how long a figure read from the database (video queue, webhook backlog) is served again
 *     before it is read anew, so frequent scrapes of many replicas cost the database little
 */
@ConfigurationProperties("tollgate.metrics")
public record MetricsProperties(
        @Nullable String token, @DefaultValue("5s") Duration databaseReadingAge) {

    public MetricsProperties {
        token = token == null || token.isBlank() ? null : token.strip();
        if (databaseReadingAge.isNegative()) {
            throw new IllegalArgumentException("tollgate.metrics.database-reading-age is not negative");
        }
    }

    boolean enabled() {
        return token != null;
    }

    /** The token as scrapers present it, or null while metrics are disabled. */
    @Nullable
    BearerToken bearerToken() {
        return token == null ? null : new BearerToken(token);
    }
}
