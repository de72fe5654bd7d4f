package dev.tollgate.provider.http;

import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.channel.ChannelConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP to one channel's upstream: its own connection pool and timeouts, and every failure turned into an
 * {@link UpstreamException} that says whether another channel may be tried. Requests carry only what the adapter puts
 * in them: nothing of the caller's request (keys, headers) ever reaches here.
 */
public final class UpstreamHttp implements AutoCloseable {

    private static final int ERROR_BODY_LIMIT = 8 * 1024;

    private final ChannelConfig channel;
    private final HttpClient client;

    public UpstreamHttp(ChannelConfig channel) {
        this.channel = channel;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(channel.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
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
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new UpstreamException("The upstream did not answer in time", true, e);
        } catch (ConnectException e) {
            throw new UpstreamException("The upstream could not be reached", true, e);
        } catch (IOException e) {
            throw new UpstreamException("The upstream connection failed: " + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException("Interrupted while waiting for the upstream", false, e);
        }
        if (response.statusCode() / 100 != 2) {
            // an upstream that echoes the key it was sent ("invalid key sk-…") must not put it into logs or usage rows
            String body = withoutSecret(readError(response));
            throw UpstreamFailures.ofStatus(response.statusCode(), body, response.headers());
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

    /** Stops taking new requests; calls under way (a reply still streaming) finish on their own. */
    @Override
    public void close() {
        client.shutdown();
    }
}
