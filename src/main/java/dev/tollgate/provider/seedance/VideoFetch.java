package dev.tollgate.provider.seedance;

import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.channel.ChannelConfig;
import dev.tollgate.provider.http.DownloadGuard;
import dev.tollgate.provider.http.UpstreamHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Locale;

/**
 * Fetches a finished clip from the address its task gives (a pre-signed object-storage URL) and streams it to the
 * target. The channel's key is never sent there: the address is signed already and is usually another host. Any
 * address not on the channel's own host and port is put to the {@link DownloadGuard} first.
 */
final class VideoFetch {

    private static final int BUFFER = 64 * 1024;

    private final ChannelConfig config;
    private final UpstreamHttp http;
    private final DownloadGuard guard;

    VideoFetch(ChannelConfig config, UpstreamHttp http, DownloadGuard guard) {
        this.config = config;
        this.http = http;
        this.guard = guard;
    }

    void copy(String address, OutputStream target) {
        URI url = vetted(address);
        HttpRequest request =
                HttpRequest.newBuilder(url).timeout(config.timeout()).GET().build();
        try (InputStream body = http.send(request).body()) {
            byte[] buffer = new byte[BUFFER];
            int read;
            while ((read = readFrom(body, buffer)) >= 0) {
                writeTo(target, buffer, read);
            }
        } catch (IOException e) {
            // closing a body that was read to its end; nothing was lost
        }
    }

    private URI vetted(String address) {
        URI url;
        try {
            url = URI.create(address);
        } catch (IllegalArgumentException e) {
            throw new UpstreamException("The task's video address is not a URL", false, e);
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
            throw new UpstreamException("The task's video address is not an http(s) URL", false);
        }
        if (!sameOrigin(url, config.baseUrl())) {
            try {
                guard.check(url);
            } catch (UpstreamException e) {
                throw e;
            } catch (RuntimeException e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                throw new UpstreamException("The task's video address was refused: " + why, false, e);
            }
        }
        return url;
    }

    private static boolean sameOrigin(URI url, URI base) {
        return base.getHost() != null && url.getHost().equalsIgnoreCase(base.getHost()) && port(url) == port(base);
    }

    private static int port(URI url) {
        if (url.getPort() >= 0) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    private static int readFrom(InputStream body, byte[] buffer) {
        try {
            return body.read(buffer);
        } catch (IOException e) {
            throw new UpstreamException("The video download broke off: " + e.getMessage(), true, e);
        }
    }

    private static void writeTo(OutputStream target, byte[] buffer, int length) {
        try {
            target.write(buffer, 0, length);
        } catch (IOException e) {
            throw new UpstreamException("The video could not be stored: " + e.getMessage(), false, e);
        }
    }
}
