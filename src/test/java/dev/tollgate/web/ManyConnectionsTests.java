package dev.tollgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.support.IntegrationTest;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.apache.coyote.ProtocolHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** Thousands of clients connected at once: streams held open, what each keeps, and bursts of new connections. */
@IntegrationTest
class ManyConnectionsTests {

    @Autowired
    WebServerApplicationContext context;

    @Test
    void theServerKeepsAProcessorPerOpenConnectionAndAcceptsABurstOfConnections() {
        ProtocolHandler handler = ((TomcatWebServer) context.getWebServer())
                .getTomcat()
                .getConnector()
                .getProtocolHandler();
        AbstractProtocol<?> protocol = (AbstractProtocol<?>) handler;

        assertThat(protocol.getProcessorCache())
                .as("processors kept between a keep-alive connection's requests")
                .isGreaterThanOrEqualTo(5_000);
        assertThat(protocol.getAcceptCount())
                .as("connections that may wait to be accepted")
                .isGreaterThanOrEqualTo(4_096);
    }

    @Test
    void eachOpenConnectionKeepsAReadBufferOfFourKilobytes() {
        Connector connector =
                ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();

        assertThat(List.of(
                        connector.getProperty("socket.appReadBufSize"),
                        connector.getProperty("socket.appWriteBufSize")))
                .as("the socket's read buffer (Tomcat's own: 8 KB) and its write buffer, left at 8 KB")
                .containsExactly("4096", "8192");
    }

    @Test
    void requestIdsMadeOnManyThreadsAtOnceAreAllDifferent() throws InterruptedException {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int thread = 0; thread < 64; thread++) {
                threads.submit(() -> {
                    for (int i = 0; i < 1_000; i++) {
                        ids.add(RequestIds.next());
                    }
                });
            }
        }

        assertThat(ids).hasSize(64_000).allMatch(id -> id.matches("req_[0-9a-f]{24}"));
    }
}
