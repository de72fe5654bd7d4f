package dev.tollgate.provider.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.ssl.SSLSession;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

/**
 * An upstream's answer as the adapters read it: status, headers and the body as a stream. Closing the body after its
 * end hands the connection back to the pool; closing it before (a caller gone, a deadline passed, from any thread)
 * drops the connection at once, where draining a long stream to reuse it would keep reading what nobody wants.
 */
final class UpstreamResponse implements HttpResponse<InputStream> {

    private final HttpRequest request;
    private final int status;
    private final HttpHeaders headers;
    private final InputStream body;

    UpstreamResponse(HttpRequest request, ClassicHttpResponse response, Cancellable exchange) throws IOException {
        this.request = request;
        this.status = response.getCode();
        this.headers = headersOf(response);
        HttpEntity entity = response.getEntity();
        this.body = new Body(entity == null ? InputStream.nullInputStream() : entity.getContent(), response, exchange);
    }

    @Override
    public int statusCode() {
        return status;
    }

    @Override
    public HttpRequest request() {
        return request;
    }

    @Override
    public Optional<HttpResponse<InputStream>> previousResponse() {
        return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
        return headers;
    }

    @Override
    public InputStream body() {
        return body;
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return Optional.empty();
    }

    @Override
    public URI uri() {
        return request.uri();
    }

    @Override
    public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
    }

    private static HttpHeaders headersOf(ClassicHttpResponse response) {
        Map<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header header : response.getHeaders()) {
            byName.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
        }
        return HttpHeaders.of(byName, (name, value) -> true);
    }

    private static final class Body extends FilterInputStream {

        private static final long LAST_BYTES = 4 * 1024;
        private static final Duration LAST_BYTES_WAIT = Duration.ofMillis(50);

        private final ClassicHttpResponse response;
        private final Cancellable exchange;
        private volatile boolean ended;

        Body(InputStream content, ClassicHttpResponse response, Cancellable exchange) {
            super(content);
            this.response = response;
            this.exchange = exchange;
        }

        @Override
        public int read() throws IOException {
            int read = super.read();
            ended |= read == -1;
            return read;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            ended |= read == -1;
            return read;
        }

        @Override
        public void close() throws IOException {
            if (ended || endsAtOnce()) {
                super.close();
                return;
            }
            // closing the response alone would read the rest of the body first, however long or silent it is
            exchange.cancel();
            try {
                response.close();
            } catch (IOException dropped) {
                // the connection was closed under it, as meant
            }
        }

        /**
         * Whether the body ends within a few more bytes that are already on their way: a stream is closed by its reader
         * once it has read the last event, just before the end of the body, and reading that end keeps the connection
         * for the next call instead of opening a new one. A body still streaming, or an upstream that stays silent,
         * is cut off by the deadline and dropped.
         */
        private boolean endsAtOnce() {
            if (Deadlines.isTimerThread()) {
                return false; // a deadline closing a stream must not wait on it
            }
            Deadlines.Deadline cutOff = Deadlines.after(LAST_BYTES_WAIT, exchange::cancel);
            try {
                byte[] rest = new byte[1024];
                long left = LAST_BYTES;
                int read;
                while (left > 0 && (read = in.read(rest, 0, (int) Math.min(rest.length, left))) != -1) {
                    left -= read;
                }
                ended = left > 0;
                return ended && cutOff.cancel();
            } catch (IOException cut) {
                return false;
            } finally {
                cutOff.cancel();
            }
        }
    }
}
