package dev.tollgate.provider.openai;

import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.http.DownloadGuard;
import dev.tollgate.provider.http.UpstreamHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;

/**
 * Fetches files an upstream points at by URL. A URL off the channel's own host passes the {@link DownloadGuard} first
 * and goes without the channel's key; redirects are not followed, so the guard sees every address fetched.
 */
final class UpstreamDownloads {

    private final UpstreamHttp http;
    private final ChannelRequests requests;
    private final DownloadGuard guard;

    UpstreamDownloads(UpstreamHttp http, ChannelRequests requests, DownloadGuard guard) {
        this.http = http;
        this.requests = requests;
        this.guard = guard;
    }

    /**
     * The file at {@code url}, whole, refusing more than {@code limit} bytes.
     *
     * @throws UpstreamException when the URL is refused, unreachable, answers an error or is too large
     */
    byte[] fetch(String url, long limit) {
        URI uri = vetted(url);
        HttpResponse<InputStream> response = http.send(requests.get(uri));
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw new UpstreamException("The upstream's file is larger than " + limit + " bytes", true);
            }
            return bytes;
        } catch (IOException e) {
            throw new UpstreamException("The upstream's file broke off: " + e.getMessage(), true, e);
        }
    }

    private URI vetted(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new UpstreamException("The upstream gave a malformed URL", true, e);
        }
        String scheme = uri.getScheme();
        if (uri.getHost() == null || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
            throw new UpstreamException("The upstream gave a URL that is not http(s)", true);
        }
        if (!requests.ownHost(uri)) {
            try {
                guard.check(uri);
            } catch (UpstreamException refused) {
                throw refused;
            } catch (RuntimeException refused) {
                throw new UpstreamException(
                        "The upstream pointed at an address the gateway does not fetch", true, refused);
            }
        }
        return uri;
    }
}
