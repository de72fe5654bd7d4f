package dev.tollgate.redis;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Redis is ({@code tollgate.redis.*}).
 *
 * @param url {@code redis://[user:password@]host:port[/database]} (or {@code rediss://} for TLS); blank, no Redis
 * @param timeout how long a command may take before the caller goes on without it
 */
@ConfigurationProperties("tollgate.redis")
record RedisProperties(
        @Nullable String url, @DefaultValue("500ms") Duration timeout) {

    RedisProperties {
        if (!timeout.isPositive()) {
            throw new IllegalArgumentException("tollgate.redis.timeout must be positive");
        }
    }
}
