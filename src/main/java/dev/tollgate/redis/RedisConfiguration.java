package dev.tollgate.redis;

import java.util.Objects;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** Connects to Redis only when it is configured; other modules take the {@link SharedRedis} bean as optional. */
@Configuration(proxyBeanMethods = false)
@Conditional(RedisConfigured.class)
@EnableConfigurationProperties(RedisProperties.class)
class RedisConfiguration {

    @Bean(destroyMethod = "close")
    SharedRedis sharedRedis(RedisProperties properties) {
        return SharedRedis.connect(Objects.requireNonNull(properties.url()), properties.timeout());
    }
}
