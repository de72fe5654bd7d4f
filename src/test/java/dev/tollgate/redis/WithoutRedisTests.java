package dev.tollgate.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** With no {@code tollgate.redis.url}, as in every other test, the application never reaches for Redis. */
@IntegrationTest
class WithoutRedisTests {

    @Autowired
    ApplicationContext context;

    @Test
    void noRedisUrlMeansNoConnectionAndNoClient() {
        assertThat(context.getBeanProvider(SharedRedis.class).getIfAvailable())
                .as("no Redis connection bean")
                .isNull();
        assertThat(Thread.getAllStackTraces().keySet())
                .as("no Lettuce client started its threads")
                .noneMatch(thread -> thread.getName().startsWith("lettuce-"));
    }
}
