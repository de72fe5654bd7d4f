package dev.tollgate.provider.openai;

import dev.tollgate.provider.channel.ChannelConfig;
import dev.tollgate.provider.http.UpstreamHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Requests to the channel's API carrying the channel's own credential and nothing of the caller's: the one place the
 * secret is put on the wire, and the one place that decides whether a URL is the channel's own.
 */
final class ChannelRequests {

    private final ChannelConfig config;
    private final UpstreamHttp http;

    ChannelRequests(ChannelConfig config, UpstreamHttp http) {
        this.config = config;
        this.http = http;
    }

    /** A request to {@code path} under the base URL, authorised with the channel's key when it has one. */
    HttpRequest.Builder to(String path) {
        return authorised(http.request(path));
    }

    HttpRequest postJson(String path, byte[] body) {
        return to(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    HttpRequest postMultipart(String path, MultipartBody body) {
        return to(path).header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toBytes()))
                .build();
    }

    /**
     * A GET of an absolute URL the upstream handed back; only the channel's own host gets the key, so a URL on a
     * storage host never learns it.
     */
    HttpRequest get(URI url) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(url).timeout(config.timeout()).GET();
        return ownHost(url) ? authorised(builder).build() : builder.build();
    }

    /** True when the URL is on the base URL's scheme, host and port. */
    boolean ownHost(URI url) {
        URI base = config.baseUrl();
        return Objects.equals(lower(base.getScheme()), lower(url.getScheme()))
                && Objects.equals(lower(base.getHost()), lower(url.getHost()))
                && port(base) == port(url);
    }

    private HttpRequest.Builder authorised(HttpRequest.Builder builder) {
        config.secretValue().ifPresent(key -> builder.header("Authorization", "Bearer " + key));
        return builder;
    }

    private static int port(URI url) {
        if (url.getPort() != -1) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    private static @Nullable String lower(@Nullable String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }
}
