import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slow streams for bench/hot-path.sh, run as a single-file program ({@code java bench/SlowStreams.java ...}).
 *
 * <pre>
 *   stub PORT CHUNKS_FILE INTERVAL_MS          an upstream that sends each SSE event of the file, then waits INTERVAL_MS;
 *                                              GET /open answers how many streams it is sending at that moment
 *   load URL BODY_FILE KEY STREAMS SECONDS     STREAMS connections, each posting BODY_FILE and reading the stream to its
 *                                              end, again and again for SECONDS; prints time to first byte and errors
 * </pre>
 *
 * The load keeps its connections alive (a new connection per stream would run out of ports within seconds) and reads
 * the chunked framing itself, so the time to first byte is the first byte of the body, not of a client's buffer.
 */
public class SlowStreams {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "stub" -> stub(Integer.parseInt(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
            case "load" -> load(args[1], Path.of(args[2]), args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException("stub or load");
        }
    }

    // ---- the paced upstream ------------------------------------------------------------------------------------------

    static void stub(int port, Path chunks, int intervalMillis) throws IOException {
        List<byte[]> events = new ArrayList<>();
        for (String event : Files.readString(chunks).split("\n\n")) {
            if (!event.isBlank()) {
                events.add((event + "\n\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 8192);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        AtomicInteger open = new AtomicInteger();
        server.createContext("/", exchange -> pace(exchange, events, intervalMillis, open));
        server.createContext("/open", exchange -> {
            try (exchange) {
                byte[] count = Integer.toString(open.get()).getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(200, count.length);
                exchange.getResponseBody().write(count);
            }
        });
        server.start();
        System.out.println("paced stub on " + port + ": " + events.size() + " events, " + intervalMillis + " ms apart");
    }

    private static void pace(HttpExchange exchange, List<byte[]> events, int intervalMillis, AtomicInteger open)
            throws IOException {
        open.incrementAndGet();
        try (exchange) {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (int i = 0; i < events.size(); i++) {
                if (i > 0) {
                    Thread.sleep(intervalMillis);
                }
                out.write(events.get(i));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.decrementAndGet();
        }
    }

    // ---- the load ------------------------------------------------------------------------------------------------------

    static void load(String url, Path bodyFile, String key, int streams, int seconds) throws Exception {
        java.net.URI uri = java.net.URI.create(url);
        byte[] body = Files.readAllBytes(bodyFile);
        byte[] head = ("POST " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                        + "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\nContent-Length: "
                        + body.length + (key.isEmpty() ? "" : "\r\nAuthorization: Bearer " + key) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        ConcurrentLinkedQueue<Long> firstBytes = new ConcurrentLinkedQueue<>();
        AtomicLong completed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < streams; i++) {
                // connections open over the first second, as clients arrive, not in one burst past the listen backlog
                Duration arrival = Duration.ofNanos(1_000_000_000L * i / streams);
                threads.submit(() -> {
                    sleep(arrival);
                    while (System.nanoTime() < end) {
                        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
                            socket.setTcpNoDelay(true);
                            InputStream in = new BufferedInputStream(socket.getInputStream(), 16384);
                            OutputStream out = socket.getOutputStream();
                            while (System.nanoTime() < end) {
                                long sent = System.nanoTime();
                                out.write(head);
                                out.write(body);
                                out.flush();
                                long firstByte = readStream(in);
                                firstBytes.add(firstByte - sent);
                                completed.incrementAndGet();
                            }
                        } catch (IOException | RuntimeException failed) {
                            errors.incrementAndGet();
                            if (firstErrors.size() < 3) {
                                firstErrors.add(String.valueOf(failed));
                            }
                        }
                    }
                });
            }
        }
        long[] sorted = firstBytes.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(
                "SLOW streams=%d completed=%d errors=%d ttfb_p50_ms=%.2f ttfb_p99_ms=%.2f ttfb_max_ms=%.2f%n",
                streams, completed.get(), errors.get(), percentile(sorted, 50), percentile(sorted, 99),
                percentile(sorted, 100));
        firstErrors.forEach(error -> System.out.println("  error: " + error));
    }

    /** Reads one chunked 200 response to its end; the moment its first body byte arrived. */
    private static long readStream(InputStream in) throws IOException {
        String status = line(in);
        if (!status.startsWith("HTTP/1.1 200")) {
            throw new IOException("answered " + status);
        }
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            chunked |= header.toLowerCase().startsWith("transfer-encoding:") && header.toLowerCase().contains("chunked");
        }
        if (!chunked) {
            throw new IOException("the stream is not chunked");
        }
        long firstByte = 0;
        boolean done = false;
        while (true) {
            int size = Integer.parseInt(line(in).split(";")[0].trim(), 16);
            if (firstByte == 0) {
                firstByte = System.nanoTime();
            }
            if (size == 0) {
                line(in);
                if (!done) {
                    throw new IOException("the stream ended without [DONE]");
                }
                return firstByte;
            }
            byte[] chunk = in.readNBytes(size);
            done |= new String(chunk, StandardCharsets.UTF_8).contains("[DONE]");
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
