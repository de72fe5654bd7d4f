package dev.tollgate.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A webhook receiver on a loopback port, shared by the tests that configure it as allowed: every hook path records
 * what it was sent and answers 200, or the statuses a test queued for it first, after a delay if a test set one.
 */
public final class WebhookReceiver {

    /** One request as it arrived. */
    public record Delivery(Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private static final WebhookReceiver SHARED = new WebhookReceiver();

    private final HttpServer server;
    private final Map<String, List<Delivery>> received = new ConcurrentHashMap<>();
    private final Map<String, Deque<Integer>> answers = new ConcurrentHashMap<>();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();

    private WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hooks/", this::receive);
        server.start();
    }

    public static WebhookReceiver shared() {
        return SHARED;
    }

    /** {@code 127.0.0.1:<port>}, as {@code tollgate.fetch.allowed-endpoints} names it. */
    public String endpoint() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** A fresh hook URL no other test posts to. */
    public URI newHook() {
        return URI.create("http://" + endpoint() + "/hooks/" + UUID.randomUUID());
    }

    /** Answers the next requests to the hook with these statuses, then with 200 again. */
    public void answerNext(URI hook, Integer... statuses) {
        answers.computeIfAbsent(hook.getPath(), path -> new ArrayDeque<>()).addAll(List.of(statuses));
    }

    /** Answers every request to the hook only after this long, as a busy receiver does. */
    public void answerAfter(URI hook, Duration delay) {
        delays.put(hook.getPath(), delay);
    }

    public List<Delivery> deliveries(URI hook) {
        return List.copyOf(received.getOrDefault(hook.getPath(), List.of()));
    }

    /** Waits until the hook has received at least {@code count} requests, then returns all of them. */
    public List<Delivery> await(URI hook, int count, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (deliveries(hook).size() < count && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        return deliveries(hook);
    }

    private void receive(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.getFirst()));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(new Delivery(headers, body));
        Duration delay = delays.get(path);
        if (delay != null) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Deque<Integer> queued = answers.get(path);
        Integer status = queued == null ? null : queued.pollFirst();
        exchange.sendResponseHeaders(status == null ? 200 : status, -1);
        exchange.close();
    }
}
