package dev.tollgate.provider.simulator.video;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local web server for playback tests, serving fixed files with byte ranges the way a browser's media player asks
 * for them.
 */
final class VideoServer implements AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    private record File(String contentType, byte[] bytes) {}

    private final Map<String, File> files = new ConcurrentHashMap<>();
    private final HttpServer server;

    VideoServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    void put(String path, String contentType, byte[] bytes) {
        files.put(path, new File(contentType, bytes));
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            File file = files.get(exchange.getRequestURI().getPath());
            if (file == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            int length = file.bytes().length;
            exchange.getResponseHeaders().set("Content-Type", file.contentType());
            exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            String range = exchange.getRequestHeaders().getFirst("Range");
            Matcher matcher = range == null ? null : RANGE.matcher(range);
            int from = 0;
            int to = length - 1;
            if (matcher != null && matcher.matches()) {
                from = Integer.parseInt(matcher.group(1));
                to = matcher.group(2).isEmpty() ? to : Math.min(to, Integer.parseInt(matcher.group(2)));
                if (from > to) {
                    exchange.getResponseHeaders().set("Content-Range", "bytes */" + length);
                    exchange.sendResponseHeaders(416, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + length);
                exchange.sendResponseHeaders(206, to - from + 1);
            } else {
                exchange.sendResponseHeaders(200, length);
            }
            if (!exchange.getRequestMethod().equals("HEAD")) {
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(file.bytes(), from, to - from + 1);
                }
            }
        }
    }
}
