package dev.tollgate.provider.openai;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * An upstream that answers {@code 200 text/event-stream} at once and then sends nothing, which the JDK's own HTTP
 * server (buffering headers until the first chunk) cannot play.
 */
final class HeadersOnlyServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Thread worker;

    HeadersOnlyServer(Duration silence) throws IOException {
        socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        worker = Thread.ofVirtual().start(() -> {
            try (Socket connection = socket.accept()) {
                skipRequest(connection.getInputStream());
                OutputStream out = connection.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(silence);
            } catch (IOException | InterruptedException e) {
                // the client hung up, as the test expects
            }
        });
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1");
    }

    /** Reads the request's headers and its body, whose length they give. */
    private static void skipRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int read = in.read();
            if (read < 0) {
                return;
            }
            head.append((char) read);
        }
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring(15).strip()));
            }
        }
    }

    @Override
    public void close() throws IOException {
        worker.interrupt();
        socket.close();
    }
}
