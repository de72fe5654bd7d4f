package dev.tollgate.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.channel.ChannelConfig;
import dev.tollgate.provider.channel.ChannelKind;
import dev.tollgate.provider.channel.ChannelSecret;
import dev.tollgate.support.UpstreamStandIn;
import dev.tollgate.support.UpstreamStandIn.Answer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Error answers become upstream failures that say whether to try elsewhere, and never carry the channel's key; the
 * answer timeout covers the headers only; connections are kept for the next call, and dropped when a body is left.
 */
class UpstreamHttpTests {

    static final String SECRET = "sk-echoed-by-a-careless-upstream";

    final UpstreamStandIn upstream = new UpstreamStandIn();
    final UpstreamHttp http = new UpstreamHttp(new ChannelConfig(
            "echo",
            ChannelKind.OPENAI_COMPATIBLE,
            upstream.baseUrl("/v1"),
            new ChannelSecret(SECRET),
            null,
            Map.of(),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5)));

    @AfterEach
    void stop() {
        http.close();
        upstream.close();
    }

    @Test
    void anUpstreamThatEchoesTheKeyInItsErrorDoesNotGetItIntoTheMessage() {
        upstream.on(
                "GET",
                "/v1/models",
                Answer.json(401, "{\"error\":{\"message\":\"Incorrect API key: " + SECRET + "\"}}"));

        assertThatThrownBy(() -> http.send(http.request("/models").GET().build()))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.getMessage())
                            .isEqualTo("The upstream answered 401: Incorrect API key: [channel secret]")
                            .doesNotContain(SECRET);
                    assertThat(e.retryable())
                            .as("another channel may hold a working key")
                            .isTrue();
                    assertThat(e.status()).isEqualTo(401);
                });
    }

    @Test
    void retryAfterInSecondsOrMillisecondsIsRead() {
        upstream.on(
                "GET",
                "/v1/models",
                Answer.json(429, "{}").withHeader("retry-after", "7"),
                Answer.json(429, "{}").withHeader("retry-after-ms", "1500"));

        assertThatThrownBy(() -> http.send(http.request("/models").GET().build()))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
        assertThatThrownBy(() -> http.send(http.request("/models").GET().build()))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(1500)));
    }

    @Test
    void theRequestsOwnFaultsAreNotRetriedElsewhere() {
        upstream.on(
                "GET",
                "/v1/models",
                Answer.json(400, "{\"error\":{\"message\":\"bad schema\"}}"),
                Answer.json(422, "{}"),
                Answer.json(503, "{}"));

        assertThatThrownBy(() -> http.send(http.request("/models").GET().build()))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("The upstream answered 400: bad schema");
                });
        assertThatThrownBy(() -> http.send(http.request("/models").GET().build()))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.retryable()).isFalse());
        assertThatThrownBy(() -> http.send(http.request("/models").GET().build()))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void anUnreachableUpstreamIsRetryableWithNoStatus() throws Exception {
        int port = upstream.port();
        upstream.close();
        try (UpstreamHttp closed = new UpstreamHttp(new ChannelConfig(
                "gone",
                ChannelKind.OPENAI_COMPATIBLE,
                java.net.URI.create("http://127.0.0.1:" + port + "/v1"),
                null,
                null,
                Map.of(),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1)))) {
            assertThatThrownBy(() -> closed.send(closed.request("/models").GET().build()))
                    .isInstanceOfSatisfying(UpstreamException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.status()).isZero();
                    });
        }
    }

    @Test
    void aStreamMayFallSilentForLongerThanTheAnswerTimeoutOnceItsHeadersCame() throws Exception {
        try (RawUpstream server = new RawUpstream(UpstreamHttpTests::slowEvents);
                UpstreamHttp quick = channel(server.baseUrl(), Duration.ofSeconds(1))) {
            HttpResponse<InputStream> response = quick.send(quick.request("/chat/completions")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build());
            try (InputStream body = response.body()) {
                assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8))
                        .as("every event arrives although the later ones came 1.5 s apart, over the 1 s timeout")
                        .contains("data: one", "data: two", "data: [DONE]");
            }
        }
    }

    @Test
    void anUpstreamThatSendsNoHeadersInTimeIsASlowUpstreamToTryElsewhere() throws Exception {
        try (ServerSocket mute = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                UpstreamHttp quick = channel(
                        URI.create("http://127.0.0.1:" + mute.getLocalPort() + "/v1"), Duration.ofMillis(500))) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> quick.send(quick.request("/models").GET().build()))
                    .isInstanceOfSatisfying(UpstreamException.class, e -> {
                        assertThat(e.getMessage()).isEqualTo("The upstream did not answer in time");
                        assertThat(e.retryable()).isTrue();
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("the call ends at its timeout, not when the upstream gives up")
                    .isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void answersReadToTheirEndLeaveTheConnectionForTheNextCall() throws Exception {
        try (RawUpstream server = new RawUpstream(UpstreamHttpTests::answerEachWithEmptyJson);
                UpstreamHttp pooled = channel(server.baseUrl(), Duration.ofSeconds(5))) {
            for (int call = 0; call < 20; call++) {
                try (InputStream body =
                        pooled.send(pooled.request("/models").GET().build()).body()) {
                    assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8))
                            .isEqualTo("{}");
                }
            }
            assertThat(server.connections())
                    .as("20 calls one after another share one connection")
                    .hasValue(1);
        }
    }

    @Test
    void aBodyLeftBeforeItsEndIsDroppedAtOnceNotReadToTheEnd() throws Exception {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            events.add("data: " + i + "\n\n");
        }
        upstream.on("POST", "/v1/chat/completions", Answer.sse(events, Duration.ofMillis(200)));
        HttpResponse<InputStream> response = http.send(http.request("/chat/completions")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
        InputStream body = response.body();
        assertThat(body.read()).as("the first event's first byte").isEqualTo('d');
        long started = System.nanoTime();
        body.close();
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("closing does not wait for the other 99 events (20 s)")
                .isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aHeaderLineThatDoesNotEndIsRefusedWithoutReadingItAll() throws Exception {
        AtomicLong sent = new AtomicLong();
        try (RawUpstream server = new RawUpstream(connection ->
                        answerWithHead(connection, "X-Padding: " + "a".repeat(64 * 1024 - 11), 512, sent));
                UpstreamHttp client = channel(server.baseUrl(), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> client.send(client.request("/models").GET().build()))
                    .isInstanceOfSatisfying(UpstreamException.class, e -> {
                        assertThat(e.getMessage())
                                .isEqualTo("The upstream connection failed: Maximum line length limit exceeded");
                        assertThat(e.retryable())
                                .as("another channel may answer properly")
                                .isTrue();
                    });
            assertThat(sent.get())
                    .as("the client stopped reading long before the 32 MB header line ended")
                    .isLessThan(16L * 1024 * 1024);
        }
    }

    @Test
    void anAnswerWithEndlessHeadersIsRefused() throws Exception {
        try (RawUpstream server =
                        new RawUpstream(connection -> answerWithHead(connection, "X-Many: 1\r\n", 100_000, null));
                UpstreamHttp client = channel(server.baseUrl(), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> client.send(client.request("/models").GET().build()))
                    .isInstanceOfSatisfying(
                            UpstreamException.class,
                            e -> assertThat(e.getMessage())
                                    .isEqualTo("The upstream connection failed: Maximum header count exceeded"));
        }
    }

    private static UpstreamHttp channel(URI baseUrl, Duration timeout) {
        return new UpstreamHttp(new ChannelConfig(
                "timed", ChannelKind.OPENAI_COMPATIBLE, baseUrl, null, null, Map.of(), Duration.ofSeconds(1), timeout));
    }

    /** Headers and a first event at once, then two more events 1.5 s apart, then the end of the body. */
    private static void slowEvents(Socket connection) throws IOException, InterruptedException {
        skipRequestHead(connection);
        OutputStream out = connection.getOutputStream();
        out.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\ndata: one\n\n"
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        for (String event : List.of("data: two\n\n", "data: [DONE]\n\n")) {
            Thread.sleep(1500);
            out.write(event.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    /**
     * Answers with a head of {@code times} copies of {@code piece} after the status line, then {@code {}}; counts in
     * {@code sent} what the client took before it hung up.
     */
    private static void answerWithHead(Socket connection, String piece, int times, AtomicLong sent) throws IOException {
        skipRequestHead(connection);
        OutputStream out = connection.getOutputStream();
        out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = piece.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < times; i++) {
            out.write(bytes);
            if (sent != null) {
                sent.addAndGet(bytes.length);
            }
        }
        out.write("\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads the request's head; a small body stays unread. */
    private static void skipRequestHead(Socket connection) throws IOException {
        BufferedReader in =
                new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
        String line;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
            // header lines
        }
    }

    /** Answers every request on the connection with {@code {}}, keeping it open. */
    private static void answerEachWithEmptyJson(Socket connection) throws IOException {
        BufferedReader in =
                new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = connection.getOutputStream();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        }
    }

    /** An upstream written on a bare socket, for what the stand-in cannot do; counts the connections it accepted. */
    private static final class RawUpstream implements AutoCloseable {

        @FunctionalInterface
        interface Conversation {
            void hold(Socket connection) throws Exception;
        }

        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger connections = new AtomicInteger();
        private final Conversation conversation;
        private final Thread acceptor;

        RawUpstream(Conversation conversation) throws IOException {
            this.conversation = conversation;
            this.acceptor = Thread.ofVirtual().start(this::accept);
        }

        URI baseUrl() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1");
        }

        AtomicInteger connections() {
            return connections;
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    connections.incrementAndGet();
                    Thread.ofVirtual().start(() -> {
                        try (connection) {
                            conversation.hold(connection);
                        } catch (Exception gone) {
                            // the client closed the connection
                        }
                    });
                } catch (IOException closed) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            acceptor.interrupt();
        }
    }
}
