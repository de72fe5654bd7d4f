package dev.tollgate.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fetcher against servers on loopback ports: one the configuration allows, serving content, redirects and
 * failures, and a trap that no fetch may reach. Nothing leaves the machine.
 */
class SafeUrlFetcherTests {

    private static final byte[] IMAGE = "\u0089PNG pretend image bytes".getBytes(StandardCharsets.ISO_8859_1);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private HttpServer allowed;
    private TrapServer trap;
    private SafeUrlFetcher fetcher;

    @BeforeEach
    void startServers() throws IOException {
        trap = new TrapServer(InetAddress.ofLiteral("127.0.0.1"));
        allowed = HttpServer.create(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0), 0);
        allowed.setExecutor(handlers);
        allowed.createContext("/image", exchange -> send(exchange, 200, "image/png", IMAGE));
        allowed.createContext("/relative", redirect("image"));
        allowed.createContext("/loop", redirect("/loop"));
        allowed.createContext("/to-trap", redirect("http://127.0.0.1:" + trap.port() + "/"));
        allowed.createContext("/to-localhost", redirect("http://localhost:" + port() + "/image"));
        allowed.createContext("/missing", exchange -> send(exchange, 404, "text/plain", "gone".getBytes()));
        allowed.createContext("/large", exchange -> send(exchange, 200, "image/png", new byte[2048]));
        allowed.createContext("/endless", SafeUrlFetcherTests::sendEndlessly);
        allowed.createContext("/stall", exchange -> pause(Duration.ofSeconds(30)));
        allowed.createContext("/trickle", SafeUrlFetcherTests::trickle);
        allowed.createContext("/echo", SafeUrlFetcherTests::echo);
        allowed.start();
        fetcher = new SafeUrlFetcher(
                FetchProperties.defaults()
                        .withAllowedEndpoints("127.0.0.1:" + port())
                        .withTimeout(TIMEOUT),
                HostResolver.system());
    }

    @AfterEach
    void stopServers() throws IOException {
        fetcher.close();
        allowed.stop(0);
        handlers.shutdownNow();
        trap.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:%d/",
                "http://localhost:%d/",
                "http://LOCALHOST:%d/",
                "http://0.0.0.0:%d/",
                "http://0:%d/",
                "http://2130706433:%d/",
                "http://0177.0.0.1:%d/",
                "http://0x7f000001:%d/",
                "http://[::ffff:127.0.0.1]:%d/",
                "https://127.0.0.1:%d/"
            })
    void refusesLoopbackHostsWithoutConnecting(String template) {
        URI url = URI.create(template.formatted(trap.port()));

        assertThatThrownBy(() -> fetcher.fetch(url))
                .isInstanceOf(FetchRefusedException.class)
                .hasMessageMatching(
                        "The URL's host resolves to an? (loopback|unspecified) address, which is not allowed");
        assertThat(trap.connections()).as("connections that reached the trap").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://0x7f.1:%d/", "http://127.1:%d/", "http://0x7f.0.0.1:%d/"})
    void refusesShortIpv4FormsThatJavaUrisHaveNoHostFor(String template) {
        URI url = URI.create(template.formatted(trap.port()));

        assertThatThrownBy(() -> fetcher.fetch(url))
                .isInstanceOf(FetchRefusedException.class)
                .hasMessage("The URL has no valid host");
        assertThat(trap.connections()).as("connections that reached the trap").isZero();
    }

    @Test
    void refusesIpv6LoopbackWithoutConnecting() throws IOException {
        TrapServer ipv6Trap;
        try {
            ipv6Trap = new TrapServer(InetAddress.ofLiteral("::1"));
        } catch (IOException e) {
            assumeTrue(false, "IPv6 loopback is not available here");
            return;
        }
        try (ipv6Trap) {
            URI url = URI.create("http://[::1]:" + ipv6Trap.port() + "/");

            assertThatThrownBy(() -> fetcher.fetch(url))
                    .isInstanceOf(FetchRefusedException.class)
                    .hasMessage("The URL's host resolves to a loopback address, which is not allowed");
            assertThat(ipv6Trap.connections())
                    .as("connections that reached the trap")
                    .isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "file:/etc/passwd",
                "file:///etc/passwd",
                "ftp://127.0.0.1:%d/",
                "gopher://127.0.0.1:%d/_GET",
                "jar:http://127.0.0.1:%d/x.jar!/",
                "//127.0.0.1:%d/",
                "/image",
                "http:image"
            })
    void refusesWhatIsNotAnAbsoluteHttpUrl(String template) {
        URI url = URI.create(template.formatted(trap.port()));

        assertThatThrownBy(() -> fetcher.fetch(url))
                .isInstanceOf(FetchRefusedException.class)
                .hasMessageStartingWith("The URL");
        assertThat(trap.connections()).as("connections that reached the trap").isZero();
    }

    @Test
    void trapCountsAConnectionOnceItsEndpointIsAllowed() throws IOException {
        // the check the other tests rely on: a fetch that did connect would show up here
        try (var trusting = new SafeUrlFetcher(
                FetchProperties.defaults().withAllowedEndpoints("127.0.0.1:" + trap.port()), HostResolver.system())) {
            URI url = URI.create("http://127.0.0.1:" + trap.port() + "/");

            assertThatThrownBy(() -> trusting.fetch(url)).isInstanceOf(FetchFailedException.class);
            assertThat(trap.connections())
                    .as("connections that reached the trap")
                    .isEqualTo(1);
        }
    }

    @Test
    void refusesCredentialsEvenForAnAllowedEndpoint() {
        URI url = URI.create("http://user:secret@127.0.0.1:" + port() + "/image");

        assertThatThrownBy(() -> fetcher.fetch(url))
                .isInstanceOf(FetchRefusedException.class)
                .hasMessage("The URL must not carry credentials");
    }

    @Test
    void fetchesFromAnAllowedEndpoint() {
        FetchedContent content = fetcher.fetch(allowedUrl("/image"));

        assertThat(content.bytes()).isEqualTo(IMAGE);
        assertThat(content.contentType()).isEqualTo("image/png");
        assertThat(content.finalUrl()).isEqualTo(allowedUrl("/image"));
    }

    @Test
    void followsARelativeRedirect() {
        FetchedContent content = fetcher.fetch(allowedUrl("/relative"));

        assertThat(content.bytes()).isEqualTo(IMAGE);
        assertThat(content.finalUrl()).isEqualTo(allowedUrl("/image"));
    }

    @Test
    void refusesARedirectFromAnAllowedEndpointToAnotherLoopbackPort() {
        assertThatThrownBy(() -> fetcher.fetch(allowedUrl("/to-trap")))
                .isInstanceOf(FetchRefusedException.class)
                .hasMessage("The redirect target's host resolves to a loopback address, which is not allowed");
        assertThat(trap.connections()).as("connections that reached the trap").isZero();
    }

    @Test
    void matchesAllowedEndpointsAsWrittenSoAnotherNameForThemIsChecked() {
        assertThatThrownBy(() -> fetcher.fetch(allowedUrl("/to-localhost")))
                .isInstanceOf(FetchRefusedException.class)
                .hasMessageContaining("loopback");
    }

    @Test
    void refusesMoreRedirectsThanConfigured() {
        assertThatThrownBy(() -> fetcher.fetch(allowedUrl("/loop")))
                .isInstanceOf(FetchRefusedException.class)
                .hasMessage("The URL redirects more than 3 times, which is not allowed");
    }

    @Test
    void refusesContentLargerThanTheCapByItsDeclaredLength() {
        assertThatThrownBy(() -> fetcher.fetch(allowedUrl("/large"), 1024))
                .isInstanceOf(FetchRefusedException.class)
                .hasMessage("The URL's content is larger than 1024 bytes, which is not allowed");
    }

    @Test
    void stopsReadingContentWithoutALengthAtTheCap() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> fetcher.fetch(allowedUrl("/endless"), 100_000))
                .isInstanceOf(FetchRefusedException.class)
                .hasMessage("The URL's content is larger than 100000 bytes, which is not allowed");
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("refused as soon as the cap is passed, not at the time-out")
                .isLessThan(TIMEOUT);
    }

    @Test
    void acceptsContentOfExactlyTheCap() {
        assertThat(fetcher.fetch(allowedUrl("/image"), IMAGE.length).bytes()).isEqualTo(IMAGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/stall", "/trickle"})
    void givesUpWhenTheWholeFetchTakesLongerThanTheTimeout(String path) {
        long start = System.nanoTime();

        assertThatThrownBy(() -> fetcher.fetch(allowedUrl(path)))
                .isInstanceOf(FetchFailedException.class)
                .hasMessage("The URL took longer than 2s to fetch");
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("time until the fetch gave up")
                .isBetween(TIMEOUT.minusMillis(200), TIMEOUT.plusSeconds(1));
    }

    @Test
    void reportsTheStatusOfAnUnsuccessfulAnswer() {
        assertThatThrownBy(() -> fetcher.fetch(allowedUrl("/missing")))
                .isInstanceOfSatisfying(
                        FetchFailedException.class, e -> assertThat(e.status()).hasValue(404))
                .hasMessage("The URL answered with HTTP status 404");
    }

    @Test
    void postsTheBodyAndHeadersToAnAllowedEndpoint() {
        byte[] body = "{\"hello\":1}".getBytes(StandardCharsets.UTF_8);

        FetchedContent answer =
                fetcher.post(allowedUrl("/echo"), body, "application/json", Map.of("X-Signature", "sha256=ab"), 4096);

        assertThat(new String(answer.bytes(), StandardCharsets.UTF_8))
                .as("what the server received")
                .isEqualTo("POST application/json sha256=ab {\"hello\":1}");
    }

    @Test
    void refusesToPostToLoopbackWithoutConnecting() {
        URI url = URI.create("http://127.0.0.1:" + trap.port() + "/hook");

        assertThatThrownBy(() -> fetcher.post(url, new byte[1], "application/json", Map.of(), 1024))
                .isInstanceOf(FetchRefusedException.class)
                .hasMessage("The URL's host resolves to a loopback address, which is not allowed");
        assertThat(trap.connections()).as("connections that reached the trap").isZero();
    }

    @Test
    void doesNotFollowARedirectWithAPost() {
        assertThatThrownBy(() -> fetcher.post(allowedUrl("/relative"), new byte[1], "application/json", Map.of(), 1024))
                .isInstanceOf(FetchRefusedException.class)
                .hasMessage("The URL answered with a redirect, which is not followed for a POST");
        assertThatThrownBy(() -> fetcher.post(allowedUrl("/to-trap"), new byte[1], "application/json", Map.of(), 1024))
                .isInstanceOf(FetchRefusedException.class);
        assertThat(trap.connections()).as("connections that reached the trap").isZero();
    }

    @Test
    void reportsTheStatusOfAnUnsuccessfulPost() {
        assertThatThrownBy(() -> fetcher.post(allowedUrl("/missing"), new byte[1], "application/json", Map.of(), 1024))
                .isInstanceOfSatisfying(
                        FetchFailedException.class, e -> assertThat(e.status()).hasValue(404));
    }

    @Test
    void aPostGivesUpAtTheTimeOut() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> fetcher.post(allowedUrl("/stall"), new byte[1], "application/json", Map.of(), 1024))
                .isInstanceOf(FetchFailedException.class)
                .hasMessage("The URL took longer than 2s to fetch");
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("time until the post gave up")
                .isBetween(TIMEOUT.minusMillis(200), TIMEOUT.plusSeconds(1));
    }

    @Test
    void checksADestinationWithoutConnecting() {
        fetcher.checkDestination(allowedUrl("/hook"));

        assertThatThrownBy(() -> fetcher.checkDestination(URI.create("http://127.0.0.1:" + trap.port() + "/")))
                .isInstanceOf(FetchRefusedException.class)
                .hasMessage("The URL's host resolves to a loopback address, which is not allowed");
        assertThatThrownBy(() -> fetcher.checkDestination(URI.create("ftp://example.com/")))
                .isInstanceOf(FetchRefusedException.class);
        assertThat(trap.connections()).as("connections that reached the trap").isZero();
    }

    private int port() {
        return allowed.getAddress().getPort();
    }

    private URI allowedUrl(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    private static HttpHandler redirect(String location) {
        return exchange -> {
            exchange.getResponseHeaders().set("Location", location);
            send(exchange, 302, "text/plain", "moved".getBytes());
        };
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Answers with what it received: method, content type, signature header and body. */
    private static void echo(HttpExchange exchange) throws IOException {
        String received = exchange.getRequestMethod() + " "
                + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                + exchange.getRequestHeaders().getFirst("X-Signature") + " "
                + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        send(exchange, 200, "text/plain", received.getBytes(StandardCharsets.UTF_8));
    }

    /** Chunked, so no length announces it; stops only when the client hangs up. */
    private static void sendEndlessly(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "image/png");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            byte[] chunk = new byte[8192];
            for (int i = 0; i < 100_000; i++) {
                out.write(chunk);
            }
        }
    }

    /** A byte every 100 ms: no read ever waits long enough to time out on its own. */
    private static void trickle(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "image/png");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 300 && !Thread.currentThread().isInterrupted(); i++) {
                out.write('x');
                out.flush();
                pause(Duration.ofMillis(100));
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
