package dev.tollgate.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A streamed answer read over a bare HTTP/1.1 socket, so that the chunked framing stays visible: each chunk as it
 * arrived, with the moment it was read. SDKs and {@code HttpClient} hide how a reply was cut into writes.
 *
 * @param status the status code
 * @param headers the header lines, names lower-cased
 * @param chunks the body's chunks in order, the closing empty chunk left out
 */
public record ChunkedReply(int status, List<String> headers, List<Chunk> chunks) {

    /** One HTTP chunk's text and when it was read ({@link System#nanoTime()}). */
    public record Chunk(String text, long arrivedNanos) {}

    /** POSTs {@code json} to {@code path} on the local port with a bearer key and reads the chunked answer. */
    public static ChunkedReply post(int port, String path, String key, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                            + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            List<String> headers = new ArrayList<>();
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                headers.add(header.toLowerCase(Locale.ROOT));
            }
            if (!headers.contains("transfer-encoding: chunked")) {
                throw new AssertionError("The answer is not chunked: " + statusLine + " " + headers);
            }
            List<Chunk> chunks = new ArrayList<>();
            while (true) {
                String sizeLine = line(in);
                int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
                if (size == 0) {
                    return new ChunkedReply(status, headers, chunks);
                }
                byte[] data = in.readNBytes(size);
                long arrived = System.nanoTime();
                if (data.length < size || !line(in).isEmpty()) {
                    throw new AssertionError("A chunk broke off or did not end in CRLF");
                }
                chunks.add(new Chunk(new String(data, StandardCharsets.UTF_8), arrived));
            }
        }
    }

    /** The body as the client assembles it. */
    public String body() {
        StringBuilder body = new StringBuilder();
        chunks.forEach(chunk -> body.append(chunk.text()));
        return body.toString();
    }

    /** When the chunk holding {@code text} arrived; the text must not straddle two chunks. */
    public long arrivalOf(String text) {
        return chunks.stream()
                .filter(chunk -> chunk.text().contains(text))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No chunk holds " + text + ": " + chunks))
                .arrivedNanos();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new AssertionError("The answer ended mid-line");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.US_ASCII);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
