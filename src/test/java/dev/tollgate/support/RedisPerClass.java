package dev.tollgate.support;

import dev.tollgate.redis.SharedRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code redis-server} for one test class ({@code @RegisterExtension static}), and the replicas' connections
 * to it, each closed after the test that opened it.
 */
public final class RedisPerClass implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private RedisServer server;
    private final List<SharedRedis> replicas = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        server = RedisServer.start();
    }

    /** A replica's connection, as the application makes it, closed after this test. */
    public SharedRedis replica() {
        SharedRedis replica = SharedRedis.connect(server.url(), Duration.ofSeconds(1));
        replicas.add(replica);
        return replica;
    }

    public String url() {
        return server.url();
    }

    public String command(String... words) {
        return server.command(words);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        replicas.forEach(SharedRedis::close);
        replicas.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }
}
