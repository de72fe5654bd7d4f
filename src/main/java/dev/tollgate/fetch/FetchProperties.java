package dev.tollgate.fetch;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How caller-given URLs are fetched ({@code tollgate.fetch.*}).
 *
 * @param connectTimeout the longest wait for one connection to open
 * @param timeout the longest a whole fetch may take, redirects and reading included
 * @param maxRedirects how many redirects are followed before the fetch is refused
 * @param maxBytes the most content a fetch reads unless the caller asks for less
 * @param allowedEndpoints {@code host:port} pairs (IPv6 hosts in brackets) that are fetched even though they are in a
 *     private, loopback or otherwise forbidden range, such as an internal image host. A pair matches a URL whose host
 *     and port are written the same way (ignoring case; 80 and 443 when the URL gives no port). Where such an endpoint
 *     redirects to is checked as usual.
 */
@ConfigurationProperties("tollgate.fetch")
public record FetchProperties(
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("20s") Duration timeout,
        @DefaultValue("3") int maxRedirects,
        @DefaultValue("20MB") DataSize maxBytes,
        @DefaultValue List<String> allowedEndpoints) {

    public FetchProperties {
        if (!connectTimeout.isPositive() || !timeout.isPositive()) {
            throw new IllegalArgumentException("Fetch time-outs are positive");
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("max-redirects is 0 (no redirects) or more");
        }
        if (maxBytes.toBytes() < 1) {
            throw new IllegalArgumentException("max-bytes is positive");
        }
        allowedEndpoints = List.copyOf(allowedEndpoints);
        AllowedEndpoints.parse(allowedEndpoints);
    }

    /** The defaults: 5s to connect, 20s in all, 3 redirects, 20 MiB, no endpoint exempt. */
    public static FetchProperties defaults() {
        return new FetchProperties(
                Duration.ofSeconds(5), Duration.ofSeconds(20), 3, DataSize.ofMegabytes(20), List.of());
    }

    /** These settings with exactly the given endpoints exempt from the address check, e.g. {@code "127.0.0.1:8089"}. */
    public FetchProperties withAllowedEndpoints(String... endpoints) {
        return new FetchProperties(connectTimeout, timeout, maxRedirects, maxBytes, List.of(endpoints));
    }

    /** These settings with another overall time-out. */
    public FetchProperties withTimeout(Duration timeout) {
        return new FetchProperties(connectTimeout, timeout, maxRedirects, maxBytes, allowedEndpoints);
    }
}
