package dev.tollgate.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.PortalVisitor;
import dev.tollgate.support.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With {@code tollgate.redis.url} set, the application connects once and the modules that share state use it. The
 * context is closed after the class, before its Redis stops, so it does not try to reconnect for the rest of the run.
 */
@IntegrationTest
@DirtiesContext
class WithRedisTests {

    static RedisServer redis;

    @DynamicPropertySource
    static void redisUrl(DynamicPropertyRegistry registry) {
        redis = RedisServer.start();
        registry.add("tollgate.redis.url", redis::url);
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Autowired
    SharedRedis shared;

    @LocalServerPort
    int port;

    @Test
    void theApplicationConnectsOnceAndSubscribesToChannelCooldowns() {
        assertThat(shared.commands().sync().ping()).isEqualTo("PONG");
        assertThat(redis.command("PUBSUB", "NUMSUB", "tollgate:channel-cooldowns"))
                .as("one replica listening for cooldowns")
                .endsWith(":1\r\n");
        assertThat(redis.command("CLIENT", "LIST").lines().filter(line -> line.contains("addr=")))
                .as("one command and one subscription connection, the test's own one-off connection aside")
                .hasSize(3);
    }

    @Test
    void aFailedPortalSignInIsCountedInRedisUnderDigests() {
        PortalVisitor visitor = PortalVisitor.fromNewAddress(port);
        assertThat(redis.command("KEYS", "tollgate:sign-in:*"))
                .as("no sign-in yet")
                .isEqualTo("*0\r\n");

        visitor.signIn("nobody-here@example.com", "wrong-password");

        assertThat(redis.command("KEYS", "tollgate:sign-in:*"))
                .as("the email's and the address's allowances, shared with every replica")
                .contains("tollgate:sign-in:email:", "tollgate:sign-in:address:")
                .doesNotContain("nobody-here", visitor.address());
    }
}
