package dev.tollgate.provider.anthropic;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * An upstream that answers a stream's headers at once and then sends nothing, holding the connection open. The
 * stand-in sends headers only with its first chunk, so it cannot play this.
 */
final class SilentUpstream implements AutoCloseable {

    private final ServerSocket server;
    private final CountDownLatch closed = new CountDownLatch(1);

    SilentUpstream() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofVirtual().start(this::answerOne);
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1");
    }

    private void answerOne() {
        try (Socket socket = server.accept()) {
            skipRequestHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            closed.await();
        } catch (IOException | InterruptedException e) {
            // closed by the test
        }
    }

    /** Reads up to the blank line ending the request's headers; the small body stays in the socket's buffer. */
    private static void skipRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < end.length && (b = in.read()) >= 0) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        server.close();
    }
}
