package dev.tollgate.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Fetches a URL a caller gave, on the caller's behalf, without letting the URL reach into the gateway's network: only
 * http(s) without credentials, only public addresses (checked on the resolved address of every connection, so DNS
 * rebinding does not help), redirects followed by hand and checked like the first URL, and both size and total time
 * capped. Endpoints listed in {@code tollgate.fetch.allowed-endpoints} skip the address check. Posting to a
 * caller's URL (a webhook) goes through the same client and checks.
 */
@Service
public class SafeUrlFetcher implements AutoCloseable {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int BUFFER_SIZE = 16 * 1024;

    private final FetchProperties properties;
    private final AddressCheckingDnsResolver resolver;
    private final CloseableHttpClient client;
    private final ScheduledThreadPoolExecutor alarms;

    public SafeUrlFetcher(FetchProperties properties, HostResolver hostResolver) {
        this.properties = properties;
        this.resolver =
                new AddressCheckingDnsResolver(hostResolver, AllowedEndpoints.parse(properties.allowedEndpoints()));
        this.client = FetchHttpClient.create(properties, resolver);
        this.alarms = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().daemon().name("fetch-deadline").factory());
        this.alarms.setRemoveOnCancelPolicy(true);
    }

    /** Fetches at most {@code tollgate.fetch.max-bytes}. */
    public FetchedContent fetch(URI url) {
        return fetch(url, properties.maxBytes().toBytes());
    }

    /**
     * Fetches the URL, following up to {@code tollgate.fetch.max-redirects} redirects.
     *
     * @param maxBytes the most content accepted; more is refused without being read
     * @throws FetchRefusedException when the URL, a redirect or the size breaks the rules
     * @throws FetchFailedException when the URL cannot be fetched or answers with other than 2xx
     */
    public FetchedContent fetch(URI url, long maxBytes) {
        if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("A fetch reads at least one byte and less than 2 GiB");
        }
        Deadline deadline = Deadline.after(properties.timeout());
        FetchableUrl current = FetchableUrl.given(url);
        for (int redirects = 0; ; redirects++) {
            Answer answer = request(current, maxBytes, deadline);
            if (answer instanceof Served served) {
                return served.content();
            }
            if (redirects == properties.maxRedirects()) {
                throw new FetchRefusedException(
                        "The URL redirects more than " + properties.maxRedirects() + " times, which is not allowed");
            }
            current = ((Redirect) answer).target();
        }
    }

    /**
     * Posts a body to the URL under the same rules as a fetch, except that a redirect is refused rather than followed:
     * following it would mean sending the body somewhere the caller did not name.
     *
     * @param headers extra request headers, such as a signature
     * @param maxBytes the most response content accepted
     * @throws FetchRefusedException when the URL, a redirect answer or the response size breaks the rules
     * @throws FetchFailedException when the URL cannot be reached or answers with other than 2xx
     */
    public FetchedContent post(URI url, byte[] body, String contentType, Map<String, String> headers, long maxBytes) {
        if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("A response is read up to at least one byte and less than 2 GiB");
        }
        FetchableUrl target = FetchableUrl.given(url);
        HttpPost request = new HttpPost(target.uri());
        headers.forEach(request::setHeader);
        request.setEntity(new ByteArrayEntity(body, ContentType.parse(contentType)));
        Answer answer = request(target, request, maxBytes, Deadline.after(properties.timeout()));
        if (answer instanceof Served served) {
            return served.content();
        }
        throw new FetchRefusedException("The URL answered with a redirect, which is not followed for a POST");
    }

    /**
     * Checks, without connecting, that the URL could be fetched now: its form, and that its host resolves only to
     * allowed addresses. For refusing a URL when it is saved; every fetch checks again when it connects.
     *
     * @throws FetchRefusedException when the URL or an address it resolves to breaks the rules
     * @throws FetchFailedException when its host cannot be resolved
     */
    public void checkDestination(URI url) {
        FetchableUrl target = FetchableUrl.given(url);
        int port = target.uri().getPort() != -1
                ? target.uri().getPort()
                : target.uri().getScheme().equalsIgnoreCase("https") ? 443 : 80;
        try {
            resolver.resolve(target.uri().getHost(), port);
        } catch (ForbiddenAddressException e) {
            throw refused(target, e);
        } catch (UnknownHostException e) {
            throw new FetchFailedException(reason(target, e), e);
        }
    }

    private Answer request(FetchableUrl url, long maxBytes, Deadline deadline) {
        return request(url, new HttpGet(url.uri()), maxBytes, deadline);
    }

    private Answer request(FetchableUrl url, HttpUriRequestBase request, long maxBytes, Deadline deadline) {
        if (deadline.passed()) {
            throw timedOut(deadline, null);
        }
        Timeout remaining = Timeout.ofMilliseconds(deadline.remainingMillis());
        request.setConfig(RequestConfig.custom()
                .setConnectionRequestTimeout(remaining)
                .setResponseTimeout(remaining)
                .setRedirectsEnabled(false)
                .build());
        // the response time-out bounds each read, not the whole fetch; the alarm bounds the whole
        ScheduledFuture<?> alarm =
                alarms.schedule(request::cancel, deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
        ClassicHttpResponse response = null;
        try {
            response = client.executeOpen(null, request, null);
            return answer(url, response, maxBytes, deadline);
        } catch (ForbiddenAddressException e) {
            throw refused(url, e);
        } catch (IOException e) {
            throw failure(url, e, deadline);
        } finally {
            alarm.cancel(false);
            abandon(request, response);
        }
    }

    private Answer answer(FetchableUrl url, ClassicHttpResponse response, long maxBytes, Deadline deadline)
            throws IOException {
        int status = response.getCode();
        if (REDIRECTS.contains(status)) {
            return new Redirect(url.redirectTo(location(response)));
        }
        if (status < 200 || status > 299) {
            throw new FetchFailedException(status);
        }
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return new Served(new FetchedContent(new byte[0], null, url.uri(), status));
        }
        return new Served(
                new FetchedContent(read(entity, maxBytes, deadline), entity.getContentType(), url.uri(), status));
    }

    private static URI location(ClassicHttpResponse response) {
        Header location = response.getFirstHeader(HttpHeaders.LOCATION);
        if (location == null) {
            throw new FetchFailedException("The URL answered with a redirect but no location", null);
        }
        try {
            return new URI(location.getValue());
        } catch (URISyntaxException e) {
            throw new FetchFailedException("The URL redirects to a location that is not a valid URL", e);
        }
    }

    private static byte[] read(HttpEntity entity, long maxBytes, Deadline deadline) throws IOException {
        if (entity.getContentLength() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        // not closed here: closing reads the rest of the body, which abandon() avoids
        InputStream body = entity.getContent();
        // sized for the declared length, but not trusting a large one before its bytes arrive
        int expected = (int) Math.min(Math.max(entity.getContentLength(), BUFFER_SIZE), Math.min(maxBytes, 1 << 20));
        var bytes = new ByteArrayOutputStream(expected);
        byte[] buffer = new byte[BUFFER_SIZE];
        for (int read; (read = body.read(buffer)) != -1; ) {
            if (bytes.size() + (long) read > maxBytes) {
                throw tooLarge(maxBytes);
            }
            if (deadline.passed()) {
                throw timedOut(deadline, null);
            }
            bytes.write(buffer, 0, read);
        }
        return bytes.toByteArray();
    }

    /** Drops the connection instead of draining it, so an unread body (too large, or a redirect's) costs nothing. */
    private static void abandon(HttpUriRequestBase request, @Nullable ClassicHttpResponse response) {
        request.cancel();
        if (response != null) {
            try {
                response.close();
            } catch (IOException e) {
                // the connection is already gone; nothing is left to release
            }
        }
    }

    private static FetchRefusedException refused(FetchableUrl url, ForbiddenAddressException e) {
        return new FetchRefusedException(
                url.subject() + "'s host resolves to " + e.range().description() + ", which is not allowed");
    }

    private static FetchFailedException failure(FetchableUrl url, IOException e, Deadline deadline) {
        if (deadline.passed()) {
            return timedOut(deadline, e);
        }
        return new FetchFailedException(reason(url, e), e);
    }

    private static String reason(FetchableUrl url, IOException e) {
        if (e instanceof UnknownHostException) {
            return url.subject() + "'s host could not be found";
        }
        if (e instanceof ConnectTimeoutException) {
            return url.subject() + "'s host did not accept a connection in time";
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return url.subject() + "'s host refused the connection";
        }
        if (e instanceof SocketTimeoutException) {
            return url.subject() + " stopped answering before it was complete";
        }
        if (e instanceof SSLException) {
            return "A secure connection to " + url.object() + "'s host failed";
        }
        return "Fetching " + url.object() + " failed: the connection broke";
    }

    private static FetchFailedException timedOut(Deadline deadline, @Nullable Throwable cause) {
        return new FetchFailedException("The URL took longer than " + seconds(deadline.length()) + " to fetch", cause);
    }

    private static FetchRefusedException tooLarge(long maxBytes) {
        return new FetchRefusedException(
                "The URL's content is larger than " + maxBytes + " bytes, which is not allowed");
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    @Override
    public void close() throws IOException {
        alarms.shutdownNow();
        client.close();
    }

    private sealed interface Answer permits Served, Redirect {}

    private record Served(FetchedContent content) implements Answer {}

    private record Redirect(FetchableUrl target) implements Answer {}
}
