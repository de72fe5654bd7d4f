package dev.tollgate.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, for requests an HTTP client library would refuse to send: control bytes in headers,
 * malformed paths, broken multipart bodies. Every request is sent with {@code Connection: close} and its whole answer
 * read back.
 */
public final class RawHttp {

    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    /** The answer to one request, as the server sent it (a chunked body is joined; for HEAD, whatever followed). */
    public record Response(int status, List<String> headerLines, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The first value of a header, or null. */
        public String header(String name) {
            return headers(name).stream().findFirst().orElse(null);
        }

        public List<String> headers(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headerLines.stream()
                    .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).strip())
                    .toList();
        }

        public String contentType() {
            String type = header("Content-Type");
            return type == null ? "" : type;
        }

        @Override
        public String toString() {
            return status + " " + headerLines + " " + text();
        }
    }

    /**
     * Sends {@code head} (request line and headers, each line ending CRLF, without the blank line that ends them) and
     * the body as they are, adding {@code Host}, {@code Connection: close} and, for a non-empty body,
     * {@code Content-Length}.
     */
    public Response send(String head, byte[] body) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(("Host: localhost\r\nConnection: close\r\n").getBytes(StandardCharsets.US_ASCII));
        if (body.length > 0) {
            request.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(body);
        return exchange(request.toByteArray(), head.startsWith("HEAD "));
    }

    public Response send(String head) {
        return send(head, new byte[0]);
    }

    public Response send(String head, String body) {
        return send(head, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends exactly these bytes, which must ask the server to close the connection after answering. A server may answer
     * and close before it has read a body it refuses (a 413); that answer is read all the same. The answer ends where
     * its framing says (its length, the last chunk), or where the server closes the connection: a server may keep
     * reading a body it refused once it has answered.
     */
    public Response exchange(byte[] request, boolean head) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException closedEarly) {
                // the answer, if any, is waiting to be read
            }
            return read(socket.getInputStream(), head);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response read(InputStream in, boolean head) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0D0A0D0A) {
            int b = in.read();
            if (b < 0) {
                return parse(raw.toByteArray(), head);
            }
            raw.write(b);
            last4 = (last4 << 8) | b;
        }
        Response framing = parse(raw.toByteArray(), true);
        String length = framing.header("Content-Length");
        boolean chunked = "chunked".equalsIgnoreCase(String.valueOf(framing.header("Transfer-Encoding")));
        if (head || (length != null && !chunked)) {
            raw.write(in.readNBytes(head ? 0 : Integer.parseInt(length.strip())));
        } else if (chunked) {
            readChunks(in, raw);
        } else {
            raw.write(in.readAllBytes());
        }
        return parse(raw.toByteArray(), head);
    }

    /** Copies chunks as they are (sizes included) up to and with the last, empty one and its trailer. */
    private static void readChunks(InputStream in, ByteArrayOutputStream raw) throws IOException {
        while (true) {
            String sizeLine = line(in);
            raw.writeBytes((sizeLine + "\r\n").getBytes(StandardCharsets.US_ASCII));
            int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
            if (size == 0) {
                for (String trailer = line(in); !trailer.isEmpty(); trailer = line(in)) {
                    raw.writeBytes((trailer + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                raw.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            raw.write(in.readNBytes(size + 2));
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private static Response parse(byte[] raw, boolean head) {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (end < 0) {
            throw new IllegalStateException(
                    "No complete response head in: " + new String(raw, StandardCharsets.ISO_8859_1));
        }
        List<String> lines =
                new ArrayList<>(Arrays.asList(new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n")));
        String statusLine = lines.removeFirst();
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
        boolean chunked =
                lines.stream().anyMatch(line -> line.toLowerCase(Locale.ROOT).matches("transfer-encoding:\\s*chunked"));
        if (chunked && !head) {
            body = dechunk(body);
        }
        return new Response(status, List.copyOf(lines), body);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, "\r\n".getBytes(StandardCharsets.US_ASCII), at);
            String sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            body.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return body.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
