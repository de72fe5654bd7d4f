package dev.tollgate.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A provider's API on a loopback port, for adapter and routing tests: it records every request as it arrived and
 * answers with what the test scripted for the request's method and path, in order (the last answer repeats).
 * Streaming answers are written chunk by chunk with an optional pause between chunks, as a real upstream streams.
 */
public final class UpstreamStandIn implements AutoCloseable {

    /** One request as it arrived. */
    public record Received(
            String method, String path, String query, Map<String, String> headers, byte[] body, Instant at) {

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** What to answer: status, headers and the body in chunks (each flushed), with a pause before every chunk. */
    public record Answer(int status, Map<String, String> headers, List<byte[]> chunks, Duration pause) {

        public static Answer json(int status, String body) {
            return new Answer(status, Map.of("content-type", "application/json"), List.of(bytes(body)), Duration.ZERO);
        }

        public static Answer json(String body) {
            return json(200, body);
        }

        /** A server-sent event stream; each element is one whole event text (lines without the closing blank line). */
        public static Answer sse(List<String> events, Duration pause) {
            List<byte[]> chunks = new ArrayList<>();
            events.forEach(event -> chunks.add(bytes(event + "\n\n")));
            return new Answer(200, Map.of("content-type", "text/event-stream"), chunks, pause);
        }

        public static Answer bytes(int status, String contentType, byte[] body) {
            return new Answer(status, Map.of("content-type", contentType), List.of(body), Duration.ZERO);
        }

        public Answer withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Answer(status, more, chunks, pause);
        }

        private static byte[] bytes(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> rawPaths = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Function<Received, Answer>>> scripts = new LinkedHashMap<>();

    public UpstreamStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::answer);
        server.start();
    }

    /** The stand-in's address with {@code path} appended, e.g. {@code baseUrl("/v1")}. */
    public URI baseUrl(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Answers {@code method path} requests with these answers in turn; the last one repeats. */
    public synchronized UpstreamStandIn on(String method, String path, Answer... answers) {
        Deque<Function<Received, Answer>> queue = scripts.computeIfAbsent(key(method, path), k -> new ArrayDeque<>());
        for (Answer answer : answers) {
            queue.add(request -> answer);
        }
        return this;
    }

    /** Answers {@code method path} requests with whatever {@code answer} makes of each one. */
    public synchronized UpstreamStandIn onEach(String method, String path, Function<Received, Answer> answer) {
        scripts.computeIfAbsent(key(method, path), k -> new ArrayDeque<>()).add(answer);
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(String method, String path) {
        return received.stream()
                .filter(r -> r.method().equals(method) && r.path().equals(path))
                .toList();
    }

    /** The paths of all requests as they were sent, percent-encoding intact, in order of arrival. */
    public List<String> rawPaths() {
        return List.copyOf(rawPaths);
    }

    public Received last() {
        if (received.isEmpty()) {
            throw new AssertionError("The stand-in received nothing");
        }
        return received.getLast();
    }

    public synchronized void reset() {
        received.clear();
        rawPaths.clear();
        scripts.clear();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.getFirst()));
            URI uri = exchange.getRequestURI();
            Received request = new Received(
                    exchange.getRequestMethod(),
                    uri.getPath(),
                    uri.getRawQuery() == null ? "" : uri.getRawQuery(),
                    headers,
                    exchange.getRequestBody().readAllBytes(),
                    Instant.now());
            received.add(request);
            rawPaths.add(uri.getRawPath());
            Function<Received, Answer> script = next(request.method(), request.path());
            if (script == null) {
                byte[] body = ("{\"error\":{\"message\":\"The stand-in has no answer for " + request.method() + " "
                                + request.path() + "\"}}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(404, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            write(exchange, script.apply(request));
        } catch (IOException e) {
            // the client went away mid-answer, as clients do
        }
    }

    private synchronized Function<Received, Answer> next(String method, String path) {
        Deque<Function<Received, Answer>> queue = scripts.get(key(method, path));
        if (queue == null || queue.isEmpty()) {
            return null;
        }
        return queue.size() > 1 ? queue.pollFirst() : queue.peekFirst();
    }

    private static void write(HttpExchange exchange, Answer answer) throws IOException {
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        boolean streamed = answer.chunks().size() > 1 || !answer.pause().isZero();
        long length =
                streamed ? 0 : answer.chunks().stream().mapToLong(c -> c.length).sum();
        exchange.sendResponseHeaders(answer.status(), length == 0 && !streamed ? -1 : length);
        OutputStream out = exchange.getResponseBody();
        for (byte[] chunk : answer.chunks()) {
            if (!answer.pause().isZero()) {
                try {
                    Thread.sleep(answer.pause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            out.write(chunk);
            out.flush();
        }
    }

    private static String key(String method, String path) {
        return method.toUpperCase() + " " + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
