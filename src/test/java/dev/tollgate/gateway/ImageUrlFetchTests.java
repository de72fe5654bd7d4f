package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestImages;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Edits that name their image by URL, end to end, with every server on loopback: the gateway refuses loopback and
 * other internal targets (also when a permitted server redirects to one), and a trap server sees no connection. One
 * loopback server is explicitly permitted by configuration, as an operator would permit an internal image host.
 */
@IntegrationTest
class ImageUrlFetchTests {

    private static final String MODEL = "enterprise/image-2";
    private static final AtomicInteger trapConnections = new AtomicInteger();
    private static final ServerSocket trap = trap();
    private static final HttpServer permitted = permitted();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private String team;
    private String key;

    @DynamicPropertySource
    static void permitOneLoopbackServer(DynamicPropertyRegistry registry) {
        registry.add(
                "tollgate.fetch.allowed-endpoints",
                () -> "127.0.0.1:" + permitted.getAddress().getPort());
    }

    @AfterAll
    static void stopServers() throws IOException {
        permitted.stop(0);
        trap.close();
    }

    private FundedTeam funded;

    @BeforeEach
    void fundedTeam() {
        funded = FundedTeam.create(port, "Fetch", "5.00");
        team = funded.id();
        key = funded.key();
    }

    @Test
    void loopbackAndNonHttpUrlsAreRefusedAndTheTrapSeesNoConnection() throws Exception {
        int trapPort = trap.getLocalPort();
        List<String> targets = List.of(
                "http://127.0.0.1:" + trapPort + "/cat.png",
                "http://[::1]:" + trapPort + "/cat.png",
                "http://localhost:" + trapPort + "/cat.png",
                "http://0.0.0.0:" + trapPort + "/cat.png",
                "http://2130706433:" + trapPort + "/cat.png",
                "file:///etc/passwd",
                "ftp://127.0.0.1:" + trapPort + "/cat.png");

        for (String target : targets) {
            HttpResponse<String> response = edit(target);
            assertThat(response.statusCode()).as(target).isEqualTo(400);
            assertThat(response.body()).as(target).contains("\"param\":\"image\"");
        }

        assertThat(trapConnections).as("no request reached the trap").hasValue(0);
        assertThat(balance()).as("refused edits cost nothing").isEqualByComparingTo("5.00");
    }

    @Test
    void aPermittedServerThatRedirectsToAnotherLoopbackPortIsRefused() throws Exception {
        HttpResponse<String> response = edit(permittedUrl("/redirect-to-trap"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(trapConnections).as("the redirect was not followed").hasValue(0);
    }

    @Test
    void anImageFromAPermittedServerIsFetchedAndEdited() throws Exception {
        HttpResponse<String> response = edit(permittedUrl("/cat.png"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("/media/");
        assertThat(balance()).isEqualByComparingTo("4.84");
    }

    @Test
    void aUrlThatDoesNotServeAnImageIsA400() throws Exception {
        HttpResponse<String> response = edit(permittedUrl("/not-an-image"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("PNG, JPEG or WebP");
    }

    private HttpResponse<String> edit(String imageUrl) throws IOException, InterruptedException {
        String body = "{\"model\":\"" + MODEL + "\",\"prompt\":\"Add a hat\",\"image\":\"" + imageUrl + "\"}";
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/images/edits"))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String permittedUrl(String path) {
        return "http://127.0.0.1:" + permitted.getAddress().getPort() + path;
    }

    private BigDecimal balance() {
        return funded.balance(jdbc);
    }

    /** A bare socket that counts every connection made to it, on both loopback addresses where possible. */
    private static ServerSocket trap() {
        try {
            ServerSocket socket = new ServerSocket(0, 50, null);
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try (Socket accepted = socket.accept()) {
                        trapConnections.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            return socket;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer permitted() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/cat.png", exchange -> {
                byte[] png = TestImages.png(48, 32);
                exchange.getResponseHeaders().add("Content-Type", "image/png");
                exchange.sendResponseHeaders(200, png.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(png);
                }
            });
            server.createContext("/redirect-to-trap", exchange -> {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + trap.getLocalPort() + "/cat.png");
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
            });
            server.createContext("/not-an-image", exchange -> {
                byte[] text = "hello, not an image".getBytes();
                exchange.getResponseHeaders().add("Content-Type", "image/png");
                exchange.sendResponseHeaders(200, text.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(text);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
