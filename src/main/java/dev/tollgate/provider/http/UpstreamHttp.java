package dev.tollgate.provider.http;

import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.channel.ChannelConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP to one channel's upstream: its own connection pool and timeouts, and every failure turned into an
 * {@link UpstreamException} that says whether another channel may be tried. Requests carry what the adapter puts in
 * them and the attempt's trace context ({@link AttemptHeaders}): nothing else of the caller's request (keys, headers)
 * ever reaches here.
 *
 * <p>Adapters describe a request with the JDK's {@link HttpRequest}; it is sent with Apache HttpClient's classic,
 * blocking client on the calling (virtual) thread, which reads a stream with no hand-over between threads (decision
 * 0045). The channel's timeout covers the answer's headers, as before; a stream's first event has its own deadline
 * ({@link FirstEventDeadline}) and later silences none, so a model thinking for minutes is not cut off.
 */
public final class UpstreamHttp implements AutoCloseable {

    private static final int ERROR_BODY_LIMIT = 8 * 1024;
    /** Connections one channel may hold open; each running stream holds one. */
    private static final int MOST_CONNECTIONS = 20_000;
    /** Longer than any header line a provider sends (their longest are a few hundred bytes). */
    private static final int LONGEST_HEADER_LINE = 64 * 1024;
    /** Far more than any provider sends (a few dozen). */
    private static final int MOST_HEADERS = 256;

    private final ChannelConfig channel;
    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient client;

    public UpstreamHttp(ChannelConfig channel) {
        this.channel = channel;
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(MOST_CONNECTIONS)
                .setMaxConnPerRoute(MOST_CONNECTIONS)
                .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                        // the buffers keep their 8 KB: what the input buffer holds is what a stream sees as already
                        // arrived, so a smaller one split a burst of events into more writes to the caller (0066)
                        .http1Config(Http1Config.custom()
                                // an upstream's head is read into memory: bounded, not grown for as long as it sends
                                .setMaxLineLength(LONGEST_HEADER_LINE)
                                .setMaxHeaderCount(MOST_HEADERS)
                                .build())
                        .build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(channel.connectTimeout()))
                        // the answer's headers have their own deadline, a stream's silences none (see above)
                        .setSocketTimeout(Timeout.DISABLED)
                        // a pooled connection idle this long is checked before use: the upstream may have closed it
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                        .build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(channel.connectTimeout()))
                        .setResponseTimeout(Timeout.DISABLED)
                        .build())
                .disableRedirectHandling()
                // routing decides about retries, on this channel or another
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                // bodies go through as the upstream sent them
                .disableContentCompression()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .setUserAgent("tollgate")
                .build();
    }

    public ChannelConfig channel() {
        return channel;
    }

    /** A request to {@code path} under the channel's base URL, with the channel's answer timeout. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(channel.resolve(path)).timeout(channel.timeout());
    }

    /**
     * Sends the request and returns the answer's body as a stream, once the upstream answered with a 2xx status.
     *
     * @throws UpstreamException for no answer (retryable) or any other status (see {@link UpstreamFailures})
     */
    public HttpResponse<InputStream> send(HttpRequest request) {
        HttpUriRequestBase sent = new HttpUriRequestBase(request.method(), request.uri());
        request.headers().map().forEach((name, values) -> values.forEach(value -> sent.addHeader(name, value)));
        AttemptHeaders.current().forEach(sent::setHeader);
        byte[] body = PublishedBytes.of(request);
        if (body != null) {
            sent.setEntity(new ByteArrayEntity(body, contentType(request)));
        }
        AtomicBoolean late = new AtomicBoolean();
        Deadlines.Deadline deadline = Deadlines.after(request.timeout().orElse(channel.timeout()), () -> {
            late.set(true);
            sent.cancel();
        });
        HttpResponse<InputStream> response;
        try {
            ClassicHttpResponse answer = client.executeOpen(null, sent, null);
            deadline.cancel();
            response = new UpstreamResponse(request, answer, sent);
        } catch (SocketTimeoutException e) { // a connect timeout is one too
            throw new UpstreamException("The upstream did not answer in time", true, e);
        } catch (ConnectException e) {
            throw new UpstreamException("The upstream could not be reached", true, e);
        } catch (IOException e) {
            if (late.get()) {
                throw new UpstreamException("The upstream did not answer in time", true, e);
            }
            if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
                throw new UpstreamException("Interrupted while waiting for the upstream", false, e);
            }
            throw new UpstreamException("The upstream connection failed: " + e.getMessage(), true, e);
        } finally {
            deadline.cancel();
        }
        if (response.statusCode() / 100 != 2) {
            // an upstream that echoes the key it was sent ("invalid key sk-…") must not put it into logs or usage rows
            String error = withoutSecret(readError(response));
            throw UpstreamFailures.ofStatus(response.statusCode(), error, response.headers());
        }
        return response;
    }

    /** Sends the request and reads the whole answer as JSON. */
    public JsonNode sendForJson(HttpRequest request, JsonMapper json) {
        HttpResponse<InputStream> response = send(request);
        try (InputStream body = response.body()) {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UpstreamException("The upstream's answer broke off: " + e.getMessage(), true, e);
        } catch (RuntimeException e) {
            throw new UpstreamException("The upstream's answer is not JSON", true, e);
        }
    }

    private String withoutSecret(String text) {
        return channel.secretValue()
                .filter(secret -> secret.length() >= 4 && text.contains(secret))
                .map(secret -> text.replace(secret, "[channel secret]"))
                .orElse(text);
    }

    private static String readError(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            return new String(body.readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    private static ContentType contentType(HttpRequest request) {
        return request.headers()
                .firstValue("Content-Type")
                .map(ContentType::parseLenient)
                .orElse(ContentType.APPLICATION_OCTET_STREAM);
    }

    /**
     * Stops taking new requests; calls under way (a reply still streaming) finish on their own, on connections the pool
     * no longer hands out.
     */
    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }
}
